"""Preset files: round trips, precise errors, atomic saves, hostile text, the gallery."""
import json
import math
import os

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from softmax_viewer import files, presets
from softmax_viewer.derived import compute
from softmax_viewer.presets import PresetError
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.preset_files import HEAD, preset_file

BASE = {"format": "softmax-viewer-preset", "version": 1, "logits": [1.0, 2.0, 3.0]}


def _write(tmp_path, data, name="p.json"):
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data))
    return p


def test_minimal_preset_defaults_the_rest(tmp_path):
    st = presets.load(_write(tmp_path, BASE))
    assert st.logits.tolist() == [1, 2, 3]
    assert (st.target, st.scale, st.temperature, st.epsilon) == (0, 1.0, 1.0, 0.0)


def test_round_trip_of_every_key_is_exact(tmp_path):
    st = ExplorerState(logits=[0.1, 1 / 3, -math.inf, 1e-300, -2.5e300, 7.0], labels=("a", "", "c"),
                       target=5, scale=0.7, temperature=1 / 7, epsilon=0.1 + 0.2,
                       generator=Generator(kind="gaussian", mean=1 / 9, std=0.3, seed=9),
                       log_probabilities=True, lse_mode="n_classes", surface_loss="lse_hinge",
                       surface_i=2, surface_j=4, name="ünïcode name", description="line one\nline two")
    path = tmp_path / "x.json"
    presets.save(st, path)
    again = presets.load(path)
    assert again.same_as(st)
    assert [float(v) for v in again.logits] == [float(v) for v in st.logits]
    assert again.epsilon == 0.1 + 0.2 and again.temperature == 1 / 7
    for gen in (Generator(kind="linspace", low=-3.25, high=1e-5), Generator(kind="pad", pad_value=-0.1)):
        s2 = st.replace(generator=gen)
        presets.save(s2, path)
        assert presets.load(path).generator == gen


def test_generator_instead_of_logits(tmp_path):
    data = {"format": "softmax-viewer-preset", "version": 1, "n_classes": 500,
            "generator": {"kind": "linspace", "low": -10, "high": 10}, "target": 499}
    st = presets.load(_write(tmp_path, data))
    np.testing.assert_array_equal(st.logits, np.linspace(-10, 10, 500))
    data["generator"] = {"kind": "gaussian", "mean": 0, "std": 2, "seed": 7}
    st2 = presets.load(_write(tmp_path, data))
    np.testing.assert_array_equal(st2.logits, 2 * np.random.default_rng(7).standard_normal(500))


@pytest.mark.parametrize("text,needle", [
    ('{"format": "softmax-viewer-preset",\n "version": 1,\n "logits": [1, 2,]}', "not valid JSON at line 3, column"),
    ("[1, 2, 3]", "the top level must be an object"),
    ('{"version": 1, "logits": [1]}', 'missing "format"'),
    ('{"format": "other", "version": 1, "logits": [1]}', '"format" must be "softmax-viewer-preset"'),
    ('{"format": "softmax-viewer-preset", "logits": [1]}', 'missing "version"'),
    ('{"format": "softmax-viewer-preset", "version": 2, "logits": [1]}', "newer softmax-viewer (format version 2)"),
    ('{"format": "softmax-viewer-preset", "version": "1", "logits": [1]}', '"version" must be a whole number'),
    ('{"format": "softmax-viewer-preset", "version": 1}', 'needs "logits", or "n_classes"'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1], "colour": 3}', "unknown key 'colour'"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, NaN]}', "NaN is not allowed"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [Infinity]}', "Infinity is not allowed"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, "x"]}', '"logits"[1] must be a number or "-inf"'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": "1,2"}', '"logits" must be a list'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": []}', '"logits" is empty'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], "temperature": -1}',
     "temperature must be >= 0"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], "temperature": "hot"}',
     '"temperature" must be a number'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], "epsilon": 1.5}', "epsilon must be <= 1"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], "target": 2}',
     "target 2 is out of range for 2 classes"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], "target": true}', '"target" must be'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1], "labels": [1]}', '"labels" must be a list of text'),
    ('{"format": "softmax-viewer-preset", "version": 1, "n_classes": 3, "generator": {"kind": "magic"}}',
     "generator kind must be one of"),
    ('{"format": "softmax-viewer-preset", "version": 1, "n_classes": 3, "generator": {"kind": "linspace", "step": 1}}',
     "unknown generator key 'step'"),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1], "name": 5}', '"name" must be text'),
    ('{"format": "softmax-viewer-preset", "version": 1, "logits": [1], "view": {"zoom": 2}}', "unknown view key 'zoom'"),
])
def test_malformed_presets_name_the_problem(tmp_path, text, needle):
    p = _write(tmp_path, text)
    with pytest.raises(PresetError) as info:
        presets.load(p)
    assert needle in str(info.value)
    assert str(p) in str(info.value)


