"""What every plot panel shares: a titled pyqtgraph plot with readable defaults."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QImage, QPainter, QPainterPath, QPen,
                           QPixmap, QPolygonF, QStaticText, QTransform)
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsView, QGraphicsWidget, QSizePolicy, QStyleOptionGraphicsItem,
                               QVBoxLayout, QWidget)

from softmax_viewer.qt.arrays import qt_array
from softmax_viewer.qt.backdrop import Backdrop
from softmax_viewer.qt.panels.axis import use_lean_specs

# Antialiasing is turned on per item (curves and markers): bars, axes and
# images do not need it, and in software rendering it costs a third of every paint.
pg.setConfigOptions(antialias=False, background="w", foreground="#222")

BLUE = "#1f77b4"
ORANGE = "#ff7f0e"
GREEN = "#2ca02c"
RED = "#d62728"
GREY = "#7f7f7f"
PURPLE = "#9467bd"


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


class Rule(ViewSpan):
    """A line across the view at one x (``angle=90``) or one y (``angle=0``).

    What pyqtgraph's InfiniteLine draws for such a line that is not dragged
    and has no label (aliased, as it draws lines along an axis), without its
    Python work on every move and repaint (its ends and bounds mapped through
    the view, 40 µs a tick a line). On screen the line is placed in device
    pixels, so a value far off the view is never handed to the rasteriser;
    exports draw it in data coordinates, as other items.
    """

    def __init__(self, angle=90, pen=None, pos=0.0):
        super().__init__()
        if angle not in (0, 90):
            raise ValueError("a Rule is vertical (90) or horizontal (0)")
        self._vertical = angle == 90
        self.pen = pg.mkPen(pen if pen is not None else "#999")
        self._value = float(pos)

    def value(self) -> float:
        return self._value

    def setValue(self, v) -> None:
        v = float(v)
        if v != self._value:
            self._value = v
            self.update()

    def paint(self, p, *args):
        v = self._value
        if not math.isfinite(v):
            return
        p.setRenderHint(QPainter.Antialiasing, False)
        p.setPen(self.pen)
        r = self._rect
        t = p.transform()
        if not on_screen(p) or not self._scale_and_shift(t):
            if self._vertical:
                p.drawLine(QPointF(v, r.top()), QPointF(v, r.bottom()))
            else:
                p.drawLine(QPointF(r.left(), v), QPointF(r.right(), v))
            return
        at = v * (t.m11() if self._vertical else t.m22()) + (t.m31() if self._vertical else t.m32())
        if not abs(at) < 1e9:
            return
        span = t.mapRect(r)
        p.resetTransform()
        if self._vertical:
            p.drawLine(QPointF(at, span.top() - 1.0), QPointF(at, span.bottom() + 1.0))
        else:
            p.drawLine(QPointF(span.left() - 1.0, at), QPointF(span.right() + 1.0, at))
        p.setTransform(t)


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


class Marks(pg.ScatterPlotItem):
    """A ScatterPlotItem for marks that are usually absent (overflow flags):
    with no points it paints nothing, where pyqtgraph's still builds its
    painter state and hit masks (~0.2 ms a paint), and none set again over
    none is no change (pyqtgraph's setData rebuilds its tables: 70 µs)."""

    def setData(self, *args, **kwargs):
        if (len(args) == 2 and not kwargs and self.data.size == 0
                and np.size(args[0]) == 0 and np.size(args[1]) == 0):
            return
        super().setData(*args, **kwargs)

    def paint(self, p, *args):
        if self.data.size:
            super().paint(p, *args)

    def boundingRect(self):
        # without points, nothing to bound: Qt then skips the item (pyqtgraph's
        # answer costs a data-bounds pass and pixel-size mapping on every paint)
        return super().boundingRect() if self.data.size else QRectF()


class Image(pg.ImageItem):
    """An ImageItem whose picture is made in the format the screen draws fastest.

    pyqtgraph renders a colour-mapped image as an 8-bit indexed QImage, building
    its colour table in Python on every new image; Qt then converts it on every
    paint and draws it non-premultiplied (0.4 ms for a small heat map scaled to a
    panel, against 0.07 ms premultiplied). Here the colour map is applied once
    per new image straight into premultiplied ARGB32, with pyqtgraph's mapping
    (index = (v − lo) · 256 / (hi − lo), clipped, truncated); NaN is transparent.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lut32 = None             # (the lut it was made from, its ARGB32 words)
        self._pixels = None            # the buffer behind qimage

    def _argb_lut(self):
        lut = self.lut
        if self._lut32 is None or self._lut32[0] is not lut:
            rgba = np.asarray(lut, dtype=np.uint32)
            if rgba.shape[1] == 4:
                a = rgba[:, 3]
                rgb = rgba[:, :3] * a[:, None] // 255
            else:
                a = np.full(rgba.shape[0], 255, dtype=np.uint32)
                rgb = rgba[:, :3]
            words = (a << 24) | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
            self._lut32 = (lut, words.astype(np.uint32))
        return self._lut32[1]

    def render(self):
        image, lut, levels = self.image, self.lut, self.levels
        if (image is None or image.ndim != 2 or image.size == 0 or not isinstance(lut, np.ndarray)
                or lut.ndim != 2 or levels is None or np.ndim(levels) != 1 or self.axisOrder != "col-major"
                or self.autoDownsample):
            super().render()
            if self.qimage is not None and self.qimage.format() != QImage.Format_ARGB32_Premultiplied:
                self.qimage = self.qimage.convertToFormat(QImage.Format_ARGB32_Premultiplied)
            return
        words = self._argb_lut()
        lo, hi = float(levels[0]), float(levels[1])
        v = np.asarray(image, dtype=np.float64).T          # image[x, y] -> rows of y
        scale = words.size / (hi - lo) if hi > lo else 0.0
        with np.errstate(invalid="ignore", over="ignore"):
            idx = np.clip((v - lo) * scale, 0, words.size - 1)
        nan = np.isnan(idx)
        if nan.any():
            idx[nan] = 0
        pixels = words[idx.astype(np.intp)]
        if nan.any():
            pixels[nan] = 0
        pixels = np.ascontiguousarray(pixels)
        h, w = pixels.shape
        self._pixels = pixels
        self.qimage = QImage(pixels.data, w, h, w * 4, QImage.Format_ARGB32_Premultiplied)
        self._renderRequired = False
        self._unrenderable = False


class FlatLegend(pg.LegendItem):
    """A legend that Qt draws as one picture.

    pyqtgraph's legend is a tree of items: for each entry a sample, a label and
    the label's text, each of which Qt draws on its own (from a pixmap cache,
    with Qt's work for every item around it). A plot repaints its legend on
    every tick of a drag: 10 to 13 items a legend, 0.9 M instructions a tick
    for the window's three. Flat (``set_flat``, done when the plot is first
    shown), the legend paints its entries itself into its one cache, and the
    entries paint nothing of their own; they still take clicks (a click on a
    sample hides its curve, and the legend is drawn again). An export draws the
    entries as themselves (``set_flat(False)``): text stays text in a PDF or SVG.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._flat = False
        self.sigSampleClicked.connect(lambda _item: self.update())     # its sample shows it hidden

    @classmethod
    def add_to(cls, plot, **kwargs) -> "FlatLegend":
        """A FlatLegend as ``plot``'s legend (what ``PlotItem.addLegend`` makes)."""
        legend = cls(**kwargs)
        legend.setParentItem(plot.vb)
        plot.legend = legend
        return legend

    def _entries(self, parent=None) -> list:
        """Every item below the legend, parents before their children."""
        out = []
        for child in (parent or self).childItems():
            out.append(child)
            out.extend(self._entries(child))
        return out

    def is_flat(self) -> bool:
        return self._flat

    def set_flat(self, flat: bool) -> None:
        self._flat = flat
        for item in self._entries():
            item.setFlag(QGraphicsItem.ItemHasNoContents, flat)
            if flat:
                item.setCacheMode(QGraphicsItem.NoCache)
        self.update()

    def addItem(self, item, name):
        super().addItem(item, name)
        if self._flat:
            self.set_flat(True)

    def paint(self, p, *args):
        super().paint(p, *args)
        if self._flat:
            self._paint_below(p, self)

    def _paint_below(self, p, parent) -> None:
        """Paint ``parent``'s children and theirs, as Qt would, in their stacking order."""
        for child in parent.childItems():
            if not child.isVisible():
                continue
            to_parent, _ok = child.itemTransform(parent)
            option = QStyleOptionGraphicsItem()
            option.exposedRect = child.boundingRect()
            p.save()
            p.setTransform(to_parent, True)
            p.save()                   # each item paints from the same state, as in Qt
            child.paint(p, option, None)
            p.restore()
            self._paint_below(p, child)
            p.restore()


