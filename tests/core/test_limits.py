"""What the state accepts at the edges of the floats, the widgets and the text: each
refused value is one line, in the state and in a preset alike."""
import numpy as np
import pytest

from softmax_viewer import presets
from softmax_viewer.derived import compute
from softmax_viewer.limits import MAX_SEED, SMALLEST, StateError
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.preset_files import preset_file


def test_preset_with_a_seed_beyond_the_seed_spin_box_is_refused(tmp_path):
    p = preset_file(tmp_path, '"n_classes": 5, "generator": {"kind": "gaussian", "mean": 0, "std": 1, '
                              '"seed": 2147483648}')
    with pytest.raises(presets.PresetError, match=r"generator seed must be in 0\.\.2147483647, got 2147483648"):
        presets.load(p)
    assert Generator(kind="gaussian", seed=MAX_SEED).seed == MAX_SEED


@pytest.mark.parametrize("field", ["temperature", "scale", "epsilon"])
def test_preset_with_a_subnormal_control_is_refused(tmp_path, field):
    p = preset_file(tmp_path, f'"logits": [0, 0], "target": 0, "{field}": 1e-320')
    with pytest.raises(presets.PresetError, match=f"{field} must be 0 or at least 1e-300, got 1e-320"):
        presets.load(p)
    assert getattr(ExplorerState(logits=[0.0, 0.0], target=0, **{field: SMALLEST}), field) == SMALLEST


@pytest.mark.parametrize("key", ["scale", "temperature", "epsilon"])
def test_a_control_below_the_float_range_is_refused_not_rounded_to_zero(key, tmp_path):
    with pytest.raises(StateError, match=f"{key} must be 0 or at least 1e-300, got '1e-400'"):
        ExplorerState().with_setting(key, "1e-400")
    p = preset_file(tmp_path, f'"logits": [1, 2], "target": 0, "{key}": 1e-400')
    with pytest.raises(presets.PresetError, match="below the smallest float"):
        presets.load(p)
    assert ExplorerState().with_setting(key, "0").__getattribute__(key) == 0.0


def test_every_class_masked_is_refused_everywhere(tmp_path):
    with pytest.raises(StateError, match="every class is masked"):
        ExplorerState(logits=[-np.inf, -np.inf])
    with pytest.raises(StateError, match="every class is masked"):
        ExplorerState(logits=[1.0, -np.inf], target=0).with_logit(0, -np.inf)
    p = preset_file(tmp_path, '"logits": ["-inf", "-inf"]')
    with pytest.raises(presets.PresetError, match="every class is masked"):
        presets.load(p)


def test_every_class_masked_is_refused_with_what_to_do():
    with pytest.raises(StateError, match="every class is masked .* give at least one class a finite logit"):
        ExplorerState(logits=[-np.inf, -np.inf, -np.inf], target=1)
    assert not any("masked" in note for note in compute(ExplorerState(logits=[1.0, -np.inf], target=0)).notes)


@pytest.mark.parametrize("changes", [dict(labels=("\udfff",)), dict(name="\ud800"), dict(description="ok \udc00")])
def test_a_lone_surrogate_in_a_name_is_refused(changes):
    with pytest.raises(StateError, match="lone surrogate"):
        ExplorerState(**changes)


def test_a_lone_surrogate_in_a_preset_is_refused(tmp_path):
    p = preset_file(tmp_path, '"logits": [1, 2], "target": 0, "labels": ["\\udfff", "b"]')
    with pytest.raises(presets.PresetError, match="lone surrogate"):
        presets.load(p)
