"""Hostile presets and values against the window: named after the bug each pins."""
import sys

import numpy as np
import pytest

from softmax_viewer import presets
from softmax_viewer.limits import MAX_SEED, SMALLEST
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.preset_files import HEAD
from tests.qt.checks import controls_follow

FLOAT_MAX = sys.float_info.max


@pytest.fixture
def win(shown_window):
    return shown_window(1400, 860)


def test_controls_keep_working_after_a_preset_with_the_largest_seed(win, tmp_path):
    p = tmp_path / "seed.json"
    p.write_text(HEAD + f'"n_classes": 5, "generator": {{"kind": "gaussian", "mean": 0, "std": 1, "seed": {MAX_SEED}}}}}')
    assert win.open_path(p, confirm=False)
    controls_follow(win)
    assert win.controls.generator.currentText().startswith("Gaussian")
    win.controls.n_classes.setValue(9)
    win.controls.target.setValue(8)
    assert (win.store.state.n_classes, win.store.state.target) == (9, 8)


def test_every_extreme_value_the_state_accepts_is_shown_exactly(win):
    gen = Generator(kind="linspace", low=-FLOAT_MAX, high=SMALLEST, mean=0.1 + 0.2, std=1e300, seed=MAX_SEED,
                    pad_value=-3.3e-300)
    st = ExplorerState(logits=[0.0, 1e-300, -2.0], target=2, scale=1e300, temperature=1e300, epsilon=SMALLEST,
                       generator=gen)
    win.store.set_state(st)
    win.store.flush()
    controls_follow(win)
    # a Gaussian of std 1e300 at s = 1e300 puts s·z beyond the floats: refused, and shown as it was
    win.controls.generator.setCurrentIndex(win.controls.generator_kinds.index("gaussian"))
    assert win.store.state is st and "beyond the float range" in win.statusBar().currentMessage()
    controls_follow(win)
    # at s = 1e-300 it is taken, and touching one field keeps every other one to the last digit
    win.store.set_state(st.replace(scale=SMALLEST))
    win.controls.generator.setCurrentIndex(win.controls.generator_kinds.index("gaussian"))
    g = win.store.state.generator
    assert (g.kind, g.low, g.high, g.mean, g.std, g.seed, g.pad_value) == (
        "gaussian", -FLOAT_MAX, SMALLEST, 0.1 + 0.2, 1e300, MAX_SEED, -3.3e-300)
    for v in (SMALLEST, 0.1 + 0.2, 2.5, 1e300, 0.0):
        win.controls.temperature.spin.setValue(v)
        assert win.store.state.temperature == v and win.controls.temperature.spin.value() == v


def test_the_window_says_a_refused_edit_and_its_controls_keep_working(win):
    win.table.paste_text("-inf -inf")                    # every class masked: refused
    assert win.store.state.logits.tolist() == [1, 2, 3, 4]
    assert "every class is masked" in win.table.message.text()
    win.controls.scale.spin.setValue(1e301)              # beyond the spin box: it stays in range
    assert win.store.state.scale <= 1e300
    win.controls.n_classes.setValue(6)
    assert win.store.state.n_classes == 6
    controls_follow(win)


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
        controls_follow(win)
        assert not np.any(np.isnan(win.store.bundle.p)), body
        win.controls.scale.slider.setValue(600)          # a drag moves the state, or is refused and said
        assert win.store.state.scale != presets.load(p).scale or \
            "beyond the float range" in win.statusBar().currentMessage()
        controls_follow(win)


def test_a_refused_generator_value_is_shown_as_the_state_has_it(win):
    win.controls.generator.setCurrentIndex(win.controls.generator_kinds.index("gaussian"))
    win.controls.std.setValue(1e-310)                 # below what the state takes
    assert win.store.state.generator.std == 1.0 and win.controls.std.value() == 1.0
    assert "at least 1e-300" in win.statusBar().currentMessage()
