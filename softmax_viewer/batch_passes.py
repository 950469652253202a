"""The passes over a batch that calibration makes, a block of rows at a time. No Qt.

Per row, LSE(v/T) (the stable core's) and the sum of p²; the slope of the mean NLL
in beta = 1/T and its derivative; Newton's root of that slope. Blocks of about
BLOCK numbers keep every pass in cache on buffers reused, with no array as large
as the batch made on the way.
"""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer import stable


class NoMinimum(ValueError):
    """The NLL keeps falling as T goes to 0 or to infinity: no T* to find."""


BLOCK = 131072          # elements a block of rows holds: its passes run in cache, on buffers reused


def _row_blocks(b: int, c: int):
    step = max(1, BLOCK // max(c, 1))
    return [(r, min(r + step, b)) for r in range(0, b, step)]


def lse_and_square_sum(v, t: float):
    """Per row, LSE(v/T) (the stable core's) and sum_i p_i², a block of rows at a time."""
    b, c = v.shape
    lse, square = np.empty(b), np.empty(b)
    u = np.empty((min(b, max(1, BLOCK // c)), c))
    with np.errstate(under="ignore", invalid="ignore"):
        for r0, r1 in _row_blocks(b, c):
            ub = u[: r1 - r0]
            np.divide(v[r0:r1], t, out=ub)
            lb = stable.logsumexp(ub, axis=-1)
            lse[r0:r1] = lb
            np.subtract(ub, lb[:, None], out=ub)
            np.exp(ub, out=ub)
            square[r0:r1] = np.einsum("ij,ij->i", ub, ub)
    return lse, square


def _slope(v, v_max, gap, beta, masked) -> tuple[float, float]:
    """d NLL / d beta and d² NLL / d beta² at beta: the mean of E_p[v] - v_y and of Var_p(v),
    a block of rows at a time; shifted by the row maximum, the variance keeps its digits."""
    b, c = v.shape
    rows = min(b, max(1, BLOCK // c))
    d, e = np.empty((rows, c)), np.empty((rows, c))
    m1, m2 = np.empty(b), np.empty(b)
    with np.errstate(under="ignore", invalid="ignore"):
        for r0, r1 in _row_blocks(b, c):
            db, eb = d[: r1 - r0], e[: r1 - r0]
            np.subtract(v[r0:r1], v_max[r0:r1, None], out=db)
            np.multiply(db, beta, out=eb)
            np.exp(eb, out=eb)
            if masked:
                db[np.isinf(db)] = 0.0                 # a masked class: p = 0, and 0 · (−inf) is no number
            s0 = eb.sum(axis=1)
            m1[r0:r1] = np.einsum("ij,ij->i", eb, db) / s0
            np.multiply(db, db, out=db)
            m2[r0:r1] = np.einsum("ij,ij->i", eb, db) / s0
    return float(np.mean(m1 + gap)), float(np.mean(np.maximum(m2 - m1 * m1, 0.0)))


def newton(v, v_max, v_y, beta, rtol, masked) -> float:
    """The root of the NLL's slope in beta, from ``beta``, to ``rtol`` relative: Newton's steps
    while they stay inside the bracket the signs of the slope make, halving it otherwise."""
    gap = v_max - v_y
    lo, hi = 0.0, math.inf
    for _ in range(4000):
        g, h = _slope(v, v_max, gap, beta, masked)
        if g == 0.0:
            return beta
        if g < 0.0:
            lo = beta
        else:
            hi = beta
        step = g / h if h > 0.0 else math.nan
        if abs(step) <= rtol * beta:                   # converged: the slope is at its rounding floor
            return min(max(beta - step, lo), hi)
        if math.isfinite(hi) and lo > 0.0 and hi - lo <= rtol * hi:
            return beta
        if lo < beta - step < hi:
            beta -= step
        elif not math.isfinite(hi):
            beta *= 2.0
            if beta > 1e300:
                raise NoMinimum("the NLL keeps falling as T -> 0: no minimum at T > 0")
        elif lo == 0.0:
            beta /= 2.0
            if beta < 1e-300:
                raise NoMinimum("the NLL keeps falling as T grows: no finite minimum")
        else:
            beta = math.sqrt(lo * hi)
    return beta
