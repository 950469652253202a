"""Hinge -> LSE-hinge -> softplus = softmax cross-entropy, against the target's margin."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from softmax_viewer.derived import MARGIN_REACHES

from softmax_viewer.qt import plotting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting import BLUE, GREEN, GREY, ORANGE, PlotPanel, finite_or_nan, steady_ceiling
from softmax_viewer.qt.plotting.fitting import fit_title, legend_below


class LossPanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("", "Losses against the target's margin")
    tooltip = QT_TRANSLATE_NOOP("", "x: the margin u_y − max_{i≠y} u_i, the other logits held. Hinge max(−margin, 0); "
                                    "LSE-hinge replaces the rival max by LSE; softplus of that is softmax "
                                    "cross-entropy; label smoothing adds ε/N·Σ −log p_i, which has a minimum "
                                    "instead of falling forever.")

    def __init__(self, parent=None):
        super().__init__(parent)
        fit_title(self.plot)
        self.text.title(self.plot, tr(self.title), "11pt",
                        shorter=(self.tr("Losses against the margin"), self.tr("Losses")))
        legend = plotting.legend(self.plot, offset=(-5, 5), labelTextSize="8pt")
        specs = (
            ("hinge", self.tr("hinge"), plotting.pen(GREY, width=2, style=Qt.DashLine)),
            ("lse_hinge", self.tr("LSE-hinge"), plotting.pen(GREEN, width=2)),
            ("ce", self.tr("softmax CE"), plotting.pen(BLUE, width=2.5)),
            ("smoothed_ce", self.tr("label-smoothed CE"), plotting.pen(ORANGE, width=2, style=Qt.DashLine)),
        )
        self.curves = {}
        for key, name, pen in specs:
            self.curves[key] = plotting.curve(self.plot, pen, name)
        # the current point on every curve, in one item
        self.markers = plotting.dots(self.plot, size=9, pen="k")
        self._marker_brushes = [plotting.brush(pen.color()) for _, _, pen in specs]
        self.vline = plotting.rule(self.plot, angle=90, pen=plotting.pen("#999", width=1))
        # seed 001's question: the LSE-hinge is the hinge with an implicit margin, LSE - max of the rivals
        self.implicit = plotting.rule(self.plot, angle=90, pen=plotting.pen(GREEN, width=1, style=Qt.DotLine),
                                      label=self.tr("implicit margin"),
                                      labelOpts={"position": 0.55, "color": GREEN, "rotateAxis": (1, 0)})
        self.plot.setLabel("left", self.tr("loss"))
        self.legend_place = legend_below(self.plot, legend)      # under the plot, over no curve
        self._ceiling = None           # the top of the loss axis
        self._span = None              # how far the margin axis reaches, left and right

    def margin_span(self, cur: float) -> tuple[float, float]:
        """How far the margin axis reaches, left and right, for the current margin.

        The first of MARGIN_REACHES beyond the margin (and 2 more) on each side;
        the last span is kept while it holds the margin and is at most 2.5 times
        the one needed, so that values that come and go (a spin box stepped back
        and forth, a drag there and back) do not move the axis every time.
        """
        def reach(v):
            return next((r for r in MARGIN_REACHES if r >= v), MARGIN_REACHES[-1])
        need = (reach(2.0 - cur), reach(cur + 2.0)) if math.isfinite(cur) else (MARGIN_REACHES[0],) * 2
        if self._span is None or not all(n <= r <= 2.5 * n for n, r in zip(need, self._span)):
            self._span = need
        return self._span

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.loss
        top = 0.0
        left, right = self.margin_span(d.current_margin)
        shown = (d.margin >= -left) & (d.margin <= right)     # the curves over the span shown
        margin = d.margin[shown]
        x_mark = float(np.clip(d.current_margin, -left, right))
        # off the axis: said under it (a longer title would widen the plot past its panel)
        self.text.label(self.plot, "bottom", self.tr("margin u_y − max rival") if x_mark == d.current_margin else
                        self.tr("margin u_y − max rival  (now {0:.4g}: off the axis)").format(d.current_margin))
        ys = []
        near = (margin > x_mark - 6) & (margin < x_mark + 6)     # the curves around the point
        for key, line in self.curves.items():
            y = finite_or_nan(getattr(d, key)[shown])
            line.setData(margin, y)
            ys.append(d.current[key])
            y = y[near]
            y = y[y == y]                                             # NaN left out
            if y.size:
                top = max(top, float(y.max()))
        self.markers.setData([x_mark] * 4, finite_or_nan(ys), brushes=self._marker_brushes)
        self.vline.setValue(x_mark)
        implicit = bundle.readout["implicit_margin"]      # where the LSE-hinge reaches 0
        self.implicit.setValue(implicit if bundle.state.temperature > 0 and -left <= implicit <= right else math.nan)
        self.implicit.setToolTip(self.tr("Implicit margin {0:.4g} = LSE − max of the rivals, within [0, log(N − 1)] "
                                         "= [0, {1:.4g}]: the LSE-hinge is 0 only when u_y beats the best rival by "
                                         "it.").format(implicit, bundle.readout["implicit_margin_max"]))
        # axes are redrawn only when a range moves: the loss axis keeps its
        # ceiling while the curves near the point reach between 30 % of it and it
        self._ceiling = steady_ceiling(max(top, 1.0), self._ceiling)
        self.text.range(self.plot, x=(-left, right))
        self.text.range(self.plot, y=(0.0, self._ceiling), padding=0.02)
