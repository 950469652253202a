"""The logits: validated arrays, how new ones are made, and u = s·z/T. No Qt.

``effective_logits`` is the one place u is computed; the stable core takes the
probabilities from ``scaled_logits`` and T.
"""
from __future__ import annotations

import dataclasses
import math
import weakref
from dataclasses import dataclass

import re

import numpy as np

from softmax_viewer.limits import (MAX_CLASSES, MAX_SEED, StateError, finite_number, generator_number, whole_number, brief,
                                   parse_logit)

GENERATOR_KINDS = ("linspace", "gaussian", "pad")


def scaled_logits(logits, scale) -> np.ndarray:
    """s·z, a masked class (z = −∞) staying −∞ at every scale, 0 included (0·(−∞) is NaN).

    ``scale`` may be an array broadcast against ``logits`` (a sweep of scales).
    """
    z = np.asarray(logits, dtype=np.float64)
    if np.ndim(scale) == 0:                 # (a number: the common case, kept cheap)
        s = float(scale)
        if s != 0.0:
            with np.errstate(over="ignore"):     # a state never holds s·z beyond the floats
                return s * z
        return np.where(np.isneginf(z), -np.inf, 0.0)
    s = np.asarray(scale, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        sz = s * z
    if np.any(s == 0):
        sz = np.where(np.isnan(sz), -np.inf, sz)
    return sz


def effective_logits(logits, scale, temperature: float) -> np.ndarray:
    """u = s·z/T, the one place it is computed: a masked class −∞ at every s and T;
    at T = 0 the argmax limit, ±∞ by the sign of s·z (0 where s·z = 0)."""
    sz = scaled_logits(logits, scale)
    if temperature == 0.0:
        return np.where(sz == 0, 0.0, np.copysign(np.inf, sz))
    with np.errstate(over="ignore"):
        return sz / temperature


@dataclass(frozen=True)
class Generator:
    """How logits are made when the class count changes.

    linspace: evenly spaced over [low, high] (seed 000's experiment);
    gaussian: mean + std * N(0, 1) from ``seed``;
    pad: keep the edited logits, new classes get ``pad_value``.
    """

    kind: str = "pad"
    low: float = -10.0
    high: float = 10.0
    mean: float = 0.0
    std: float = 1.0
    seed: int = 0
    pad_value: float = 0.0

    def __post_init__(self):
        if self.kind not in GENERATOR_KINDS:
            raise StateError(f"generator kind must be one of {', '.join(GENERATOR_KINDS)}, got {brief(self.kind)}")
        for name in ("low", "high", "mean", "pad_value"):
            object.__setattr__(self, name, generator_number(f"generator {name}", finite_number(
                f"generator {name}", getattr(self, name))))
        object.__setattr__(self, "std", generator_number("generator std", finite_number("generator std", self.std, low=0.0)))
        object.__setattr__(self, "seed", whole_number("generator seed", self.seed, 0, MAX_SEED))

    def make(self, n: int, current: np.ndarray | None = None) -> np.ndarray:
        if self.kind == "linspace":
            if math.isfinite(self.high - self.low):
                return np.linspace(self.low, self.high, n)
            t = np.linspace(0.0, 1.0, n)           # a range wider than the floats: no step to take
            return self.low * (1.0 - t) + self.high * t
        if self.kind == "gaussian":
            with np.errstate(over="ignore"):        # beyond the floats: +-inf, which the state refuses
                return self.mean + self.std * np.random.default_rng(self.seed).standard_normal(n)
        cur = np.zeros(0) if current is None else np.asarray(current, dtype=np.float64)
        if n <= cur.size:
            return cur[:n].copy()
        return np.concatenate([cur, np.full(n - cur.size, self.pad_value)])

    def to_dict(self) -> dict:
        d = {"kind": self.kind}
        if self.kind == "linspace":
            d.update(low=self.low, high=self.high)
        elif self.kind == "gaussian":
            d.update(mean=self.mean, std=self.std, seed=self.seed)
        else:
            d.update(pad_value=self.pad_value)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Generator":
        if not isinstance(d, dict):
            raise StateError(f"generator must be an object, got {type(d).__name__}")
        allowed = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(d) - allowed)
        if unknown:
            raise StateError(f"unknown generator key {brief(unknown[0])}")
        return cls(**d)


class _Checked:
    """Logits arrays that passed validation, with what it learnt of them: their
    largest finite |z| and its class. The last few are kept (by identity, weakly),
    so that a drag of s or T, which keeps the very same array, validates in O(1)."""

    KEEP = 8

    def __init__(self):
        self._seen = []              # [(weakref to the array, largest |z|, its class)]

    def find(self, logits) -> tuple[float, int] | None:
        for ref, zmax, i in self._seen:
            if ref() is logits:
                return zmax, i
        return None

    def add(self, logits: np.ndarray) -> None:
        """Check a new read-only array: NaN, +inf and every class masked are refused."""
        bad = np.flatnonzero(np.isnan(logits) | np.isposinf(logits))
        if bad.size:
            i = int(bad[0])
            raise StateError(f"logit {i} is {logits[i]}: only finite numbers or -inf (a masked class) are allowed")
        fin = np.isfinite(logits)
        if not fin.any():
            raise StateError("every class is masked (−∞): softmax is 0/0 there, undefined; "
                             "give at least one class a finite logit")
        mags = np.where(fin, np.abs(logits), -1.0)
        i = int(np.argmax(mags))
        live = [e for e in self._seen[:self.KEEP - 1] if e[0]() is not None]
        self._seen = [(weakref.ref(logits), float(mags[i]), i)] + live


