"""A model's logits from a file: .npy, .npz, .csv/.tsv/.txt, .json, .safetensors, .pt/.pth. No Qt.

``read_logits(path)`` returns a ``LogitFile``: the logits (a vector (C,) or a batch
(B, C), float64), the labels if the file has them (B,) and the class names (C,).
Nothing executes on load: numpy files are read with ``allow_pickle=False``, torch
files with ``weights_only=True``; only regular files are read, their sizes checked
before the data is (a large .npy is memory-mapped while it is checked, then copied
once), and a batch of more than logit_checks.MAX_VALUES numbers is refused. Every refusal is a
``LogitFileError``: one line naming the file and what is wrong.
"""
from __future__ import annotations

import contextlib
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from softmax_viewer import files
from softmax_viewer.logit_checks import (LogitFileError, check_class_names, check_labels, check_logits,
                                         fail)

MAX_BINARY_BYTES = 4 * 1024 ** 3    # a .npy/.npz/.safetensors/.pt file
MAX_TEXT_BYTES = 512 * 1024 ** 2    # a .csv/.txt/.json file
FORMATS = {
    ".npy": "NumPy array", ".npz": "NumPy archive", ".csv": "comma-separated values",
    ".tsv": "tab-separated values", ".txt": "numbers in text", ".json": "JSON",
    ".safetensors": "safetensors", ".pt": "PyTorch tensor", ".pth": "PyTorch tensor",
}
LABEL_FORMATS = (".npy", ".csv", ".tsv", ".txt")


@dataclass(frozen=True, eq=False)
class LogitFile:
    logits: np.ndarray            # (C,) or (B, C), float64, read-only
    labels: np.ndarray | None     # (B,) int64 or None
    class_names: tuple | None     # C strings or None
    path: Path

    @property
    def is_batch(self) -> bool:
        return self.logits.ndim == 2

    @property
    def n_samples(self) -> int:
        return self.logits.shape[0] if self.is_batch else 1

    @property
    def n_classes(self) -> int:
        return self.logits.shape[-1]


def is_logit_file(path) -> bool:
    """Whether ``path``'s suffix is one read_logits reads (.json is a preset's too: see read_logits)."""
    return Path(path).suffix.lower() in FORMATS


@contextlib.contextmanager
def _regular(path, limit: int):
    """files.open_regular, its refusals as LogitFileError."""
    try:
        with files.open_regular(path, limit, "file of logits") as f:
            yield f
    except files.FileError as exc:
        raise LogitFileError(str(exc)) from None


def _made(path, z, labels=None, names=None) -> LogitFile:
    z = check_logits(path, z, "the logits")
    n = z.shape[0] if z.ndim == 2 else 1
    y = None if labels is None else check_labels(path, labels, n, z.shape[-1])
    cn = None if names is None else check_class_names(path, names, z.shape[-1])
    return LogitFile(z, y, cn, Path(path))


# ---- each format ----

def _npy(path) -> LogitFile:
    with _regular(path, MAX_BINARY_BYTES):
        pass                          # a regular file of a sane size: now mapped by name, not read
    try:
        a = np.load(path, allow_pickle=False, mmap_mode="r")
    except ValueError as exc:
        if _pickled(exc):
            fail(path, "holds Python objects (a pickle); only numeric arrays are opened")
        fail(path, f"is not a readable .npy file ({exc})")
    except (OSError, EOFError) as exc:
        fail(path, f"is not a readable .npy file ({exc})")
    return _made(path, a)


def _pickled(exc: Exception) -> bool:
    text = str(exc)
    return "allow_pickle" in text or "Object arrays" in text or "Python objects" in text


