"""A leaner layout of pyqtgraph's axis ticks, for the axes that move during a drag.

When a view range moves, pyqtgraph's ``AxisItem.generateDrawSpecs`` lays the
axis out again: ~0.8 ms an axis here, and a tick of a drag that moves three or
four axes took half as long again as one that moves none. Most of that is
Python overhead: a ``Point`` object per coordinate, a copied pen per tick level,
a text measurement per tick label (minor levels included, even when they are
not drawn) and the axis' ``boundingRect`` asked once per label.

``lean_draw_specs`` returns the same specifications (``tests/plotting/test_axis_ticks.py``
compares them with pyqtgraph's over many ranges, orientations and tick lists)
with label sizes measured once per font and text, and everything that does not
change within one layout computed once. It covers the styles the panels use (no
grid, default tick alpha, values shown, the axis line not stopped at a tick) and
hands anything else back to pyqtgraph.
"""
from __future__ import annotations

import bisect
import math
import types

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsWidget

_MEASURE_BOX = QRectF(0, 0, 100, 100)
_FLAGS = {
    "left": Qt.AlignRight | Qt.AlignVCenter | Qt.TextDontClip,
    "right": Qt.AlignLeft | Qt.AlignVCenter | Qt.TextDontClip,
    "top": Qt.AlignHCenter | Qt.AlignBottom | Qt.TextDontClip,
    "bottom": Qt.AlignHCenter | Qt.AlignTop | Qt.TextDontClip,
}
_SIZES: dict = {}              # (font key, text) -> (width, height) as pyqtgraph measures it
_SIZES_MAX = 4096
PICTURES_KEPT = 16             # the tick pictures an axis keeps, by everything they are drawn from


def _text_size(p, font_key, text):
    size = _SIZES.get((font_key, text))
    if size is None:
        if len(_SIZES) >= _SIZES_MAX:
            _SIZES.clear()
        br = p.boundingRect(_MEASURE_BOX, Qt.AlignCenter, text)
        size = _SIZES[(font_key, text)] = (br.width(), br.height() * 0.8)    # pyqtgraph trims 20 %
    return size


def _handled(axis) -> bool:
    st = axis.style
    return (axis.grid is False and st["tickAlpha"] is None and st["showValues"]
            and not st["stopAxisAtTick"][0] and not st["stopAxisAtTick"][1])


def _near_kept(v: float, kept: list, tol: float) -> bool:
    """Whether a value of the sorted ``kept`` (no NaN) lies within ``tol`` of ``v``, or
    equals it (infinities): the nearest ones, one on each side of where ``v`` would go,
    are the ones to ask. A NaN ``v`` is near none."""
    i = bisect.bisect_left(kept, v)
    return any(abs(u - v) <= tol or u == v for u in kept[max(i - 1, 0):i + 1])


def tick_values(axis, lo, hi, length):
    """pyqtgraph's ``AxisItem.tickValues``, without ``np.isclose`` (30 µs a call, six a layout).

    A tick of a lower level is dropped where one of a higher level lies within
    a hundredth of the lower spacing, as pyqtgraph's test (|a − b| <= atol, or
    a == b for equal infinities) decides it.
    """
    if axis.logMode or type(axis).tickValues is not pg.AxisItem.tickValues:
        return axis.tickValues(lo, hi, length)
    lo, hi = sorted((lo, hi))
    scale = axis.scale
    lo, hi = lo * scale, hi * scale
    ticks, seen = [], []
    for spacing, offset in axis.tickSpacing(lo, hi, length):
        start = (math.ceil((lo - offset) / spacing) * spacing) + offset
        num = int((hi - start) / spacing) + 1
        # numpy's arange-multiply-add-divide, as plain floats (a few dozen ticks: less overhead)
        values = [(k * spacing + start) / scale for k in range(num)]
        if seen:
            kept = sorted(u for u in seen if u == u)       # NaN is near nothing: left out
            values = [v for v in values if not _near_kept(v, kept, spacing / scale * 0.01)]
        seen.extend(values)
        ticks.append((spacing / scale, values))
    return ticks


