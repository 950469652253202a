"""Numerically careful softmax, log-sum-exp, losses and their derivatives.

Pure numpy; no Qt. Every number the explorer shows comes from here.

How the accuracy is obtained
----------------------------
With ``m = max(x)`` and ``d = x - m`` the classic cure for overflow is
``softmax(x) = exp(d) / sum(exp(d))``.  Two rounding errors remain in it, and
this module removes both:

1. ``d = fl(x - m)`` is off by up to half an ulp of ``d``; ``exp`` turns that
   absolute error into a *relative* error of ``|d| * 2**-53``, i.e. hundreds of
   ulps when ``|d|`` is in the hundreds.  The exact remainder
   ``c = (x - m) - d`` is obtained with Knuth's TwoSum (an error-free
   transformation) and applied as ``exp(d + c) ~= exp(d) * (1 + c)``.  The same
   is done for the division by a temperature (Dekker's TwoProduct gives the
   exact remainder of ``d / T``).
2. ``log(sum(exp(d)))`` is the log of a sum that is ``1 + s`` with ``s`` the
   sum over the *other* classes; rounding ``1 + s`` first loses ``s`` whenever
   it is tiny.  ``s`` is summed separately and ``log1p(s)`` is used.

Inputs of float16 and float32 are computed in float64 and rounded once at the
end, so their results are correctly rounded to within a fraction of an ulp.
"""
from __future__ import annotations

import functools
import math
import os
import threading
from typing import NamedTuple

import numpy as np

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "softmax_and_log_softmax",
    "naive_softmax",
    "smooth_labels",
    "cross_entropy",
    "cross_entropy_grad",
    "probability_gradient",
    "hinge_loss",
    "lse_hinge_loss",
    "softplus",
    "norm",
    "softmax_jacobian",
    "jacobian_of_probabilities",
    "entropy",
]

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


# --------------------------------------------------------------------------
# the core: shifted exponentials with their exact corrections
# --------------------------------------------------------------------------

# Work is done in blocks of about this many elements so that the dozen
# elementwise passes of the exact algorithm run in cache on reused buffers.
_BLOCK = 131072


def _two_sum_diff(x, m, d, bv, c):
    """d = fl(x - m) and its exact error c (Knuth's TwoSum, branch free)."""
    np.subtract(x, m, out=d)
    np.subtract(d, x, out=bv)         # the part of d that came from -m
    np.subtract(d, bv, out=c)         # the part of d that came from x
    np.subtract(x, c, out=c)          # error on the x side
    np.add(bv, m, out=bv)             # error on the m side (negated)
    np.subtract(c, bv, out=c)


