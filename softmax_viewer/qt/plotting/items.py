"""The plot items: ViewSpan (an item as large as its view) and Curve, drawn for speed; Rule, pyqtgraph's line made safe at NaN."""
from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import (QBrush, QPainter, QPainterPath, QPen, QPolygonF, QTransform)
from PySide6.QtWidgets import QWidget

from softmax_viewer.qt.arrays import qt_array

class ViewSpan(pg.GraphicsObject):
    """An item as large as the view it sits in, holding points (x, y).

    It repaints with its view and asks pyqtgraph for no per-paint bounds
    arithmetic (the view clips what lies outside).
    """

    def __init__(self):
        super().__init__()
        self._x = self._y = np.zeros(0)
        self._rect = QRectF()
        self._bounds = None            # ((xmin, xmax), (ymin, ymax)) of what it draws, once measured
        self._measured = True          # False after new data: measured when a view asks
        self.opts = {"name": None}     # what a legend sample reads

    def name(self):
        return self.opts["name"]

    def getData(self):
        return self._x, self._y

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        # only a view that auto-ranges asks (none does while a slider moves):
        # the bounds are measured then, not on every new set of data
        if not self._measured:
            self._bounds, self._measured = self._measure(), True
        return self._bounds[ax] if self._bounds is not None else (None, None)

    def _measure(self):
        """((xmin, xmax), (ymin, ymax)) of the finite points, or None."""
        ok = np.isfinite(self._x) & np.isfinite(self._y)
        if not ok.any():
            return None
        xs, ys = (self._x, self._y) if ok.all() else (self._x[ok], self._y[ok])
        return (float(xs.min()), float(xs.max())), (float(ys.min()), float(ys.max()))

    @staticmethod
    def _scale_and_shift(t) -> bool:
        """Whether ``t`` maps only by a scale and a shift per axis (as a view does)."""
        return t.m12() == 0.0 and t.m21() == 0.0 and t.isAffine()

    def viewRangeChanged(self):
        self.prepareGeometryChange()
        vb = self.getViewBox()
        self._rect = vb.viewRect() if vb is not None else QRectF()

    def boundingRect(self):
        if self._rect.isNull():
            vb = self.getViewBox()
            if vb is not None:
                self._rect = vb.viewRect()
        return self._rect


def on_screen(p) -> bool:
    """Whether painter ``p`` draws a widget on screen, not an export (``Curve.exact``):
    where items may draw fast for the screen's pixels."""
    return not Curve.exact and isinstance(p.device(), QWidget)


