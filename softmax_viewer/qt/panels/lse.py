"""LSE against max: max(u) <= LSE(u) <= max(u) + log N while the scale or N sweeps."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from softmax_viewer.qt.panels.base import AA_CURVE, BLUE, GREY, RED, PlotPanel, finite_or_nan, nice_ceiling


class LsePanel(PlotPanel):
    title = "max(u) ≤ LSE(u) ≤ max(u) + log N"
    tooltip = ("LSE(u) = log Σ exp(u_i) lies between max(u) and max(u) + log N: close to max when the "
               "logits are spread (large s, small T), close to max + log N when they are flat.")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot.addLegend(offset=(5, 5), labelTextSize="8pt")
        self.max_curve = self.plot.plot([], [], pen=pg.mkPen(GREY, width=2, style=Qt.DashLine), name="max(u)", **AA_CURVE)
        self.lse_curve = self.plot.plot([], [], pen=pg.mkPen(BLUE, width=2.5), name="LSE(u)", **AA_CURVE)
        self.bound_curve = self.plot.plot([], [], pen=pg.mkPen(RED, width=2, style=Qt.DotLine),
                                          name="max(u) + log N", **AA_CURVE)
        # a PlotDataItem (not a bare scatter) so that the log x axis applies to it
        self.marker = self.plot.plot([], [], pen=None, symbol="o", symbolSize=10, symbolBrush=BLUE,
                                     symbolPen="k")
        self.vline = pg.InfiniteLine(angle=90, pen=pg.mkPen("#999", width=1))
        self.plot.addItem(self.vline)
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("left", "value")

    def update_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.lse
        self.max_curve.setData(d.x, finite_or_nan(d.max_curve))
        self.lse_curve.setData(d.x, finite_or_nan(d.lse_curve))
        self.bound_curve.setData(d.x, finite_or_nan(d.bound_curve))
        mx = d.marker_x if d.marker_x > 0 else d.x[0]
        self.marker.setData([mx, mx, mx], finite_or_nan([d.marker_max, d.marker_lse, d.marker_bound]))
        self.vline.setValue(math.log10(mx))
        self.text.label(self.plot, "bottom", d.xlabel)
        # x: whole decades around the current point; y: what the curves do within
        # a factor of two of it, widened in steps, so that the axes are redrawn
        # only when the view really moves (and the gap max .. max + log N shows)
        lo_x = max(math.log10(d.x[0]), math.floor(math.log10(mx)) - 1)
        hi_x = min(math.log10(d.x[-1]), math.ceil(math.log10(mx)) + 1)
        near = (d.x >= mx / 2) & (d.x <= mx * 2)
        ys = np.concatenate([d.max_curve[near], d.bound_curve[near], [d.marker_max, d.marker_bound]])
        ys = ys[np.isfinite(ys)]
        if ys.size:
            lo, hi = float(ys.min()), float(ys.max())
            step = nice_ceiling(max(hi - lo, 0.5)) / 4
            lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
            view = (lo_x, hi_x, lo, hi)
        else:
            view = (lo_x, hi_x, None, None)
        if view != getattr(self, "_view", None):
            self._view = view
            self.plot.setXRange(lo_x, hi_x, padding=0.02)
            if view[2] is not None:
                self.plot.setYRange(view[2], view[3], padding=0.02)
            else:
                self.plot.enableAutoRange(axis="y")
