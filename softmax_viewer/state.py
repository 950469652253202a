"""The explorer's state: one immutable, validated value. No Qt.

Change it only through ``dataclasses.replace`` (or the helpers here), which
validates again; ``to_dict`` / ``from_dict`` round-trip it exactly.
"""
from __future__ import annotations

import dataclasses
import decimal
import math
import re
import weakref
from dataclasses import dataclass, field

import numpy as np

MAX_CLASSES = 1_000_000
GENERATOR_KINDS = ("linspace", "gaussian", "pad")
LSE_MODES = ("scale", "n_classes")
SURFACE_LOSSES = ("ce", "smoothed_ce", "lse_hinge", "hinge")
SETTABLE_KEYS = ("scale", "temperature", "epsilon", "n_classes", "target")

# The limits every part of the program shares: what the state accepts, the
# widgets can hold and show, a preset can store, and the numbers stay finite for.
#: scale, temperature and epsilon are 0 or at least this (a spin box holds a
#: value to 323 decimals, so a subnormal such as 1e-320 would show as 0)
SMALLEST = 1e-300
#: the largest scale and temperature
LARGEST = 1e300
#: a generator's seed (the spin box that shows it holds a 32-bit integer)
MAX_SEED = 2**31 - 1
MAX_LABEL = 100                  # characters of a class name
MAX_NAME = 200                   # characters of a state's name
MAX_DESCRIPTION = 5000           # characters of its description


class StateError(ValueError):
    """A value the explorer cannot take; the message names the field and value."""


def brief(value) -> str:
    """``repr(value)`` cut to a readable length (a 400-digit integer is not one line)."""
    text = repr(value)
    if len(text) <= 40:
        return text
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{text[:12]}… ({len(text.lstrip('-'))} digits)"
    return f"{text[:30]}…"


def one_line(text: str) -> str:
    """A message as one readable line: its whitespace one space, and every run of over
    120 characters without a space (a 400-digit number, a pasted blob) cut."""
    text = " ".join(str(text).split())
    return re.sub(r"\S{121,}", lambda m: m.group(0)[:40] + "…", text)


def underflows(text: str) -> bool:
    """A number written as not 0 that is too small for a float (1e-400 reads as 0.0)."""
    try:
        return decimal.Decimal(str(text).strip().replace("−", "-")) != 0
    except (decimal.InvalidOperation, ValueError):
        return False


def _finite(name, value, *, low=None, high=None, allow_inf=False):
    if isinstance(value, bool):
        raise StateError(f"{name} must be a number, got {brief(value)}")
    try:
        v = float(value)
    except OverflowError:
        raise StateError(f"{name} is beyond the float range (±1.8e308), got {brief(value)}") from None
    except (TypeError, ValueError):
        raise StateError(f"{name} must be a number, got {brief(value)}") from None
    if math.isnan(v) or (math.isinf(v) and not allow_inf):
        raise StateError(f"{name} must be finite, got {brief(value)}")
    if low is not None and v < low:
        raise StateError(f"{name} must be >= {low:g}, got {brief(value)}")
    if high is not None and v > high:
        raise StateError(f"{name} must be <= {high:g}, got {brief(value)}")
    return v


def _control(name, value, *, high=LARGEST):
    """scale, temperature or epsilon: 0, or between SMALLEST and ``high``."""
    v = _finite(name, value, low=0.0, high=high)
    if 0.0 < v < SMALLEST:
        raise StateError(f"{name} must be 0 or at least {SMALLEST:g}, got {brief(value)}")
    return v + 0.0                 # no -0.0


def _tiny_is_zero(name, v: float) -> float:
    """A generator's number: 0 or at least SMALLEST in size (what its spin box holds)."""
    if 0.0 < abs(v) < SMALLEST:
        raise StateError(f"{name} must be 0 or at least {SMALLEST:g} in size, got {brief(v)}")
    return v + 0.0


