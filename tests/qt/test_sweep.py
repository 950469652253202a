"""The play buttons beside scale and temperature, and the sweep exported as an animated GIF."""
import math
import os

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from softmax_viewer.qt import export as exporting
from softmax_viewer.qt import sweep
from tests.qt.checks import controls_follow, full_disk


def _play(win, key="temperature", frames=10):
    button = win.controls.plays[key]
    button.click()
    assert button.isChecked() and button.sweep.running
    for _ in range(frames):
        button.sweep.step()
    return button


def test_a_cycle_runs_from_lo_up_to_hi_and_back_evenly_on_a_log_scale():
    values = sweep.sweep_values(0.01, 100, 48)
    assert values[0] == 0.01 and values[24] == 100 and len(values) == 48
    up = values[:25]
    assert up == sorted(up) and values[24:] == sorted(values[24:], reverse=True)
    assert values[12] == 1.0                                       # the middle of four decades
    assert all(0.01 <= v <= 100 for v in values)
    assert sweep.value_at(sweep.phase_of(2.5, 0.01, 100), 0.01, 100) == 2.5


def test_play_moves_the_value_smoothly_and_stop_keeps_it_as_one_undo_step(win):
    before = win.store.state
    button = _play(win, "temperature", frames=10)
    st = win.store.state
    assert st.temperature > before.temperature and st.scale == before.scale
    assert win.store.dragging                          # the frames are transient, as a drag's ticks
    assert win.controls.temperature.value() == st.temperature
    button.click()                                     # pause
    assert not button.isChecked() and not button.sweep.running and not win.store.dragging
    assert win.store.state is st
    win.store.undo()
    assert win.store.state is before                   # the whole play was one step
    win.store.redo()
    assert win.store.state.temperature == st.temperature
    controls_follow(win)


def test_each_frame_moves_a_small_step_and_a_pass_takes_six_seconds(win):
    button = _play(win, "scale", frames=0)
    seen = []
    for _ in range(sweep.FPS * 6):
        button.sweep.step()
        seen.append(win.store.state.scale)
    steps = [abs(math.log10(b / a)) for a, b in zip(seen, seen[1:])]
    assert max(steps) < 0.05                           # under a twentieth of a decade a frame
    # from s = 1 (the middle) up to 100 in 3 s, down again through 1 to 0.01 in 6 s
    assert seen[sweep.FPS * 3 - 1] == 100 and seen[-1] == 1.0
    for _ in range(sweep.FPS * 3):
        button.sweep.step()
    assert win.store.state.scale == 0.01
    button.click()


def test_pressing_the_slider_stops_the_sweep(win):
    button = _play(win, "scale")
    kept = win.store.state
    win.controls.scale.slider.setSliderDown(True)      # the user takes the handle
    assert not button.sweep.running and not button.isChecked()
    assert win.store.state is kept and not win.store.dragging
    win.controls.scale.slider.setSliderDown(False)


def test_typing_a_value_stops_the_sweep_and_the_value_typed_stays(win):
    before = win.store.state
    button = _play(win, "temperature")
    swept = win.store.state.temperature
    win.controls.temperature.spin.setValue(3.5)
    assert not button.sweep.running and win.store.state.temperature == 3.5
    win.store.undo()
    assert win.store.state.temperature == swept
    win.store.undo()
    assert win.store.state is before


def test_esc_stops_the_sweep(shown_window, qtbot):
    win = shown_window(1366, 768)
    button = _play(win, "temperature", frames=3)
    qtbot.keyClick(win.controls.n_classes, Qt.Key_Escape)
    assert not button.sweep.running and not button.isChecked()
    assert not win.store.dragging


def test_an_undo_while_playing_wins_and_the_sweep_gives_way(win):
    before = win.store.state
    button = _play(win, "scale")
    win.store.undo()
    assert win.store.state is before and not button.sweep.running and not button.isChecked()
    assert not win.store.can_undo()


def test_another_control_while_playing_stops_the_sweep(win):
    button = _play(win, "scale")
    win.controls.n_classes.setValue(6)
    assert not button.sweep.running and win.store.state.n_classes == 6


