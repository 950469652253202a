"""Hostile presets, remembered states and disks against the window: named after the bug each pins."""
import errno
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QSpinBox

from softmax_viewer import files, presets
from softmax_viewer.qt import app, platform
from softmax_viewer.qt.controls import signals_blocked
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.limits import MAX_SEED, SMALLEST
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

HEAD = '{"format": "softmax-viewer-preset", "version": 1, '
FLOAT_MAX = sys.float_info.max


@pytest.fixture
def win(qtbot, monkeypatch):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.errors = []
    monkeypatch.setattr(w, "report_error", lambda title, text: w.errors.append(text))
    w.resize(1400, 860)
    w.show()
    w.store.flush()
    return w


@pytest.fixture
def clean_config():
    platform.forget_state()
    platform.settings().clear()
    yield platform.config_dir()
    platform.forget_state()
    platform.settings().clear()


def _controls_follow(w):
    """Every control shows exactly the state's value."""
    st, c = w.store.state, w.controls
    g = st.generator
    assert (c.scale.value(), c.temperature.value(), c.epsilon.value()) == (st.scale, st.temperature, st.epsilon)
    assert (c.target.value(), c.n_classes.value()) == (st.target, st.n_classes)
    assert (c.low.value(), c.high.value(), c.mean.value(), c.std.value(), c.seed.value(), c.pad_value.value()) \
        == (g.low, g.high, g.mean, g.std, g.seed, g.pad_value)
    assert c._kinds[c.generator.currentIndex()] == g.kind
    for widget in c.findChildren(QSpinBox) + [c.scale.spin, c.temperature.spin, c.generator]:
        assert not widget.signalsBlocked()


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
    _controls_follow(w)
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


def test_controls_keep_working_after_a_preset_with_the_largest_seed(win, tmp_path):
    p = tmp_path / "seed.json"
    p.write_text(HEAD + f'"n_classes": 5, "generator": {{"kind": "gaussian", "mean": 0, "std": 1, "seed": {MAX_SEED}}}}}')
    assert win.open_path(p, confirm=False)
    _controls_follow(win)
    assert win.controls.generator.currentText().startswith("Gaussian")
    win.controls.n_classes.setValue(9)
    win.controls.target.setValue(8)
    assert (win.store.state.n_classes, win.store.state.target) == (9, 8)


def test_a_widget_update_that_fails_leaves_no_signal_blocked(qtbot):
    a, b = QSpinBox(), QSpinBox()
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    with pytest.raises(RuntimeError), signals_blocked(a, b):
        assert a.signalsBlocked() and b.signalsBlocked()
        raise RuntimeError("boom")
    assert not a.signalsBlocked() and not b.signalsBlocked()


def test_every_extreme_value_the_state_accepts_is_shown_exactly(win):
    gen = Generator(kind="linspace", low=-FLOAT_MAX, high=SMALLEST, mean=0.1 + 0.2, std=1e300, seed=MAX_SEED,
                    pad_value=-3.3e-300)
    st = ExplorerState(logits=[0.0, 1e-300, -2.0], target=2, scale=1e300, temperature=1e300, epsilon=SMALLEST,
                       generator=gen)
    win.store.set_state(st)
    win.store.flush()
    _controls_follow(win)
    # a Gaussian of std 1e300 at s = 1e300 puts s·z beyond the floats: refused, and shown as it was
    win.controls.generator.setCurrentIndex(win.controls._kinds.index("gaussian"))
    assert win.store.state is st and "beyond the float range" in win.statusBar().currentMessage()
    _controls_follow(win)
    # at s = 1e-300 it is taken, and touching one field keeps every other one to the last digit
    win.store.set_state(st.replace(scale=SMALLEST))
    win.controls.generator.setCurrentIndex(win.controls._kinds.index("gaussian"))
    g = win.store.state.generator
    assert (g.kind, g.low, g.high, g.mean, g.std, g.seed, g.pad_value) == (
        "gaussian", -FLOAT_MAX, SMALLEST, 0.1 + 0.2, 1e300, MAX_SEED, -3.3e-300)
    for v in (SMALLEST, 0.1 + 0.2, 2.5, 1e300, 0.0):
        win.controls.temperature.spin.setValue(v)
        assert win.store.state.temperature == v and win.controls.temperature.spin.value() == v


def _full_disk(monkeypatch):
    def write(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "write", write)


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".csv"])
def test_an_export_to_a_full_disk_says_so_and_keeps_the_old_file(win, tmp_path, monkeypatch, suffix):
    out = tmp_path / f"X{suffix}"
    out.write_bytes(b"the old figure")
    with monkeypatch.context() as m:
        _full_disk(m)
        assert not win.export_to("window" if suffix != ".csv" else "probabilities", out)
    assert out.read_bytes() == b"the old figure"
    assert os.listdir(tmp_path) == [out.name]
    assert "the disk is full" in win.errors[-1] and "Exported" not in win.statusBar().currentMessage()


def test_a_preset_saved_to_a_full_disk_says_so_and_keeps_the_old_file(win, tmp_path, monkeypatch):
    out = tmp_path / "mine.json"
    assert win.save_to(out)
    before = out.read_bytes()
    win.controls.scale.spin.setValue(3.0)
    with monkeypatch.context() as m:
        _full_disk(m)
        assert not win.save_to(out)
    assert out.read_bytes() == before and os.listdir(tmp_path) == ["mine.json"]
    assert win.store.modified and "the disk is full" in win.errors[-1]