def test_directory_missing_huge_binary_and_unreadable_files(tmp_path, monkeypatch):
    with pytest.raises(PresetError, match="is a directory"):
        presets.load(tmp_path)
    with pytest.raises(PresetError, match="no such file"):
        presets.load(tmp_path / "nope.json")
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(presets.MAX_BYTES + 1)
    with pytest.raises(PresetError, match="a preset is at most"):
        presets.load(big)
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PresetError, match="not UTF-8"):
        presets.load(binary)
    ok = _write(tmp_path, BASE, "ok.json")


    def deny(*_args, **_kw):
        raise PermissionError(13, "Permission denied")
    with monkeypatch.context() as m, pytest.raises(PresetError, match="cannot be read .Permission denied"):
        m.setattr(files.os, "open", deny)
        presets.load(ok)


def test_masked_logits_are_written_as_minus_inf_strings(tmp_path):
    st = ExplorerState(logits=[1.0, -math.inf], target=0)
    p = tmp_path / "m.json"
    presets.save(st, p)
    assert json.loads(p.read_text())["logits"] == [1.0, "-inf"]
    assert presets.load(p).logits[1] == -math.inf


def test_interrupted_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    p = tmp_path / "keep.json"
    presets.save(ExplorerState(name="old"), p)
    before = p.read_bytes()

    def crash(*_a, **_k):
        raise KeyboardInterrupt          # the process is stopped mid-save
    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        presets.save(ExplorerState(name="new", logits=list(range(1000))), p)
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["keep.json"]      # no temporary left behind


def test_failed_save_reports_and_keeps_the_old_file(tmp_path, monkeypatch):
    p = tmp_path / "keep.json"
    presets.save(ExplorerState(name="old"), p)
    before = p.read_bytes()

    def full(*_a, **_k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(PresetError, match="cannot be written"):
        presets.save(ExplorerState(name="new"), p)
    assert p.read_bytes() == before
    with pytest.raises(PresetError, match="cannot be written"):
        presets.save(ExplorerState(), tmp_path / "no" / "such" / "folder.json")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6) | st.just("-inf"),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=20)


# every key a preset may have: those written for logits given, and for a generator's
TOP_KEYS = set(json.loads(presets.dumps(ExplorerState()))) | set(
    json.loads(presets.dumps(ExplorerState(generator=Generator(kind="gaussian")).with_n_classes(5))))
