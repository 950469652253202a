"""The window's files: open, save, drop, the unsaved-changes question, a full disk."""
import os

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from softmax_viewer import presets
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState
from tests.qt.checks import full_disk


@pytest.fixture
def win(shown_window):
    return shown_window(1600, 900)       # exports reflect the laid-out window, as on screen


def test_failed_load_leaves_the_state_untouched(win, tmp_path):
    before = win.store.state
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, NaN]}')
    assert not win.open_path(bad, confirm=False)
    assert win.store.state is before
    assert "NaN is not allowed" in win.errors[0] and str(bad) in win.errors[0]
    assert not win.open_path(tmp_path, confirm=False)
    assert win.store.state is before and "is a directory" in win.errors[1]


def test_open_shows_the_description_and_save_round_trips(win, tmp_path):
    g = presets.gallery()
    assert win.open_path(g["12-textbook-overflow"], confirm=False)
    st = win.store.state
    assert st.logits.tolist() == [10, 2, 10000, 4]
    assert "exp(10000) overflows" in win.description.text()
    assert not win.store.modified
    win.controls.scale.spin.setValue(2.0)
    assert win.store.modified and win.windowTitle().startswith(st.name + " *")
    out = tmp_path / "mine.json"
    assert win.save_to(out)
    assert not win.store.modified
    assert presets.load(out).same_as(win.store.state)
    win.store.undo()                   # loading a preset is itself undoable
    win.store.undo()
    assert win.store.state.logits.tolist() == [1, 2, 3, 4]


def test_presets_menu_lists_the_gallery(win):
    gallery = [a for a in win.presets_menu.actions() if not a.isSeparator() and a.menu() is None]
    titles = [a.text() for a in gallery]
    assert len(titles) == len(presets.gallery())
    gallery[0].trigger()
    assert win.store.state.name == titles[0]


@pytest.mark.parametrize("answer,expect_open", [(QMessageBox.Discard, True), (QMessageBox.Cancel, False)])
def test_prompt_before_unsaved_changes_are_lost(qtbot, monkeypatch, answer, expect_open):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.controls.epsilon.spin.setValue(0.4)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    opened = w.open_path(presets.gallery()["01-scale-x1"])
    assert asked and opened is expect_open
    assert (w.store.state.epsilon == 0.4) is (not expect_open)


def test_dropping_a_file_opens_it(win):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(presets.gallery()["13-temperature-low"]))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    win.dropEvent(event)
    assert win.store.state.temperature == 0.001


def test_a_preset_saved_to_a_full_disk_says_so_and_keeps_the_old_file(win, tmp_path, monkeypatch):
    out = tmp_path / "mine.json"
    assert win.save_to(out)
    before = out.read_bytes()
    win.controls.scale.spin.setValue(3.0)
    with monkeypatch.context() as m:
        full_disk(m)
        assert not win.save_to(out)
    assert out.read_bytes() == before and os.listdir(tmp_path) == ["mine.json"]
    assert win.store.modified and "the disk is full" in win.errors[-1]
