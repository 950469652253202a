"""A loss over two chosen logits (the others held): heatmap, contours, the negative gradient."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF

from softmax_viewer.qt import plotting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting import VIEW_LIMIT, PlotPanel, steady_range
from softmax_viewer.qt.plotting.fitting import fit_title
from softmax_viewer.qt.plotting.items import ViewNote

LOSS_NAMES = {"ce": QT_TRANSLATE_NOOP("", "softmax CE"), "smoothed_ce": QT_TRANSLATE_NOOP("", "label-smoothed CE"),
              "lse_hinge": QT_TRANSLATE_NOOP("", "LSE-hinge"), "hinge": QT_TRANSLATE_NOOP("", "hinge")}


def colour_levels(lo: float, hi: float, last=None, roomy: bool = False) -> tuple[float, float]:
    """The colour scale's range for data in [lo, hi]: it stays put during a drag.

    ``roomy`` (while a slider is held or values follow each other quickly)
    leaves a whole span of room on the side the data grow toward and keeps the
    scale while they fill a quarter of it: a drag that scales the loss up by
    10 % a tick moves it every few ticks instead of every other one. The panel
    fits it tightly again when the changes stop.
    """
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return (0.0, 1.0)
    size = max(abs(lo), abs(hi))
    if hi - lo <= 1e-9 * max(1.0, size):
        return flat_levels(0.5 * lo + 0.5 * hi, lo >= 0)
    # A loss that varies by less than 2 % of its size over the grid is shown
    # as the flat surface it is (the contours still trace its shape), not
    # stretched over the whole colour map: at a high temperature the surface
    # flattens toward log N, and a scale fitted to its last 0.1 % chased the
    # drift of every tick.
    floor = 0.02 * max(abs(lo), abs(hi))
    # coarse and roomy: colours that stay comparable from one frame of a drag
    # to the next read better than a scale that always spans the data exactly
    if roomy:
        levels = steady_range(lo, hi, last, steps=5, fill=0.25, grow=1.0, min_span=floor)
    else:
        levels = steady_range(lo, hi, last, steps=5, fill=0.35, grow=0.35, min_span=floor)
    if lo >= 0 and levels[0] < 0:          # a loss is never negative: neither is its scale
        levels = (0.0, levels[1])
    return levels


def flat_levels(value: float, non_negative: bool) -> tuple[float, float]:
    """The colour scale of a surface of one value: value ± max(0.5, 1e-6 |value|), so that its
    ticks read the value (not a span of 1e-12 around it); moved up to start at 0 for a loss
    whose value is below 0.5 (a hinge of 0 everywhere: 0 .. 1)."""
    value = min(max(value, -VIEW_LIMIT), VIEW_LIMIT)       # (a surface capped near the float range)
    half = max(0.5, 1e-6 * abs(value))
    lo, hi = value - half, value + half
    if non_negative and lo < 0:
        lo, hi = 0.0, 2 * half
    return (float(lo), float(hi))


class SurfacePanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("", "Loss surface over two logits")
    tooltip = QT_TRANSLATE_NOOP("", "The chosen loss as two logits z_i, z_j vary and the others stay: colour is the loss, "
                                "white lines are contours, the dot is the current logits and the arrow the negative "
                                "gradient (the way gradient descent moves them).")

    def __init__(self, parent=None):
        super().__init__(parent)
        fit_title(self.plot)
        # the view is always set from the grid: never fitted to the items (whose
        # bounds, for logits near the float range, pyqtgraph cannot pad)
        self.plot.disableAutoRange()
        # made with data, so that the levels the colour bar hands it below are taken
        # at once (an empty ImageItem defers them and applies them over the first
        # image's own levels)
        self.image = plotting.image(self.plot, np.zeros((2, 2)), levels=(0.0, 1.0))
        self.image.setColorMap(plotting.colormap.get("viridis"))
        # contours come precomputed (derived.contour_segments): pyqtgraph's
        # IsocurveItem traces them in Python at paint time, ~15 ms a frame
        self.contours = plotting.curve(self.plot, plotting.pen((255, 255, 255, 190), width=1), connect="pairs")
        self.arrow_line = plotting.curve(self.plot, plotting.pen("#ff4136", width=2.5), connect="all")
        self.point = plotting.dots(self.plot, size=11, pen=plotting.pen("w", width=1.5), brush="#ff4136")
        self.arrow_head = plotting.arrow(self.plot, angle=0, headLen=14, tipAngle=35, brush="#ff4136", pen=None)
        self.colorbar = plotting.colour_bar(self.plot, self.image, plotting.colormap.get("viridis"), width=12)
        # a fixed width: new tick labels do not re-lay-out the plot beside it
        self.colorbar.axis.setWidth(48)
        self.view_note = ViewNote(self.plot, at=(0.0, 0.0), size_pt=8.5)     # a stand-in point, said
        self._levels = None
        self.moving = False            # set by the window: changes follow each other quickly

    def stand_in_note(self, bundle) -> str:
        """What the point stands for when a logit it is drawn at is not finite ("" otherwise)."""
        d, st = bundle.surface, bundle.state
        z = np.asarray(st.logits)
        lines = []
        for k, at in ((d.i, d.point[0]), (d.j, d.point[1])):
            v = float(z[k])
            if not np.isfinite(v):
                lines.append(self.tr("z{k} = {value}: the point is drawn at a stand-in z{k} = {at:.4g}, the smallest "
                                     "finite logit").format(k=k, value="−∞" if v < 0 else "+∞", at=at))
        return "\n".join(lines)

    def shows(self, bundle):
        d, st = bundle.surface, bundle.state
        return (d, st.label(d.i), st.label(d.j))

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.surface
        st = bundle.state
        vals = d.values
        # the scale follows the data shown: the last one is kept only while changes follow each
        # other quickly (a drag), and refitted when they stop (settle)
        lo, hi = colour_levels(float(np.min(vals)), float(np.max(vals)), self._levels if self.moving else None,
                               self.moving)
        self.image.setImage(vals, levels=(lo, hi), autoLevels=False)
        if (lo, hi) != self._levels:
            # the colour bar redraws its axis only: by default it would hand the
            # levels to the image again (a second setImage, ~1.5 ms)
            self._levels = (lo, hi)
            self.colorbar.setLevels((lo, hi), update_items=False)
        x0, y0 = float(d.zi[0]), float(d.zj[0])
        dx, dy = float(d.zi[1]) - x0, float(d.zj[1]) - y0
        self.image.setRect(QRectF(x0 - dx / 2, y0 - dy / 2, dx * d.zi.size, dy * d.zj.size))
        self.contours.setData(*d.contours)
        x0, y0 = d.point
        self.point.setData([x0], [y0])
        self.view_note.set_text(self.stand_in_note(bundle))
        gx, gy = d.neg_grad
        norm = float(np.hypot(gx, gy))
        span = float(d.zi[-1] - d.zi[0])
        if norm > 0 and np.isfinite(norm):
            length = 0.22 * span
            ex, ey = x0 + gx / norm * length, y0 + gy / norm * length
            self.arrow_line.setData([x0, ex], [y0, ey])
            self.arrow_head.setPos(ex, ey)
            # the item turned, not its path made again (setStyle builds a new path each time)
            self.arrow_head.setRotation(180 - float(np.degrees(np.arctan2(gy, gx))))
            self.arrow_head.show()
        else:
            self.arrow_line.setData([], [])
            self.arrow_head.hide()
        name = tr(LOSS_NAMES[d.loss])
        over = self.tr("{0} over z{1}, z{2}").format(name, d.i, d.j)
        full = self.tr("{0} over z{1}, z{2}  (∞ shown at the top colour)").format(name, d.i, d.j) if d.has_inf else over
        self.text.title(self.plot, full, "10pt", shorter=(over, f"z{d.i}, z{d.j}"))
        self.text.label(self.plot, "bottom", f"z{d.i}  ({st.label(d.i)})")
        self.text.label(self.plot, "left", f"z{d.j}  ({st.label(d.j)})")
        self.text.range(self.plot, x=(float(d.zi[0]), float(d.zi[-1])), y=(float(d.zj[0]), float(d.zj[-1])))

    def settle(self) -> None:
        """The changes stopped: the colour scale fits the surface again (if it does not already)."""
        self.moving = False
        if self.bundle is not None:
            vals = self.bundle.surface.values
            if colour_levels(float(np.min(vals)), float(np.max(vals))) != self._levels:
                self._levels = None
                self.plot_bundle(self.bundle)
