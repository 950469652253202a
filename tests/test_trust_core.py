"""Hostile values and files against the core (no Qt): each test is named after the bug it pins."""
import errno
import json
import math
import os
import tracemalloc
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special

from softmax_viewer import derived, files, labs, presets, stable
from softmax_viewer.limits import MAX_SEED, SMALLEST, StateError
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

HEAD = '{"format": "softmax-viewer-preset", "version": 1, '


def _preset(tmp_path, body: str, name="p.json"):
    p = tmp_path / name
    p.write_text(HEAD + body + "}")
    return p


@pytest.fixture
def no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# ---- a preset can no longer brick the window: what is accepted can be shown ----

def test_preset_with_a_seed_beyond_the_seed_spin_box_is_refused(tmp_path):
    p = _preset(tmp_path, '"n_classes": 5, "generator": {"kind": "gaussian", "mean": 0, "std": 1, '
                          '"seed": 2147483648}')
    with pytest.raises(presets.PresetError, match=r"generator seed must be in 0\.\.2147483647, got 2147483648"):
        presets.load(p)
    assert Generator(kind="gaussian", seed=MAX_SEED).seed == MAX_SEED


@pytest.mark.parametrize("field", ["temperature", "scale", "epsilon"])
def test_preset_with_a_subnormal_control_is_refused(tmp_path, field):
    p = _preset(tmp_path, f'"logits": [0, 0], "target": 0, "{field}": 1e-320')
    with pytest.raises(presets.PresetError, match=f"{field} must be 0 or at least 1e-300, got 1e-320"):
        presets.load(p)
    assert getattr(ExplorerState(logits=[0.0, 0.0], target=0, **{field: SMALLEST}), field) == SMALLEST


@pytest.mark.parametrize("body", [
    '"logits": [1, 2], "scale": 1{zeros}',
    '"logits": [1, 2], "temperature": 1{zeros}',
    '"logits": [1, 2], "epsilon": 1{zeros}',
    '"logits": [1, 2], "target": 1{zeros}',
    '"logits": [1{zeros}, 2]',
    '"n_classes": 1{zeros}, "generator": {{"kind": "linspace", "low": 0, "high": 1}}',
    '"n_classes": 3, "generator": {{"kind": "linspace", "low": 1{zeros}, "high": 1}}',
    '"n_classes": 3, "generator": {{"kind": "gaussian", "mean": 0, "std": 1{zeros}, "seed": 0}}',
    '"n_classes": 3, "generator": {{"kind": "gaussian", "mean": 0, "std": 1, "seed": 1{zeros}}}',
    '"logits": [1, 2], "generator": {{"kind": "pad", "pad_value": -1{zeros}}}',
    '"logits": [1, 2], "view": {{"surface_i": 1{zeros}}}',
])
def test_a_400_digit_integer_in_any_numeric_field_is_one_line(tmp_path, body):
    """A 400-digit integer anywhere: a PresetError of one readable line, or (where the
    field clamps) a state; never an OverflowError."""
    p = _preset(tmp_path, body.format(zeros="0" * 400))
    try:
        st = presets.load(p)
    except presets.PresetError as exc:
        text = str(exc)
        assert "\n" not in text and len(text) < len(str(p)) + 200, text
    else:
        assert st.surface_i == 1          # the surface's class is clamped into range


def test_a_preset_nested_1000_levels_deep_is_one_line(tmp_path):
    for depth in (1000, 100_000):
        p = tmp_path / f"deep{depth}.json"
        p.write_text(HEAD + '"logits": ' + "[" * depth + "]" * depth + "}")
        with pytest.raises(presets.PresetError, match="nested too deeply|must be a number"):
            presets.load(p)


def test_a_preset_that_is_a_fifo_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.load(fifo)        # no writer: a blocking open or read would hang here


def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.load(link)


def test_a_file_that_grows_past_the_cap_is_read_only_to_the_cap(tmp_path, monkeypatch):
    """The size check does not trust st_size: at most the cap (plus one byte) is read."""
    p = tmp_path / "grows.json"
    p.write_bytes(b" " * 100)
    real_read = os.read
    got = []

    def endless(fd, n):            # a file that never ends, whatever stat said
        got.append(n)
        return b" " * n if sum(got) < 10**7 else real_read(fd, n)
    monkeypatch.setattr(files.os, "read", endless)
    with pytest.raises(files.FileError, match="is over 1,000 bytes"):
        files.read_limited(p, 1000)
    assert sum(got) <= 1001