def _two_sum(a, b):
    """a + b = hi + lo exactly (Knuth's TwoSum) for arrays of any shape.

    An infinite ``hi`` has no remainder (0 is returned for it); the NaN its
    remainder passes through on the way is not a warning.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        hi = a + b
        bv = hi - a
        lo = (a - (hi - bv)) + (b - bv)
    return hi, np.where(np.isfinite(lo), lo, 0.0)


def _divide_exact(d, c, t, w1, w2, w3):
    """Replace (d, c) by (d + c) / t as a new head + tail pair, in place.

    q = fl(d / t); the remainder d - q*t is exact via Dekker's TwoProduct
    (q and t split into 26-bit halves), so (d + c) / t = q + (d - q*t + c) / t
    up to second-order terms.
    """
    tb = t * _SPLIT
    th = tb - (tb - t)
    tl = t - th
    q = w1
    np.divide(d, t, out=q)
    np.multiply(q, _SPLIT, out=w2)           # split q = qh + ql
    np.subtract(w2, q, out=w3)
    np.subtract(w2, w3, out=w2)              # w2 = qh
    np.subtract(q, w2, out=w3)               # w3 = ql
    # remainder r = d - q*t = d - p - pe, with p = fl(q*t) and
    # pe = qh*th - p + qh*tl + ql*th + ql*tl exact.
    np.subtract(c, np.multiply(w3, tl), out=c)
    np.subtract(c, np.multiply(w3, th), out=c)
    np.subtract(c, np.multiply(w2, tl), out=c)
    np.multiply(q, t, out=w3)                # p
    np.subtract(d, w3, out=d)                # d - p: exact (Sterbenz)
    np.add(c, d, out=c)
    np.multiply(w2, th, out=w2)              # qh*th
    np.subtract(w2, w3, out=w2)              # qh*th - p: exact
    np.subtract(c, w2, out=c)
    np.divide(c, t, out=c)
    d[...] = q


_tls = threading.local()
# below this many blocks the work stays on the calling thread
_PARALLEL_MIN_BLOCKS = 4
_POOL = None
_POOL_LOCK = threading.Lock()


def _pool():
    """A small shared thread pool, or None on a single core."""
    global _POOL
    cores = os.cpu_count() or 1
    if cores < 2:
        return None
    with _POOL_LOCK:
        if _POOL is None:
            from concurrent.futures import ThreadPoolExecutor

            _POOL = ThreadPoolExecutor(max_workers=min(4, cores), thread_name_prefix="stable")
    return _POOL


def _workspace(count: int) -> list:
    """Scratch buffers of _BLOCK float64s, kept per thread and reused.

    Fresh buffers of this size cost page faults on every call; reusing them
    keeps the whole computation in cache.
    """
    bufs = getattr(_tls, "bufs", None)
    if bufs is None or len(bufs) < count:
        bufs = [np.empty(_BLOCK) for _ in range(max(count, 7))]
        _tls.bufs = bufs
    return bufs[:count]


class _Engine:
    """Shifted, tempered exponentials of (R, K) rows, block by block.

    ``x2`` is (R, K), K >= 1, float16/32/64.  ``corrected`` turns on the
    error-free remainders (needed for float64 input only: smaller floats are
    computed in float64 where those remainders are far below their ulp).
    Rows whose max is not finite are computed on garbage and flagged in
    ``ok``; callers fill them.
    """

    def __init__(self, x2: np.ndarray, t: float, corrected: bool):
        self.x2 = x2
        self.t = t
        self.corrected = corrected
        rows, k = x2.shape
        self.rows, self.k = rows, k
        self.r_idx = np.arange(rows)
        self.imax = np.argmax(x2, axis=1)    # first NaN if any: max is NaN
        m = x2[self.r_idx, self.imax].astype(np.float64)
        self.ok = np.isfinite(m)
        if not self.ok.all():
            m = np.where(self.ok, m, 0.0)
        self.m = m[:, None]
        self.whole_rows = k < _BLOCK
        self.exact_div = corrected and t != 1.0 and np.frexp(t)[0] != 0.5

    def blocks(self):
        """(row slice, column slice) pairs covering the array."""
        rows, k = self.rows, self.k
        if k >= _BLOCK:
            for r in range(rows):
                for c0 in range(0, k, _BLOCK):
                    yield slice(r, r + 1), slice(c0, min(k, c0 + _BLOCK))
        else:
            g = max(1, _BLOCK // k)
            for r0 in range(0, rows, g):
                yield slice(r0, min(rows, r0 + g)), slice(0, k)

    def _views(self, shape, count):
        """Scratch arrays of ``shape`` from the calling thread's workspace."""
        n = shape[0] * shape[1]
        return [b[:n].reshape(shape) for b in _workspace(7)[:count]]

    def map_blocks(self, fn) -> list:
        """fn(rows, cols) for every block, in block order.

        Large arrays spread their blocks over a few threads: numpy releases the
        GIL inside ufuncs, each thread has its own scratch buffers, and every
        block writes only its own slice of the output.
        """
        blocks = list(self.blocks())

        def run(b):
            with np.errstate(over="ignore", invalid="ignore", under="ignore"):
                return fn(*b)
        pool = _pool() if len(blocks) >= _PARALLEL_MIN_BLOCKS else None
        if pool is None:
            return [run(b) for b in blocks]
        return list(pool.map(run, blocks))

    def shifted(self, rs, cs, check=True):
        """(d, c) for a block: u - m = d + c, with u = x / t (c None if uncorrected)."""
        xb = self.x2[rs, cs]
        mb = self.m[rs]
        shape = xb.shape
        if self.corrected:
            d, bv, c = self._views(shape, 3)
            _two_sum_diff(xb, mb, d, bv, c)
            # A -inf logit (a masked class) or a difference beyond the float
            # range gives d = -inf and a NaN remainder; exp(-inf) is 0 anyway.
            if check and not np.isfinite(c).all():
                c[~np.isfinite(c)] = 0.0
            if self.t != 1.0:
                if self.exact_div:
                    w = self._views(shape, 6)[3:]
                    _divide_exact(d, c, self.t, *w)
                else:
                    np.divide(d, self.t, out=d)
                    np.divide(c, self.t, out=c)
                # the division can lift a remainder past the float range where its
                # d already is (-inf: exp(d) = 0, the remainder is moot)
                if not np.isfinite(c).all():
                    c[~np.isfinite(c)] = 0.0
                if check and self.t > 1.0 and not np.isfinite(d).all():
                    # logits further apart than the float range: x - m overflowed,
                    # (x - m) / T need not (log_softmax reads it; exp gives 0 either way)
                    far = np.isinf(d) & np.isfinite(xb)
                    if far.any():
                        d[far] = xb[far] / self.t - np.broadcast_to(mb / self.t, shape)[far]
                        c[far] = 0.0
            return d, c
        (d,) = self._views(shape, 1)
        d[...] = xb                       # widen first: mixed-dtype ufuncs are slow
        np.subtract(d, mb, out=d)
        if self.t != 1.0:
            np.divide(d, self.t, out=d)
        return d, None

    def exp_block(self, rs, cs, out=None, shifted=None):
        """exp(u - m) for a block, the argmax entries set to 0; returns (e, row sums).

        ``shifted`` is a (d, c) pair already computed for the block; it is then
        left intact (``out`` must be given).
        """
        if shifted is None:
            # the remainders are checked for NaN through the sums below
            d, c = self.shifted(rs, cs, check=False)
        else:
            d, c = shifted
        e = out if out is not None and out.dtype == np.float64 else d
        np.exp(d, out=e)
        if c is not None:
            if shifted is None:
                np.multiply(e, c, out=c)
            else:
                c = e * c
            np.add(e, c, out=e)
            if shifted is None and not np.isfinite(np.sum(c, axis=1)).all():
                return self.exp_block(rs, cs, out, self.shifted(rs, cs))
        # zero the maximal entries that fall in this block
        im = self.imax[rs]
        if cs.start == 0 and cs.stop == self.k:          # whole rows: every max is here
            e[np.arange(e.shape[0]), im] = 0.0
        else:
            inside = (im >= cs.start) & (im < cs.stop)
            if inside.all():
                e[np.arange(e.shape[0]), im - cs.start] = 0.0
            elif inside.any():
                rr = np.flatnonzero(inside)
                e[rr, im[rr] - cs.start] = 0.0
        if out is not None and out is not e:
            out[...] = e                  # a float32/16 result keeps e rounded once
        return e, e.sum(axis=1)

    def rest_sums(self, store=None):
        """Sum of exp(u - m) over the non-maximal classes, per row, shape (R, 1).

        With ``store`` (an (R, K) array) the exponentials are kept there.
        """
        return self.row_sums(self.map_blocks(
            lambda rs, cs: self.exp_block(rs, cs, None if store is None else store[rs, cs])[1].copy()))

    def row_sums(self, parts) -> np.ndarray:
        """Per-row sums, shape (R, 1), from each block's row sums (``map_blocks``' results
        in block order); a row split over blocks is summed exactly rounded."""
        blocks = self.blocks()
        if self.k >= _BLOCK:
            split = [[] for _ in range(self.rows)]
            for (rs, _cs), part in zip(blocks, parts):
                split[rs.start].append(float(part[0]))
            return np.array([math.fsum(p) for p in split])[:, None]
        s = np.zeros(self.rows)
        for (rs, _cs), part in zip(blocks, parts):
            s[rs] = part
        return s[:, None]