def curve(plot, pen, name=None, connect="finite", antialias=True) -> Curve:
    """A Curve added to ``plot`` (and to its legend, when named).

    The panels feed ready-made arrays, so they need none of PlotDataItem's
    log/downsampling/NaN handling, whose setData costs several times the
    curve's own; NaN breaks the line (connect="finite").
    """
    item = Curve(pen, name=name, connect=connect, antialias=antialias)
    plot.addItem(item)
    if name and plot.legend is not None:
        plot.legend.addItem(item, name)
    return item


def finite_or_nan(a) -> np.ndarray:
    """Infinite values become NaN, which pyqtgraph leaves out of lines and ranges."""
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def nice_ceiling(v: float) -> float:
    """The next of 1, 2, 2.5, 5 x 10^k at or above v (ranges that do not move every tick)."""
    if not np.isfinite(v) or v <= 0:
        return 1.0
    k = np.floor(np.log10(v))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10 ** k >= v * (1 - 1e-12):
            return float(m * 10 ** k)
    return float(10 ** (k + 1))


VIEW_LIMIT = 1e306


def viewable(span):
    """A view range pyqtgraph can pad and draw: within +-VIEW_LIMIT, and wide enough
    to hold distinct floats (data near 1e308 would otherwise overflow the padding
    or collapse to a single point)."""
    if span is None:
        return None
    lo, hi = (min(max(float(v), -VIEW_LIMIT), VIEW_LIMIT) for v in span)
    room = 64 * math.ulp(max(abs(lo), abs(hi)))
    if hi - lo < room:
        mid = 0.5 * lo + 0.5 * hi
        lo, hi = mid - room, mid + room
    return (lo, hi)


