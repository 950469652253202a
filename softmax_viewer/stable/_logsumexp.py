"""logsumexp, with weights and signs."""
from __future__ import annotations


import numpy as np

from softmax_viewer.stable._arrays import _as_float_array, _out_dtype, _rows
from softmax_viewer.stable._engine import _Engine

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