class Curve(ViewSpan):
    """A polyline in data coordinates, drawn fast on screen.

    Qt's raster engine strokes a cosmetic pen of width 1 along a fast path and
    anything wider through a general stroker about 14 times slower (0.3 ms for
    240 points at width 2 on the reference machine). On screen a wide pen is
    therefore drawn as four width-1 strokes offset by half its extra width
    (the same look, a quarter of the cost) on a screen of one device pixel per
    pixel; in PNG, SVG and PDF exports, and on high-density screens, the real
    pen is used, so figures are exact at any size.

    A connected curve is kept as polygons (one per run of finite points),
    filled straight from numpy, and stroked with drawPolyline: the same pixels
    as the equivalent path (which an export still strokes), built in a third of
    the time. Pairs (separate segments) are kept as an array of lines and
    stroked by one drawLines call that reads it in place (``qt_array``); Qt's
    binary path format, which pyqtgraph builds such a path through, cost more
    to parse than the lines cost to draw. Level pairs drawn without
    antialiasing (the marks of a value across a bar) are filled as the
    rectangles the pen covers, one drawRects call: the pixels of the real pen,
    at a fifth of the cost of the four strokes.
    """

    # Set while an export paints (softmax_viewer.qt.export): a widget rendered into an
    # image or a PDF still reports itself as the painter's device, so the device
    # alone cannot tell an export from the screen.
    exact = False

    # how far a cap reaches past a segment's end, in pen widths
    _CAP_REACH = {Qt.SquareCap: 0.5, Qt.FlatCap: 0.0}
    _NO_PEN = QPen(Qt.NoPen)

    def __init__(self, pen, name=None, connect="finite", antialias=True):
        super().__init__()
        pen = pg.mkPen(pen)
        self.opts = {"pen": pen, "name": name, "antialias": antialias, "symbol": None,
                     "fillLevel": None, "brush": None}     # what a legend sample reads
        self._connect = connect
        self._lines = None             # pairs: one row per finite segment, x1, y1, x2, y2 (QLineF's layout)
        self._level = None             # pairs all level (y1 == y2), of a pen filled as rectangles (below):
                                       # (left, right, y, extremes) in data units
        self._polygons = None          # connected curves: a QPolygonF per run of finite points
        self._fast = None
        w = pen.widthF()
        if pen.isCosmetic() and w > 1.0:
            thin = QPen(pen)
            thin.setWidthF(1.0)
            if pen.style() != Qt.SolidLine:           # dashes are in units of the width
                thin.setDashPattern([v * w for v in pen.dashPattern()])
            r = (w - 1.0) / 2.0
            self._fast = (thin, ((-r, 0.0), (r, 0.0), (0.0, -r), (0.0, r)))
        # level pairs of an aliased solid cosmetic pen with square or flat caps are filled as
        # rectangles: (cap reach, width, brush), else None (a thin line has no flat caps)
        reach = self._CAP_REACH.get(pen.capStyle())
        fits = (connect == "pairs" and not antialias and reach is not None and pen.isCosmetic()
                and pen.style() == Qt.SolidLine and pen.brush().style() == Qt.SolidPattern
                and not (reach == 0.0 and w <= 1.0))
        self._level_fill = (reach, max(w, 1.0), QBrush(pen.brush())) if fits else None

    @staticmethod
    def _polygon(x, y) -> QPolygonF:
        poly = pg.functions.create_qpolygonf(x.size)
        xy = pg.functions.ndarray_from_qpolygonf(poly)
        xy[:, 0] = x
        xy[:, 1] = y
        return poly

    def setData(self, x, y) -> None:
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self._x, self._y = x, y
        self._lines, self._polygons, self._measured, self._level = None, None, False, None
        if x.size:
            ok = np.isfinite(x) & np.isfinite(y)
            if self._connect == "pairs":
                k = x.size // 2
                lines = np.empty((k, 4))
                lines[:, 0], lines[:, 1] = x[0:2 * k:2], y[0:2 * k:2]
                lines[:, 2], lines[:, 3] = x[1:2 * k:2], y[1:2 * k:2]
                whole = ok[0:2 * k:2] & ok[1:2 * k:2]
                self._lines = lines if whole.all() else lines[whole]
                lines = self._lines
                if self._level_fill is not None and len(lines) and np.array_equal(lines[:, 1], lines[:, 3]):
                    left, right = np.minimum(lines[:, 0], lines[:, 2]), np.maximum(lines[:, 0], lines[:, 2])
                    y = lines[:, 1]
                    self._level = (left, right, y,
                                   (float(left.min()), float(right.max()), float(y.min()), float(y.max())))
            elif ok.all():
                self._polygons = [self._polygon(x, y)]
            else:                      # a run of finite points per polygon; NaN and inf break the line
                edges = np.flatnonzero(np.diff(np.concatenate([[False], ok, [False]]).astype(np.int8)))
                self._polygons = [self._polygon(x[a:b], y[a:b]) for a, b in zip(edges[::2], edges[1::2])
                                  if b - a > 1]
        self.informViewBoundsChanged()      # a view that auto-ranges follows the data
        self.update()

    def path(self) -> QPainterPath:
        """The curve as a path (what an export strokes)."""
        path = QPainterPath()
        if self._polygons is not None:
            for poly in self._polygons:
                path.addPolygon(poly)
        elif self._lines is not None:
            for x1, y1, x2, y2 in self._lines.tolist():
                path.moveTo(x1, y1)
                path.lineTo(x2, y2)
        return path

    def _stroke(self, p) -> None:
        if self._polygons is not None:
            for poly in self._polygons:
                p.drawPolyline(poly)
        else:
            p.drawLines(qt_array(self._lines, QLineF), len(self._lines))

    def paint(self, p, *args):
        if not self._polygons and (self._lines is None or not len(self._lines)):
            return
        p.setRenderHint(QPainter.Antialiasing, bool(self.opts["antialias"]))
        if not on_screen(p):
            p.setPen(self.opts["pen"])
            p.drawPath(self.path())
            return
        plain = p.device().devicePixelRatioF() == 1.0      # one device pixel a pixel
        if plain and self._level is not None and self._level_rects(p):
            return
        if self._fast is not None and plain:
            # (on a high-density screen the thin strokes are thinner than their offsets:
            # a hollow line; the real pen is drawn there)
            thin, offsets = self._fast
            p.setPen(thin)
            base = p.transform()
            for dx, dy in offsets:
                p.setTransform(base * QTransform.fromTranslate(dx, dy))
                self._stroke(p)
            p.setTransform(base)
        else:
            p.setPen(self.opts["pen"])
            self._stroke(p)

    def _level_rects(self, p) -> bool:
        """Level segments filled as the rectangles the pen covers (its width across,
        its caps past the ends): the pen's own pixels; False (nothing drawn) where
        that does not hold."""
        t = p.transform()
        if not self._scale_and_shift(t):
            return False
        reach, w, brush = self._level_fill
        sx, dx, sy, dy = t.m11(), t.m31(), t.m22(), t.m32()
        left, right, y, (x_lo, x_hi, y_lo, y_hi) = self._level
        if max(abs(x_lo * sx + dx), abs(x_hi * sx + dx), abs(y_lo * sy + dy), abs(y_hi * sy + dy)) >= 1e9:
            # far off the view (data near the float range): not for Qt's rasteriser
            with np.errstate(over="ignore", invalid="ignore"):
                near = (np.abs(left * sx + dx) < 1e9) & (np.abs(right * sx + dx) < 1e9) & (np.abs(y * sy + dy) < 1e9)
            left, right, y = left[near], right[near], y[near]
            if not left.size:
                return True
        rects = np.empty((left.size, 4))
        np.multiply(right if sx < 0 else left, sx, out=rects[:, 0])      # the end on the screen's left
        rects[:, 0] += dx - w * reach
        np.multiply(y, sy, out=rects[:, 1])
        rects[:, 1] += dy - w / 2
        np.subtract(right, left, out=rects[:, 2])
        rects[:, 2] *= abs(sx)
        rects[:, 2] += 2 * w * reach
        rects[:, 3] = w
        p.save()
        p.resetTransform()
        p.setPen(self._NO_PEN)
        p.setBrush(brush)
        p.drawRects(qt_array(rects, QRectF), len(rects))
        p.restore()
        return True