def steady_range(lo: float, hi: float, last=None, steps: int = 10, fill: float = 0.5, grow: float = 0.2,
                 min_span: float = 0.0, step: float | None = None):
    """A range for data in [lo, hi] that holds still while a slider moves.

    The last range is kept while it still holds the data and the data span at
    least ``fill`` of it. When the data run out of it, the new range leaves
    ``grow`` of the span as room on that side (a drag that keeps going does
    not move the range on every tick); in every case it is rounded outward to
    a nice step (a tenth of the span by default, or ``step``). Data spanning less than
    ``min_span`` count as that span, centred where they are. An axis is
    redrawn, tick labels and all, only when its range moves.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return last if last is not None else (0.0, 1.0)
    # values near the float range: the room, the rounding and the view's padding
    # must not overflow, so the range stops at +-VIEW_LIMIT (what lies beyond is clipped)
    lo, hi = min(max(lo, -VIEW_LIMIT), VIEW_LIMIT), min(max(hi, -VIEW_LIMIT), VIEW_LIMIT)
    if (last is not None and last[0] <= lo and hi <= last[1]
            and max(hi - lo, min_span) >= fill * (last[1] - last[0])):
        return last
    if hi - lo < min_span:
        mid = 0.5 * (lo + hi)
        lo, hi = mid - 0.5 * min_span, mid + 0.5 * min_span
    if hi <= lo:
        pad = max(abs(lo) * 1e-6, 1e-12)
        return (lo - pad, lo + pad)
    if last is not None:
        span = hi - lo
        lo, hi = (lo - grow * span if lo < last[0] else lo), (hi + grow * span if hi > last[1] else hi)
    step = step or nice_ceiling(hi - lo) / steps
    a, b = math.floor(lo / step) * step, math.ceil(hi / step) * step
    return (float(a), float(b)) if b > a else (lo, hi)


def steady_ceiling(top: float, last=None, ceiling=nice_ceiling, keep: float = 0.3) -> float:
    """The top of an axis for values up to ``top``: ``ceiling(top)``, or the last
    top while ``top`` stays between ``keep`` of it and it."""
    if last is not None and keep * last <= top <= last:
        return last
    return ceiling(top)


_STEPS: dict = {}                # (texts, extent, vertical) -> tick_step's answer
_STEPS_MAX = 512


def tick_step(texts, extent_px: float, vertical: bool = False) -> int:
    """Every how many'th of ``texts`` can be labelled along ``extent_px`` pixels
    without the labels running into each other.

    Remembered per texts and whole pixels: while a slider moves the bar panels
    show the same classes on every tick, and measuring their labels again
    (three panels, a font's metrics each time) cost ~0.4 ms a tick.
    """
    key = (tuple(texts), int(extent_px), vertical)
    step = _STEPS.get(key)
    if step is None:
        if len(_STEPS) >= _STEPS_MAX:
            _STEPS.clear()
        step = _STEPS[key] = _measured_step(texts, extent_px, vertical)
    return step


def _measured_step(texts, extent_px: float, vertical: bool) -> int:
    n = len(texts)
    if n == 0:
        return 1
    fm = QFontMetrics(QGuiApplication.font())
    if vertical:
        need = fm.height() + 2
    else:       # the widest label is among the longest few: measure only those
        longest = sorted(texts, key=len)[-3:]
        need = max(fm.horizontalAdvance(t) for t in longest) + 10
    fit = max(1, int(max(extent_px, 1) // need))
    return max(1, int(np.ceil(n / fit)))


def class_ticks(classes, labels_of, by_rank: bool, extent_px: float = 400.0):
    """Tick labels for a bar axis, as many as fit in ``extent_px``: class labels
    in class order; when ordered by rank, the labels of the first few and then
    sparse ranks (#k)."""
    n = len(classes)
    names = [labels_of(int(c)) for c in classes]
    step = tick_step(names, extent_px)
    if by_rank and step > 1:
        names = [f"#{pos + 1}" for pos in range(n)]
        step = tick_step(names, extent_px)
    return [[(pos, names[pos]) for pos in range(0, n, step)]]


class ClassAxis:
    """A bar axis' ticks and x range (``class_ticks``, ``class_range``), made again only
    when the classes shown, their labels or the axis' width change. A drag of s or T
    keeps the classes' order by p: their axis stays as it is (82 labels looked up and
    measured a tick, in the probability and gradient panels)."""

    def __init__(self):
        self._made = None              # (key, the state's labels, (ticks, range))

    def __call__(self, classes, st, by_rank: bool, extent_px: float, n: int):
        key = (np.asarray(classes).tobytes(), by_rank, extent_px, n)
        made = self._made
        if made is not None and made[0] == key and (made[1] is st.labels or made[1] == st.labels):
            return made[2]
        ticks = class_ticks(classes, st.label, by_rank, extent_px)
        made = self._made = (key, st.labels, (ticks, class_range(ticks, n, extent_px)))
        return made[2]


_WIDTHS: dict = {}             # tick label -> its width in pixels


def _label_width(text: str) -> float:
    w = _WIDTHS.get(text)
    if w is None:
        if len(_WIDTHS) >= _STEPS_MAX:
            _WIDTHS.clear()
        w = _WIDTHS[text] = QFontMetrics(QGuiApplication.font()).horizontalAdvance(text)
    return w


def class_range(ticks, n: int, extent_px: float) -> tuple[float, float]:
    """The x range of a bar axis of ``n`` classes: -0.7 .. n - 0.3, widened so
    that the first and last of ``ticks`` (as ``class_ticks`` makes them) fit on
    the axis: pyqtgraph leaves out a label that runs past an end of its axis,
    and with many bars the first one's (#1, the top class) did."""
    lo, hi = -0.7, n - 0.3
    level = ticks[0] if ticks else []
    if not level or extent_px <= 0:
        return lo, hi
    (first, first_text), (last, last_text) = level[0], level[-1]
    a = (_label_width(first_text) / 2 + 3) / extent_px     # half a label, as a share of the axis
    b = (_label_width(last_text) / 2 + 3) / extent_px
    if a + b >= 0.9:                    # an axis too short for any label: leave it
        return lo, hi
    for _ in range(4):                  # each label's room grows with the range it widens
        span = hi - lo
        lo = min(-0.7, first - a * span)
        hi = max(n - 0.3, last + b * span)
    return lo, hi


LEFT_AXIS_WIDTH = 54


CACHED_ITEMS = ("AxisItem", "LegendItem", "FlatLegend", "ItemSample", "LabelItem", "QGraphicsTextItem")
NATIVE_BOUNDS = (pg.LabelItem, pg.LegendItem, FlatLegend)


def cache_static_items(scene) -> None:
    """Axes, titles and legends are kept as pixmaps on screen.

    They change only when a range or a label does; while a slider moves,
    Qt repaints them from the pixmap instead of laying out their text again.
    (Exports to PDF and SVG draw them as vectors: Qt uses these caches for
    raster devices only.) When a range does move, the axis lays its ticks
    out with ``axis.lean_draw_specs``: the same layout at about a third of
    pyqtgraph's cost.
    """
    for item in scene.items():
        if type(item).__name__ in CACHED_ITEMS:
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if isinstance(item, pg.AxisItem):
            use_lean_specs(item)
        if type(item) in NATIVE_BOUNDS and item.transform().isIdentity():
            # Qt asks titles and legends for their bounds several times a paint (70 calls
            # into Python a tick); pyqtgraph's answer, for an item that is not transformed,
            # is Qt's own: the rectangle of the item's size
            item.boundingRect = QGraphicsWidget.boundingRect.__get__(item)
            item.shape = QGraphicsWidget.shape.__get__(item)
        if _paints_nothing(item):
            # Qt then skips it when painting (its children are still drawn) instead
            # of asking its boundingRect and calling its paint on every repaint
            item.setFlag(QGraphicsItem.ItemHasNoContents, True)
    for item in scene.items():
        if isinstance(item, FlatLegend):
            item.set_flat(True)


def _paints_nothing(item) -> bool:
    """Plots and layouts only hold other items; a view box without a border
    strokes its shape with no pen."""
    if type(item) in (pg.PlotItem, pg.GraphicsLayout):
        return True
    return (isinstance(item, pg.ViewBox) and type(item).paint is pg.ViewBox.paint
            and (item.border is None or item.border.style() == Qt.NoPen))


def fix_left_axes(scene, width: int = LEFT_AXIS_WIDTH) -> None:
    """A fixed width for every plot's left axis: when a range moves and its tick
    labels grow or shrink, the plot keeps its place (no re-layout of the plot,
    its other axes and its items, no jitter)."""
    for item in scene.items():
        if (isinstance(item, pg.AxisItem) and item.orientation == "left" and item.isVisible()
                and type(item.parentItem()) is pg.PlotItem):     # not a ColorBarItem's
            item.setWidth(width)


class PlotPanel(QWidget):
    """A panel with one pyqtgraph PlotWidget (subclasses may add more)."""

    title = ""
    tooltip = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget, self.plot = self.make_view()
        repaint_lean(self.plot_widget)
        self.plot.setTitle(self.title, size="11pt")
        # no grid: pyqtgraph draws it with alpha blending at ~12 ms a plot in software
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.plot_widget)
        self.setToolTip(self.tooltip)
        self.bundle = None
        self._refresh_pending = False
        self._cached = False           # static items are cached on the first show
        self._drawn = None             # what of the last bundle drawn this panel showed (see shows)
        self.text = TextCache()

    def showEvent(self, event):
        super().showEvent(event)
        if not self._cached:
            self._cached = True
            cache_static_items(self.plot_widget.scene())
            fix_left_axes(self.plot_widget.scene())

    def make_view(self):
        """The pyqtgraph widget and its main plot (a panel may build more plots)."""
        w = pg.PlotWidget()
        return w, w.getPlotItem()

    def update_bundle(self, bundle) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def shows(self, bundle):
        """What of ``bundle`` this panel draws, as a tuple of the bundle's parts (kept
        by the Computer while their inputs stay) and texts; None: all of it."""
        return None

    def follow(self, bundle) -> None:
        """Draw ``bundle``; a panel whose part of it is the one already drawn does
        nothing (and Qt repaints nothing of it)."""
        part = self.shows(bundle)
        if part is not None and self._drawn is not None and _alike(part, self._drawn):
            self.bundle = bundle
            return
        self._show(bundle)
        self._drawn = part

    def _show(self, bundle) -> None:
        """Draw ``bundle`` and move the views to their new ranges before Qt paints."""
        self.update_bundle(bundle)
        settle_views(self.plot_widget)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # tick labels are spaced for the plot's size: redo them once the plot's
        # own layout has followed (it is laid out after this event)
        if self.bundle is not None and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._refresh)

    def _refresh(self):
        self._refresh_pending = False
        if self.bundle is not None:
            self._show(self.bundle)


