"""The labs' settings: part of the explorer's state (undoable, saved in presets, restored). No Qt.

Each lab has a frozen dataclass, validated on construction as the state is;
``LabSettings`` holds the three. ``to_dict`` / ``from_dict`` round-trip them.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from softmax_viewer import names
from softmax_viewer.limits import MAX_SEED, StateError, brief, finite_number, whole_number

MAX_DRAWS = 1_000_000          # what the sampling lab draws at most (the command line: far more)
MAX_STEPS = 100_000            # training steps
MAX_BINS = 100                 # the calibration lab's confidence bins


def _choice(name, value, options):
    if not isinstance(value, str) or value not in options:
        raise StateError(f"{name} must be one of {names.one_of(options)}, got {brief(value)}")
    return value


def _optional(value, check):
    return None if value is None else check(value)


@dataclass(frozen=True)
class PrecisionSettings:
    dtype: str = "float32"

    def __post_init__(self):
        _choice("the precision lab's dtype", self.dtype, names.DTYPES)


@dataclass(frozen=True)
class SamplingSettings:
    """K draws with a seed, truncation (None: off), the order of temperature and
    truncation, and the Gumbel-softmax temperature tau."""
    n: int = 10_000
    seed: int = 0
    top_k: int | None = None
    top_p: float | None = None
    min_p: float | None = None
    order: str = "temperature_first"
    tau: float = 1.0

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "n", whole_number("the sampling lab's draws", self.n, 1, MAX_DRAWS))
        set_(self, "seed", whole_number("the sampling lab's seed", self.seed, 0, MAX_SEED))
        set_(self, "top_k", _optional(self.top_k, lambda v: whole_number("top-k", v, 1, 1_000_000)))
        set_(self, "top_p", _optional(self.top_p, lambda v: _share("top-p", v, open_low=True)))
        set_(self, "min_p", _optional(self.min_p, lambda v: _share("min-p", v, open_low=True)))
        _choice("the sampling order", self.order, names.SAMPLING_ORDERS)
        set_(self, "tau", finite_number("the Gumbel-softmax temperature", self.tau, low=0.01, high=100.0))


def _share(name, v, open_low=False):
    x = finite_number(name, v, low=0.0, high=1.0)
    if open_low and x == 0.0:
        raise StateError(f"{name} must be above 0 (leave it out to turn it off), got {brief(v)}")
    return x


@dataclass(frozen=True)
class TrainingSettings:
    """Gradient descent of the overconfidence experiment."""
    steps: int = 300
    lr: float = 0.5
    loss: str = "ce"
    mode: str = "logits"

    def __post_init__(self):
        object.__setattr__(self, "steps", whole_number("the training steps", self.steps, 1, MAX_STEPS))
        lr = finite_number("the learning rate", self.lr, low=1e-4, high=100.0)
        object.__setattr__(self, "lr", lr)
        _choice("the training loss", self.loss, names.TRAINING_LOSSES)
        _choice("the training mode", self.mode, names.TRAINING_MODES)


@dataclass(frozen=True)
class CalibrationSettings:
    """The calibration lab: M confidence bins, equal-width or equal-mass, and whether the
    temperature is fitted on one half of the batch and reported on the other."""
    bins: int = 15
    equal_mass: bool = False
    split: bool = False

    def __post_init__(self):
        object.__setattr__(self, "bins", whole_number("the number of bins", self.bins, 1, MAX_BINS))
        for key in ("equal_mass", "split"):
            if not isinstance(getattr(self, key), bool):
                raise StateError(f"the calibration lab's {key} must be true or false, got {brief(getattr(self, key))}")


_PARTS = {"precision": PrecisionSettings, "sampling": SamplingSettings, "training": TrainingSettings,
          "calibration": CalibrationSettings}


@dataclass(frozen=True)
class LabSettings:
    precision: PrecisionSettings = field(default_factory=PrecisionSettings)
    sampling: SamplingSettings = field(default_factory=SamplingSettings)
    training: TrainingSettings = field(default_factory=TrainingSettings)
    calibration: CalibrationSettings = field(default_factory=CalibrationSettings)

    def __post_init__(self):
        for key, kind in _PARTS.items():
            if not isinstance(getattr(self, key), kind):
                raise StateError(f"the {key} lab's settings must be {kind.__name__}")

    def replace(self, part: str, **changes) -> "LabSettings":
        """New settings with ``changes`` to one lab's (validated)."""
        return dataclasses.replace(self, **{part: dataclasses.replace(getattr(self, part), **changes)})

    def to_dict(self) -> dict:
        return {key: dataclasses.asdict(getattr(self, key)) for key in _PARTS}

    @classmethod
    def from_dict(cls, d) -> "LabSettings":
        if not isinstance(d, dict):
            raise StateError(f"labs must be an object, got {type(d).__name__}")
        unknown = sorted(set(d) - set(_PARTS), key=str)
        if unknown:
            raise StateError(f"unknown lab {brief(unknown[0])}: use {names.one_of(_PARTS)}")
        parts = {}
        for key, kind in _PARTS.items():
            given = d.get(key, {})
            if not isinstance(given, dict):
                raise StateError(f"labs.{key} must be an object, got {type(given).__name__}")
            allowed = {f.name for f in dataclasses.fields(kind)}
            bad = sorted(set(given) - allowed, key=str)
            if bad:
                raise StateError(f"unknown key {brief(bad[0])} in labs.{key}")
            parts[key] = kind(**given)
        return cls(**parts)