def _nan_rows(out2, ok):
    """Rows with no finite max (NaN, +inf, all -inf) are NaN, as in scipy/JAX."""
    if not ok.all():
        out2[~ok] = np.nan


# --------------------------------------------------------------------------
# logsumexp, softmax, log_softmax
# --------------------------------------------------------------------------

def logsumexp(a, axis=None, b=None, keepdims=False, return_sign=False):
    """Log of the sum of exponentials, ``log(sum(b * exp(a)))``, computed stably.

    Same signature and results as ``scipy.special.logsumexp`` for real input,
    with a smaller rounding error (see the module docstring).

    Parameters
    ----------
    a : array_like
        Input values.
    axis : None, int or tuple of ints
        Axes to reduce; None reduces all.
    b : array_like, optional
        Weights broadcastable to ``a``; may be negative (then see ``return_sign``).
        Entries of ``a`` whose weight is 0 contribute nothing, even if inf or NaN.
    keepdims : bool
        Keep the reduced axes as size-1 dimensions.
    return_sign : bool
        Return ``(log|sum|, sign(sum))``; without it a negative sum gives NaN.

    Notes
    -----
    - An empty reduction gives ``-inf`` (the log of an empty sum, 0).
    - ``-inf`` entries are masked: they add ``exp(-inf) = 0``.  All ``-inf``
      gives ``-inf``.
    - Any ``+inf`` (and no NaN) gives ``+inf``; any NaN gives NaN.  This is what
      scipy and JAX return.
    - float16 and float32 inputs return the same dtype, computed in float64.
    - Complex input is not supported (TypeError).
    - No floating-point warning is ever emitted.
    """
    if b is not None:
        return _logsumexp_weighted(a, axis, b, keepdims, return_sign)
    rows = _rows(a, axis)
    x2 = rows.x2
    if x2.shape[1] == 0 or x2.shape[0] == 0:
        out = np.full(x2.shape[0], -np.inf)
    else:
        eng = _Engine(x2, 1.0, corrected=x2.dtype == np.float64)
        s = eng.rest_sums()
        with np.errstate(over="ignore", invalid="ignore"):
            out = (eng.m + np.log1p(s))[:, 0]
        if not eng.ok.all():
            bad = ~eng.ok
            out[bad] = np.max(x2[bad], axis=1)   # NaN, +inf or -inf
    res = rows.reduce(out, keepdims)
    if return_sign:
        sign = np.where(np.isnan(res), np.nan, np.where(res == -np.inf, 0.0, 1.0))
        sign = sign.astype(rows.out_dtype)
        return res, (sign[()] if np.ndim(sign) == 0 else sign)
    return res