def test_settings_on_a_full_disk_keep_the_old_file(clean_config, monkeypatch):
    s = platform.settings()
    assert s.setValue("last_folder", "/somewhere") is None
    before = s.path.read_bytes()
    with monkeypatch.context() as m:
        _full_disk(m)
        problem = platform.settings().setValue("last_folder", "/elsewhere")
        assert "the disk is full" in problem
        assert "the disk is full" in platform.remember_state(ExplorerState())
    assert s.path.read_bytes() == before
    assert platform.settings().value("last_folder") == "/somewhere"


def _can_mount() -> bool:
    if os.geteuid() != 0:
        return False
    probe = "/tmp/softmax-viewer-mount-probe"
    os.makedirs(probe, exist_ok=True)
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], capture_output=True).returncode == 0
    if ok:
        subprocess.run(["umount", probe])
    os.rmdir(probe)
    return ok


@pytest.mark.skipif(not _can_mount(), reason="needs root and a tmpfs mount to make a real full disk")
def test_an_export_to_a_real_full_disk_exits_2_and_keeps_the_old_file(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], check=True)
    try:
        old = disk / "X.pdf"
        old.write_bytes(b"%PDF old")
        r = subprocess.run([sys.executable, "-m", "softmax_viewer", "export", "--set", "n_classes=10000",
                            "--panel", "window", "--out", str(old)], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2
        assert r.stderr.strip().splitlines() == [f"softmax-viewer: {old}: cannot be written (the disk is full); "
                                                 "nothing was changed"]
        assert old.read_bytes() == b"%PDF old" and os.listdir(disk) == ["X.pdf"]
    finally:
        subprocess.run(["umount", str(disk)])


def test_the_window_says_a_refused_edit_and_its_controls_keep_working(win):
    win.table.paste_text("-inf -inf")                    # every class masked: refused
    assert win.store.state.logits.tolist() == [1, 2, 3, 4]
    assert "every class is masked" in win.table.message.text()
    win.controls.scale.spin.setValue(1e301)              # beyond the spin box: it stays in range
    assert win.store.state.scale <= 1e300
    win.controls.n_classes.setValue(6)
    assert win.store.state.n_classes == 6
    _controls_follow(win)


def test_the_window_survives_presets_near_every_limit(win, tmp_path):
    bodies = [
        '"logits": [1e308, -1e308, 0], "target": 0',
        '"logits": [1.7e308, 1.7e308, 1.7e308, 1.7e308], "epsilon": 0.5, "target": 0',
        '"logits": [1, "-inf", 3], "scale": 0, "target": 1',
        '"logits": [1, "-inf", 3], "temperature": 0, "target": 1, "view": {"lse_mode": "n_classes"}',
        '"logits": [0, 0], "scale": 1e300, "temperature": 1e-300, "target": 0, "view": {"surface_loss": "hinge"}',
        '"logits": [5e-324, 0, -5e-324], "temperature": 1e-300, "target": 0',
        '"n_classes": 3, "generator": {"kind": "linspace", "low": -1.7976931348623157e308, '
        '"high": 1.7976931348623157e308}, "target": 2, "view": {"lse_mode": "n_classes"}',
        '"logits": [1e10, -1e10], "temperature": 1e300, "epsilon": 1, "target": 1, '
        '"view": {"surface_loss": "smoothed_ce", "log_probabilities": true}',
        '"logits": [3], "target": 0',
    ]
    for k, body in enumerate(bodies):
        p = tmp_path / f"p{k}.json"
        p.write_text(HEAD + body + "}")
        assert win.open_path(p, confirm=False), win.errors
        win.store.flush()
        _controls_follow(win)
        assert not np.any(np.isnan(win.store.bundle.p)), body
        win.controls.scale.slider.setValue(600)          # a drag moves the state, or is refused and said
        assert win.store.state.scale != presets.load(p).scale or \
            "beyond the float range" in win.statusBar().currentMessage()
        _controls_follow(win)


def test_exporting_a_lab_with_no_run_says_so_at_once(win, tmp_path):
    win.store.set_state(win.store.state.replace(temperature=0.0))
    win.open_lab("overconfidence")
    assert not win.export_to("overconfidence", tmp_path / "x.csv")
    assert "no numbers to export" in win.errors[-1]
    assert win.export_to("overconfidence", tmp_path / "x.png")


def test_a_nul_in_the_settings_does_not_stop_the_start(qtbot, clean_config):
    s = platform.settings()
    s.setValue("last_folder", "/tmp/\0x")
    s.setValue("recent", ["/tmp/a\0/b.json", 3])
    w = app.open_main_window(ExplorerState())
    qtbot.addWidget(w)
    assert w.store.state.same_as(ExplorerState())
    w.remember = False
    w.close()


def test_a_refused_generator_value_is_shown_as_the_state_has_it(win):
    win.controls.generator.setCurrentIndex(win.controls._kinds.index("gaussian"))
    win.controls.std.setValue(1e-310)                 # below what the state takes
    assert win.store.state.generator.std == 1.0 and win.controls.std.value() == 1.0
    assert "at least 1e-300" in win.statusBar().currentMessage()


def test_a_long_number_in_a_message_is_cut(win):
    win.table.paste_text("1" + "0" * 400 + "1, x")
    text = win.table.message.text()
    assert len(text) < 200 and "…" in text
