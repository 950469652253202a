"""The ticks and range of a bar axis of classes."""
from __future__ import annotations


import numpy as np
from PySide6.QtGui import (QFontMetrics, QGuiApplication)

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


def class_ticks(classes, labels_of, by_rank: bool, extent_px: float = 400.0, ranks: bool = True):
    """Tick labels for a bar axis, as many as fit in ``extent_px``: class labels
    in class order. Bars ordered by rank that are too many for their labels are
    labelled by rank (#k) at a sparse step, or with ``ranks=False`` by class: the
    labels, or the class numbers where more of those fit."""
    n = len(classes)
    names = [labels_of(int(c)) for c in classes]
    step = tick_step(names, extent_px)
    if by_rank and step > 1:
        if ranks:
            names = [f"#{pos + 1}" for pos in range(n)]
            step = tick_step(names, extent_px)
        else:
            numbers = [str(int(c)) for c in classes]
            fewer = tick_step(numbers, extent_px)
            if fewer < step:
                names, step = numbers, fewer
    return [[(pos, names[pos]) for pos in range(0, n, step)]]


class ClassAxis:
    """A bar axis' ticks and x range (``class_ticks``, ``class_range``), made again only
    when the classes shown, their labels or the axis' width change. A drag of s or T
    keeps the classes' order by p: their axis stays as it is (82 labels looked up and
    measured a tick, in the probability and gradient panels)."""

    def __init__(self, ranks: bool = True):
        self._made = None              # (key, the state's labels, (ticks, range))
        self.ranks = ranks             # ranked bars labelled by rank (#k), or by class (class_ticks)

    def __call__(self, classes, st, by_rank: bool, extent_px: float, n: int):
        key = (np.asarray(classes).tobytes(), by_rank, extent_px, n)
        made = self._made
        if made is not None and made[0] == key and (made[1] is st.labels or made[1] == st.labels):
            return made[2]
        ticks = class_ticks(classes, st.label, by_rank, extent_px, self.ranks)
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