def repaint_lean(view) -> None:
    """Let ``view`` repaint the one rectangle around what changed, each pixel once.

    Qt's default keeps the exact region of every changed item (a curve, an
    axis, a legend): clipping each paint to a region of several rectangles
    cost more than the few pixels it saves, as a plot changes nearly all over
    on every tick of a drag (5 % fewer instructions a tick). The background is
    filled by the view alone (``paint_background_once``).
    """
    view.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
    paint_background_once(view)


def paint_background_once(view) -> None:
    """Let ``view`` fill its background itself, and Qt not fill it first.

    A viewport fills what it repaints with its palette's base colour, and the
    view then fills the same pixels with its background brush: every repainted
    pixel of every plot written twice (about 0.6 Mpx a tick of a drag). With a
    brush that covers the viewport, the view's fill is enough. pyqtgraph has the
    view keep its background as a pixmap and copy it under each repaint; a solid
    brush is filled directly instead (a write per pixel, not a read and a write).
    """
    if view.backgroundBrush().style() == Qt.SolidPattern and view.backgroundBrush().isOpaque():
        view.viewport().setAttribute(Qt.WA_OpaquePaintEvent, True)
        view.setCacheMode(QGraphicsView.CacheNone)


def settle_views(view) -> None:
    """Move the views of ``view``'s scene to their new ranges now, not when it paints.

    pyqtgraph applies a new range when the scene is about to paint; the items
    then move inside Qt's paint, which asks for a second paint of the whole
    plot straight after the first (one tick in eight of a drag painted a plot
    twice). Applied here, between the data and the paint, one paint shows it.
    """
    scene = view.scene()
    if scene is not None:
        scene.prepareForPaint()


