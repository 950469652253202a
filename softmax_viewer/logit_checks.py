"""The checks a model's logits, labels and class names pass, wherever they come from. No Qt.

Each failure is a LogitFileError: one line that names where the numbers came from
(a file, or what handed them over) and what is wrong.
"""
from __future__ import annotations

import numpy as np

from softmax_viewer.limits import MAX_CLASSES, MAX_LABEL

MAX_VALUES = 200_000_000            # B x C: 1.6 GB as float64


class LogitFileError(ValueError):
    """A file the program cannot open as logits: one line, naming the file."""


def fail(path, text: str):
    raise LogitFileError(f"{path}: {text}")


def check_logits(path, a, what: str) -> np.ndarray:
    """``a`` as float64 logits, (C,) or (B, C), checked."""
    a = np.asarray(a)
    if a.dtype == object or a.dtype.kind not in "fiub":
        fail(path, f"{what} holds {a.dtype} values, not numbers")
    if a.dtype.kind == "f" and a.dtype.itemsize > 8:
        fail(path, f"{what} is {a.dtype}: save it as float64 or float32")
    if a.ndim == 0 or a.ndim > 2:
        fail(path, f"{what} has shape {tuple(a.shape)}: logits are (classes,) or (samples, classes)")
    if a.size == 0:
        fail(path, f"{what} is empty (shape {tuple(a.shape)})")
    if a.size > MAX_VALUES:
        fail(path, f"{what} holds {a.size:,} numbers ({' x '.join(f'{n:,}' for n in a.shape)}); "
                    f"the program opens at most {MAX_VALUES:,}")
    if a.shape[-1] > MAX_CLASSES:
        fail(path, f"{what} has {a.shape[-1]:,} classes; at most {MAX_CLASSES:,}")
    z = np.array(a, dtype=np.float64)          # one copy: off the memory map, writable until frozen
    bad = np.isnan(z) | (z == np.inf)
    if bad.any():
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        fail(path, f"{what}[{', '.join(map(str, where))}] is {z[where]}: a logit is a number or -inf")
    dead = ~np.isfinite(z).any(axis=-1)
    if np.any(dead):
        fail(path, "every class is masked (-inf)" if z.ndim == 1 else
              f"row {int(np.argmax(dead))} has every class masked (-inf)")
    z.setflags(write=False)
    return z


def check_labels(path, a, n: int, c: int | None, what: str = "labels") -> np.ndarray:
    a = np.asarray(a)
    if a.ndim == 2 and 1 in a.shape:
        a = a.reshape(-1)
    if a.dtype == object or a.dtype.kind not in "fiu" or a.ndim != 1:
        fail(path, f"{what} must be one integer class per sample, got {a.dtype} of shape {tuple(a.shape)}")
    if a.shape[0] != n:
        fail(path, f"{what}: {a.shape[0]:,} labels for {n:,} samples")
    if a.dtype.kind == "f":
        whole = np.isfinite(a) & (a == np.round(a))
        if not whole.all():
            i = int(np.argmax(~whole))
            fail(path, f"{what}[{i}] is {a[i]!r}, not a whole class index")
    y = a.astype(np.int64)
    if c is not None:
        out = (y < 0) | (y >= c)
        if out.any():
            i = int(np.argmax(out))
            fail(path, f"{what}[{i}] is {y[i]}, outside the classes 0..{c - 1}")
    y.setflags(write=False)
    return y


def check_class_names(path, names, c: int) -> tuple:
    names = [str(x) for x in (names.tolist() if isinstance(names, np.ndarray) else names)]
    if len(names) != c:
        fail(path, f"{len(names):,} class names for {c:,} classes")
    long = next((k for k, s in enumerate(names) if len(s) > MAX_LABEL), None)
    if long is not None:
        fail(path, f"class name {long} is {len(names[long]):,} characters; at most {MAX_LABEL}")
    return tuple(names)