keys = st.sampled_from(sorted(TOP_KEYS) + ["extra"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(keys, json_values, max_size=8), st.booleans())
def test_any_json_either_loads_or_gives_a_preset_error(data, with_header):
    if with_header:
        data = {**data, "format": "softmax-viewer-preset", "version": 1}
    text = json.dumps(data)
    try:
        st_ = presets.parse(text)
    except PresetError as exc:
        assert exc.problem
        return
    assert isinstance(st_, ExplorerState)
    again = presets.parse(presets.dumps(st_))
    assert again.same_as(st_)


def test_gallery_covers_every_seed_example():
    g = presets.gallery()
    assert len(g) >= 18
    states = {name: presets.load(p) for name, p in g.items()}
    for name, s in states.items():
        assert s.name and len(s.description) > 60, name
    by_logits = {tuple(float(v) for v in s.logits): s for s in states.values()}
    assert (10.0, 2.0, 10000.0, 4.0) in by_logits and (10.0, 2.0, 40.0, 4.0) in by_logits
    assert {s.scale for s in states.values() if list(s.logits) == [1, 2, 3, 4]} == {1.0, 10.0, 0.1}
    temps = {s.temperature for s in states.values() if list(s.logits) == [38, 20, 40, 39]}
    assert min(temps) < 0.01 and 1.0 in temps and max(temps) >= 100
    assert {s.n_classes for s in states.values() if s.logits[0] == -10 and s.logits[-1] == 10} >= {10, 100, 500}
    assert any(s.epsilon > 0 and list(s.logits) == [1.5, 1.2, 1.0] for s in states.values())
    assert {s.surface_loss for s in states.values()} >= {"hinge", "lse_hinge", "ce"}


@pytest.mark.parametrize("name", list(presets.gallery()))
def test_every_gallery_preset_computes(name):
    b = compute(presets.load(presets.gallery()[name]))
    assert not np.isnan(b.p).any() and abs(b.p.sum() - 1) < 1e-9


# ---- hostile text: a PresetError of one line, never a crash ----

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
    p = preset_file(tmp_path, body.format(zeros="0" * 400))
    try:
        st = presets.load(p)
    except presets.PresetError as exc:
        text = str(exc)
        assert "\n" not in text and len(text) < len(str(p)) + 200, text
    else:
        assert st.surface_i == 1          # the surface's class is clamped into range


def test_an_integer_of_over_4300_digits_is_one_line(tmp_path):
    p = preset_file(tmp_path, '"logits": [1, 2], "target": 0, "scale": 1' + "0" * 5000)
    with pytest.raises(presets.PresetError, match="over 4,300 digits"):
        presets.load(p)


def test_a_preset_nested_1000_levels_deep_is_one_line(tmp_path):
    for depth in (1000, 100_000):
        p = tmp_path / f"deep{depth}.json"
        p.write_text(HEAD + '"logits": ' + "[" * depth + "]" * depth + "}")
        with pytest.raises(presets.PresetError, match="nested too deeply|must be a number"):
            presets.load(p)


def test_a_key_twice_in_a_preset_is_refused(tmp_path):
    p = preset_file(tmp_path, '"logits": [1, 2], "target": 0, "scale": 1, "scale": 2')
    with pytest.raises(presets.PresetError, match="the key 'scale' appears twice"):
        presets.load(p)


# ---- what is saved opens ----

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


def test_a_preset_carries_its_name_and_description_in_other_languages(tmp_path):
    from softmax_viewer import presets
    p = tmp_path / "t.json"
    p.write_text('{"format": "softmax-viewer-preset", "version": 1, "name": "cats", "description": "Two.", '
                 '"logits": [1, 2], "translations": {"zh_CN": {"name": "猫", "description": "两类。"}}}',
                 encoding="utf-8")
    assert (presets.load(p).name, presets.load(p).description) == ("cats", "Two.")
    zh = presets.load(p, "zh_CN")
    assert (zh.name, zh.description) == ("猫", "两类。")
    assert presets.load(p, "fr").name == "cats"
    for bad, where in (('"translations": 3', "must be an object"), ('"translations": {"zh_CN": {"title": "x"}}',
                                                                      "unknown key 'title'"),
                       ('"translations": {"zh_CN": {"name": 3}}', "must be text")):
        p.write_text('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, 2], ' + bad + '}')
        with pytest.raises(presets.PresetError, match=where):
            presets.load(p)


def test_every_gallery_preset_has_its_chinese_name_and_description():
    from softmax_viewer import presets
    for name, path in presets.gallery().items():
        en, zh = presets.load(path), presets.load(path, "zh_CN")
        assert zh.name != en.name and zh.description != en.description, name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh.description), name


def test_a_preset_named_on_the_command_line_opens_in_the_windows_language():
    from softmax_viewer.arguments import state_from_args
    from softmax_viewer.cli import build_parser
    args = build_parser().parse_args(["--preset", "10-label-smoothing"])
    args.language = "zh_CN"
    st = state_from_args(args)
    assert st.name == presets.load(presets.gallery()["10-label-smoothing"], "zh_CN").name
    args.language = None
    assert state_from_args(args).name == presets.load(presets.gallery()["10-label-smoothing"]).name
