"""LSE against max: max(u) <= LSE(u) <= max(u) + log N while the scale or N sweeps."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from softmax_viewer.qt import plotting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting import BLUE, GREY, PURPLE, RED, PlotPanel, finite_or_nan, steady_range
from softmax_viewer.qt.plotting.fitting import fit_title, legend_below
from softmax_viewer.qt.plotting.items import ViewNote


def log_ticks(lo: float, hi: float):
    """Ticks for a log10 axis over [lo, hi] (in decades): every decade labelled,
    and 2 and 5 labelled too when fewer than three decades show."""
    major, minor = [], []
    few = hi - lo < 3
    for k in range(math.floor(lo), math.ceil(hi) + 1):
        for m in range(1, 10):
            v = k + math.log10(m)
            if not lo - 1e-9 <= v <= hi + 1e-9:
                continue
            if m == 1:
                major.append((v, f"{10.0 ** k:g}"))
            elif few and m in (2, 5):
                minor.append((v, f"{m * 10.0 ** k:g}"))
            else:
                minor.append((v, ""))
    return [major, minor]


class LsePanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("", "max(u) ≤ LSE(u) ≤ max(u) + log N")
    tooltip = QT_TRANSLATE_NOOP("", "LSE(u) = log Σ exp(u_i) lies between max(u) and max(u) + log N: close to max "
                                    "when the logits are spread (large s, small T), close to max + log N when "
                                    "they are flat.")

    def __init__(self, parent=None):
        super().__init__(parent)
        fit_title(self.plot)
        self.text.title(self.plot, tr(self.title), "11pt",
                        shorter=(self.tr("max ≤ LSE ≤ max + log N"), self.tr("LSE against max")))
        legend = plotting.legend(self.plot, offset=(5, 5), labelTextSize="8pt")
        # x is plotted as log10(x) and only the axis is told (its ticks read 10^k):
        # cheaper than pyqtgraph's per-item log mode on every setData
        self.max_curve = plotting.curve(self.plot, plotting.pen(GREY, width=2, style=Qt.DashLine), self.tr("max(u)"))
        self.lse_curve = plotting.curve(self.plot, plotting.pen(BLUE, width=2.5), self.tr("LSE(u)"))
        self.bound_curve = plotting.curve(self.plot, plotting.pen(RED, width=2, style=Qt.DotLine), self.tr("max(u) + log N"))
        self.marker = plotting.dots(self.plot, size=10, pen="k", brush=BLUE)
        self.vline = plotting.rule(self.plot, angle=90, pen=plotting.pen("#999", width=1))
        self.legend_place = legend_below(self.plot, legend)      # under the plot, over no curve
        # cosine logits: the smallest s at which N classes can reach p_y = 0.9 and 0.99 (NormFace)
        self.cosine_rules = [plotting.rule(self.plot, angle=90, pen=plotting.pen(PURPLE, width=1, style=Qt.DashLine),
                                           label=text, labelOpts={"position": pos, "color": PURPLE})
                             for text, pos in ((self.tr("p_y 0.9 possible"), 0.9), (self.tr("p_y 0.99"), 0.75))]
        self.plot.getAxis("bottom").setLogMode(True)
        self.plot.setLabel("left", self.tr("value"))
        self.view_note = ViewNote(self.plot, at=(0.5, 0.0))     # why the plot is empty, when it is
        self._x = None                 # (the sweep's x, its log10), kept while the sweep is the same
        self._view = None              # (x0, x1, y0, y1): moved only when the point leaves it

    def shows(self, bundle):
        return (bundle.lse,)

    def empty_note(self, bundle, marked: bool) -> str:
        """Why nothing is drawn, when nothing is ("" otherwise)."""
        d, st = bundle.lse, bundle.state
        if marked or any(np.isfinite(c).any() for c in (d.max_curve, d.lse_curve, d.bound_curve)):
            return ""
        if st.temperature == 0:
            z = np.asarray(st.logits)
            top = float(np.max(z))
            ties = int(np.count_nonzero(z == top))
            sign = "+" if top > 0 else "−"
            return self.tr("T = 0: u = s·z/T is infinite, so max(u) and LSE(u) are {sign}∞ at every scale and "
                           "there is nothing finite to draw. Their gap LSE − max stays finite: log {ties} = {gap:.4g}, "
                           "the log of the number of classes tied at the top logit.").format(
                               sign=sign, ties=ties, gap=math.log(ties))
        return self.tr("Nothing finite to draw: max(u), LSE(u) and max(u) + log N are all infinite here.")

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.lse
        if self._x is None or self._x[0] is not d.x:
            self._x = (d.x, np.log10(d.x))
        lx = self._x[1]
        self.max_curve.setData(lx, finite_or_nan(d.max_curve))
        self.lse_curve.setData(lx, finite_or_nan(d.lse_curve))
        self.bound_curve.setData(lx, finite_or_nan(d.bound_curve))
        mx = d.marker_x if d.marker_x > 0 else d.x[0]
        marks = finite_or_nan([d.marker_max, d.marker_lse, d.marker_bound])
        ok = np.isfinite(marks)
        self.marker.setData(np.full(int(ok.sum()), math.log10(mx)), marks[ok])
        self.vline.setValue(math.log10(mx))
        st, r = bundle.state, bundle.readout
        for rule, key in zip(self.cosine_rules, ("cosine_scale_90", "cosine_scale_99")):
            # u = s·z/T: the bound is on s/T, so at this T it stands at s = bound · T
            at_s = r[key] * st.temperature
            rule.setValue(math.log10(at_s) if st.cosine and st.lse_mode == "scale" and at_s > 0 else math.nan)
        g = bundle.state.generator
        self.text.label(self.plot, "bottom", self.tr("scale s (T fixed)") if d.mode == "scale" else
                        self.tr("class count N (logits evenly spaced over [{0:g}, {1:g}])").format(g.low, g.high))
        self.view_note.set_text(self.empty_note(bundle, ok.any()))
        # The view follows the point so that the gap max .. max + log N shows, but
        # in steps, so that the axes are redrawn only when it really moves:
        # x: whole decades around the point, kept while the point stays half a
        # decade inside them; y: what the curves do within a factor of two of
        # the point, kept while it fits (steady_range).
        at, first, end = math.log10(mx), math.log10(d.x[0]), math.log10(d.x[-1])
        last = self._view
        if (last is not None and last[0] <= max(first, at - 0.5) and min(end, at + 0.5) <= last[1]
                and first <= last[0] and last[1] <= end):
            lo_x, hi_x = last[0], last[1]
        else:
            lo_x = max(first, math.floor(at) - 1)
            hi_x = min(end, math.ceil(at) + 1)
        near = (d.x >= mx / 2) & (d.x <= mx * 2)
        ys = np.concatenate([d.max_curve[near], d.bound_curve[near], [d.marker_max, d.marker_bound]])
        ys = ys[np.isfinite(ys)]
        if ys.size:
            lo, hi = float(ys.min()), float(ys.max())
            if hi - lo < 0.5:                      # flat: still show a little around it
                lo, hi = lo - 0.25, hi + 0.25
            y_last = last[2:] if last is not None and last[2] is not None else None
            view = (lo_x, hi_x) + steady_range(lo, hi, y_last, steps=4, fill=0.25, grow=0.5)
        else:
            view = (lo_x, hi_x, None, None)
        if view != last:            # each axis is redrawn only when its own range moves
            self._view = view
            self.text.ticks(self.plot.getAxis("bottom"), log_ticks(lo_x, hi_x))
            self.text.range(self.plot, x=(lo_x, hi_x), padding=0.02)
            if view[2] is not None:
                self.text.range(self.plot, y=(view[2], view[3]), padding=0.02)
            else:
                self.text.forget_range(self.plot, "y")
                self.plot.enableAutoRange(axis="y")
