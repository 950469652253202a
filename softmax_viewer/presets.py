"""Preset files: the schema, validation with precise errors, atomic save. No Qt.

A preset is JSON::

    {"format": "softmax-viewer-preset", "version": 1,
     "name": "...", "description": "...",
     "logits": [1, 2, 3, "-inf"], "labels": ["a", "b", "c", "d"],
     "target": 0, "scale": 1.0, "temperature": 1.0, "epsilon": 0.0}

Instead of "logits" a preset may give "n_classes" and a "generator"
({"kind": "linspace", "low": -10, "high": 10} or {"kind": "gaussian", "mean": 0,
"std": 1, "seed": 0}).  Only "format", "version" and the logits (or generator)
are required.  JSON has no infinities: a masked class is the string "-inf".
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from softmax_viewer import files
from softmax_viewer.limits import MAX_DESCRIPTION, MAX_NAME, StateError, brief, check_text, one_line, underflows
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

FORMAT = "softmax-viewer-preset"
VERSION = 1
#: the largest preset read or written: a million logits of 17 digits, with their
#: class names, fit (a save that would be larger is refused, so what is saved opens)
MAX_BYTES = 64 * 1024 * 1024
SUFFIX = ".json"

_TOP_KEYS = {"format", "version", "name", "description", "logits", "labels", "target", "scale",
             "temperature", "epsilon", "margin", "cosine", "n_classes", "generator", "view", "labs",
             "translations"}
_NUMBER_KEYS = ("scale", "temperature", "epsilon", "margin")


class _Tiny(float):
    """A JSON number written as not 0 that rounds to 0.0 (1e-400): refused where 0 means something."""


def _parse_float(text: str) -> float:
    v = float(text)
    return _Tiny(v) if v == 0 and underflows(text) else v


def _check_tiny(v, where: str, path) -> None:
    if isinstance(v, _Tiny):
        raise PresetError(path, f"{where} is below the smallest float (it would be 0): use 0, or at least 1e-300")


def _unique_keys(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key {brief(key)} appears twice in one object")
        seen[key] = value
    return seen


class PresetError(ValueError):
    """A preset that cannot be read or written; the message names the file and the problem."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = one_line(problem)
        super().__init__(f"{path}: {self.problem}")


def _number(v, where: str, path) -> float:
    """A JSON number as a float; one beyond the float range (a 400-digit integer) is refused."""
    try:
        x = float(v)
    except OverflowError:
        raise PresetError(path, f"{where} is beyond the float range (±1.8e308): {brief(v)}") from None
    if math.isinf(x):
        raise PresetError(path, f"{where} is beyond the float range (±1.8e308): {brief(v)}")
    return x


def _is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _reject_constant(name):
    raise ValueError(f"{name} is not allowed in a preset (JSON has no NaN or infinity; "
                     f"write a masked logit as \"-inf\")")