def test_what_a_million_class_gaussian_state_saves_it_opens(tmp_path):
    st = ExplorerState(generator=Generator(kind="gaussian", seed=7)).with_n_classes(1_000_000)
    p = tmp_path / "big.json"
    presets.save(st, p)
    assert p.stat().st_size < 2000          # the generator, not its million logits
    back = presets.load(p)
    assert np.array_equal(back.logits, st.logits) and back.same_as(st)
    edited = st.with_logit(0, 1.25)          # no longer the generator's: the logits are written
    presets.save(edited, p)
    assert presets.MAX_BYTES > p.stat().st_size > 10**7
    assert np.array_equal(presets.load(p).logits, edited.logits)


def test_a_save_over_the_cap_is_refused_and_keeps_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "keep.json"
    presets.save(ExplorerState(), p)
    before = p.read_bytes()
    monkeypatch.setattr(presets, "MAX_BYTES", 100)
    with pytest.raises(presets.PresetError, match="over the 0 MB a preset may be"):
        presets.save(ExplorerState(logits=np.arange(50.0), target=0), p)
    assert p.read_bytes() == before


# ---- every write whole or not at all ----

def _full_disk_after(monkeypatch, limit):
    """os.write in files.py fails with ENOSPC once ``limit`` bytes are written."""
    real = os.write
    state = {"n": 0}

    def write(fd, data):
        if state["n"] + len(data) > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        state["n"] += len(data)
        return real(fd, data)
    monkeypatch.setattr(files.os, "write", write)


def test_a_preset_saved_to_a_full_disk_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    p = tmp_path / "state.json"
    presets.save(ExplorerState(), p)
    before = p.read_bytes()
    _full_disk_after(monkeypatch, 50)
    with pytest.raises(presets.PresetError, match="the disk is full"):
        presets.save(ExplorerState(logits=np.arange(100.0), target=1), p)
    assert p.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["state.json"]


def test_a_temporary_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path):
    dead = 2**22 + 12345                      # above any pid this machine hands out
    while True:
        try:
            os.kill(dead, 0)
            dead += 1
        except ProcessLookupError:
            break
    stale = tmp_path / f".x.json{files.TEMP_MARK}{dead}-abcdef{files.TEMP_SUFFIX}"
    stale.write_bytes(b"\0" * 1000)
    live = tmp_path / f".y.json{files.TEMP_MARK}{os.getpid()}-abcdef{files.TEMP_SUFFIX}"
    live.write_bytes(b"")                     # this process's own: in use, kept
    mine = tmp_path / "notes.tmp"             # not ours: never touched
    mine.write_text("keep")
    presets.save(ExplorerState(), tmp_path / "s.json")
    assert not stale.exists() and live.exists() and mine.exists()
    live.unlink()


def test_write_atomic_keeps_an_existing_files_permissions(tmp_path):
    p = tmp_path / "ro.json"
    p.write_text("{}")
    os.chmod(p, 0o640)
    files.write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and (os.stat(p).st_mode & 0o777) == 0o640


# ---- grids bounded whatever the controls ----

@pytest.mark.parametrize("temperature", [1e300, 1e-300])
def test_the_scale_sweep_at_a_million_classes_and_extreme_temperature_is_bounded(temperature, no_warnings):
    st = ExplorerState(logits=np.zeros(1_000_000), temperature=temperature, target=0)
    tracemalloc.start()
    try:
        b = derived.compute(st)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 400 * 2**20, f"{peak / 2**20:.0f} MiB"
    d = b.lse
    assert 2 <= d.x.size <= 4 * derived.lse.SWEEP_PER_DECADE + 1
    assert np.all(np.isfinite(d.lse_curve)) and np.allclose(d.lse_curve, math.log(1_000_000))


def test_a_cached_sweep_and_a_fresh_one_show_the_same_points():
    c = derived.Computer()
    st = ExplorerState(logits=[1.0, 3.0, 0.5, 2.0], target=1)
    c.compute(st)
    for t in (0.5, 3.0, 0.011, 70.0):
        kept, fresh = c.compute(st.replace(temperature=t)).lse, derived.compute(st.replace(temperature=t)).lse
        np.testing.assert_array_equal(kept.x, fresh.x)
        np.testing.assert_array_equal(kept.lse_curve, fresh.lse_curve)