def _alike(a: tuple, b: tuple) -> bool:
    """Parts the very same objects, texts equal."""
    return len(a) == len(b) and all(x is y or (isinstance(x, str) and x == y) for x, y in zip(a, b))


class TextCache:
    """Sets titles, axis labels, ticks and view ranges only when they change.

    Each set re-lays-out the plot (a QGraphicsTextItem.setHtml and a geometry
    change), which costs more than drawing the data; while a slider moves
    most of them stay the same. A range asked for again is not passed on
    either: pyqtgraph's setRange costs ~50 µs even when nothing moves, and a
    view the user has zoomed stays as it is until the panel wants another.
    """

    def __init__(self):
        self._last = {}

    def _changed(self, key, value) -> bool:
        if self._last.get(key) == value:
            return False
        self._last[key] = value
        return True

    def title(self, plot, text, size="11pt"):
        if self._changed((id(plot), "title"), (text, size)):
            plot.setTitle(text, size=size)

    def label(self, plot, side, text):
        if not self._changed((id(plot), side), text):
            return
        axis = plot.getAxis(side)
        if axis.label.isVisible() and axis.labelText and not axis.labelUnits:
            relabel(axis, text)
        else:
            plot.setLabel(side, text)

    def ticks(self, axis, ticks):
        if self._changed((id(axis), "ticks"), ticks):
            axis.setTicks(ticks)

    def range(self, plot, x=None, y=None, padding=0.0):
        """plot.setRange(xRange=x, yRange=y, padding=padding), when it asks for something new."""
        if x is not None and not self._changed((id(plot), "x"), (x, padding)):
            x = None
        if y is not None and not self._changed((id(plot), "y"), (y, padding)):
            y = None
        if x is not None or y is not None:
            plot.setRange(xRange=viewable(x), yRange=viewable(y), padding=padding)

    def forget_range(self, plot, axis: str) -> None:
        """The range last set on ``axis`` ("x" or "y") no longer holds (the view auto-ranges)."""
        self._last.pop((id(plot), axis), None)