def lean_draw_specs(axis, p):
    """``(axisSpec, tickSpecs, textSpecs)`` for ``axis`` as pyqtgraph's generateDrawSpecs makes them."""
    if not _handled(axis):
        return pg.AxisItem.generateDrawSpecs(axis, p)
    st = axis.style
    if st["tickFont"] is not None:
        p.setFont(st["tickFont"])
    bounds = axis.mapRectFromParent(axis.geometry())
    side = axis.orientation
    if side == "left":
        span = (bounds.topRight() + QPointF(-1.0, -1.0), bounds.bottomRight() + QPointF(-1.0, 1.0))
        stop, direction, ax = bounds.right(), -1, 0
    elif side == "right":
        span = (bounds.topLeft() + QPointF(1.0, -1.0), bounds.bottomLeft() + QPointF(1.0, 1.0))
        stop, direction, ax = bounds.left(), 1, 0
    elif side == "top":
        span = (bounds.bottomLeft() + QPointF(-1.0, -1.0), bounds.bottomRight() + QPointF(1.0, -1.0))
        stop, direction, ax = bounds.bottom(), -1, 1
    else:
        span = (bounds.topLeft() + QPointF(-1.0, 1.0), bounds.topRight() + QPointF(1.0, 1.0))
        stop, direction, ax = bounds.top(), 1, 1
    d0, d1 = axis.mapToDevice(span[0]), axis.mapToDevice(span[1])
    if d0 is None or d1 is None:
        return None
    length = math.hypot(d1.x() - d0.x(), d1.y() - d0.y())
    if length == 0:
        return None

    lo, hi = axis.range[0], axis.range[1]
    if axis._tickLevels is None:
        levels = tick_values(axis, lo, hi, length)
        given = None
    else:
        levels = [(None, [v for v, _s in level]) for level in axis._tickLevels]
        given = [[s for _v, s in level] for level in axis._tickLevels]

    dif = hi - lo
    if dif == 0:
        scale, offset = 1, 0
    elif ax == 0:
        scale = -bounds.height() / dif
        offset = lo * scale - bounds.height()
    else:
        scale = bounds.width() / dif
        offset = lo * scale
    ends = (lo * scale - offset, hi * scale - offset)
    x_min, x_max = min(ends), max(ends)

    base_pen = axis.tickPen()
    solid = base_pen.brush().style() == Qt.SolidPattern
    tick_specs, positions = [], []
    for i, (_spacing, values) in enumerate(levels):
        reach = stop + st["tickLength"] / (i * 0.5 + 1.0) * direction
        pen = base_pen
        if solid:
            pen = QPen(base_pen)
            colour = QColor(pen.color())
            colour.setAlpha(int(255 / (i + 1)))
            pen.setColor(colour)
        at = []
        for v in values:
            x = v * scale - offset
            if x < x_min or x > x_max:
                at.append(None)
                continue
            at.append(x)
            if ax == 0:
                tick_specs.append((pen, QPointF(stop, x), QPointF(reach, x)))
            else:
                tick_specs.append((pen, QPointF(x, stop), QPointF(x, reach)))
        positions.append(at)
    axis_spec = (axis.pen(), span[0], span[1])

    font_key = p.font().key()
    flags = _FLAGS[side]
    own = axis.boundingRect()
    gap = max(0, st["tickLength"]) + st["tickTextOffset"][ax]
    text_specs, measured = [], []
    last_size2 = 0
    for i in range(min(len(levels), st["maxTextLevel"] + 1)):
        if given is None:
            spacing, values = levels[i]
            strings = axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, spacing)
        else:
            strings = given[i]
        if len(strings) == 0:
            continue
        at = positions[i]
        sizes = [None if at[j] is None or s is None else _text_size(p, font_key, s) for j, s in enumerate(strings)]
        measured.extend(sz for sz in sizes if sz is not None)
        if measured:
            if ax == 0:
                size, size2 = sum(h for _w, h in measured), max(w for w, _h in measured)
            else:
                size, size2 = sum(w for w, _h in measured), max(h for _w, h in measured)
        else:
            size = size2 = 0
        if i > 0:                  # crowded: the lower levels go unlabelled
            fill = float(size) / length
            if any(len(text_specs) >= n and fill >= limit for n, limit in st["textFillLimits"]):
                break
        last_size2 = size2
        for j, s in enumerate(strings):
            if sizes[j] is None:
                continue
            x = at[j]
            w, h = sizes[j]
            if side == "left":
                rect = QRectF(stop - gap - w, x - h / 2, w, h)
            elif side == "right":
                rect = QRectF(stop + gap, x - h / 2, w, h)
            elif side == "top":
                rect = QRectF(x - w / 2.0, stop - gap - h, w, h)
            else:
                rect = QRectF(x - w / 2.0, stop + gap, w, h)
            if own & rect != rect:     # outside the axis: not drawn
                continue
            text_specs.append((rect, flags, s))
    axis._updateMaxTextSize(last_size2)
    return axis_spec, tick_specs, text_specs


