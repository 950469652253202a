"""Bars without outline."""
from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter

from softmax_viewer.qt.arrays import qt_array
from softmax_viewer.qt.plotting.items import ViewSpan

class Bars(ViewSpan):
    """Filled bars of one colour, without outline.

    BarGraphItem records its bars into a QPicture one by one and answers the
    scene's frequent boundingRect calls from Python with bounds arithmetic;
    forty bars cost it more than the plot they sit in. Here a new set of bars
    is one array of rectangles made by numpy, and a paint is one drawRects call
    that reads it in place (``qt_array``) (Qt fills axis-aligned rectangles
    with its fastest span filler; a filled path of the same bars took up to
    0.6 ms for tall bars). ``opts`` keeps
    BarGraphItem's keys (x, y0, y1, height, width, brush), and a legend shows
    the bars as a square of their colour.
    """

    def __init__(self, brush, width=0.6, name=None):
        super().__init__()
        self.opts = {"x": np.zeros(0), "y0": np.zeros(0), "y1": np.zeros(0), "height": np.zeros(0),
                     "width": float(width), "brush": pg.mkBrush(brush), "pen": None, "name": name,
                     "symbol": "s", "size": 17, "antialias": False}
        self._rects = np.zeros((0, 4))    # one row per bar: left, bottom, width, height (QRectF's layout)

    def setOpts(self, x, height=None, y0=0.0, y1=None, width=None) -> None:
        """Bars centred on x, from y0 up (or down) to y1 = y0 + height."""
        x = np.asarray(x, dtype=np.float64).ravel()
        n = x.size
        y0 = self._column(y0, n)
        y1 = y0 + self._column(height if height is not None else 0.0, n) if y1 is None else self._column(y1, n)
        w = self.opts["width"] if width is None else float(width)
        self.opts.update(x=x, y0=y0, y1=y1, height=y1 - y0, width=w)
        ok = np.isfinite(x) & np.isfinite(y0) & np.isfinite(y1)
        if ok.all():
            xs, a, b = x, y0, y1
        else:
            xs, a, b = x[ok], y0[ok], y1[ok]
        if xs.size:
            rects = np.empty((xs.size, 4))
            np.subtract(xs, w / 2, out=rects[:, 0])
            bottom = np.minimum(a, b, out=rects[:, 1])
            rects[:, 2] = w
            np.subtract(np.maximum(a, b), bottom, out=rects[:, 3])
            self._rects = rects
        else:
            self._rects = np.zeros((0, 4))
        self._x, self._y = xs, b
        self._measured = False
        self.informViewBoundsChanged()
        self.update()

    def _measure(self):
        rects = self._rects
        if not len(rects):
            return None
        left, bottom = rects[:, 0], rects[:, 1]
        return ((float(left.min()), float(left.max() + self.opts["width"])),
                (float(bottom.min()), float((bottom + rects[:, 3]).max())))

    @staticmethod
    def _column(v, n):
        """``v`` (a number or n numbers) as n float64s."""
        v = np.asarray(v, dtype=np.float64)
        return v.ravel() if v.size == n and v.ndim else np.full(n, float(v))

    def paint(self, p, *args):
        if len(self._rects):
            p.setRenderHint(QPainter.Antialiasing, False)
            p.setPen(Qt.NoPen)
            p.setBrush(self.opts["brush"])
            p.drawRects(qt_array(self._rects, QRectF), len(self._rects))