class Rule(pg.InfiniteLine):
    """pyqtgraph's InfiniteLine, not draggable, hidden at a value that is not a
    finite number (pyqtgraph's own raises in its auto-range at NaN)."""

    def __init__(self, pos=0.0, angle=90, pen=None, **kwargs):
        super().__init__(pos=0.0, angle=angle, pen=pen, movable=False, **kwargs)
        self.setValue(pos)

    def setValue(self, v) -> None:
        v = float(v)
        if np.isfinite(v):
            super().setValue(v)
        self.setVisible(bool(np.isfinite(v)))


class ViewNote(pg.TextItem):
    """A note over a view, in the view's pixels (not its data): word-wrapped to its width at
    ``at`` (its centre (0.5, 0.5), a corner (0, 0) ...), hidden while its text is empty. It says
    what a plot shows when the plot alone would not (nothing to draw, a stand-in value)."""

    PAD = 6.0

    def __init__(self, plot, at=(0.5, 0.5), size_pt: float = 9.0):
        fore = pg.mkColor(pg.getConfigOption("foreground"))
        back = pg.mkColor(pg.getConfigOption("background"))
        back.setAlpha(225)
        super().__init__("", color=fore, anchor=at, fill=back, border=pg.mkPen(fore, width=0.5))
        font = self.textItem.font()
        font.setPointSizeF(size_pt)
        self.textItem.setFont(font)
        self._at = at
        self._vb = plot.vb
        self.setParentItem(plot.vb)          # in the view's pixels, over the data, never in its range
        self.setZValue(1e6)
        plot.vb.sigResized.connect(self._place)
        self.hide()

    def text(self) -> str:
        return self.textItem.toPlainText() if self.isVisible() else ""

    def set_text(self, text: str) -> None:
        """Show ``text`` ("" hides the note)."""
        if text != self.textItem.toPlainText():
            self.setText(text)
        self.setVisible(bool(text))
        self._place()

    def _place(self, *_):
        r = self._vb.rect()
        width = max(40.0, r.width() - 2 * self.PAD)
        if self.textItem.textWidth() != width:          # a banner across the view
            self.setTextWidth(width)
        x = r.left() + self.PAD + self._at[0] * (r.width() - 2 * self.PAD)
        y = r.top() + self.PAD + self._at[1] * (r.height() - 2 * self.PAD)
        self.setPos(x, y)