def use_lean_specs(axis) -> None:
    """Make ``axis`` lay its ticks out with ``lean_draw_specs``, and let Qt answer
    its bounding rectangle (``_bounds_in_qt``).

    Its tick pictures are kept by what they are drawn from (``_paint_kept``).
    Its automatic SI prefix is switched off as well: the panels' axes have no
    units, yet with it on every range change re-set the label's HTML and
    re-measured the axis.
    """
    if axis.autoSIPrefix and not axis.labelUnits:
        axis.enableAutoSIPrefix(False)
        # pyqtgraph's switch-off still scales the ticks for the range of the moment
        # (a range of 0 .. 0.005 then read 0 .. 5 for good): no scale, as for no units
        axis.autoSIPrefixScale = 1.0
        axis.labelUnitPrefix = ""
        axis.picture = None
    axis.generateDrawSpecs = types.MethodType(lean_draw_specs, axis)
    axis.paint = types.MethodType(_paint_kept, axis)
    axis.kept_pictures = {}
    set_style, set_grid = axis.setStyle, axis.setGrid

    def restyled(*args, **kwargs):
        set_style(*args, **kwargs)
        _bounds_in_qt(axis)

    def regridded(*args, **kwargs):
        set_grid(*args, **kwargs)
        _bounds_in_qt(axis)

    axis.setStyle, axis.setGrid = restyled, regridded
    _bounds_in_qt(axis)


def _bounds_in_qt(axis) -> None:
    """Let Qt answer ``axis``' boundingRect itself, without a call into Python.

    For an axis without a grid and not transformed, pyqtgraph's answer is the
    axis' own rectangle widened on each side by amounts that depend only on its
    style (room for ticks pointing out, and for labels running past its ends).
    Qt's QGraphicsWidget widens its rectangle by its window-frame margins
    (painted only for windows, which an axis is not): set to those amounts,
    Qt's answer is pyqtgraph's, and Qt stops asking Python three or four times
    an axis a paint. With a grid (the bounds then follow the linked view) or a
    transform, pyqtgraph answers again.
    """
    if axis.grid is False and axis.transform().isIdentity():
        own = pg.AxisItem.boundingRect(axis)
        size = axis.size()
        axis.setWindowFrameMargins(-own.left(), -own.top(), own.right() - size.width(),
                                   own.bottom() - size.height())
        axis.boundingRect = QGraphicsWidget.boundingRect.__get__(axis)
    else:
        axis.setWindowFrameMargins(0, 0, 0, 0)
        vars(axis).pop("boundingRect", None)


def _pen_key(pen) -> tuple:
    return (pen.color().rgba(), pen.widthF(), pen.style().value, pen.isCosmetic())


def _frozen(value):
    """``value`` as a hashable key: lists as tuples, fonts by their key."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, QFont):
        return value.key()
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value


def picture_key(axis):
    """Everything ``axis``' tick picture is drawn from, as a key; None when it
    cannot be told (a style or an axis class this module does not lay out).

    The range, the axis' rectangle and bounds, the scale to the device (how many
    pixels the axis spans, hence how many ticks), the style, pens and fonts, and
    the given tick labels if any.
    """
    if not _handled(axis) or type(axis) is not pg.AxisItem:
        return None
    view = axis.getViewWidget()
    if view is None:
        return None
    dt = axis.deviceTransform(view.viewportTransform())
    r = axis.mapRectFromParent(axis.geometry())
    b = axis.boundingRect()
    levels = axis._tickLevels
    ticks = None if levels is None else tuple(tuple((float(v), s) for v, s in level) for level in levels)
    return (axis.orientation, float(axis.range[0]), float(axis.range[1]),
            (r.x(), r.y(), r.width(), r.height()), (b.x(), b.y(), b.width(), b.height()),
            (dt.m11(), dt.m12(), dt.m21(), dt.m22()), _frozen(axis.style),
            _pen_key(axis.pen()), _pen_key(axis.textPen()), _pen_key(axis.tickPen()),
            axis.scale, axis.autoSIPrefixScale, axis.logMode, _frozen(axis._tickSpacing), axis._tickDensity,
            QFont().key(), ticks)


def _paint_kept(axis, p, *args):
    """pyqtgraph's ``AxisItem.paint``, with the tick pictures it made kept by
    ``picture_key``: an axis whose range moves back to one it has shown (a drag
    back and forth, values stepped in turn) plays that picture again instead of
    laying its ticks out anew (about 0.6 ms an axis)."""
    if axis.picture is None:
        key = picture_key(axis)
        kept = axis.kept_pictures
        if key is not None and key in kept:
            axis.picture = kept.pop(key)
            kept[key] = axis.picture                 # the most recently used last
        else:
            pg.AxisItem.paint(axis, p, *args)
            if key is not None and axis.picture is not None:
                if len(kept) >= PICTURES_KEPT:
                    del kept[next(iter(kept))]
                kept[key] = axis.picture
            return
    axis.picture.play(p)