def _logsumexp_weighted(a, axis, b, keepdims, return_sign):
    a_arr = _as_float_array(a)
    b_arr = _as_float_array(b)
    a_arr, b_arr = np.broadcast_arrays(np.atleast_1d(a_arr), np.atleast_1d(b_arr))
    out_dtype = np.result_type(_out_dtype(a_arr), _out_dtype(b_arr))
    # A zero weight removes its term entirely, even an inf or NaN one.
    a_arr = np.where(b_arr == 0, -np.inf, a_arr.astype(np.float64))
    ra = _rows(a_arr, axis)
    rb = _rows(b_arr.astype(np.float64), axis)
    x2, w2 = ra.x2, rb.x2
    n_rows = x2.shape[0]
    out = np.full(n_rows, -np.inf)
    sign = np.zeros(n_rows)
    if x2.shape[1] and n_rows:
        eng = _Engine(x2, 1.0, corrected=True)
        e = np.empty_like(x2)
        eng.rest_sums(store=e)
        with np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
            w_max = w2[eng.r_idx, eng.imax]
            # sum = w_max * (1 + rest / w_max), the leading term kept exact.
            rest = np.sum(np.multiply(e, w2, out=e), axis=1)
            total = w_max + rest
            sign = np.sign(total)
            ratio = rest / w_max
            use_log1p = (ratio > -1.0) & np.isfinite(ratio)
            mag = np.where(use_log1p,
                           np.log(np.abs(w_max)) + np.log1p(np.where(use_log1p, ratio, 0.0)),
                           np.log(np.abs(total)))
            out = eng.m[:, 0] + mag
            if not eng.ok.all():
                bad = ~eng.ok
                mx = np.max(x2[bad], axis=1)
                out[bad] = mx
                sign[bad] = np.where(np.isnan(mx), np.nan, np.where(mx == -np.inf, 0.0, 1.0))
        _infinite_terms(x2, w2, out, sign)
    ra = ra._replace(out_dtype=out_dtype)
    res = ra.reduce(out, keepdims)
    sgn = ra.reduce(sign, keepdims)
    if return_sign:
        return res, sgn
    if np.ndim(res) == 0:
        return out_dtype.type(np.nan) if sgn < 0 else res
    res = np.array(res)
    res[np.asarray(sgn) < 0] = np.nan
    return res


def _infinite_terms(x2, w2, out, sign) -> None:
    """Rows whose sum has an infinite or undefined term b_i exp(a_i), in place.

    A term is undefined (NaN) where a or b is NaN, or b is infinite beside a = -inf;
    infinite where a = +inf (b != 0) or b is infinite (a > -inf), with b's sign.
    Infinite terms of one sign give (inf, that sign), of both signs NaN (inf - inf),
    as scipy does. Terms of weight 0 were removed before (a set to -inf).
    """
    odd = ~np.all(np.isfinite(w2), axis=1) | np.any(np.isposinf(x2) | np.isnan(x2), axis=1)
    if not odd.any():
        return
    a, b = x2[odd], w2[odd]
    with np.errstate(invalid="ignore"):
        undefined = np.isnan(a) | np.isnan(b) | (np.isinf(b) & np.isneginf(a))
        infinite = ~undefined & ((np.isposinf(a) & (b != 0)) | (np.isinf(b) & ~np.isneginf(a)))
    pos = np.any(infinite & (b > 0), axis=1)
    neg = np.any(infinite & (b < 0), axis=1)
    nan = np.any(undefined, axis=1) | (pos & neg)
    rows = np.flatnonzero(odd)
    some = pos | neg
    out[rows[some]] = np.inf
    sign[rows[some]] = np.where(pos[some], 1.0, -1.0)
    out[rows[nan]] = np.nan
    sign[rows[nan]] = np.nan


def _posinf_rows_log(out2, x2, ok):
    """log_softmax of a row holding +inf (and no NaN): -inf beside it, NaN on it.

    This is scipy's answer: the finite classes have no probability left.
    """
    if ok.all():
        return
    for r in np.flatnonzero(~ok):
        row = x2[r]
        if np.isposinf(row).any() and not np.isnan(row).any():
            out2[r] = np.where(np.isposinf(row), np.nan, -np.inf)


