"""Argument checks and the rows view every reduction works on."""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

_SMALL_FLOATS = (np.dtype(np.float16), np.dtype(np.float32))
# Dekker's splitting constant for float64: 2**27 + 1.
_SPLIT = 134217729.0


# --------------------------------------------------------------------------
# argument checking
# --------------------------------------------------------------------------

def _check_temperature(temperature) -> float:
    t = float(temperature)
    if not (t >= 0.0):  # also rejects NaN
        raise ValueError(f"temperature must be >= 0 (0 means argmax), got {temperature!r}")
    return t


def _check_epsilon(epsilon) -> float:
    e = float(epsilon)
    if not (0.0 <= e <= 1.0):
        raise ValueError(f"epsilon must be in [0, 1], got {epsilon!r}")
    return e


def _out_dtype(x: np.ndarray) -> np.dtype:
    if x.dtype in _SMALL_FLOATS:
        return x.dtype
    return np.dtype(np.float64)


def _as_float_array(x) -> np.ndarray:
    a = np.asarray(x)
    if a.dtype.kind == "c":
        raise TypeError("complex input is not supported")
    if a.dtype.kind not in "fiub":
        a = a.astype(np.float64)
    elif a.dtype.kind == "f" and a.dtype.itemsize > 8:
        # long double: computed in float64, so it must fit there
        with np.errstate(over="ignore", under="ignore"):
            a64 = a.astype(np.float64)
        if np.any(np.isinf(a64) & np.isfinite(a)):
            raise ValueError("the input holds values beyond the float64 range (±1.8e308), which this "
                             "module computes in: scale them down first (softmax is shift invariant)")
        a = a64
    return a


class _Rows(NamedTuple):
    """A view of an array as (rows, classes), and how to put results back."""

    x2: np.ndarray          # float64, shape (R, K), C-contiguous
    moved_shape: tuple      # shape after moving the reduced axes to the end
    axes: tuple             # the reduced axes (normalised, sorted)
    ndim: int
    out_dtype: np.dtype
    scalar: bool = False    # the input was 0-d (treated as one class)

    def restore(self, r2: np.ndarray) -> np.ndarray:
        """(R, K) result -> the input's shape and dtype."""
        k = len(self.axes)
        r = r2.reshape(self.moved_shape)
        trailing = tuple(range(self.ndim - k, self.ndim))
        if self.axes != trailing:
            r = np.moveaxis(r, trailing, self.axes)
        r = r.astype(self.out_dtype, copy=False)
        return r.reshape(())[()] if self.scalar else r

    def reduce(self, r1: np.ndarray, keepdims: bool):
        """(R,) result -> the reduced shape (with keepdims) and dtype."""
        k = len(self.axes)
        kept = self.moved_shape[: self.ndim - k]
        r = r1.reshape(kept)
        if keepdims:
            r = np.expand_dims(r, self.axes)
        r = r.astype(self.out_dtype, copy=False)
        return r[()] if r.ndim == 0 else r


def _rows(x, axis) -> _Rows:
    a = _as_float_array(x)
    scalar = a.ndim == 0
    a = np.atleast_1d(a)
    out_dtype = _out_dtype(a)
    nd = a.ndim
    if axis is None:
        axes = tuple(range(nd))
    else:
        raw = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
        axes = []
        for ax in raw:
            ax = int(ax)
            if not -nd <= ax < nd:
                raise np.exceptions.AxisError(ax, nd)
            axes.append(ax % nd)
        if len(set(axes)) != len(axes):
            raise ValueError(f"repeated axis in {axis!r}")
        axes = tuple(sorted(axes))
    k = len(axes)
    trailing = tuple(range(nd - k, nd))
    moved = a if axes == trailing else np.moveaxis(a, axes, trailing)
    n_classes = math.prod(moved.shape[nd - k:])
    work = out_dtype if a.dtype.kind == "f" else np.float64
    n_rows = math.prod(moved.shape[: nd - k])
    x2 = np.ascontiguousarray(moved, dtype=work).reshape(n_rows, n_classes)
    return _Rows(x2, moved.shape, axes, nd, out_dtype, scalar)
