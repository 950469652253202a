"""Dots: a few markers of a fixed size in pixels."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QImage, QPainter, QPixmap)

from softmax_viewer.qt.arrays import qt_array
from softmax_viewer.qt.plotting.items import ViewSpan, on_screen

class Dots(ViewSpan):
    """A few markers of a fixed size in pixels: round ("o") or square ("s").

    ScatterPlotItem is built for thousands of points (spot tables, symbol
    atlases, hit masks); for a few dozen markers its setData and paint cost
    more than the plot around them. ``opts`` holds what a legend sample reads
    (a named Dots without pen shows as its symbol).

    On screen round markers are copied from a small picture of the marker:
    Qt's raster engine fills an antialiased ellipse through its general path
    filler (3 to 4 µs a marker, 0.4 ms for the precision lab's forty), where a
    copy is a blit. The picture (an atlas) holds the marker drawn at every
    quarter of a pixel, so a copy matches the ellipse drawn at the point to
    within that; the points are placed with numpy and all copies of one colour
    are made by one drawPixmapFragments call. Exports (PNG, SVG, PDF) draw the
    ellipses themselves.
    """

    _PHASES = 4                          # sub-pixel positions the marker is drawn at, per axis
    _atlases: dict = {}                  # (style, device pixel ratio) -> (QPixmap, pad, side)

    def __init__(self, size=10, pen="k", brush="#1f77b4", symbol="o", name=None):
        super().__init__()
        self._size = float(size)
        self._pen = pg.mkPen(pen)
        self._brush = pg.mkBrush(brush)
        self._brushes = None
        self._square = symbol == "s"
        self._plain = [(self._style(self._brush), self._brush, None)]    # (style, brush, points' indices)
        self._groups = self._plain
        self._grouped = None           # (brushes given, which points were kept) the groups were made for
        self.opts = {"pen": pen, "brush": self._brush, "symbol": symbol, "size": size, "name": name,
                     "antialias": True}

    def setData(self, x, y, brushes=None) -> None:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        ok = np.isfinite(x) & np.isfinite(y)
        self._x, self._y = x[ok], y[ok]
        if brushes is None:
            self._brushes = None
            self._groups = self._plain
            self._grouped = None
        elif (given := ([QBrush(b) if isinstance(b, QBrush) else b for b in brushes], ok.tobytes())) != self._grouped:
            # (a panel's markers keep their colours from tick to tick: grouped once; the
            # brushes given are kept as copies, so that one changed in place is seen)
            self._grouped = given
            self._brushes = [pg.mkBrush(b) for b, keep in zip(brushes, ok) if keep]
            styles = {}
            for k, brush in enumerate(self._brushes):
                key = self._style(brush)
                styles.setdefault(key if key is not None else ("alone", k), (key, brush, []))[2].append(k)
            self._groups = [(key, brush, np.asarray(idx)) for key, brush, idx in styles.values()]
        self.informViewBoundsChanged()
        self.update()

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        v = self._x if ax == 0 else self._y
        return (float(v.min()), float(v.max())) if v.size else (None, None)

    def _device_points(self, t):
        """The points mapped by ``t`` (a view's scale and shift), and which of them are near
        enough to draw: Qt's rasteriser is not made for coordinates beyond about 1e9 pixels."""
        with np.errstate(over="ignore", invalid="ignore"):
            a = self._x * t.m11() + t.m31()
            b = self._y * t.m22() + t.m32()
            return a, b, (np.abs(a) < 1e9) & (np.abs(b) < 1e9)

    @staticmethod
    def _drawn(idx, near):
        """Which points a colour group (``idx``: its points, None for all) draws: its near ones."""
        if idx is None:
            return near
        sel = np.zeros_like(near)
        sel[idx] = near[idx]
        return sel

    def paint(self, p, *args):
        if not self._x.size or self._squares(p) or self._blit(p):
            return
        # ellipses (exports) and squares: a few dozen points at most, as plain Python
        # floats (numpy's per-call overhead, and its overflow warnings, cost more here)
        t = p.transform()
        pts = [(q.x(), q.y()) for q in (t.map(QPointF(a, b)) for a, b in zip(self._x.tolist(), self._y.tolist()))]
        brushes = self._brushes if self._brushes is not None else [self._brush] * len(pts)
        # points mapped far off the view (data near the float range) are not drawn:
        # Qt's rasteriser is not made for coordinates beyond about 1e9 pixels (NaN fails too)
        keep = [abs(a) < 1e9 and abs(b) < 1e9 for a, b in pts]
        pts = [pt for pt, k in zip(pts, keep) if k]
        brushes = [b for b, k in zip(brushes, keep) if k]
        r = self._size / 2
        p.save()
        p.resetTransform()             # markers keep their shape in pixels, whatever the axes' scales
        p.setRenderHint(QPainter.Antialiasing, not self._square)
        p.setPen(self._pen)
        for brush, (a, b) in zip(brushes, pts):
            p.setBrush(brush)
            if self._square:
                p.drawRect(QRectF(a - r, b - r, 2 * r, 2 * r))
            else:
                p.drawEllipse(QPointF(a, b), r, r)
        p.restore()

    def _style(self, brush):
        """What a picture of this marker in ``brush`` depends on; None for a brush that is not
        one plain colour (those markers are drawn as ellipses)."""
        if self._square or brush.style() != Qt.SolidPattern:
            return None
        pen = self._pen
        return (self._size, pen.style().value, pen.color().rgba(), pen.widthF(), pen.isCosmetic(),
                brush.color().rgba())

    def _atlas(self, key, brush, dpr):
        """(picture, pad, side): the marker in ``brush`` drawn PHASES² times side by side in
        cells of ``side`` device pixels; in cell fy·PHASES + fx its centre is fx, fy quarters
        of a device pixel past the corner of the pixel ``pad`` pixels in from the cell's corner."""
        if len(Dots._atlases) > 256:
            Dots._atlases.clear()
        pen, r, q = self._pen, self._size / 2, self._PHASES
        pad = math.ceil(r + pen.widthF() / 2 + 1)
        side = (2 * pad + 1) * int(dpr)         # whole logical pixels a cell: cells are copies
        img = QImage(side * q * q, side, QImage.Format_ARGB32_Premultiplied)
        img.setDevicePixelRatio(dpr)
        img.fill(0)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(pen)
        painter.setBrush(brush)
        for fy in range(q):
            for fx in range(q):
                left = (fy * q + fx) * (2 * pad + 1)
                painter.drawEllipse(QPointF(left + pad + fx / (q * dpr), pad + fy / (q * dpr)), r, r)
        painter.end()
        atlas = Dots._atlases[(key, dpr)] = (QPixmap.fromImage(img), pad, side)
        return atlas

    def _squares(self, p) -> bool:
        """Square markers, one drawRects call a colour; False if not squares (or not mapped
        by a scale and shift)."""
        t = p.transform()
        if not self._square or not self._scale_and_shift(t):
            return False
        a, b, near = self._device_points(t)
        r = self._size / 2
        p.save()
        p.resetTransform()             # markers keep their shape in pixels, whatever the axes' scales
        p.setRenderHint(QPainter.Antialiasing, False)
        p.setPen(self._pen)
        for _key, brush, idx in self._groups:
            sel = self._drawn(idx, near)
            if not sel.any():
                continue
            rects = np.empty((int(sel.sum()), 4))
            rects[:, 0] = a[sel] - r
            rects[:, 1] = b[sel] - r
            rects[:, 2] = rects[:, 3] = 2 * r
            p.setBrush(brush)
            p.drawRects(qt_array(rects, QRectF), len(rects))
        p.restore()
        return True

    def _blit(self, p) -> bool:
        """Paint round markers as copies from their atlas, on a screen; False (nothing
        painted) where the ellipses are to be drawn instead."""
        if self._square or not on_screen(p):
            return False
        dpr = p.device().devicePixelRatioF()
        t = p.transform()
        if (dpr != int(dpr) or any(key is None for key, _b, _i in self._groups)
                or not self._scale_and_shift(t)):
            return False
        q = self._PHASES
        if dpr == 1.0 and self._x.size <= 16:
            # a few markers (the panels' current points): plain Python floats and one
            # copy each cost less than numpy's per-call overhead
            m11, m22, dx, dy = t.m11(), t.m22(), t.m31(), t.m32()
            xs, ys = self._x.tolist(), self._y.tolist()
            draw, floor = p.drawPixmap, math.floor
            p.save()
            p.resetTransform()
            for key, brush, idx in self._groups:
                pix, pad, side = Dots._atlases.get((key, dpr)) or self._atlas(key, brush, dpr)
                for k in range(len(xs)) if idx is None else idx.tolist():
                    a, b = m11 * xs[k] + dx, m22 * ys[k] + dy
                    if abs(a) < 1e9 and abs(b) < 1e9:
                        cx, cy = floor(a * q + 0.5), floor(b * q + 0.5)
                        draw(cx // q - pad, cy // q - pad, pix, ((cy % q) * q + cx % q) * side, 0, side, side)
            p.restore()
            return True
        a, b, near = self._device_points(t)
        p.save()
        p.resetTransform()
        for key, brush, idx in self._groups:
            sel = self._drawn(idx, near)
            if not sel.any():
                continue
            pix, pad, side = Dots._atlases.get((key, dpr)) or self._atlas(key, brush, dpr)
            # the point to the nearest quarter of a device pixel: the pixel, and the quarter in it
            gx = np.floor(a[sel] * (dpr * q) + 0.5)
            gy = np.floor(b[sel] * (dpr * q) + 0.5)
            frags = np.empty((gx.size, 10))
            # target centres, in logical pixels: the cell's corner lands on a whole device pixel
            frags[:, 0] = (gx // q) / dpr - pad + side / (2 * dpr)
            frags[:, 1] = (gy // q) / dpr - pad + side / (2 * dpr)
            frags[:, 2] = ((gy % q) * q + gx % q) * side          # the cell: source rectangle
            frags[:, 3] = 0.0
            frags[:, 4] = frags[:, 5] = side
            frags[:, 6] = frags[:, 7] = 1.0 / dpr
            frags[:, 8] = 0.0
            frags[:, 9] = 1.0
            p.drawPixmapFragments(qt_array(frags, QPainter.PixmapFragment), gx.size, pix)
        p.restore()
        return True