def _argmax_distribution(x2: np.ndarray) -> np.ndarray:
    """The temperature -> 0 limit of softmax: ties share the mass equally."""
    m = np.max(x2, axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        hit = (x2 == m).astype(np.float64)
        p = hit / hit.sum(axis=1, keepdims=True)
    # NaN rows: x == NaN is False everywhere, so 0/0 leaves them NaN.
    return p


def _uniform_limit(x2: np.ndarray) -> np.ndarray:
    """u = x / inf: 0 for every finite logit; -inf, +inf and NaN stay."""
    return np.where(np.isfinite(x2), 0.0, x2)


def softmax(x, axis=None, *, temperature=1.0):
    """Softmax ``exp(x/T) / sum(exp(x/T))`` along ``axis``, computed stably.

    Compatible with ``scipy.special.softmax`` (``axis`` None, int or tuple) and
    more accurate; the result sums to 1 along ``axis``.

    Parameters
    ----------
    x : array_like
    axis : None, int or tuple of ints
        Axes that form the distribution; None uses all of ``x``.
    temperature : float, keyword-only
        ``T >= 0``.  ``T = 0`` is the argmax limit: one-hot on the maximum, ties
        sharing the mass equally (no division by zero happens).  ``T = inf``
        is uniform over the unmasked classes.

    Notes
    -----
    - A ``-inf`` entry is a masked class: its probability is exactly 0.
    - A distribution with no finite maximum (all ``-inf``, any ``+inf``, any
      NaN) is NaN throughout, as in scipy and JAX: the math has no value there.
    - float16/float32 in gives the same dtype out; no warning is ever emitted.
    """
    t = _check_temperature(temperature)
    rows = _rows(x, axis)
    x2 = rows.x2
    if x2.size == 0:
        return rows.restore(x2)
    if t == 0.0:
        return rows.restore(_argmax_distribution(x2))
    if np.isinf(t):
        x2, t = _uniform_limit(x2), 1.0
    eng = _Engine(x2, t, corrected=x2.dtype == np.float64)
    return rows.restore(_softmax_rows(eng, rows.out_dtype)[0])


def _softmax_rows(eng: _Engine, out_dtype) -> tuple[np.ndarray, np.ndarray]:
    """(softmax of ``eng``'s rows, the rows' sums of exp(u - m) over the non-maximal
    classes, shape (R, 1)): the sums are those ``eng.rest_sums()`` gives."""
    x2 = eng.x2
    p = np.empty(x2.shape, dtype=out_dtype)
    if eng.whole_rows:
        # every block holds whole rows: normalise while it is in cache
        def normalise(rs, cs):
            e, part = eng.exp_block(rs, cs)
            den = 1.0 + part[:, None]
            np.divide(e, den, out=e)
            e[np.arange(e.shape[0]), eng.imax[rs]] = 1.0 / den[:, 0]
            p[rs, cs] = e
            return part.copy()
        s = eng.row_sums(eng.map_blocks(normalise))
    else:
        # rows longer than a block: keep exp(u - m), then divide
        s = eng.rest_sums(store=p)
        den = 1.0 + s

        def divide(rs, cs):
            pb = p[rs, cs]
            if pb.dtype == np.float64:
                np.divide(pb, den[rs], out=pb)
            else:
                (w,) = eng._views(pb.shape, 1)
                w[...] = pb
                np.divide(w, den[rs], out=w)
                pb[...] = w
        eng.map_blocks(divide)
        with np.errstate(under="ignore", invalid="ignore"):
            p[eng.r_idx, eng.imax] = 1.0 / den[:, 0]
    _nan_rows(p, eng.ok)
    return p, s


def log_softmax(x, axis=None, *, temperature=1.0):
    """``log(softmax(x / T))`` computed without forming the softmax.

    Compatible with ``scipy.special.log_softmax`` and more accurate: the log of
    the normaliser is ``log1p`` of the sum over the non-maximal classes, so
    ``log_softmax([0] + [-40] * 999)`` keeps all its digits.

    Notes
    -----
    - ``-inf`` entries (masked classes) give ``-inf``; nothing else does unless
      the true value is below the float range.
    - ``T = 0`` gives the log of the argmax limit: 0 (or ``-log(ties)``) on the
      maximum, ``-inf`` elsewhere.
    - Rows with no finite maximum (all ``-inf``, ``+inf``, NaN) are NaN, as in
      scipy and JAX.  No warning is ever emitted.
    """
    t = _check_temperature(temperature)
    rows = _rows(x, axis)
    x2 = rows.x2
    if x2.size == 0:
        return rows.restore(x2)
    if t == 0.0:
        with np.errstate(divide="ignore"):
            return rows.restore(np.log(_argmax_distribution(x2)))
    if np.isinf(t):
        x2, t = _uniform_limit(x2), 1.0
    eng = _Engine(x2, t, corrected=x2.dtype == np.float64)
    return rows.restore(_log_softmax_rows(eng, np.log1p(eng.rest_sums()), rows.out_dtype))


def _log_softmax_rows(eng: _Engine, lse: np.ndarray, out_dtype) -> np.ndarray:
    """log_softmax of ``eng``'s rows, given ``lse`` = log1p of their rest sums, (R, 1)."""
    t = eng.t
    out = np.empty(eng.x2.shape, dtype=out_dtype)
    with np.errstate(over="ignore"):
        m_t = eng.m / t
    if eng.exact_div or not np.isfinite(m_t).all():
        # x / T is inexact, or beyond the float range (a logit near the
        # largest float over T < 1), where only u - m is representable:
        # carry u - m as a head and the division's remainder
        def write(rs, cs):
            d, c = eng.shifted(rs, cs)
            np.subtract(d, lse[rs], out=d)
            if c is not None:
                np.add(d, c, out=d)        # -inf entries carry c = 0
            out[rs, cs] = d
    else:
        # u = x / T exactly (T a power of two): out = u - (m + lse), with
        # m + lse kept as a double-double so only two roundings remain.
        hi, lo = _two_sum(m_t, lse)

        def write(rs, cs):
            ob = out[rs, cs]
            if ob.dtype == np.float64 and t == 1.0:
                np.subtract(eng.x2[rs, cs], hi[rs], out=ob)
                np.subtract(ob, lo[rs], out=ob)
                return
            (w,) = eng._views(ob.shape, 1)
            w[...] = eng.x2[rs, cs]
            if t != 1.0:
                np.divide(w, t, out=w)
            np.subtract(w, hi[rs], out=w)
            np.subtract(w, lo[rs], out=w)
            ob[...] = w
    eng.map_blocks(write)
    _nan_rows(out, eng.ok)
    _posinf_rows_log(out, eng.x2, eng.ok)
    return out


def softmax_and_log_softmax(x, axis=None, *, temperature=1.0):
    """``(softmax(x, axis, temperature=T), log_softmax(x, axis, temperature=T))``,
    the very same arrays as the two calls give, from one pass of exponentials."""
    t = _check_temperature(temperature)
    rows = _rows(x, axis)
    x2 = rows.x2
    if x2.size == 0 or t == 0.0 or np.isinf(t):
        return softmax(x, axis, temperature=temperature), log_softmax(x, axis, temperature=temperature)
    eng = _Engine(x2, t, corrected=x2.dtype == np.float64)
    p, rest = _softmax_rows(eng, rows.out_dtype)
    return rows.restore(p), rows.restore(_log_softmax_rows(eng, np.log1p(rest), rows.out_dtype))


def naive_softmax(x, axis=-1):
    """The textbook ``exp(x) / sum(exp(x))``, in the input's own dtype.

    Kept on purpose for the explorer's stability demonstration: it overflows to
    ``inf`` and then ``nan`` exactly where the textbook formula does (``exp``
    overflows past about 11.09 in float16, 88.72 in float32 and 709.78 in
    float64), and underflows to 0.  It never raises and never warns.
    """
    a = _as_float_array(x)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
        ex = np.exp(a)
        return ex / np.sum(ex, axis=axis, keepdims=True)


def norm(x) -> float:
    """The Euclidean norm of the finite vector ``x``, sqrt(sum x_i^2), as a float.

    Unlike ``np.linalg.norm`` it neither overflows (1e200 and 1e200 give
    1.414e200, not inf) nor underflows (1e-200 gives 1e-200, not 0), and it
    uses numpy's own summation, not a BLAS dot: for 100,000 entries OpenBLAS
    wakes its worker threads, which then spin on the other cores for a while
    after every call (about three quarters of all instructions executed
    while the window followed a drag at 100,000 classes).
    """
    a = np.abs(np.asarray(x, dtype=np.float64)).ravel()
    if a.size == 0:
        return 0.0
    with np.errstate(over="ignore", under="ignore"):
        ss = float(np.sum(a * a))
    if math.isfinite(ss) and ss > 1e-290:
        return math.sqrt(ss)
    big = float(np.max(a))
    if big == 0.0 or not math.isfinite(big):
        return big
    scaled = a / big                     # entries in [0, 1]: no overflow, and the largest is 1
    with np.errstate(under="ignore"):
        return big * math.sqrt(float(np.sum(scaled * scaled)))


def softplus(x):
    """``log(1 + exp(x))`` without overflow or loss of small values."""
    a = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore", under="ignore"):
        out = np.maximum(a, 0.0) + np.log1p(np.exp(-np.abs(a)))
    return out[()] if out.ndim == 0 else out


# --------------------------------------------------------------------------
# labels and losses (class axis last unless ``axis`` says otherwise)
# --------------------------------------------------------------------------

def _class_rows(logits, axis, name="logits") -> tuple[np.ndarray, np.ndarray, tuple]:
    """Move the class axis last; return (x2 (R, K), moved array, batch shape)."""
    a = _as_float_array(logits)
    if a.ndim == 0:
        raise ValueError(f"{name} must have a class axis, got a scalar")
    moved = np.moveaxis(a, axis, -1)
    k = moved.shape[-1]
    if k == 0:
        raise ValueError(f"{name} has an empty class axis (shape {a.shape})")
    x2 = np.ascontiguousarray(moved, dtype=np.float64).reshape(-1, k)
    return x2, moved, moved.shape[:-1]


def _target_rows(target, batch_shape, n_classes) -> np.ndarray:
    t = np.asarray(target)
    if t.dtype.kind == "f":
        if not np.all(np.isfinite(t)) or np.any(t != np.round(t)):
            raise ValueError(f"target must hold whole class indices, got {target!r}")
        t = t.astype(np.int64)
    elif t.dtype.kind not in "iub":
        raise ValueError(f"target must hold class indices, got {target!r}")
    t = np.broadcast_to(t, batch_shape).reshape(-1).astype(np.int64)
    if t.size and (t.min() < 0 or t.max() >= n_classes):
        bad = t[(t < 0) | (t >= n_classes)][0]
        raise ValueError(
            f"target {int(bad)} is out of range for {n_classes} classes (0..{n_classes - 1})")
    return t


def smooth_labels(target, n_classes, epsilon):
    """Label-smoothed target ``q = (1 - eps) * onehot(target) + eps / K``.

    ``target`` may be an int or an array of ints; the class axis is appended.
    """
    k = int(n_classes)
    if k < 1:
        raise ValueError(f"n_classes must be >= 1, got {n_classes!r}")
    eps = _check_epsilon(epsilon)
    tshape = np.shape(target)
    t = _target_rows(target, tshape, k)
    q = np.full((t.size, k), eps / k)
    q[np.arange(t.size), t] += 1.0 - eps
    return q.reshape(tshape + (k,))


def cross_entropy(logits, target, *, epsilon=0.0, temperature=1.0, axis=-1):
    """Softmax cross-entropy ``-sum_i q_i log softmax(logits / T)_i``.

    ``q`` is ``smooth_labels(target, K, epsilon)``; at ``epsilon = 0`` this is
    ``-log p_target``, computed as ``LSE(u) - u_target`` so that it stays exact
    when ``p_target`` is within 1e-13 of 1.

    Notes
    -----
    - A masked (``-inf``) class with ``q_i > 0`` gives ``+inf``: the model puts
      no mass where the target does.  With ``q_i = 0`` it contributes nothing.
    - ``T = 0`` gives the limit: 0 if the target is the unique argmax (and
      ``epsilon = 0``), ``log(ties)`` for a shared maximum, ``+inf`` otherwise.
    - Returns a float (1-D logits) or an array of the batch shape, float64.
    """
    eps = _check_epsilon(epsilon)
    t = _check_temperature(temperature)
    x2, _, batch = _class_rows(logits, axis)
    k = x2.shape[1]
    tgt = _target_rows(target, batch, k)
    lp = log_softmax(x2, axis=1, temperature=t)
    r = np.arange(x2.shape[0])
    with np.errstate(invalid="ignore", over="ignore"):
        loss = 0.0 - lp[r, tgt]            # 0.0 - x: no -0.0 for a perfect fit
        if eps > 0.0:
            total = -np.sum(lp, axis=1)
            # eps/K > 0 even where it underflows to 0: its share of an infinite total is infinite
            spread = np.where(np.isinf(total), total, (eps / k) * total)
            # at eps = 1 the target's own term weighs 0, even where it is infinite
            loss = spread if eps == 1.0 else (1.0 - eps) * loss + spread
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss


def _p_minus_q(p2: np.ndarray, tgt: np.ndarray, eps: float) -> np.ndarray:
    """p - q for rows of probabilities, the target entry kept exact near p_y = 1."""
    k = p2.shape[1]
    r = np.arange(p2.shape[0])
    g = p2 - eps / k
    others = p2.copy()
    others[r, tgt] = 0.0
    g[r, tgt] = (eps - eps / k) - np.sum(others, axis=1)
    return g


def probability_gradient(p, target, *, epsilon=0.0):
    """``p - q`` (dCE/du) from probabilities already at hand, q smoothed by ``epsilon``.

    The same numbers as ``cross_entropy_grad`` with respect to u, without
    computing the softmax again; the target entry is
    ``(eps - eps/K) - sum_{i != y} p_i``.
    """
    eps = _check_epsilon(epsilon)
    p = np.asarray(p, dtype=np.float64)
    p2 = p.reshape(-1, p.shape[-1])
    tgt = _target_rows(target, p.shape[:-1], p.shape[-1])
    return _p_minus_q(p2, tgt, eps).reshape(p.shape)


def cross_entropy_grad(logits, target, *, epsilon=0.0, temperature=1.0, axis=-1):
    """Gradient of :func:`cross_entropy` with respect to the logits, ``(p - q) / T``.

    The target entry ``p_y - q_y`` is formed as ``(eps - eps/K) - sum_{i != y} p_i``
    so that it keeps its digits when ``p_y`` is within 1e-13 of 1.

    Notes
    -----
    ``T = 0`` gives the limit of ``(p - q) / T``: 0 where ``p == q`` and
    ``+-inf`` elsewhere.  The gradient with respect to ``u = logits / T`` is
    ``p - q`` (that is, this times T).
    """
    eps = _check_epsilon(epsilon)
    t = _check_temperature(temperature)
    x2, moved, batch = _class_rows(logits, axis)
    k = x2.shape[1]
    tgt = _target_rows(target, batch, k)
    g = _p_minus_q(softmax(x2, axis=1, temperature=t), tgt, eps)
    if t == 0.0:
        g = np.where(g == 0.0, 0.0, np.copysign(np.inf, g))
    elif t != 1.0:
        with np.errstate(over="ignore"):
            g = g / t
    return np.moveaxis(g.reshape(moved.shape), -1, axis)


def hinge_loss(logits, target, margin=0.0, *, axis=-1):
    """Multi-class hinge ``max(max_{i != y} z_i - z_y + margin, 0)``.

    The first, non-smooth step of the chain hinge -> LSE-hinge -> softmax CE.
    With a single class there is no rival and the loss is 0.
    """
    x2, _, batch = _class_rows(logits, axis)
    tgt = _target_rows(target, batch, x2.shape[1])
    r = np.arange(x2.shape[0])
    rivals = x2.copy()
    rivals[r, tgt] = -np.inf
    with np.errstate(invalid="ignore"):
        gap = np.max(rivals, axis=1) - x2[r, tgt] + float(margin)
        loss = np.maximum(gap, 0.0)
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss


def lse_hinge_loss(logits, target, *, axis=-1):
    """LSE-smoothed hinge ``max(LSE_{i != y} z_i - z_y, 0)``.

    The max over rivals replaced by their log-sum-exp; softplus of the same
    margin is the softmax cross-entropy.
    """
    x2, _, batch = _class_rows(logits, axis)
    tgt = _target_rows(target, batch, x2.shape[1])
    r = np.arange(x2.shape[0])
    rivals = x2.copy()
    rivals[r, tgt] = -np.inf
    with np.errstate(invalid="ignore"):
        gap = logsumexp(rivals, axis=1) - x2[r, tgt]
        loss = np.maximum(gap, 0.0)
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss


def softmax_jacobian(x, *, temperature=1.0):
    """Jacobian ``d softmax(x / T) / d x = (diag(p) - p p^T) / T``.

    ``x`` has its classes on the last axis; the result has shape
    ``x.shape + (K,)``.  It is symmetric and its rows sum to zero.  At ``T = 0``
    it is the limit: 0 where ``diag(p) - p p^T`` is 0 (a unique maximum), +-inf
    where ties make it non-zero.

    Notes
    -----
    The diagonal ``p_i (1 - p_i)`` is formed as ``p_i * sum_{j != i} p_j``: where
    ``p_i`` is near 1, ``1 - p_i`` rounded would lose every digit (the diagonal of
    ``[1, 2, 3, 4] * 37`` is 8.5e-17 at the top class, not 0). Each entry is
    within a few ulps of the exact Jacobian of the exact softmax.
    """
    t = _check_temperature(temperature)
    a = _as_float_array(x)
    if a.ndim == 0 or a.shape[-1] == 0:
        raise ValueError(f"x must have a non-empty class axis, got shape {a.shape}")
    p = softmax(a.astype(np.float64), axis=-1, temperature=t)
    jac = jacobian_of_probabilities(p)
    if t == 0.0:
        jac = np.where(jac == 0.0, 0.0, np.copysign(np.inf, jac))
    elif t != 1.0:
        with np.errstate(over="ignore"):
            jac /= t
    return jac


def jacobian_of_probabilities(p, classes=None):
    """``diag(p) - p p^T`` over ``classes`` (all by default) from probabilities at hand.

    ``p`` holds every class on its last axis: the diagonal ``p_i (1 - p_i)`` takes
    ``1 - p_i`` as the sum of the other classes' p where p_i > 1/2 (there 1 - p_i
    would cancel; at most one class a row is such), and as ``1 - p_i`` elsewhere,
    where it keeps its digits. That sum runs over every class, shown or not.
    """
    p = np.asarray(p, dtype=np.float64)
    sel = p if classes is None else p[..., classes]
    rest = 1.0 - sel
    big = np.argwhere(sel > 0.5)
    if big.size:
        rows = p.reshape(-1, p.shape[-1])
        flat = rest.reshape(-1, rest.shape[-1])
        cls = np.arange(p.shape[-1]) if classes is None else np.asarray(classes)
        for idx in big:
            r = int(np.ravel_multi_index(tuple(idx[:-1]), p.shape[:-1])) if p.ndim > 1 else 0
            k = int(cls[idx[-1]])
            flat[r, idx[-1]] = np.sum(rows[r, :k]) + np.sum(rows[r, k + 1:])
        rest = flat.reshape(rest.shape)
    jac = -sel[..., :, None] * sel[..., None, :]
    idx = np.arange(sel.shape[-1])
    jac[..., idx, idx] = sel * rest
    return jac


def entropy(logits, *, temperature=1.0, axis=-1):
    """Shannon entropy (nats) of ``softmax(logits / T)``: ``-sum p log p``.

    Computed as ``-sum p_i log_softmax_i``, so a ``p_max`` within 1e-13 of 1
    still gives a correct small entropy; masked classes contribute 0.
    """
    t = _check_temperature(temperature)
    x2, _, batch = _class_rows(logits, axis)
    p = softmax(x2, axis=1, temperature=t)
    lp = log_softmax(x2, axis=1, temperature=t)
    with np.errstate(invalid="ignore"):
        terms = np.where(p > 0.0, -p * lp, 0.0)
    terms = np.where(np.isnan(p), np.nan, terms)
    h = np.sum(terms, axis=1).reshape(batch)
    return float(h) if h.ndim == 0 else h


# --------------------------------------------------------------------------
# Underflow is what softmax does (exp of a very negative number is 0): every
# public function runs with it silent, whatever np.seterr the caller set. The
# other floating-point events each function handles where they arise.
# --------------------------------------------------------------------------

def _underflow_silent(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with np.errstate(under="ignore"):
            return fn(*args, **kwargs)
    return wrapper


for _name in __all__:
    globals()[_name] = _underflow_silent(globals()[_name])
del _name
