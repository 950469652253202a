"""The explorer's state: one immutable, validated value. No Qt.

Change it only through ``dataclasses.replace`` (or the helpers here), which
validates again; ``to_dict`` / ``from_dict`` round-trip it exactly.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

MAX_CLASSES = 1_000_000
GENERATOR_KINDS = ("linspace", "gaussian", "pad")
LSE_MODES = ("scale", "n_classes")
SURFACE_LOSSES = ("ce", "smoothed_ce", "lse_hinge", "hinge")
SETTABLE_KEYS = ("scale", "temperature", "epsilon", "n_classes", "target")


class StateError(ValueError):
    """A value the explorer cannot take; the message names the field and value."""


def _finite(name, value, *, low=None, high=None, allow_inf=False):
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise StateError(f"{name} must be a number, got {value!r}") from None
    if isinstance(value, bool):
        raise StateError(f"{name} must be a number, got {value!r}")
    if math.isnan(v) or (math.isinf(v) and not allow_inf):
        raise StateError(f"{name} must be finite, got {value!r}")
    if low is not None and v < low:
        raise StateError(f"{name} must be >= {low}, got {value!r}")
    if high is not None and v > high:
        raise StateError(f"{name} must be <= {high}, got {value!r}")
    return v


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
            raise StateError(f"generator kind must be one of {', '.join(GENERATOR_KINDS)}, got {self.kind!r}")
        for name in ("low", "high", "mean", "pad_value"):
            object.__setattr__(self, name, _finite(f"generator {name}", getattr(self, name)))
        object.__setattr__(self, "std", _finite("generator std", self.std, low=0.0))
        if isinstance(self.seed, bool) or not isinstance(self.seed, (int, np.integer)) or self.seed < 0:
            raise StateError(f"generator seed must be a whole number >= 0, got {self.seed!r}")
        object.__setattr__(self, "seed", int(self.seed))

    def make(self, n: int, current: np.ndarray | None = None) -> np.ndarray:
        if self.kind == "linspace":
            return np.linspace(self.low, self.high, n)
        if self.kind == "gaussian":
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
            raise StateError(f"unknown generator key {unknown[0]!r}")
        return cls(**d)


_LARGEST = [None, 0.0]           # the last logits array seen, and its largest finite |z|


def _largest_logit(logits: np.ndarray) -> float:
    """max |z| over the finite logits (0 if none), computed once per logits array:
    a drag of s or T keeps the same array."""
    if _LARGEST[0] is not logits:
        fin = logits[np.isfinite(logits)]
        _LARGEST[:] = [logits, float(np.max(np.abs(fin))) if fin.size else 0.0]
    return _LARGEST[1]


def _check_u_is_a_float(logits: np.ndarray, scale: float, temperature: float) -> None:
    """u = s * z / T (s * z at T = 0, where only its sign counts) must be a float.

    exp(u) overflowing past u = 709.78 is what the stable formula is for; u itself
    beyond the largest float (1.8e308) cannot even be represented, so such a state
    is refused with the class that breaks it.
    """
    zmax = _largest_logit(logits)
    with np.errstate(over="ignore"):
        sz = scale * zmax
        u = sz / temperature if temperature > 0 else sz
    if math.isfinite(u):
        return
    i = int(np.argmax(np.where(np.isfinite(logits), np.abs(logits), -1.0)))
    what = "u = s·z/T" if temperature > 0 else "s·z"
    raise StateError(f"{what} is beyond the float range (±1.8e308) for class {i} (s = {scale:g}, "
                     f"z = {float(logits[i]):g}, T = {temperature:g}): use a smaller scale or logit"
                     + (", or a larger temperature" if temperature > 0 else ""))


def _as_logits(values) -> np.ndarray:
    try:
        arr = np.array(values, dtype=np.float64).ravel()
    except (TypeError, ValueError):
        raise StateError("logits must be numbers") from None
    if arr.size < 1:
        raise StateError("logits must hold at least one class")
    if arr.size > MAX_CLASSES:
        raise StateError(f"at most {MAX_CLASSES} classes, got {arr.size}")
    bad = np.flatnonzero(np.isnan(arr) | np.isposinf(arr))
    if bad.size:
        i = int(bad[0])
        raise StateError(f"logit {i} is {arr[i]}: only finite numbers or -inf (a masked class) are allowed")
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class ExplorerState:
    """Everything that decides what the window shows.

    The softmax sees u = scale * logits / temperature; the target distribution is
    q = (1 - epsilon) * onehot(target) + epsilon / N.
    """

    logits: np.ndarray = field(default_factory=lambda: np.array([1.0, 2.0, 3.0, 4.0]))
    labels: tuple = ()                 # per-class names; missing or "" -> "class i"
    target: int = 3
    scale: float = 1.0
    temperature: float = 1.0
    epsilon: float = 0.0
    generator: Generator = field(default_factory=Generator)
    # how the panels look at it
    log_probabilities: bool = False    # probability axis: linear or log
    lse_mode: str = "scale"            # LSE panel sweeps the scale or the class count
    surface_loss: str = "ce"
    surface_i: int = 0                 # the two logits of the loss surface
    surface_j: int = 1
    name: str = ""
    description: str = ""

    def __post_init__(self):
        logits = self.logits if isinstance(self.logits, np.ndarray) and not self.logits.flags.writeable \
            else _as_logits(self.logits)
        object.__setattr__(self, "logits", logits)
        n = logits.size
        labels = tuple("" if lab is None else lab for lab in self.labels)
        if any(not isinstance(lab, str) for lab in labels):
            raise StateError("labels must be text")
        if len(labels) > n:
            labels = labels[:n]
        object.__setattr__(self, "labels", labels)
        if isinstance(self.target, bool) or not isinstance(self.target, (int, np.integer)):
            raise StateError(f"target must be a whole class index, got {self.target!r}")
        if not 0 <= self.target < n:
            raise StateError(f"target {self.target} is out of range for {n} classes (0..{n - 1})")
        object.__setattr__(self, "target", int(self.target))
        object.__setattr__(self, "scale", _finite("scale", self.scale, low=0.0))
        object.__setattr__(self, "temperature", _finite("temperature", self.temperature, low=0.0))
        object.__setattr__(self, "epsilon", _finite("epsilon", self.epsilon, low=0.0, high=1.0))
        _check_u_is_a_float(logits, self.scale, self.temperature)
        if not isinstance(self.generator, Generator):
            raise StateError("generator must be a Generator")
        if self.lse_mode not in LSE_MODES:
            raise StateError(f"lse_mode must be one of {', '.join(LSE_MODES)}, got {self.lse_mode!r}")
        if self.surface_loss not in SURFACE_LOSSES:
            raise StateError(f"surface_loss must be one of {', '.join(SURFACE_LOSSES)}, got {self.surface_loss!r}")
        for name in ("surface_i", "surface_j"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise StateError(f"{name} must be a class index, got {v!r}")
            object.__setattr__(self, name, int(min(max(v, 0), n - 1)))
        object.__setattr__(self, "log_probabilities", bool(self.log_probabilities))

    # ---- derived facts ----
    @property
    def n_classes(self) -> int:
        return int(self.logits.size)

    def label(self, i: int) -> str:
        if i < len(self.labels) and self.labels[i]:
            return self.labels[i]
        return f"class {i}"

    def same_as(self, other: "ExplorerState") -> bool:
        """Equal as a preset file would store them (the logits compared as arrays,
        without turning 100,000 of them into a list on every slider tick)."""
        if not isinstance(other, ExplorerState):
            return False
        if self.logits is not other.logits and not np.array_equal(self.logits, other.logits):
            return False
        a, b = self.to_dict(logits=False), other.to_dict(logits=False)
        return a == b

    # ---- changes (each returns a new, validated state) ----
    def replace(self, **changes) -> "ExplorerState":
        return dataclasses.replace(self, **changes)

    def with_logit(self, i: int, value: float) -> "ExplorerState":
        arr = np.array(self.logits)
        arr[i] = value
        return self.replace(logits=arr)

    def with_label(self, i: int, text: str) -> "ExplorerState":
        labels = list(self.labels) + [""] * (i + 1 - len(self.labels))
        labels[i] = str(text)
        return self.replace(labels=tuple(labels))

    def with_n_classes(self, n: int) -> "ExplorerState":
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise StateError(f"n_classes must be a whole number, got {n!r}")
        if not 1 <= n <= MAX_CLASSES:
            raise StateError(f"n_classes must be in 1..{MAX_CLASSES}, got {n}")
        logits = self.generator.make(int(n), self.logits)
        return self.replace(logits=logits, target=min(self.target, int(n) - 1),
                            labels=self.labels[:n])

    def with_generator(self, gen: Generator) -> "ExplorerState":
        """A new generator takes effect at once, over the current class count."""
        st = self.replace(generator=gen)
        if gen.kind == "pad":
            return st
        return st.replace(logits=gen.make(self.n_classes, self.logits))

    def insert_class(self, at: int, value: float = 0.0, label: str = "") -> "ExplorerState":
        arr = np.insert(np.array(self.logits), at, value)
        labels = list(self.labels) + [""] * max(0, at - len(self.labels))
        labels.insert(at, label)
        target = self.target + 1 if at <= self.target else self.target
        return self.replace(logits=arr, labels=tuple(labels), target=target)

    def remove_classes(self, rows) -> "ExplorerState":
        rows = sorted(set(int(r) for r in rows))
        if len(rows) >= self.n_classes:
            raise StateError("at least one class must remain")
        arr = np.delete(np.array(self.logits), rows)
        labels = [lab for i, lab in enumerate(self.labels) if i not in set(rows)]
        if self.target in rows:
            target = min(self.target - sum(r < self.target for r in rows), arr.size - 1)
        else:
            target = self.target - sum(r < self.target for r in rows)
        return self.replace(logits=arr, labels=tuple(labels), target=max(0, target))

    def with_setting(self, key: str, value: str) -> "ExplorerState":
        """Apply one ``KEY=VALUE`` from the command line (KEY in SETTABLE_KEYS)."""
        if key not in SETTABLE_KEYS:
            raise StateError(f"unknown key {key!r}: use one of {', '.join(SETTABLE_KEYS)}")
        if key in ("n_classes", "target"):
            try:
                v = int(str(value).strip())
            except ValueError:
                raise StateError(f"{key} must be a whole number, got {value!r}") from None
            return self.with_n_classes(v) if key == "n_classes" else self.replace(target=v)
        try:
            v = float(str(value).strip())
        except ValueError:
            raise StateError(f"{key} must be a number, got {value!r}") from None
        return self.replace(**{key: v})

    # ---- files ----
    def to_dict(self, logits: bool = True) -> dict:
        logits = [float(v) for v in self.logits] if logits else None
        d = {
            "name": self.name, "description": self.description,
            "logits": logits, "labels": list(self.labels),
            "target": self.target, "scale": self.scale, "temperature": self.temperature,
            "epsilon": self.epsilon, "generator": self.generator.to_dict(),
            "view": {"log_probabilities": self.log_probabilities, "lse_mode": self.lse_mode,
                     "surface_loss": self.surface_loss, "surface_i": self.surface_i,
                     "surface_j": self.surface_j},
        }
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ExplorerState":
        if not isinstance(d, dict):
            raise StateError("state must be an object")
        d = dict(d)
        view = d.pop("view", {}) or {}
        if not isinstance(view, dict):
            raise StateError("view must be an object")
        allowed = {f.name for f in dataclasses.fields(cls)} - {"generator"} | {"generator", "n_classes"}
        unknown = sorted(set(d) - allowed)
        if unknown:
            raise StateError(f"unknown key {unknown[0]!r}")
        gen = Generator.from_dict(d.pop("generator")) if "generator" in d else Generator()
        n = d.pop("n_classes", None)
        if "logits" not in d:
            if n is None:
                raise StateError("need either logits or n_classes with a generator")
            if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_CLASSES:
                raise StateError(f"n_classes must be a whole number in 1..{MAX_CLASSES}, got {n!r}")
            d["logits"] = gen.make(n)
        elif n is not None and n != len(d["logits"]):
            raise StateError(f"n_classes {n} does not match the {len(d['logits'])} logits")
        vunknown = sorted(set(view) - {"log_probabilities", "lse_mode", "surface_loss", "surface_i", "surface_j"})
        if vunknown:
            raise StateError(f"unknown view key {vunknown[0]!r}")
        d.setdefault("target", 0)
        if "labels" in d:
            if not isinstance(d["labels"], (list, tuple)):
                raise StateError("labels must be a list of text")
            d["labels"] = tuple(d["labels"])
        return cls(generator=gen, **d, **view)


class History:
    """Undo/redo as a list of snapshots (states are immutable, so this is cheap)."""

    def __init__(self, initial: ExplorerState, limit: int = 500):
        self._items = [initial]
        self._index = 0
        self._limit = limit

    @property
    def current(self) -> ExplorerState:
        return self._items[self._index]

    def push(self, state: ExplorerState) -> None:
        if state is self.current:
            return
        del self._items[self._index + 1:]
        self._items.append(state)
        if len(self._items) > self._limit:
            del self._items[0]
        self._index = len(self._items) - 1

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._items) - 1

    def undo(self) -> ExplorerState:
        if self.can_undo():
            self._index -= 1
        return self.current

    def redo(self) -> ExplorerState:
        if self.can_redo():
            self._index += 1
        return self.current


def parse_logits(text: str) -> np.ndarray:
    """Numbers separated by commas, spaces or tabs, brackets allowed.

    Accepts what numpy and torch print (``[1., 2.5, -3.]``,
    ``tensor([1.0000, 2.0000])``), and ``-inf`` for a masked class.  Raises
    StateError naming the first token that is not a number.
    """
    s = str(text).strip()
    for prefix in ("tensor(", "array(", "np.array("):
        if s.startswith(prefix) and s.endswith(")"):
            s = s[len(prefix):-1]
    s = s.split("dtype")[0]
    for ch in "[]();\n\r":
        s = s.replace(ch, " ")
    tokens = [t for t in s.replace(",", " ").replace("\t", " ").split(" ") if t]
    if not tokens:
        raise StateError("no numbers found")
    return _as_logits([parse_logit(tok, f"item {k}") for k, tok in enumerate(tokens, 1)])


def parse_logit(token: str, where: str = "the value") -> float:
    """One logit as typed: a finite number, or -inf for a masked class (also −∞)."""
    tok = str(token).strip()
    try:
        v = float(tok.replace("−", "-").replace("∞", "inf"))
    except ValueError:
        raise StateError(f"{where} ({tok!r}) is not a number") from None
    if math.isnan(v) or v == math.inf:
        raise StateError(f"{where} is {tok}: only finite numbers or -inf (a masked class) are allowed")
    return v
