"""Stock pyqtgraph items behind the plotting layer's interface.

What each custom item is measured against (benchmarks/bench_instructions.py
``--stock KIND``, which sets SOFTMAX_VIEWER_STOCK_ITEMS): the same calls, drawn
by pyqtgraph's own item. Where a custom item did not save its keep, its stock
twin here is what the panels draw.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg


class StockBars(pg.BarGraphItem):
    """pyqtgraph's BarGraphItem (no outline) with the plotting layer's ``setOpts(x, height, y0, y1, width)``."""

    def __init__(self, brush, width=0.6, name=None):
        self._ready = False
        super().__init__(x=np.zeros(0), height=np.zeros(0), width=width, brush=brush, pen=None)
        self._ready = True
        # what a legend sample reads: a square of the bars' colour
        self.opts.update(name=name, symbol="s", size=17, antialias=False)

    def name(self):
        return self.opts.get("name")

    def setOpts(self, x=None, height=None, y0=0.0, y1=None, width=None, **kwargs):
        if not self._ready:                 # pyqtgraph's own call from its constructor
            return super().setOpts(x=x, height=height, width=width, **kwargs)
        x = np.asarray(x, dtype=np.float64).ravel()
        y0 = np.broadcast_to(np.asarray(y0, dtype=np.float64), x.shape)
        if y1 is None:
            y1 = y0 + np.broadcast_to(np.asarray(0.0 if height is None else height, dtype=np.float64), x.shape)
        y1 = np.broadcast_to(np.asarray(y1, dtype=np.float64), x.shape)
        ok = np.isfinite(x) & np.isfinite(y0) & np.isfinite(y1)
        super().setOpts(x=x[ok], y0=y0[ok], y1=y1[ok], height=None,
                        width=self.opts["width"] if width is None else float(width))


class StockDots(pg.ScatterPlotItem):
    """pyqtgraph's ScatterPlotItem with the plotting layer's ``setData(x, y, brushes=None)``."""

    def __init__(self, size=10, pen="k", brush="#1f77b4", symbol="o", name=None):
        self._default_brush = pg.mkBrush(brush)
        self._ready = False
        super().__init__(size=size, pen=pen, brush=brush, symbol=symbol, name=name)
        self._ready = True

    def setData(self, x=None, y=None, brushes=None, **kwargs):
        if not self._ready:                 # pyqtgraph's own call from its constructor
            return super().setData(**kwargs)
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        ok = np.isfinite(x) & np.isfinite(y)
        brush = ([b for b, keep in zip(brushes, ok) if keep] if brushes is not None else self._default_brush)
        super().setData(x=x[ok], y=y[ok], brush=brush)


def stock_curve(pen, name=None, connect="finite", antialias=True):
    return pg.PlotCurveItem(pen=pg.mkPen(pen), name=name, connect=connect, antialias=antialias)
