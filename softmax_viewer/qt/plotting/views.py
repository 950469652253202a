"""View ranges that hold still, and plot texts set only when they change."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer.qt.plotting.fitting import set_title

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

    def title(self, plot, text, size="11pt", shorter=()):
        """``plot``'s title, with the shorter forms a narrow plot shows (``fitting.FittedTitle``)."""
        if self._changed((id(plot), "title"), (text, size, tuple(shorter))):
            set_title(plot, text, size, shorter)

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
