"""The store: one undo step per change or drag, one computation per event-loop turn."""
import pytest

from softmax_viewer.qt.logit_table import LOGIT


def test_a_drag_is_one_undo_step(win):
    start = win.store.state
    s = win.controls.temperature.slider
    s.setSliderDown(True)
    for pos in (520, 560, 600, 640):
        s.setValue(pos)
    s.setSliderDown(False)
    s.sliderReleased.emit()
    dragged = win.store.state
    assert dragged.temperature != start.temperature
    win.undo_action.trigger()
    assert win.store.state is start
    assert win.controls.temperature.spin.value() == start.temperature
    win.redo_action.trigger()
    assert win.store.state is dragged


def test_undo_covers_every_kind_of_change(win):
    start = win.store.state
    win.controls.epsilon.spin.setValue(0.3)
    win.controls.n_classes.setValue(6)
    win.table.model.setData(win.table.model.index(0, LOGIT), "9")
    for _ in range(3):
        win.store.undo()
    assert win.store.state is start


def test_many_changes_between_paints_compute_once(qtbot, win):
    got = []
    win.store.bundle_ready.connect(got.append)
    for k in range(50):
        win.store.set_state(win.store.state.replace(scale=1 + k / 100), transient=True)
    qtbot.waitUntil(lambda: len(got) >= 1)
    qtbot.wait(20)
    assert len(got) == 1 and got[0].state.scale == pytest.approx(1.49)
