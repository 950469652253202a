"""The precision lab's numbers: the textbook and the stable softmax in float16, 32 and 64."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from softmax_viewer import names, stable
from softmax_viewer.limits import brief
from softmax_viewer.state import ExplorerState

DTYPES = {name: getattr(np, name) for name in names.DTYPES}


@dataclass(frozen=True)
class PrecisionData:
    dtype: str
    u: np.ndarray                 # u = s z / T rounded to dtype (may overflow to inf)
    naive_p: np.ndarray           # textbook exp(u) / sum exp(u) in dtype
    stable_p: np.ndarray          # stable.softmax in dtype
    log_of_softmax: np.ndarray    # log(stable p) in dtype: -inf where p underflowed
    log_softmax: np.ndarray       # stable.log_softmax in dtype: finite
    flags: np.ndarray             # 0 ok, 1 exp overflowed to inf, 2 NaN, 3 underflowed to 0
    exp_threshold: float          # log(max finite of dtype): exp overflows above it
    ulp_naive: np.ndarray         # |naive p - reference| in ulps of dtype (inf where not finite)
    ulp_stable: np.ndarray        # same for the stable softmax
    # the stable softmax's worst error against the exact softmax of u as rounded
    # to dtype: what the algorithm adds to the rounding of its input
    stable_worst_of_rounded_u: float
    summary: str
    # classes whose u is a float64 but beyond dtype (rounded to ±inf): where every class
    # is, no softmax in dtype exists (its stable_p is NaN, and the summary says why)
    u_overflows: int = 0
    exp_infinite: int = 0         # classes whose textbook exp(u) overflowed to inf (NaN ones among them)


def exp_overflow_threshold(dtype) -> float:
    """The largest x whose exp is finite in ``dtype``: about 11.09, 88.72, 709.78."""
    return float(np.log(np.finfo(dtype).max.astype(np.float64)))


def _ulps(values, ref64, dtype) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    ref_d = ref64.astype(dtype)
    spacing = np.spacing(np.abs(ref_d)).astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(v - ref64) / spacing
    return np.where(np.isfinite(v), err, np.inf)


def precision(state: ExplorerState, dtype: str = "float32", p=None) -> PrecisionData:
    """The textbook and the stable softmax of this state's u in ``dtype``, against float64.

    ``p``: the float64 softmax of this state's u when the caller has it already
    (the explorer's bundle does): the reference, one O(N) pass saved per tick.
    """
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {brief(dtype)}")
    dt = DTYPES[dtype]
    sz = state.scaled_logits()
    t = state.temperature
    u64 = state.effective_logits()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        u = u64.astype(dt)
        ex = np.exp(u)
    naive = stable.naive_softmax(u)
    if t == 0:                           # the argmax limit of s·z as dtype holds it
        with np.errstate(over="ignore"):
            sz_dt = sz.astype(dt)
        stable_p, ls = stable.softmax(sz_dt, temperature=0), stable.log_softmax(sz_dt, temperature=0)
    elif np.any(np.isposinf(u)):          # u beyond dtype: its infinite classes share all the mass (the limit)
        stable_p, ls = stable.softmax(u, temperature=0), stable.log_softmax(u, temperature=0)
    else:
        stable_p, ls = stable.softmax_and_log_softmax(u)
    with np.errstate(divide="ignore"):
        log_of = np.log(stable_p)
    if p is None or np.shape(p) != sz.shape:
        p = stable.softmax(sz, temperature=t)
    ref = p                                            # float64 reference of the true p
    flags = np.zeros(u.size, dtype=np.int8)
    flags[np.isposinf(ex)] = 1
    flags[np.isnan(naive)] = 2
    flags[(naive == 0) & (ref > 0)] = 3
    over, nan_, under = int(np.sum(np.isposinf(ex))), int(np.sum(flags == 2)), int(np.sum(flags == 3))
    thr = exp_overflow_threshold(dt)
    ulp_stable = _ulps(stable_p, ref, dt)
    worst = worst_rounded = float(np.max(ulp_stable))
    rounded = dt is not np.float64                      # (float64: u is the reference's own u)
    if rounded:
        # u's own rounding to dtype moves p by up to about |u| ulps (a relative error
        # of |u|·2^-24 in exp(u) in float32): split it from the algorithm's error
        with np.errstate(over="ignore", invalid="ignore"):
            worst_rounded = float(np.max(_ulps(stable_p, stable.softmax(u.astype(np.float64)), dt)))
    summary = (f"{dtype}: exp overflows above u = {thr:.2f}. Textbook: {over} exp → inf, {nan_} NaN, "
               f"{under} underflowed to 0; stable worst error {worst:.3g} ulp")
    lost = int(np.sum(np.isinf(u) & np.isfinite(u64)))
    if lost:        # u itself is not a number of dtype: no softmax in dtype can be right
        summary += f" (u itself overflows {dtype} in {lost} classes: |u| > {float(np.finfo(dt).max):.5g})"
    elif rounded:
        summary += f" ({worst_rounded:.3g} against the exact softmax of u as rounded to {dtype})"
    return PrecisionData(dtype, u, naive, stable_p, log_of, ls, flags, thr, _ulps(naive, ref, dt),
                         ulp_stable, worst_rounded, summary, lost, exp_infinite=over)