_CHECKED = _Checked()


def is_checked(logits) -> bool:
    """``logits`` is an array that passed validation (and is read-only): no need to check it again."""
    return _CHECKED.find(logits) is not None


def check_u_is_a_float(logits: np.ndarray, scale: float, temperature: float) -> None:
    """s·z and u = s·z/T must be floats (only the sign of s·z counts at T = 0).

    exp(u) overflowing past u = 709.78 is what the stable formula is for; u itself
    beyond the largest float (1.8e308) cannot even be represented, so such a state
    is refused with the class that breaks it. Also refuses every class masked.
    """
    zmax, i = _CHECKED.find(logits)
    extreme = np.array([zmax])
    sz = float(scaled_logits(extreme, scale)[0])
    u = float(effective_logits(extreme, scale, temperature)[0]) if temperature > 0 else sz
    if math.isfinite(sz) and math.isfinite(u):
        return
    what = "u = s·z/T" if temperature > 0 and math.isfinite(sz) else "s·z"
    raise StateError(f"{what} is beyond the float range (±1.8e308) for class {i} (s = {scale:g}, "
                     f"z = {float(logits[i]):g}, T = {temperature:g}): use a smaller scale or logit"
                     + (", or a larger temperature" if what.startswith("u") else ""))


def as_logits(values) -> np.ndarray:
    try:
        arr = np.array(values, dtype=np.float64)
    except OverflowError:
        raise StateError("a logit is beyond the float range (±1.8e308)") from None
    except (TypeError, ValueError):
        raise StateError("logits must be numbers") from None
    if arr.ndim != 1:
        raise StateError(f"logits must be one row of numbers, got an array of shape {arr.shape}")
    if arr.size < 1:
        raise StateError("logits must hold at least one class")
    if arr.size > MAX_CLASSES:
        raise StateError(f"at most {MAX_CLASSES:,} classes, got {arr.size:,}")
    arr.setflags(write=False)
    _CHECKED.add(arr)
    return arr


_KEYWORD = re.compile(r",?\s*(?:device|dtype|requires_grad|grad_fn|layout|names)\s*=\s*(?:<[^>]*>|'[^']*'|\"[^\"]*\"|[\w.:]+)")
_SEPARATORS = re.compile(r"[,，、;；\s]+")


def parse_logit_rows(text: str) -> np.ndarray:
    """Numbers as numpy, torch and spreadsheets print them: a vector (C,) or, for rows of
    equal length (``[[1, 2], [3, 4]]`` or one line each), a batch (B, C).

    Accepts ``tensor([1.0000, 2.0000], device='cuda:0', requires_grad=True)``,
    ``array([...], dtype=float32)``, ``grad_fn=<...>``, full-width commas and 、,
    and ``-inf`` for a masked class. Raises StateError naming the first token that is
    not a number, or the row whose length differs.
    """
    s = _KEYWORD.sub("", str(text)).strip()
    s = re.sub(r"\b(?:tensor|array|np\.array|torch\.tensor)\s*\(", "(", s)
    compact = re.sub(r"\s", "", s)
    if "[[" in compact or "],[" in compact:        # nested brackets: one row a bracket
        rows = [r for r in re.split(r"\]\s*[,，]?\s*\[", s) if r.strip(" []()\n\r\t,")]
    elif "[" in s:                                  # one bracket: a vector, however its print wraps
        rows = [s]
    else:                                           # lines of numbers (a spreadsheet's rows)
        rows = [r for r in s.splitlines() if r.strip(" ()\t,")]
    parsed = []
    for r in rows:
        tokens = [t for t in _SEPARATORS.split(r.translate(str.maketrans("[]()", "    "))) if t]
        if tokens:
            parsed.append(tokens)
    if not parsed:
        raise StateError("no numbers found")
    if len(parsed) == 1 or all(len(r) == 1 for r in parsed):      # a row, or a column: a vector
        flat = [t for r in parsed for t in r]
        return as_logits([parse_logit(tok, f"item {k}") for k, tok in enumerate(flat, 1)])
    width = len(parsed[0])
    bad = next((k for k, r in enumerate(parsed) if len(r) != width), None)
    if bad is not None:
        raise StateError(f"row {bad + 1} has {len(parsed[bad])} numbers where the first has {width}")
    return np.array([[parse_logit(tok, f"row {i}, item {k}") for k, tok in enumerate(r, 1)]
                     for i, r in enumerate(parsed, 1)], dtype=np.float64)


def parse_logits(text: str) -> np.ndarray:
    """Numbers separated by commas, spaces or tabs, brackets allowed: one vector of logits.

    Accepts what numpy and torch print (see parse_logit_rows); a batch of rows is
    refused with a message (the window opens one as a batch).
    """
    z = parse_logit_rows(text)
    if z.ndim == 2:
        raise StateError(f"that is {z.shape[0]} rows of {z.shape[1]} logits, a batch: give one row")
    return z
