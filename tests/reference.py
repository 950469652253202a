"""High-precision references (mpmath, 60 digits) and ulp distances for the tests."""
from __future__ import annotations

import mpmath
import numpy as np

DPS = 60


def _mp(values, temperature=1.0):
    with mpmath.workdps(DPS):
        t = mpmath.mpf(float(temperature))
        return [mpmath.mpf(float(v)) / t for v in np.asarray(values, dtype=np.float64).ravel()]


def reference(values, temperature=1.0):
    """(softmax, log_softmax, logsumexp) of a 1-D input as mpmath numbers.

    -inf entries are masked classes (probability 0, log-probability -inf).
    """
    with mpmath.workdps(DPS):
        xs = _mp(values, temperature)
        finite = [v for v in xs if mpmath.isfinite(v)]
        m = max(finite)
        ex = [mpmath.exp(v - m) if mpmath.isfinite(v) else mpmath.mpf(0) for v in xs]
        s = mpmath.fsum(ex)
        # log(1 + rest) with rest summed apart: 60 digits cannot hold 1 + 1e-143
        k = xs.index(m)
        rest = mpmath.fsum(e for i, e in enumerate(ex) if i != k)
        ls = mpmath.log1p(rest)
        p = [e / s for e in ex]
        lp = [v - m - ls if mpmath.isfinite(v) else mpmath.mpf("-inf") for v in xs]
        return p, lp, m + ls


def ulp_errors(actual, ref, dtype) -> np.ndarray:
    """|actual - ref| in units of the spacing of dtype at ref (elementwise).

    Equal infinities count as 0; the spacing is that of ref rounded to dtype.
    """
    dtype = np.dtype(dtype)
    a = np.asarray(actual).ravel()
    out = []
    with mpmath.workdps(DPS):
        for ai, ri in zip(a, ref):
            if mpmath.isinf(ri) or np.isinf(ai):
                out.append(0.0 if float(ri) == float(ai) else np.inf)
                continue
            r_rounded = dtype.type(float(ri))
            spacing = mpmath.mpf(float(np.spacing(np.abs(r_rounded))))
            out.append(float(abs(mpmath.mpf(float(ai)) - ri) / spacing))
    return np.array(out)


def max_ulp(actual, ref, dtype) -> float:
    return float(np.max(ulp_errors(actual, ref, dtype)))


def adversarial_inputs(dtype=np.float64) -> dict:
    """The hard cases named in the accuracy requirements, for float64 or float32."""
    rng = np.random.default_rng(20261123)
    big = 1e300 if np.dtype(dtype) == np.float64 else 1e38
    tiny_ulps = 1.0 + np.arange(1000) * np.spacing(np.dtype(dtype).type(1.0)) * 3
    cases = {
        "dominant_then_40_below": np.r_[0.0, -40.0 - rng.random(999) * 20],
        "zero_then_999_at_minus_40": np.r_[0.0, np.full(999, -40.0)],
        "near_plus_big": big * (1 + rng.standard_normal(50) * 1e-3),
        "near_minus_big": -big * (1 + rng.standard_normal(50) * 1e-3),
        "all_equal_big": np.full(7, big),
        "1e4_plus_noise": 1e4 + rng.standard_normal(1000),
        "randn_times_30": rng.standard_normal(1000) * 30,
        "randn_times_3": rng.standard_normal(1000) * 3,
        "exact_ties": np.array([3.0, 3.0, 1.0, -2.0, 3.0]),
        "masked_minus_inf": np.array([1.0, -np.inf, 2.0, 3.0, -np.inf]),
        "thousand_a_few_ulps_apart": tiny_ulps,
        "seed_003_textbook_overflow": np.array([10.0, 2.0, 10000.0, 4.0]),
        "seed_000_linspace": np.linspace(-10, 10, 10),
    }
    return {k: np.asarray(v, dtype=dtype) for k, v in cases.items()}