def relabel(axis, text: str) -> None:
    """New words for an axis label that is already shown, its ticks kept.

    pyqtgraph's setLabel also throws away the axis' drawn ticks and lays every
    tick label out again (~0.8 ms), though only the words changed: a label that
    follows a slider (the loss panel's "now −42.5: off the axis") paid that on
    every tick. The label is re-centred as AxisItem.resizeEvent places it.
    """
    axis.labelText = text
    axis.label.setHtml(axis.labelString())
    br = axis.label.boundingRect()
    size = axis.size()
    pos = axis.label.pos()
    if axis.orientation in ("left", "right"):
        pos.setY(int(size.height() / 2 + br.width() / 2))
    else:
        pos.setX(int(size.width() / 2 - br.width() / 2))
    axis.label.setPos(pos)


class SteadyText(QWidget):
    """A note of a fixed number of lines that changes while a slider moves.

    A QLabel asks its layout to recompute on every setText (its size hint may
    follow the text): inside a tab widget that repainted the whole tab page,
    tab bar and frame on every tick (1.5 ms). This widget has a fixed height
    and a size hint that never changes, and lays its (plain, word-wrapped)
    text out only when it paints: a new text repaints just its own rectangle.
    """

    def __init__(self, lines: int = 2, point_size: float = 9.0, colour: str = "#444", padding: int = 2,
                 parent=None):
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        self._colour = QColor(colour)
        self._pad = padding
        self._text = ""
        self._static = QStaticText()
        # plain text: QStaticText lays rich text out through a QTextDocument, ~0.4 ms a time
        self._static.setTextFormat(Qt.PlainText)
        self.setFixedHeight(QFontMetrics(font).lineSpacing() * lines + 2 * padding + 2)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        # a new text repaints this line alone, not the window, tab frame and page behind it
        self.backdrop = Backdrop(self)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._static.setText(text)
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self):
        return QSize(120, self.height())

    def minimumSizeHint(self):
        return QSize(0, self.height())

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setPen(self._colour)
        width = max(1, self.width() - 2 * self._pad)
        if self._static.textWidth() != width:
            self._static.setTextWidth(width)
        p.setClipRect(self.rect())
        p.drawStaticText(self._pad, self._pad, self._static)
        p.end()
