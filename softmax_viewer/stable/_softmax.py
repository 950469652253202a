"""softmax, log_softmax, both at once, the textbook formula, a safe norm and softplus."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer.stable._arrays import _as_float_array, _check_temperature, _rows
from softmax_viewer.stable._engine import _Engine, _nan_rows, _two_sum

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