# ---- numbers that were wrong or NaN ----

def _mp_softmax(x):
    e = [mpmath.e ** mpmath.mpf(float(v)) if np.isfinite(v) else mpmath.mpf(0) for v in x]
    s = sum(e)
    return [v / s for v in e]


ADVERSARIAL = [
    np.array([1.0, 2.0, 3.0, 4.0]) * 37,
    np.array([1.0, 2.0, 3.0, 4.0]) * 10,
    np.array([0.0, 40.0, -5.0, 39.9]),
    np.array([700.0, 0.0, -700.0]),
    np.array([1e-3, 0.0, -1e-3, 2e-3]),
    np.array([30.0, -np.inf, 0.0]),
    np.array([5.0]),
]


@pytest.mark.parametrize("x", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_the_jacobian_keeps_its_digits_where_p_is_near_one(x):
    with mpmath.workdps(60):
        p = _mp_softmax(x)
        # 1 - p_i as the others' sum: 1 - p_i itself would need some 300 digits at [700, 0, -700]
        rest = [sum(p[:i]) + sum(p[i + 1:]) for i in range(len(x))]
        want = [[float(p[i] * rest[i] if i == j else -p[i] * p[j]) for j in range(len(x))] for i in range(len(x))]
    got = stable.softmax_jacobian(x)
    want = np.array(want)
    tiny = np.finfo(np.float64).tiny
    ulps = np.abs(got - want) / np.maximum(np.spacing(np.abs(want)), tiny)
    assert np.all(ulps <= 8), (ulps.max(), got, want)
    if x.size == 4 and x[3] == 148:
        assert got[3, 3] == pytest.approx(8.5330476257e-17, rel=1e-9)


def test_the_jacobian_heat_map_keeps_the_top_class_cell():
    b = derived.compute(ExplorerState(logits=np.array([1.0, 2.0, 3.0, 4.0]) * 37))
    d = b.gradient
    top = int(np.flatnonzero(d.jac_classes == 3)[0])
    assert d.jacobian[top, top] == pytest.approx(8.5330476257e-17, rel=1e-9)


@pytest.mark.parametrize("a,b", [
    ([np.inf], [-1]), ([np.inf], [1]), ([np.inf, np.inf], [1, -1]), ([np.inf, 1], [-1, 1]),
    ([np.inf, np.inf], [-1, -2]), ([-np.inf], [-1]), ([-np.inf, -np.inf], [1, -1]), ([1, 2], [-1, 1]),
    ([np.nan], [-1]), ([np.inf], [-np.inf]), ([1], [np.inf]), ([1, 2], [np.inf, -np.inf]), ([-np.inf], [np.inf]),
    ([3.0, np.inf], [2.0, -0.5]),
])
def test_logsumexp_signs_with_infinite_terms_match_scipy(a, b, no_warnings):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want, want_sign = scipy.special.logsumexp(a, b=b, return_sign=True)
        want_plain = scipy.special.logsumexp(a, b=b)
    got, sign = stable.logsumexp(a, b=b, return_sign=True)
    np.testing.assert_equal([got, sign], [want, want_sign])
    np.testing.assert_equal(stable.logsumexp(a, b=b), want_plain)


def test_a_masked_class_stays_masked_at_scale_zero(no_warnings):
    st = ExplorerState(logits=[1.0, -np.inf, 3.0], scale=0.0, target=0)
    b = derived.compute(st)
    np.testing.assert_array_equal(b.p, [0.5, 0.0, 0.5])
    np.testing.assert_array_equal(b.u, [0.0, -np.inf, 0.0])
    assert b.readout["lse"] == pytest.approx(math.log(2))
    assert not np.any(np.isnan(b.surface.values)) and not np.any(np.isnan(b.gradient.jacobian))
    pl = labs.precision(st, "float32")
    np.testing.assert_array_equal(pl.stable_p, np.float32([0.5, 0.0, 0.5]))
    sp = labs.sampling(st, n=100, seed=1)
    assert sp.counts[1] == 0 and sp.counts.sum() == 100
    run = labs.train(st.replace(scale=1.0), steps=3)
    assert np.all(np.isneginf(run.logits[:, 1]))


def test_smoothed_ce_beside_a_masked_class_is_inf_not_nan(no_warnings):
    for eps in (5e-324, 1e-300, 0.1):
        assert stable.cross_entropy([0.0, -np.inf], 0, epsilon=eps) == math.inf
    b = derived.compute(ExplorerState(logits=[0.0, -np.inf], target=0, epsilon=SMALLEST))
    assert b.readout["smoothed_cross_entropy"] == math.inf
    assert not np.any(np.isnan(b.loss.smoothed_ce))


def test_every_class_masked_is_refused_everywhere(tmp_path):
    with pytest.raises(StateError, match="every class is masked"):
        ExplorerState(logits=[-np.inf, -np.inf])
    with pytest.raises(StateError, match="every class is masked"):
        ExplorerState(logits=[1.0, -np.inf], target=0).with_logit(0, -np.inf)
    p = _preset(tmp_path, '"logits": ["-inf", "-inf"]')
    with pytest.raises(presets.PresetError, match="every class is masked"):
        presets.load(p)


@pytest.mark.parametrize("logits,changes", [
    ([1.7e308, 1.7e308, 1.7e308, 1.7e308], {}),
    ([1.7e308, -1.7e308, 0.0, 1.0], {"epsilon": 0.5}),
    ([-1.7e308, -np.inf, 1.0], {"scale": 0.0}),
    ([1.0, -np.inf, 3.0], {"scale": 0.0, "temperature": 0.0}),
    ([5e-324, 0.0, -5e-324], {"temperature": SMALLEST}),
    ([0.0, 0.0], {"scale": 1e300, "temperature": 1e-300}),
    ([1e10, -1e10], {"temperature": 1e300, "lse_mode": "n_classes"}),
])
def test_no_runtime_warning_anywhere_near_the_float_range(logits, changes, no_warnings):
    st = ExplorerState(logits=logits, target=0, **changes)
    b = derived.compute(st)
    assert not np.any(np.isnan(b.p)) and not np.any(np.isnan(b.log_p))
    for name in ("lse", "lse_minus_max", "entropy", "cross_entropy", "smoothed_cross_entropy", "hinge"):
        assert not math.isnan(b.readout[name]), name
    for dtype in labs.DTYPES:
        labs.precision(st, dtype)
    if st.temperature > 0:
        labs.sampling(st, n=10, seed=0)
        labs.train(st, steps=2)


def test_training_with_a_huge_learning_rate_stays_within_the_floats(no_warnings):
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0)
    for mode in ("logits", "linear"):
        run = labs.train(st, steps=5, lr=1e300, mode=mode)
        for series in (run.loss, run.norm, run.gap, run.max_p):
            assert not np.any(np.isnan(series)), mode
    assert np.all(np.isfinite(labs.train(st, steps=5, lr=1e300).logits))


