"""The limits every part of the program shares, and the checks against them. No Qt.

What the state accepts, its widgets hold and show, a preset stores and the
numbers stay finite for; a value outside raises StateError with one line that
names the field and the value (a long value cut, see ``brief`` and ``one_line``).
"""
from __future__ import annotations

import decimal
import math
import re

import numpy as np

MAX_CLASSES = 1_000_000

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
MAX_MARGIN = 1e6                 # an explicit additive margin's size (logits are of order 1 to 100)
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


def finite_number(name, value, *, low=None, high=None, allow_inf=False):
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


def control_value(name, value, *, high=LARGEST):
    """scale, temperature or epsilon: 0, or between SMALLEST and ``high``."""
    v = finite_number(name, value, low=0.0, high=high)
    if 0.0 < v < SMALLEST:
        raise StateError(f"{name} must be 0 or at least {SMALLEST:g}, got {brief(value)}")
    return v + 0.0                 # no -0.0


def generator_number(name, v: float) -> float:
    """A generator's number: 0 or at least SMALLEST in size (what its spin box holds)."""
    if 0.0 < abs(v) < SMALLEST:
        raise StateError(f"{name} must be 0 or at least {SMALLEST:g} in size, got {brief(v)}")
    return v + 0.0


def whole_number(name, value, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise StateError(f"{name} must be a whole number, got {brief(value)}")
    if not low <= value <= high:
        raise StateError(f"{name} must be in {low}..{high}, got {brief(value)}")
    return int(value)


def check_text(name, value, limit) -> str:
    if not isinstance(value, str):
        raise StateError(f"{name} must be text, got {type(value).__name__}")
    if len(value) > limit:
        raise StateError(f"{name} is {len(value):,} characters long; at most {limit:,} are kept")
    check_writable(name, value)
    return value


def check_writable(name, value: str) -> None:
    """Text that a file can hold: a lone surrogate (half of a character) cannot be written."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise StateError(f"{name} holds {value[exc.start]!r} at character {exc.start}, half of a character "
                         "(a lone surrogate), which no file can hold") from None


# ---- u = s·z/T: the one place it is computed ----


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