def _npz(path) -> LogitFile:
    with _regular(path, MAX_BINARY_BYTES) as f:
        try:
            with zipfile.ZipFile(f) as zf:
                for info in zf.infolist():
                    if info.file_size > MAX_BINARY_BYTES:
                        fail(path, f"member {info.filename} unpacks to {info.file_size:,} bytes; at most "
                                    f"{MAX_BINARY_BYTES:,}")
            f.seek(0)
            with np.load(f, allow_pickle=False) as npz:
                keys = list(npz.files)

                def get(key):
                    try:
                        return npz[key]
                    except ValueError as exc:
                        if _pickled(exc):
                            fail(path, f"array {key!r} holds Python objects (a pickle); only numeric "
                                        "arrays are opened")
                        raise
                if "logits" in keys:
                    z = get("logits")
                else:
                    floats = [k for k in keys if k not in ("labels", "class_names") and get(k).dtype.kind == "f"]
                    if len(floats) != 1:
                        fail(path, f"has no array named 'logits' and {len(floats)} float arrays "
                                    f"({', '.join(floats) or 'none'}): name the logits 'logits'")
                    z = get(floats[0])
                labels = get("labels") if "labels" in keys else None
                names = get("class_names") if "class_names" in keys else None
                if names is not None and names.dtype.kind not in "US":
                    fail(path, f"class_names must be strings, got {names.dtype}")
                return _made(path, z, labels, names)
        except (zipfile.BadZipFile, OSError, EOFError, KeyError) as exc:
            if isinstance(exc, LogitFileError):
                raise
            fail(path, f"is not a readable .npz archive ({exc})")
        except ValueError as exc:
            if isinstance(exc, LogitFileError):
                raise
            fail(path, f"is not a readable .npz archive ({exc})")


_SEPARATORS = re.compile(r"[,\t ;，、]+")


def _text_rows(path, text: str) -> tuple[list, list | None]:
    rows, header = [], None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        cells = [c for c in _SEPARATORS.split(line) if c]
        try:
            rows.append([float(c) for c in cells])
        except ValueError:
            if rows or header is not None:
                bad = next(c for c in cells if not _is_number(c))
                fail(path, f"line {number}: {bad!r} is not a number")
            header = cells                      # a header row of class names
    if not rows:
        fail(path, "holds no numbers")
    width = len(rows[0])
    ragged = next((k for k, r in enumerate(rows) if len(r) != width), None)
    if ragged is not None:
        fail(path, f"row {ragged + 1} has {len(rows[ragged])} numbers where the first has {width}")
    return rows, header


def _is_number(c: str) -> bool:
    try:
        float(c)
        return True
    except ValueError:
        return False