def test_the_sweep_as_a_gif_has_its_frames_and_leaves_the_state_as_it_was(shown_window, tmp_path):
    win = shown_window(1366, 768)
    before, history = win.store.state, (win.store.can_undo(), win.store.can_redo())
    out = tmp_path / "t.gif"
    sweep.export_sweep_gif(win, "temperature", out, frames=6)
    with Image.open(out) as gif:
        assert gif.format == "GIF" and gif.n_frames == 6
        assert gif.size == (win.width(), win.height())
        assert gif.info.get("loop") == 0
    assert win.store.state is before and (win.store.can_undo(), win.store.can_redo()) == history
    assert not win.store.dragging
    controls_follow(win)


def test_a_panel_sweep_over_a_range_given(shown_window, tmp_path):
    win = shown_window(1366, 768)
    out = tmp_path / "p.gif"
    sweep.export_sweep_gif(win, "scale", out, frames=4, lo=0.5, hi=2, panel="probabilities")
    with Image.open(out) as gif:
        assert gif.n_frames == 4 and gif.size == (win.probabilities.width(), win.probabilities.height())
        assert gif.convert("RGB").getpixel((0, 0)) == (255, 255, 255)     # the plots' background


def test_a_sweep_gif_stops_a_sweep_playing_first(shown_window, tmp_path):
    win = shown_window(1366, 768)
    button = _play(win, "scale")
    played = win.store.state
    sweep.export_sweep_gif(win, "scale", tmp_path / "s.gif", frames=2)
    assert not button.sweep.running and win.store.state is played and not win.store.dragging


def test_a_failed_gif_write_leaves_nothing_and_says_so(shown_window, tmp_path, monkeypatch):
    win = shown_window(1366, 768)
    before = win.store.state
    old = tmp_path / "old.gif"
    old.write_bytes(b"the old animation")
    with monkeypatch.context() as m:
        full_disk(m)
        for path in (tmp_path / "new.gif", old):
            with pytest.raises(exporting.ExportError) as info:
                sweep.export_sweep_gif(win, "temperature", path, frames=2)
            assert "the disk is full" in str(info.value) and "\n" not in str(info.value)
    assert old.read_bytes() == b"the old animation"
    assert os.listdir(tmp_path) == ["old.gif"]
    assert win.store.state is before


@pytest.mark.parametrize("kwargs, words", [
    ({"key": "epsilon"}, "scale or the temperature"),
    ({"frames": 1}, "frames must be a whole number from 2"),
    ({"lo": 0.0}, "two positive numbers"),
    ({"lo": 5, "hi": 2}, "lo below hi"),
    ({"panel": "nowhere"}, "no such panel"),
])
def test_a_gif_asked_for_wrongly_says_what_is_wrong(win, tmp_path, kwargs, words):
    args = {"key": "scale", **kwargs}
    with pytest.raises(exporting.ExportError, match=words):
        sweep.export_sweep_gif(win, args.pop("key"), tmp_path / "x.gif", **args)
    assert os.listdir(tmp_path) == []


def test_the_dialog_asks_what_to_sweep_and_where(shown_window, tmp_path, monkeypatch):
    win = shown_window(1366, 768)
    asked = []
    monkeypatch.setattr(sweep.QInputDialog, "getItem",
                        lambda parent, title, label, items, current, editable: (items[1], True))
    monkeypatch.setattr(sweep.QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filters: asked.append(start) or (str(tmp_path / "slide"), ""))
    monkeypatch.setattr(sweep, "export_sweep_gif",
                        lambda window, key, path: asked.append((key, path)) or open(path, "wb").close())
    assert sweep.export_sweep_dialog(win, "scale")
    assert asked[0].endswith("temperature-sweep.gif") and asked[1] == ("temperature", str(tmp_path / "slide.gif"))
    assert "Exported" in win.statusBar().currentMessage()


def test_the_dialog_reports_a_failure_in_one_line(shown_window, tmp_path, monkeypatch):
    win = shown_window(1366, 768)
    monkeypatch.setattr(sweep.QInputDialog, "getItem", lambda *a: (a[3][0], True))
    monkeypatch.setattr(sweep.QFileDialog, "getSaveFileName",
                        lambda *a: (str(tmp_path / "missing" / "s.gif"), ""))
    assert not sweep.export_sweep_dialog(win, "scale")
    assert "does not exist" in win.errors[-1] and "\n" not in win.errors[-1]
