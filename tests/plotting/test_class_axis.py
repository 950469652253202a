"""Bar axes of classes: as many labels as fit, room for the end ones, made again when what they show changes."""
import math

import numpy as np
from PySide6.QtGui import QFontMetrics, QGuiApplication

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting import class_range, class_ticks, tick_step
from softmax_viewer.state import ExplorerState


def _width(text: str) -> int:
    """``text``'s width in pixels in the application's font (that of the tick labels)."""
    return QFontMetrics(QGuiApplication.font()).horizontalAdvance(text)


def test_class_ticks_fit_the_width(qtbot):
    classes = np.arange(40)
    wide = class_ticks(classes, lambda c: f"class {c}", False, 4000.0)[0]
    narrow = class_ticks(classes, lambda c: f"class {c}", False, 300.0)[0]
    assert len(wide) == 40 and 1 < len(narrow) < 10
    ranked = class_ticks(classes, lambda c: f"class {c}", True, 300.0)[0]
    assert ranked[0] == (0, "#1")
    # by class: the classes' numbers, where more of them fit than of their labels
    order = np.arange(40)[::-1] + 100
    by_class = class_ticks(order, lambda c: f"class {c}", True, 300.0, ranks=False)[0]
    assert by_class[0] == (0, "139") and len(by_class) > len(narrow)
    assert all(t == str(order[pos]) for pos, t in by_class)
    few = class_ticks(order[:3], lambda c: f"class {c}", True, 300.0, ranks=False)[0]
    assert [t for _pos, t in few] == ["class 139", "class 138", "class 137"]       # all fit: the labels


def test_class_range_leaves_room_for_the_end_labels(qtbot):
    ticks = [[(0, "#1"), (5, "#6"), (35, "#36"), (39, "#40")]]
    lo, hi = class_range(ticks, 40, 300.0)
    per_px = (hi - lo) / 300.0
    assert (0 - lo) / per_px >= _width("#1") / 2 and (hi - 39) / per_px >= _width("#40") / 2
    assert class_range([[(0, "class 0"), (1, "class 1")]], 2, 400.0) == (-0.7, 1.7)   # room enough
    assert class_range([[]], 5, 300.0) == (-0.7, 4.7)
    assert class_range(ticks, 40, 10.0) == (-0.7, 39.7)          # too short for any label


def test_tick_steps_are_remembered_exactly(qtbot):
    """The step asked again (remembered) is the one the labels' own measures give:
    labels as wide as the widest and 10 px apart (a line high and 2 px apart, vertically)."""
    fm = QFontMetrics(QGuiApplication.font())
    texts = [f"class {k}" for k in range(40)]
    for extent in (55.0, 120.4, 120.9, 390.0, 391.7, 1200.0):
        for vertical in (False, True):
            need = fm.height() + 2 if vertical else max(_width(t) for t in texts) + 10
            fitting = max(1, math.ceil(len(texts) / max(1, int(extent // need))))
            assert tick_step(texts, extent, vertical) == fitting
            assert tick_step(texts, extent, vertical) == fitting
    assert tick_step(["a much longer label than the rest"] * 40, 300.0) > tick_step(["a"] * 40, 300.0)


def test_class_axis_is_made_again_when_what_it_shows_changes(qtbot):
    """A ClassAxis gives the ticks and range of the classes, labels and width it is asked
    for, whatever it was asked before."""
    st = ExplorerState(logits=[3.0, 1.0, 2.0, 0.0])
    axis = base.ClassAxis()
    shown = np.array([0, 2, 1, 3])

    def fresh(classes, state, extent):
        ticks = class_ticks(classes, state.label, False, extent)
        return ticks, class_range(ticks, 4, extent)

    first = axis(shown, st, False, 300.0, 4)
    assert first == fresh(shown, st, 300.0)
    assert axis(shown.copy(), st.replace(temperature=2.0), False, 300.0, 4) == first     # a drag of T
    named = st.replace(labels=("cat", "", "dog", ""))
    renamed = axis(shown, named, False, 300.0, 4)
    assert renamed == fresh(shown, named, 300.0) and renamed[0][0][0] == (0, "cat")
    assert axis(shown[::-1].copy(), named, False, 300.0, 4)[0][0][0][1] == "class 3"
    assert axis(shown, st, False, 500.0, 4) == fresh(shown, st, 500.0)                 # a wider axis
