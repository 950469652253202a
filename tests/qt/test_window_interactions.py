"""Interactions that went wrong: pasting common prints, Discard on quit, a fresh start with New."""
import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from softmax_viewer import presets
from softmax_viewer.qt import platform
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


@pytest.fixture
def win(qtbot):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.store.flush()
    return w


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
