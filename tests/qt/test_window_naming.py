"""A state's name and description (editable, never stale), Save As (folder, title), a batch's labels."""
import json

import numpy as np
import pytest

from softmax_viewer import presets
from softmax_viewer.qt import dialogs
from softmax_viewer.qt.platform import settings


@pytest.fixture
def win(shown_window):
    return shown_window(1400, 800)


def test_the_description_goes_when_the_numbers_it_describes_change(win, tmp_path):
    assert win.open_path(presets.gallery()["12-textbook-overflow"], confirm=False)
    described = win.store.state.description
    assert described and described in win.description.text()
    win.controls.scale.spin.setValue(2.0)
    assert win.store.state.description == ""
    assert "no longer applies" in win.description.text() and described not in win.description.text()
    out = tmp_path / "mine.json"
    assert win.save_to(out)
    assert json.loads(out.read_text())["description"] == ""
    win.store.undo()                                   # the state it described comes back with it
    assert win.store.state.description == described


def test_a_view_change_keeps_the_description(win):
    assert win.open_path(presets.gallery()["12-textbook-overflow"], confirm=False)
    described = win.store.state.description
    win.store.set_state(win.store.state.replace(log_probabilities=not win.store.state.log_probabilities))
    assert win.store.state.description == described


def test_name_and_description_are_edited_undoably_and_saved(win, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_name_description", lambda *a: ("猫 vs 狗", "Two classes, one wins."))
    assert win.edit_description()
    st = win.store.state
    assert (st.name, st.description) == ("猫 vs 狗", "Two classes, one wins.")
    assert win.windowTitle().startswith("猫 vs 狗 *")
    assert "Two classes, one wins." in win.description.text()
    out = tmp_path / "named.json"
    assert win.save_to(out)
    back = presets.load(out)
    assert (back.name, back.description) == ("猫 vs 狗", "Two classes, one wins.")
    win.store.undo()
    assert win.store.state.name != "猫 vs 狗"


def test_a_name_too_long_is_refused_in_one_line(win, monkeypatch):
    before = win.store.state
    monkeypatch.setattr(dialogs, "ask_name_description", lambda *a: ("x" * 10_000, ""))
    assert not win.edit_description()
    assert win.store.state is before and "characters long" in win.errors[0]


def test_save_as_proposes_the_last_folder_and_the_title_takes_the_file_name(win, tmp_path, monkeypatch):
    settings().setValue("last_folder", "")
    assert win.open_path(presets.gallery()["02-scale-x10"], confirm=False)
    folder = tmp_path / "figures"
    folder.mkdir()
    assert win.export_to("probabilities", folder / "p.png")
    proposed = []

    def ask(parent, proposal):
        proposed.append(proposal)
        return str(folder / "my scale.json")
    monkeypatch.setattr(dialogs, "ask_save_preset", ask)
    assert win.save_as()
    assert proposed[0].parent == folder
    assert win.windowTitle().startswith("my scale — ")
    assert presets.load(folder / "my scale.json").name == "my scale"
    assert win.save_as()                              # next to its own file, under its own name
    assert proposed[1] == folder / "my scale.json"


def test_file_names_from_state_names():
    assert dialogs.file_name("[1, 2, 3, 4] x10") == "[1, 2, 3, 4] x10"
    assert dialogs.file_name("a/b\\c:d") == "a-b-c-d"
    assert dialogs.file_name("...") == ""


def test_labels_open_for_the_batch_and_bad_ones_change_nothing(win, tmp_path):
    assert not win.labels_action.isEnabled()
    z = np.random.default_rng(1).normal(size=(30, 4))
    np.save(tmp_path / "z.npy", z)
    assert win.open_logits(tmp_path / "z.npy")
    assert win.labels_action.isEnabled() and win.store.batch.labels is None
    (tmp_path / "bad.txt").write_text("0 1 2\n")
    assert not win.open_labels(tmp_path / "bad.txt")
    assert win.store.batch.labels is None and win.errors
    y = np.arange(30) % 4
    np.save(tmp_path / "y.npy", y)
    assert win.open_labels(tmp_path / "y.npy")
    assert win.store.batch.labels.tolist() == y.tolist()
    assert win.store.state.target == y[0]
    assert win.lab_docks.labs["calibration"].isVisible()