def test_json_plain_turns_every_number_into_json(no_warnings):
    from softmax_viewer.panel_data import json_plain

    obj = {"a": np.array([1.0, np.inf, -np.inf, np.nan]), "b": np.float32(2.5), "c": [np.int64(3), (np.bool_(True),)]}
    assert json.loads(json.dumps(json_plain(obj), allow_nan=False)) == {
        "a": [1.0, "inf", "-inf", "nan"], "b": 2.5, "c": [3, [True]]}


# ---- found by a hostile review ----

def test_a_nul_in_a_file_name_is_one_line():
    with pytest.raises(presets.PresetError, match="cannot hold a NUL"):
        presets.load("a\0b.json")
    assert files.remove_stale_temporaries("/tmp/\0x") == 0


@pytest.mark.parametrize("changes", [dict(labels=("\udfff",)), dict(name="\ud800"), dict(description="ok \udc00")])
def test_a_lone_surrogate_in_a_name_is_refused(changes):
    with pytest.raises(StateError, match="lone surrogate"):
        ExplorerState(**changes)


def test_a_lone_surrogate_in_a_preset_is_refused(tmp_path):
    p = _preset(tmp_path, '"logits": [1, 2], "target": 0, "labels": ["\\udfff", "b"]')
    with pytest.raises(presets.PresetError, match="lone surrogate"):
        presets.load(p)