def _decode(path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        fail(path, f"is not UTF-8 text (byte {exc.start})")


def _text(path) -> LogitFile:
    text = _decode(path, _read(path, MAX_TEXT_BYTES))
    rows, header = _text_rows(path, text)
    z = np.array(rows, dtype=np.float64)
    if z.shape[0] == 1 or z.shape[1] == 1:      # one row, or one number a line: a vector of logits
        z = z.reshape(-1)
    if header is not None and len(header) != z.shape[-1]:
        fail(path, f"the header names {len(header)} classes, the rows hold {z.shape[-1]}")
    return _made(path, z, None, header)


def _read(path, limit: int) -> bytes:
    try:
        return files.read_limited(path, limit, "file of logits")
    except files.FileError as exc:
        raise LogitFileError(str(exc)) from None


def _json(path) -> LogitFile:
    text = _decode(path, _read(path, MAX_TEXT_BYTES))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        fail(path, f"is not valid JSON ({getattr(exc, 'msg', exc)}"
                    + (f" at line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ")"))
    data, labels, names = _parts(path, data, "a JSON object of logits")
    if not isinstance(data, list) or not data:
        fail(path, "the logits must be a list of numbers or a list of lists")
    try:
        z = np.array([[_json_number(v) for v in row] for row in data] if isinstance(data[0], list)
                     else [_json_number(v) for v in data], dtype=np.float64)
    except (TypeError, ValueError) as exc:
        fail(path, f"the logits: {exc}")
    if labels is not None:
        if not isinstance(labels, list) or any(isinstance(v, bool) or not isinstance(v, int) for v in labels):
            fail(path, "labels must be a list of integers")
        labels = np.array(labels, dtype=np.int64) if labels else np.zeros(0, np.int64)
    if names is not None and not (isinstance(names, list) and all(isinstance(s, str) for s in names)):
        fail(path, "class_names must be a list of strings")
    return _made(path, z, labels, names)


def _parts(path, data, what: str):
    """(logits, labels, class names) of a dict with "logits" (labels and names optional), or of bare logits."""
    if not isinstance(data, dict):
        return data, None, None
    if "logits" not in data:
        fail(path, f"{what} needs the key 'logits'")
    return data["logits"], data.get("labels"), data.get("class_names")


def _json_number(v) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        raise ValueError(f"{v!r} is not a number")
    if isinstance(v, str):
        if v.strip().lower() in ("-inf", "-infinity"):
            return -np.inf
        raise ValueError(f"{v!r} is not a number (a masked class is \"-inf\")")
    return float(v)


def _safetensors(path) -> LogitFile:
    try:
        from safetensors import SafetensorError
        from safetensors.numpy import load
    except ImportError:
        fail(path, "needs the safetensors package: python3 -m pip install safetensors")
    data = _read(path, MAX_BINARY_BYTES)
    try:
        tensors = load(data)
    except (SafetensorError, ValueError, TypeError) as exc:
        fail(path, f"is not a readable safetensors file ({exc})")
    if "logits" in tensors:
        z = tensors["logits"]
    else:
        others = [k for k in tensors if k != "labels"]
        if len(others) != 1:
            fail(path, f"has no tensor named 'logits' and {len(others)} others ({', '.join(others) or 'none'})")
        z = tensors[others[0]]
    return _made(path, z, tensors.get("labels"))


def _torch(path) -> LogitFile:
    try:
        import torch
    except ImportError:
        fail(path, "a PyTorch file needs torch installed (python3 -m pip install torch); "
                    "or save the tensor with numpy.save or safetensors")
    with _regular(path, MAX_BINARY_BYTES) as f:
        try:
            obj = torch.load(f, map_location="cpu", weights_only=True)
        except Exception as exc:           # torch raises many kinds; none may escape as a traceback
            first = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).split(". ")[0].splitlines()[0] if str(exc) else ""
            fail(path, f"is not a tensor torch loads with weights_only=True, which runs no code "
                        f"({type(exc).__name__}: {first.rstrip('.')})")
    obj, labels, names = _parts(path, obj, "a saved dict of tensors")
    if not isinstance(obj, torch.Tensor):
        fail(path, f"holds a {type(obj).__name__}, not a tensor")

    def as_numpy(t):
        return t.detach().cpu().to(torch.float64 if t.is_floating_point() else t.dtype).numpy()
    return _made(path, as_numpy(obj), None if labels is None else as_numpy(labels), names)


_READERS = {".npy": _npy, ".npz": _npz, ".csv": _text, ".tsv": _text, ".txt": _text, ".json": _json,
            ".safetensors": _safetensors, ".pt": _torch, ".pth": _torch}


def read_logits(path, labels_path=None) -> LogitFile:
    """The logits in ``path`` (by its suffix), with the labels of ``labels_path`` if given."""
    p = Path(path)
    reader = _READERS.get(p.suffix.lower())
    if reader is None:
        fail(p, f"unknown kind of file; logits are read from {', '.join(FORMATS)}")
    try:
        got = reader(p)
    except MemoryError:
        fail(p, "does not fit in memory")
    if labels_path is not None:
        y = read_labels(labels_path, got.n_samples, got.n_classes)
        got = LogitFile(got.logits, y, got.class_names, got.path)
    return got


def read_labels(path, n: int, c: int | None = None) -> np.ndarray:
    """The integer labels in ``path`` (.npy, or numbers in text), n of them, each within 0..c-1."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".npy":
        with _regular(p, MAX_BINARY_BYTES) as f:
            try:
                a = np.load(f, allow_pickle=False)
            except (ValueError, OSError, EOFError) as exc:
                fail(p, "holds Python objects (a pickle); only numeric arrays are opened"
                      if _pickled(exc)
                      else f"is not a readable .npy file ({exc})")
    elif suffix in LABEL_FORMATS:
        rows, _header = _text_rows(p, _decode(p, _read(p, MAX_TEXT_BYTES)))
        a = np.array([v for r in rows for v in r], dtype=np.float64)
    else:
        fail(p, f"labels are read from {', '.join(LABEL_FORMATS)}")
    return check_labels(p, a, n, c)
