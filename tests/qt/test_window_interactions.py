"""Interactions that went wrong: pasting common prints, Discard on quit, a fresh start with New."""
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from softmax_viewer import presets
from softmax_viewer.qt import platform
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


@pytest.mark.parametrize("text,want", [
    ("tensor([1.0000, 2.0000, -0.5000], device='cuda:0', requires_grad=True)", [1.0, 2.0, -0.5]),
    ("tensor([ 0.1000, -0.2000], grad_fn=<AddBackward0>)", [0.1, -0.2]),
    ("1，2，3", [1.0, 2.0, 3.0]),
    ("1、2、3", [1.0, 2.0, 3.0]),
    ("[ 1.  2.  3.\n  4.  5.]", [1.0, 2.0, 3.0, 4.0, 5.0]),     # numpy wraps a long vector
])
def test_common_prints_paste_as_logits(win, text, want):
    assert win.table.paste_text(text)
    assert list(win.store.state.logits) == want


def test_a_two_dimensional_paste_opens_as_a_batch(win):
    assert win.table.paste_text("tensor([[1., 2., 3.],\n        [3., 2., 1.]])")
    assert win.store.batch is not None and win.store.batch.n_samples == 2
    assert list(win.store.state.logits) == [1.0, 2.0, 3.0]
    before = win.store.state
    assert not win.table.paste_text("1 2 3\n4 5")              # ragged rows: refused, nothing changes
    assert win.store.state is before


def test_discard_on_quit_goes_back_to_the_files_state(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    presets.save(ExplorerState(logits=np.array([1.0, 2.0, 5.0]), target=0), path)
    w = MainWindow(ExplorerState(), remember=True)
    qtbot.addWidget(w)
    assert w.open_path(str(path), confirm=False)
    w.store.set_state(w.store.state.replace(temperature=3.0))       # an edit, not saved
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    w.close()
    remembered, problem = platform.remembered_state()
    assert problem is None and remembered.temperature == 1.0 and list(remembered.logits) == [1.0, 2.0, 5.0]


def test_new_starts_from_the_default_state_and_closes_a_batch(win, tmp_path):
    np.savez(tmp_path / "b.npz", logits=np.zeros((3, 4)), labels=np.array([0, 1, 2]))
    win.open_path(str(tmp_path / "b.npz"), confirm=False)
    win.store.mark_saved()
    assert win.new_state()
    assert win.store.batch is None and win.store.state.same_as(ExplorerState())
    assert not win.store.modified


def test_a_value_typed_into_a_spin_box_moves_its_slider(win, qtbot):
    ctl = win.controls.scale
    ctl.spin.setValue(2.5)                                      # as typed, then Enter
    assert win.store.state.scale == 2.5
    at_25 = ctl.slider.value()
    assert at_25 > 500                                          # right of the middle (s = 1) of 0.01 .. 100
    before = at_25
    ctl.spin.setValue(1.0)
    assert ctl.slider.value() != before                         # the handle follows the number


def test_ctrl_z_in_a_spin_box_undoes_the_state(qtbot):
    from PySide6.QtCore import Qt
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()                                          # a shortcut works in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    spin = w.controls.temperature.spin
    spin.setFocus()
    spin.setValue(3.0)
    assert w.store.state.temperature == 3.0
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    assert w.store.state.temperature == 1.0
    qtbot.keyClick(spin.lineEdit(), Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.store.state.temperature == 3.0


def test_the_rest_of_the_mass_is_never_rounded_to_all_of_it(win):
    from softmax_viewer.logits import Generator
    st = ExplorerState(generator=Generator(kind="gaussian", std=0.01)).with_n_classes(100_000)
    win.store.set_state(st)
    win.store.flush()
    text = win.probabilities.note.text()                       # the top 40 of 100,000 hold 0.04 %
    assert "0.9996 of the mass" in text and " 1 of the mass" not in text, text