def parse(text: str, path="<preset>", language: str | None = None) -> ExplorerState:
    """Validate preset text and return its state, or raise PresetError saying where."""
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_parse_float,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise PresetError(path, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise PresetError(path, "is nested too deeply (lists or objects inside each other) to be a preset") from None
    except ValueError as exc:          # NaN or Infinity, a key twice, or an integer of over 4,300 digits
        text = str(exc)
        if "sys.set_int_max_str_digits" in text:
            text = "holds an integer of over 4,300 digits, which no field takes"
        raise PresetError(path, text) from None
    return from_data(data, path, language)


def _translated(data: dict, path, language: str | None) -> dict:
    """``data`` with its name and description in ``language`` where "translations" has them:
    {"translations": {"zh_CN": {"name": "...", "description": "..."}}} beside the English ones."""
    tr = data.get("translations")
    if tr is None:
        return data
    if not isinstance(tr, dict):
        raise PresetError(path, '"translations" must be an object of languages, e.g. {"zh_CN": {"name": ...}}')
    for code, fields in tr.items():
        if not isinstance(fields, dict):
            raise PresetError(path, f'"translations" {brief(code)} must be an object with "name" and "description"')
        for key, value in fields.items():
            if key not in ("name", "description"):
                raise PresetError(path, f'"translations" {brief(code)}: unknown key {brief(key)}')
            if not isinstance(value, str):
                raise PresetError(path, f'"translations" {brief(code)} "{key}" must be text')
            try:
                check_text(f'"translations" {code} {key}', value, MAX_NAME if key == "name" else MAX_DESCRIPTION)
            except StateError as exc:
                raise PresetError(path, str(exc)) from None
    data = {k: v for k, v in data.items() if k != "translations"}
    data.update(tr.get(language, {}) if language else {})
    return data


def from_data(data, path="<preset>", language: str | None = None) -> ExplorerState:
    if not isinstance(data, dict):
        raise PresetError(path, f"the top level must be an object, got {type(data).__name__}")
    if data.get("format") != FORMAT:
        if "format" not in data:
            raise PresetError(path, f'missing "format": "{FORMAT}"')
        raise PresetError(path, f'"format" must be "{FORMAT}", got {brief(data["format"])}')
    version = data.get("version")
    if "version" not in data:
        raise PresetError(path, 'missing "version"')
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise PresetError(path, f'"version" must be a whole number >= 1, got {brief(version)}')
    if version > VERSION:
        raise PresetError(path, f"written by a newer softmax-viewer (format version {version}); "
                                f"this one reads versions up to {VERSION}")
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise PresetError(path, f"unknown key {brief(unknown[0])}")
    data = _translated(data, path, language)
    if "logits" not in data and "n_classes" not in data:
        raise PresetError(path, 'needs "logits", or "n_classes" with a "generator"')
    for key in ("name", "description"):
        if key in data and not isinstance(data[key], str):
            raise PresetError(path, f'"{key}" must be text, got {type(data[key]).__name__}')
    for key in _NUMBER_KEYS:
        if key in data:
            v = data[key]
            if not _is_number(v):
                raise PresetError(path, f'"{key}" must be a number, got {brief(v)}')
            _number(v, f'"{key}"', path)
            _check_tiny(v, f'"{key}"', path)
    if "target" in data and (isinstance(data["target"], bool) or not isinstance(data["target"], int)):
        raise PresetError(path, f'"target" must be a whole class index, got {brief(data["target"])}')
    state_dict = {k: v for k, v in data.items() if k not in ("format", "version")}
    if "logits" in data:
        logits = data["logits"]
        if not isinstance(logits, list):
            raise PresetError(path, f'"logits" must be a list of numbers, got {type(logits).__name__}')
        if not logits:
            raise PresetError(path, '"logits" is empty: at least one class is needed')
        values = []
        for i, v in enumerate(logits):
            if isinstance(v, str) and v == "-inf":
                values.append(-math.inf)
            elif _is_number(v):
                values.append(_number(v, f'"logits"[{i}]', path))
            else:
                raise PresetError(path, f'"logits"[{i}] must be a number or "-inf", got {brief(v)}')
        state_dict["logits"] = values
    if "labels" in data:
        labels = data["labels"]
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise PresetError(path, '"labels" must be a list of text')
    if "generator" in data:
        gen = data["generator"]
        if not isinstance(gen, dict):
            raise PresetError(path, '"generator" must be an object')
        for key, v in gen.items():
            if key not in ("kind", "seed") and _is_number(v):
                _number(v, f'"generator" {key}', path)
                _check_tiny(v, f'"generator" {key}', path)
    if "view" in data and not isinstance(data["view"], dict):
        raise PresetError(path, '"view" must be an object')
    if "labs" in data and not isinstance(data["labs"], dict):
        raise PresetError(path, '"labs" must be an object')
    if "n_classes" in data:
        n = data["n_classes"]
        if isinstance(n, bool) or not isinstance(n, int):
            raise PresetError(path, f'"n_classes" must be a whole number, got {brief(n)}')
    try:
        return ExplorerState.from_dict(state_dict)
    except (StateError, TypeError, OverflowError) as exc:
        raise PresetError(path, str(exc)) from None


def to_data(state: ExplorerState) -> dict:
    """The preset of a state: every key, floats written so they read back exactly.

    Logits that are the generator's own are stored as ``n_classes`` beside the
    generator (a million Gaussian logits are a few bytes, not 22 MB).
    """
    d = state.to_dict()
    data = {"format": FORMAT, "version": VERSION, "name": d.pop("name"), "description": d.pop("description")}
    gen = d.pop("generator")
    if "logits" in d:
        data["logits"] = ["-inf" if v == -math.inf else v for v in d.pop("logits")]
    else:
        data["n_classes"] = d.pop("n_classes")
    data.update(d)
    data["generator"] = gen
    return data


def dumps(state: ExplorerState) -> str:
    """The preset's text: one key a line, each value on its line (a million logits are
    one long line, not a million short ones), UTF-8 without escapes."""
    lines = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False, allow_nan=False)}"
             for key, value in to_data(state).items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def load(path, language: str | None = None) -> ExplorerState:
    """Read and validate a preset file; PresetError names the file and what is wrong.
    ``language`` (e.g. "zh_CN"): its name and description from the preset's "translations".

    Only a regular file is read (a FIFO or a device is refused before reading),
    and at most MAX_BYTES of it.
    """
    p = Path(path)
    try:
        raw = files.read_limited(p, MAX_BYTES, "preset")
    except files.FileError as exc:
        raise PresetError(p, exc.problem) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PresetError(p, f"is not UTF-8 text (byte {exc.start})") from None
    return parse(text, p, language)


def save(state: ExplorerState, path) -> None:
    """Write atomically (see ``files.write_atomic``): a failed or interrupted save
    leaves any existing file at ``path`` whole. A state whose preset would be over
    MAX_BYTES is refused, so that every preset saved can be opened again."""
    p = Path(path)
    data = dumps(state).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise PresetError(p, f"this state is {len(data) / 2**20:.1f} MB as a preset, over the "
                             f"{MAX_BYTES // 2**20} MB a preset may be: use fewer classes or shorter names")
    try:
        files.write_atomic(p, data, "preset")
    except files.FileError as exc:
        raise PresetError(p, exc.problem) from None


# ---- the gallery ----

def gallery_dir() -> Path:
    """assets/presets in a checkout; the installed copy otherwise."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "assets" / "presets"
    if checkout.is_dir():
        return checkout
    from importlib import resources

    return Path(str(resources.files("softmax_viewer.gallery")))


def gallery() -> dict:
    """Gallery presets by name (the file stem), in file-name order."""
    return {p.stem: p for p in sorted(gallery_dir().glob(f"*{SUFFIX}"))}


def resolve(name_or_path: str) -> Path:
    """A gallery name or a file path; PresetError if it is neither."""
    g = gallery()
    if name_or_path in g:
        return g[name_or_path]
    p = Path(name_or_path)
    if p.exists():
        return p
    names = ", ".join(g)
    raise PresetError(name_or_path, f"no such file, and no gallery preset of that name (gallery: {names})")


__all__ = ["FORMAT", "VERSION", "PresetError", "parse", "from_data", "to_data", "dumps", "load", "save",
           "gallery", "gallery_dir", "resolve", "Generator"]