def _whole(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise StateError(f"{name} must be a whole number, got {brief(value)}")
    if not low <= value <= high:
        raise StateError(f"{name} must be in {low}..{high}, got {brief(value)}")
    return int(value)


def _text(name, value, limit) -> str:
    if not isinstance(value, str):
        raise StateError(f"{name} must be text, got {type(value).__name__}")
    if len(value) > limit:
        raise StateError(f"{name} is {len(value):,} characters long; at most {limit:,} are kept")
    _writable(name, value)
    return value


def _writable(name, value: str) -> None:
    """Text that a file can hold: a lone surrogate (half of a character) cannot be written."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StateError(f"{name} holds {value[exc.start]!r} at character {exc.start}, half of a character "
                         "(a lone surrogate), which no file can hold") from None


# ---- u = s·z/T: the one place it is computed ----

def scaled_logits(logits, scale) -> np.ndarray:
    """s·z, a masked class (z = −∞) staying −∞ at every scale, 0 included (0·(−∞) is NaN).

    ``scale`` may be an array broadcast against ``logits`` (a sweep of scales).
    """
    z = np.asarray(logits, dtype=np.float64)
    s = np.asarray(scale, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):     # a state never holds s·z beyond the floats
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
            object.__setattr__(self, name, _tiny_is_zero(f"generator {name}", _finite(
                f"generator {name}", getattr(self, name))))
        object.__setattr__(self, "std", _tiny_is_zero("generator std", _finite("generator std", self.std, low=0.0)))
        object.__setattr__(self, "seed", _whole("generator seed", self.seed, 0, MAX_SEED))

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


def _check_u_is_a_float(logits: np.ndarray, scale: float, temperature: float) -> None:
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


def _as_logits(values) -> np.ndarray:
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
        logits = self.logits if _CHECKED.find(self.logits) is not None else _as_logits(self.logits)
        object.__setattr__(self, "logits", logits)
        n = logits.size
        if not isinstance(self.labels, (tuple, list)):
            raise StateError("labels must be a list of text")
        labels = tuple("" if lab is None else lab for lab in self.labels)
        if any(not isinstance(lab, str) for lab in labels):
            raise StateError("labels must be text")
        if len(labels) > n:
            labels = labels[:n]
        long = next((k for k, lab in enumerate(labels) if len(lab) > MAX_LABEL), None)
        if long is not None:
            raise StateError(f"the name of class {long} is {len(labels[long]):,} characters long; "
                             f"at most {MAX_LABEL} are kept")
        for k, lab in enumerate(labels):
            if not lab.isascii():
                _writable(f"the name of class {k}", lab)
        object.__setattr__(self, "labels", labels)
        if isinstance(self.target, bool) or not isinstance(self.target, (int, np.integer)):
            raise StateError(f"target must be a whole class index, got {brief(self.target)}")
        if not 0 <= self.target < n:
            raise StateError(f"target {brief(self.target)} is out of range for {n} classes (0..{n - 1})")
        object.__setattr__(self, "target", int(self.target))
        object.__setattr__(self, "scale", _control("scale", self.scale))
        object.__setattr__(self, "temperature", _control("temperature", self.temperature))
        object.__setattr__(self, "epsilon", _control("epsilon", self.epsilon, high=1.0))
        _check_u_is_a_float(logits, self.scale, self.temperature)
        if not isinstance(self.generator, Generator):
            raise StateError("generator must be a Generator")
        if self.lse_mode not in LSE_MODES:
            raise StateError(f"lse_mode must be one of {', '.join(LSE_MODES)}, got {brief(self.lse_mode)}")
        if self.surface_loss not in SURFACE_LOSSES:
            raise StateError(f"surface_loss must be one of {', '.join(SURFACE_LOSSES)}, "
                             f"got {brief(self.surface_loss)}")
        for name in ("surface_i", "surface_j"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
                raise StateError(f"{name} must be a class index, got {brief(v)}")
            object.__setattr__(self, name, int(min(max(v, 0), n - 1)))
        if not isinstance(self.log_probabilities, (bool, np.bool_)):
            raise StateError(f"log_probabilities must be true or false, got {brief(self.log_probabilities)}")
        object.__setattr__(self, "log_probabilities", bool(self.log_probabilities))
        _text("name", self.name, MAX_NAME)
        _text("description", self.description, MAX_DESCRIPTION)

    # ---- derived facts ----
    @property
    def n_classes(self) -> int:
        return int(self.logits.size)

    def effective_logits(self) -> np.ndarray:
        """What the softmax sees: u = s·z/T, a masked class (z = −∞) −∞ at every s and T.

        At T = 0 the argmax limit: ±∞ by the sign of s·z (0 where s·z = 0). Every
        part of the program that needs u (the panels, the labs, the command line)
        takes it from here, and the probabilities from ``scaled_logits`` and T
        through the stable core (which divides by T keeping its exact remainder).
        """
        return effective_logits(self.logits, self.scale, self.temperature)

    def scaled_logits(self) -> np.ndarray:
        """s·z, a masked class staying −∞ at s = 0: what the stable core divides by T."""
        return scaled_logits(self.logits, self.scale)

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
        n = _whole("n_classes", n, 1, MAX_CLASSES)
        logits = self.generator.make(n, self.logits)
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
            raise StateError(f"unknown key {brief(key)}: use one of {', '.join(SETTABLE_KEYS)}")
        text = str(value).strip()
        if key in ("n_classes", "target"):
            if len(text) > 20:
                raise StateError(f"{key} must be a whole number in range, got {brief(text)}")
            try:
                v = int(text)
            except ValueError:
                raise StateError(f"{key} must be a whole number, got {brief(value)}") from None
            return self.with_n_classes(v) if key == "n_classes" else self.replace(target=v)
        try:
            v = float(text.replace("−", "-"))
        except ValueError:
            raise StateError(f"{key} must be a number, got {brief(value)}") from None
        if math.isinf(v) and "inf" not in text.lower():
            raise StateError(f"{key} is beyond the float range (±1.8e308), got {brief(text)}")
        if v == 0 and underflows(text):
            raise StateError(f"{key} must be 0 or at least {SMALLEST:g}, got {brief(text)}")
        return self.replace(**{key: v})

    # ---- files ----
    def logits_are_generated(self) -> bool:
        """The logits are exactly what the generator makes for this class count (so a
        file can store the generator instead of a million numbers)."""
        g = self.generator
        return g.kind != "pad" and np.array_equal(g.make(self.n_classes), self.logits)

    def to_dict(self, logits: bool = True) -> dict:
        """Every field, as JSON types (a masked logit is -inf: the caller writes it).

        ``logits=False`` leaves them out (``None``); where they are the generator's
        own, ``n_classes`` stands in for them.
        """
        d = {"name": self.name, "description": self.description}
        if logits and self.logits_are_generated():
            d["n_classes"] = self.n_classes
        elif logits:
            d["logits"] = self.logits.tolist()
        else:
            d["logits"] = None
        d.update({
            "labels": list(self.labels),
            "target": self.target, "scale": self.scale, "temperature": self.temperature,
            "epsilon": self.epsilon, "generator": self.generator.to_dict(),
            "view": {"log_probabilities": self.log_probabilities, "lse_mode": self.lse_mode,
                     "surface_loss": self.surface_loss, "surface_i": self.surface_i,
                     "surface_j": self.surface_j},
        })
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ExplorerState":
        if not isinstance(d, dict):
            raise StateError("state must be an object")
        d = dict(d)
        view = d.pop("view", {}) or {}
        if not isinstance(view, dict):
            raise StateError("view must be an object")
        view_keys = {"log_probabilities", "lse_mode", "surface_loss", "surface_i", "surface_j"}
        allowed = {f.name for f in dataclasses.fields(cls)} - view_keys | {"n_classes"}
        unknown = sorted(set(d) - allowed, key=str)
        if unknown:
            raise StateError(f"unknown key {brief(unknown[0])}")
        vunknown = sorted(set(view) - view_keys, key=str)
        if vunknown:
            raise StateError(f"unknown view key {brief(vunknown[0])}")
        gen = Generator.from_dict(d.pop("generator")) if "generator" in d else Generator()
        n = d.pop("n_classes", None)
        if "logits" not in d:
            if n is None:
                raise StateError("need either logits or n_classes with a generator")
            d["logits"] = gen.make(_whole("n_classes", n, 1, MAX_CLASSES))
        elif n is not None:
            if not isinstance(d["logits"], (list, tuple)) or n != len(d["logits"]):
                raise StateError(f"n_classes {brief(n)} does not match the logits")
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
        raise StateError(f"{where} ({brief(tok)}) is not a number") from None
    if math.isinf(v) and "inf" not in tok.lower() and "∞" not in tok:
        raise StateError(f"{where} ({brief(tok)}) is beyond the float range (±1.8e308): write -inf to mask a class")
    if math.isnan(v) or v == math.inf:
        raise StateError(f"{where} is {tok}: only finite numbers or -inf (a masked class) are allowed")
    return v
