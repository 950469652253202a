"""The explorer's state: one immutable, validated value. No Qt.

Change it only through ``dataclasses.replace`` (or the helpers here), which
validates again; ``to_dict`` / ``from_dict`` round-trip it exactly.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

import numpy as np

from softmax_viewer import names
from softmax_viewer.lab_settings import LabSettings
from softmax_viewer.limits import (MAX_CLASSES, MAX_DESCRIPTION, MAX_LABEL, MAX_MARGIN, MAX_NAME, SMALLEST, StateError, control_value,
                                   check_text, whole_number, check_writable, brief, underflows, finite_number)
from softmax_viewer.logits import Generator, is_checked, as_logits, check_u_is_a_float, effective_logits, scaled_logits

LSE_MODES = tuple(names.LSE_MODES)
SURFACE_LOSSES = tuple(names.LOSSES)
#: the name of a class that has none; the window sets it in its language (qt/i18n.install)
CLASS_LABEL = "class {0}"
#: what a description describes: a change of any of these (or of the logits) makes it stale
DESCRIBED = ("labels", "target", "scale", "temperature", "epsilon", "margin", "cosine")
SETTABLE_KEYS = ("scale", "temperature", "epsilon", "margin", "n_classes", "target")


# what same_as compares besides the logits, the generator and the labs: every other field
_COMPARED = ("labels", "target", "scale", "temperature", "epsilon", "margin", "cosine", "log_probabilities", "lse_mode",
             "surface_loss", "surface_i", "surface_j", "name", "description")


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
    margin: float = 0.0                # an explicit additive margin m: the target's logit is z_y - m
    cosine: bool = False               # the logits are cosines in [-1, 1] (normalized features), s scales them
    generator: Generator = field(default_factory=Generator)
    # how the panels look at it
    log_probabilities: bool = False    # probability axis: linear or log
    lse_mode: str = "scale"            # LSE panel sweeps the scale or the class count
    surface_loss: str = "ce"
    surface_i: int = 0                 # the two logits of the loss surface
    surface_j: int = 1
    name: str = ""
    description: str = ""
    labs: LabSettings = field(default_factory=LabSettings)    # the labs' own settings

    def __post_init__(self):
        logits = self.logits if is_checked(self.logits) else as_logits(self.logits)
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
                check_writable(f"the name of class {k}", lab)
        object.__setattr__(self, "labels", labels)
        if isinstance(self.target, bool) or not isinstance(self.target, (int, np.integer)):
            raise StateError(f"target must be a whole class index, got {brief(self.target)}")
        if not 0 <= self.target < n:
            raise StateError(f"target {brief(self.target)} is out of range for {n} classes (0..{n - 1})")
        object.__setattr__(self, "target", int(self.target))
        object.__setattr__(self, "scale", control_value("scale", self.scale))
        object.__setattr__(self, "temperature", control_value("temperature", self.temperature))
        object.__setattr__(self, "epsilon", control_value("epsilon", self.epsilon, high=1.0))
        object.__setattr__(self, "margin", finite_number("margin", self.margin, low=-MAX_MARGIN, high=MAX_MARGIN) + 0.0)
        if not isinstance(self.cosine, (bool, np.bool_)):
            raise StateError(f"cosine must be true or false, got {brief(self.cosine)}")
        object.__setattr__(self, "cosine", bool(self.cosine))
        if self.cosine:
            finite = np.isfinite(logits)
            outside = np.flatnonzero(finite & (np.abs(np.where(finite, logits, 0.0)) > 1.0))
            if outside.size:
                k = int(outside[0])
                raise StateError(f"cosine logits lie in [-1, 1]; class {k} is {float(logits[k]):g} "
                                 "(turn the cosine mode off, or divide the logits by their largest size)")
        check_u_is_a_float(logits, self.scale, self.temperature)
        if self.margin != 0.0 and np.isfinite(logits[self.target]):     # and the target's z_y - m
            try:
                check_u_is_a_float(as_logits([logits[self.target] - self.margin]), self.scale, self.temperature)
            except StateError as exc:
                raise StateError(f"with the margin m = {self.margin:g}: {exc}".replace("class 0", "the target"))
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
        if not isinstance(self.labs, LabSettings):
            raise StateError("labs must be LabSettings")
        check_text("name", self.name, MAX_NAME)
        check_text("description", self.description, MAX_DESCRIPTION)

    # ---- derived facts ----
    @property
    def n_classes(self) -> int:
        return int(self.logits.size)

    def margined_logits(self) -> np.ndarray:
        """z with the margin taken from the target's logit (z_y - m, as AM-Softmax and CosFace
        train): the logits themselves when m = 0."""
        if self.margin == 0.0:
            return self.logits
        def make():
            z = np.array(self.logits)
            z[self.target] -= self.margin
            return z
        return self._kept("_zm", make)

    def effective_logits(self) -> np.ndarray:
        """What the softmax sees: u = s·(z − m·onehot(y))/T, a masked class (z = −∞) −∞ at every s and T.

        At T = 0 the argmax limit: ±∞ by the sign of s·z (0 where s·z = 0). Every
        part of the program that needs u (the panels, the labs, the command line)
        takes it from here, and the probabilities from ``scaled_logits`` and T
        through the stable core (which divides by T keeping its exact remainder).
        """
        return self._kept("_u", lambda: effective_logits(self.margined_logits(), self.scale, self.temperature))

    def scaled_logits(self) -> np.ndarray:
        """s·z, a masked class staying −∞ at s = 0: what the stable core divides by T."""
        return self._kept("_sz", lambda: scaled_logits(self.margined_logits(), self.scale))

    def _kept(self, key: str, make) -> np.ndarray:
        """``make()`` once per state (a state never changes), read-only: every panel's compute
        asks for u several times a change."""
        kept = self.__dict__.get(key)
        if kept is None:
            kept = make()
            if kept.flags.writeable:
                kept = kept.view()
                kept.flags.writeable = False
            object.__setattr__(self, key, kept)
        return kept

    def label(self, i: int) -> str:
        if i < len(self.labels) and self.labels[i]:
            return self.labels[i]
        return CLASS_LABEL.format(i)

    def same_as(self, other: "ExplorerState") -> bool:
        """Equal as a preset file would store them (the logits compared as arrays,
        without turning 100,000 of them into a list on every slider tick)."""
        if not isinstance(other, ExplorerState):
            return False
        if self.logits is not other.logits and not np.array_equal(self.logits, other.logits):
            return False
        if self.labs != other.labs or self.generator.to_dict() != other.generator.to_dict():
            return False                   # (the labs' frozen dataclasses: equal by value, no dict made)
        return all(getattr(self, k) == getattr(other, k) for k in _COMPARED)

    def shows_same_numbers(self, other: "ExplorerState") -> bool:
        """The same softmax, targets and losses (what a description talks about); the
        views, the labs, the name and the description aside."""
        if self.logits is not other.logits and not np.array_equal(self.logits, other.logits):
            return False
        return all(getattr(self, k) == getattr(other, k) for k in DESCRIBED) and \
            self.generator.to_dict() == other.generator.to_dict()

    def after(self, previous: "ExplorerState") -> "ExplorerState":
        """This state as the next one after ``previous``: a description carried over from
        ``previous`` is dropped once the numbers it describes have changed (it would
        quote probabilities that are no longer shown, and be saved with them)."""
        if (self.description and self.description == previous.description
                and not self.shows_same_numbers(previous)):
            return self.replace(description="")
        return self

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
        n = whole_number("n_classes", n, 1, MAX_CLASSES)
        logits = self.generator.make(n, self.logits)
        return self.replace(logits=logits, target=min(self.target, int(n) - 1),
                            labels=self.labels[:n])

    def as_cosines(self) -> "ExplorerState":
        """The cosine mode on, the logits divided by their largest finite size where it is over 1."""
        z = np.array(self.logits)
        finite = np.isfinite(z)
        big = float(np.max(np.abs(z[finite]))) if finite.any() else 0.0
        if big > 1.0:
            z[finite] = np.clip(z[finite] / big, -1.0, 1.0)
        return self.replace(logits=z, cosine=True)

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
            "epsilon": self.epsilon, "margin": self.margin, "cosine": self.cosine, "generator": self.generator.to_dict(),
            "view": {"log_probabilities": self.log_probabilities, "lse_mode": self.lse_mode,
                     "surface_loss": self.surface_loss, "surface_i": self.surface_i,
                     "surface_j": self.surface_j},
            "labs": self.labs.to_dict(),
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
        if "labs" in d:
            d["labs"] = LabSettings.from_dict(d["labs"])
        n = d.pop("n_classes", None)
        if "logits" not in d:
            if n is None:
                raise StateError("need either logits or n_classes with a generator")
            d["logits"] = gen.make(whole_number("n_classes", n, 1, MAX_CLASSES))
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

    def copy(self) -> "History":
        """The same undo and redo steps, kept apart from this one's later changes."""
        other = History(self.current, self._limit)
        other._items, other._index = list(self._items), self._index
        return other

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