@pytest.mark.parametrize("logits,changes,loss", [
    ([1.0, 0.0], {"temperature": 1e-300}, "ce"),
    ([5e-324, -5e-324, 0.0], {"temperature": 1e-300}, "ce"),
    ([-np.inf, 0.0, -np.inf], {}, "hinge"),
    ([1e308, -1e308], {}, "ce"),
])
def test_training_at_the_edges_of_the_floats_has_no_nan(logits, changes, loss, no_warnings):
    st = ExplorerState(logits=logits, target=0, **changes)
    run = labs.train(st, steps=5, lr=1.0, loss=loss)
    for series in (run.loss, run.norm, run.gap, run.max_p, run.logits.ravel()):
        assert not np.any(np.isnan(series))
    if logits[0] == 1e308:                      # a step of 1 leaves 1e308 where it is
        np.testing.assert_array_equal(run.logits[-1], logits)


@pytest.mark.parametrize("changes", [{"scale": 1e300}, {"scale": 1e200}, {"temperature": 1e-200}])
def test_linear_training_at_a_huge_scale_has_no_nan_gap(changes, no_warnings):
    run = labs.train(ExplorerState(target=0, **changes), steps=5, lr=1.0, mode="linear")
    for series in (run.loss, run.norm, run.gap, run.max_p):
        assert not np.any(np.isnan(series))


def test_the_readout_at_zero_temperature_gives_the_limits():
    r = derived.compute(ExplorerState(logits=[-1.0, -2.0], target=0, temperature=0.0)).readout
    assert (r["mean"], r["variance"], r["norm"]) == (-math.inf, math.inf, math.inf)
    r = derived.compute(ExplorerState(logits=[0.0, 0.0], target=0, temperature=0.0)).readout
    assert (r["mean"], r["variance"], r["norm"]) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize("key", ["scale", "temperature", "epsilon"])
def test_a_control_below_the_float_range_is_refused_not_rounded_to_zero(key, tmp_path):
    with pytest.raises(StateError, match=f"{key} must be 0 or at least 1e-300, got '1e-400'"):
        ExplorerState().with_setting(key, "1e-400")
    p = _preset(tmp_path, f'"logits": [1, 2], "target": 0, "{key}": 1e-400')
    with pytest.raises(presets.PresetError, match="below the smallest float"):
        presets.load(p)
    assert ExplorerState().with_setting(key, "0").__getattribute__(key) == 0.0


def test_a_logit_beyond_the_float_range_is_refused_not_masked():
    from softmax_viewer.logits import parse_logits

    with pytest.raises(StateError, match="beyond the float range"):
        parse_logits("-1e400, 1")
    assert np.isneginf(parse_logits("-inf, 1")[0])


def test_a_key_twice_in_a_preset_is_refused(tmp_path):
    p = _preset(tmp_path, '"logits": [1, 2], "target": 0, "scale": 1, "scale": 2')
    with pytest.raises(presets.PresetError, match="the key 'scale' appears twice"):
        presets.load(p)


def test_an_integer_of_over_4300_digits_is_one_line(tmp_path):
    p = _preset(tmp_path, '"logits": [1, 2], "target": 0, "scale": 1' + "0" * 5000)
    with pytest.raises(presets.PresetError, match="over 4,300 digits"):
        presets.load(p)


def test_long_double_beyond_float64_is_refused_without_a_warning(no_warnings):
    x = np.array([1e300, 1.0], np.longdouble) * np.longdouble(1e10)
    if np.finfo(np.longdouble).max <= np.finfo(np.float64).max:
        pytest.skip("this machine's long double is float64")
    with pytest.raises(ValueError, match="beyond the float64 range"):
        stable.softmax(x)
    np.testing.assert_allclose(stable.softmax(np.array([1.0, 2.0], np.longdouble)), stable.softmax([1.0, 2.0]))


def test_the_core_works_whatever_np_seterr_says():
    with np.errstate(all="raise"):
        np.testing.assert_allclose(stable.log_softmax([5e-324, 0.0], temperature=1e10), [-math.log(2)] * 2)
        assert stable.entropy([1e-300, 0.0], temperature=1e300) == pytest.approx(math.log(2))
        assert stable.softmax([0.0, -1000.0]).tolist() == [1.0, 0.0]


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    presets.save(ExplorerState(), link)
    assert link.is_symlink() and presets.load(target).same_as(ExplorerState())
    dev = tmp_path / "full.json"
    dev.symlink_to("/dev/full")
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.save(ExplorerState(), dev)
