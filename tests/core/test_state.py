"""The state: validation with precise errors, changes, round trips, history."""
import numpy as np
import pytest

from softmax_viewer.limits import StateError
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState, History


@pytest.mark.parametrize("changes,match", [
    (dict(temperature=-1.0), "temperature must be >= 0"),
    (dict(scale=float("nan")), "scale must be finite"),
    (dict(epsilon=1.5), "epsilon must be <= 1"),
    (dict(epsilon=-0.1), "epsilon must be >= 0"),
    (dict(target=4), "target 4 is out of range for 4 classes"),
    (dict(target=1.5), "target must be a whole class index"),
    (dict(logits=[1.0, float("nan")]), "logit 1 is nan"),
    (dict(logits=[float("inf"), 1.0]), "logit 0 is inf"),
    (dict(logits=[]), "at least one class"),
    (dict(lse_mode="x"), "lse_mode must be one of"),
    (dict(surface_loss="l2"), "surface_loss must be one of"),
])
def test_invalid_values_name_field_and_value(changes, match):
    with pytest.raises(StateError, match=match):
        ExplorerState().replace(**changes)


def test_minus_inf_logit_is_a_masked_class():
    st = ExplorerState(logits=[1.0, -np.inf, 2.0], target=0)
    assert st.logits[1] == -np.inf


def test_logits_are_read_only():
    st = ExplorerState()
    with pytest.raises(ValueError):
        st.logits[0] = 5.0


def test_round_trip_is_exact():
    st = ExplorerState(logits=[0.1, 1 / 3, -np.inf, 1e-300, 1e300], labels=("a", "", "c"), target=4,
                       scale=0.7, temperature=1 / 7, epsilon=0.1,
                       generator=Generator(kind="gaussian", mean=1.0, std=0.3, seed=9),
                       log_probabilities=True, lse_mode="n_classes", surface_loss="hinge",
                       surface_i=2, surface_j=3, name="x", description="y")
    again = ExplorerState.from_dict(st.to_dict())
    assert again.same_as(st)
    assert again.logits.tolist() == st.logits.tolist()


def test_from_dict_rejects_unknown_keys_and_uses_generators():
    with pytest.raises(StateError, match="unknown key 'colour'"):
        ExplorerState.from_dict({"logits": [1, 2], "colour": "red"})
    st = ExplorerState.from_dict({"n_classes": 10, "generator": {"kind": "linspace", "low": -10, "high": 10}})
    np.testing.assert_array_equal(st.logits, np.linspace(-10, 10, 10))
    with pytest.raises(StateError, match="need either logits or n_classes"):
        ExplorerState.from_dict({"target": 0})


@pytest.mark.parametrize("gen,expected", [
    (Generator(kind="linspace", low=-10, high=10), np.linspace(-10, 10, 6)),
    (Generator(kind="pad", pad_value=-1.0), np.array([1.0, 2.0, 3.0, 4.0, -1.0, -1.0])),
])
def test_class_count_uses_the_generator(gen, expected):
    st = ExplorerState().replace(generator=gen).with_n_classes(6)
    np.testing.assert_array_equal(st.logits, expected)


def test_gaussian_generator_is_seeded():
    g = Generator(kind="gaussian", std=2.0, seed=4)
    a = ExplorerState().with_generator(g).with_n_classes(1000)
    b = ExplorerState().with_generator(g).with_n_classes(1000)
    np.testing.assert_array_equal(a.logits, b.logits)
    assert abs(np.std(a.logits) - 2.0) < 0.2


def test_shrinking_keeps_target_in_range():
    st = ExplorerState(target=3).with_n_classes(2)
    assert st.target == 1 and st.n_classes == 2


def test_insert_and_remove_classes_keep_the_target_class():
    st = ExplorerState(labels=("a", "b", "c", "d"), target=2)
    st2 = st.insert_class(0, 5.0, "new")
    assert st2.label(st2.target) == "c"
    st3 = st2.remove_classes([0, 1])
    assert st3.label(st3.target) == "c"
    with pytest.raises(StateError, match="at least one class"):
        st.remove_classes([0, 1, 2, 3])


@pytest.mark.parametrize("key,value,check", [
    ("scale", "2.5", lambda s: s.scale == 2.5),
    ("temperature", "0", lambda s: s.temperature == 0),
    ("epsilon", "0.1", lambda s: s.epsilon == 0.1),
    ("n_classes", "10", lambda s: s.n_classes == 10),
    ("target", "1", lambda s: s.target == 1),
])
def test_settings_from_the_command_line(key, value, check):
    assert check(ExplorerState().with_setting(key, value))


@pytest.mark.parametrize("key,value,match", [
    ("colour", "1", "unknown key 'colour'"),
    ("scale", "abc", "scale must be a number"),
    ("n_classes", "2.5", "n_classes must be a whole number"),
    ("temperature", "-1", "temperature must be >= 0"),
])
def test_bad_settings(key, value, match):
    with pytest.raises(StateError, match=match):
        ExplorerState().with_setting(key, value)


def test_history_undo_redo():
    a = ExplorerState()
    h = History(a)
    b = a.replace(scale=2.0)
    c = b.replace(scale=3.0)
    h.push(b)
    h.push(c)
    assert h.undo() is b and h.undo() is a and h.undo() is a
    assert h.redo() is b
    d = b.replace(epsilon=0.5)
    h.push(d)
    assert not h.can_redo() and h.undo() is b


def test_effective_logits_at_zero_temperature():
    st = ExplorerState(logits=[-1.0, 0.0, 2.0, -np.inf], target=2, temperature=0.0)
    np.testing.assert_array_equal(st.effective_logits(), [-np.inf, 0.0, np.inf, -np.inf])


def test_same_as_sees_a_change_to_any_field():
    import dataclasses

    from softmax_viewer.lab_settings import LabSettings
    from softmax_viewer.logits import Generator
    base = ExplorerState(logits=[0.1, 0.2, 0.3, 0.4])      # cosines, so that the cosine mode can be on
    changed = {"logits": np.array([0.1, 0.2, 0.3, 0.5]), "labels": ("a",), "target": 0, "scale": 2.0,
               "temperature": 2.0, "epsilon": 0.1, "margin": 0.5, "cosine": True, "generator": Generator(kind="gaussian"),
               "log_probabilities": True, "lse_mode": "n_classes", "surface_loss": "hinge", "surface_i": 2,
               "surface_j": 3, "name": "x", "description": "y",
               "labs": LabSettings().replace("precision", dtype="float16")}
    assert set(changed) == {f.name for f in dataclasses.fields(ExplorerState)}
    assert base.same_as(ExplorerState(logits=[0.1, 0.2, 0.3, 0.4]))
    for key, value in changed.items():
        assert not base.same_as(base.replace(**{key: value})), key
