"""Settings and the state of the last run: restored, or the default with the reason; never a failed start."""
import pytest

from softmax_viewer.qt import app, platform
from softmax_viewer.qt.logit_table import LABEL
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.limits import MAX_SEED
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.preset_files import HEAD
from tests.qt.checks import controls_follow, full_disk


@pytest.fixture
def clean_config():
    platform.forget_state()
    platform.settings().clear()
    yield platform.config_dir()
    platform.forget_state()
    platform.settings().clear()


@pytest.mark.parametrize("text", [
    '{"generator": {"kind": "gaussian", "mean": 0, "std": 1, "seed": 2147483648}, "n_classes": 5}',
    '{"logits": [0, 0], "temperature": 1e-320, "target": 0}',
    '{"logits": [0, 0], "scale": 1' + "0" * 400 + ', "target": 0}',
    '{"logits": ' + "[" * 100_000 + "]" * 100_000 + '}',
    '{"logits": [1, 2], "target": 0, "labels": "ab"}',
    'not json at all',
    '{"format": "softmax-viewer-preset", "version": 99, "logits": [1]}',
])
def test_a_remembered_state_that_cannot_be_restored_starts_the_default_and_says_why(qtbot, clean_config, text):
    path = clean_config / platform.LAST_STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    body = text if not text.startswith("{\"") or "format" in text else HEAD + text[1:]
    path.write_text(body)
    w = app.open_main_window(None)
    qtbot.addWidget(w)
    assert w.store.state.same_as(ExplorerState())
    assert w.statusBar().currentMessage().startswith("The state from the last run could not be restored: ")
    assert not path.exists()                     # dropped: the next start is clean
    controls_follow(w)
    w.controls.n_classes.setValue(7)             # and the controls work
    assert w.store.state.n_classes == 7
    w.remember = False
    w.close()


def test_the_state_of_the_last_run_comes_back(qtbot, clean_config):
    st = ExplorerState(generator=Generator(kind="gaussian", seed=MAX_SEED)).with_n_classes(200_000)
    assert platform.remember_state(st) is None
    assert (clean_config / platform.LAST_STATE_FILE).stat().st_size < 2000     # the generator, not the logits
    w = app.open_main_window(None)
    qtbot.addWidget(w)
    assert w.store.state.same_as(st) and "could not be restored" not in w.statusBar().currentMessage()
    w.remember = False
    w.close()


def test_geometry_and_last_state_are_remembered(qtbot):
    """UI preferences and the last state live in the tests' own config folder."""
    platform.settings().clear()
    platform.forget_state()
    w = MainWindow(platform.remembered_state()[0], remember=True)
    qtbot.addWidget(w)
    w.show()
    w.controls.temperature.spin.setValue(0.37)
    w.table.model.setData(w.table.model.index(0, LABEL), "goes")
    w.close()
    st, problem = platform.remembered_state()
    assert problem is None and st.temperature == 0.37 and st.label(0) == "goes"
    assert isinstance(platform.settings().value("geometry"), bytes)
    w2 = MainWindow(platform.remembered_state()[0], remember=True)
    qtbot.addWidget(w2)
    assert w2.store.state.temperature == 0.37
    assert w2.controls.temperature.spin.value() == 0.37
    (platform.config_dir() / platform.LAST_STATE_FILE).write_text("{not json")
    st, problem = platform.remembered_state()       # a damaged file is said, not fatal
    assert st is None and "not valid JSON" in problem
    platform.settings().clear()
    platform.forget_state()


def test_settings_on_a_full_disk_keep_the_old_file(clean_config, monkeypatch):
    s = platform.settings()
    assert s.setValue("last_folder", "/somewhere") is None
    before = s.path.read_bytes()
    with monkeypatch.context() as m:
        full_disk(m)
        problem = platform.settings().setValue("last_folder", "/elsewhere")
        assert "the disk is full" in problem
        assert "the disk is full" in platform.remember_state(ExplorerState())
    assert s.path.read_bytes() == before
    assert platform.settings().value("last_folder") == "/somewhere"


def test_a_nul_in_the_settings_does_not_stop_the_start(qtbot, clean_config):
    s = platform.settings()
    s.setValue("last_folder", "/tmp/\0x")
    s.setValue("recent", ["/tmp/a\0/b.json", 3])
    w = app.open_main_window(ExplorerState())
    qtbot.addWidget(w)
    assert w.store.state.same_as(ExplorerState())
    w.remember = False
    w.close()


def test_the_very_first_start_opens_the_guided_tour_once(qtbot, clean_config):
    w = app.open_main_window(None)
    qtbot.addWidget(w)
    from PySide6.QtWidgets import QDockWidget
    docks = [d for d in w.findChildren(QDockWidget) if d.objectName() == "tour"]
    assert docks and not docks[0].isHidden()
    w.remember = False
    w.close()
    again = app.open_main_window(None)
    qtbot.addWidget(again)
    assert not [d for d in again.findChildren(QDockWidget) if d.objectName() == "tour" and not d.isHidden()]
    again.remember = False
    again.close()
