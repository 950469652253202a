"""Accuracy of softmax, log_softmax and logsumexp against 60-digit mpmath.

The bound is 4 ulps on adversarial inputs, float64 and float32.  For scale:
scipy 1.17 is 16 ulps off for softmax of randn * 3 and ~3e13 ulps off for
log_softmax of [0] + [-40] * 999.
"""
import mpmath
import numpy as np
import pytest

from softmax_viewer import stable
from tests.reference import adversarial_inputs, max_ulp, reference

MAX_ULP = 4.0
CASES = [(dt, name) for dt in (np.float64, np.float32) for name in adversarial_inputs(dt)]


@pytest.fixture(scope="module")
def refs():
    return {}


def _ref(refs, dtype, name, temperature=1.0):
    key = (np.dtype(dtype).name, name, temperature)
    if key not in refs:
        x = adversarial_inputs(dtype)[name]
        refs[key] = (x, reference(x, temperature))
    return refs[key]


@pytest.mark.parametrize("dtype,name", CASES, ids=[f"{np.dtype(d).name}-{n}" for d, n in CASES])
def test_softmax_within_4_ulp(refs, dtype, name):
    x, (p, _, _) = _ref(refs, dtype, name)
    got = stable.softmax(x)
    assert got.dtype == np.dtype(dtype)
    assert max_ulp(got, p, dtype) <= MAX_ULP


@pytest.mark.parametrize("dtype,name", CASES, ids=[f"{np.dtype(d).name}-{n}" for d, n in CASES])
def test_log_softmax_within_4_ulp(refs, dtype, name):
    x, (_, lp, _) = _ref(refs, dtype, name)
    got = stable.log_softmax(x)
    assert got.dtype == np.dtype(dtype)
    assert max_ulp(got, lp, dtype) <= MAX_ULP


@pytest.mark.parametrize("dtype,name", CASES, ids=[f"{np.dtype(d).name}-{n}" for d, n in CASES])
def test_logsumexp_within_4_ulp(refs, dtype, name):
    x, (_, _, lse) = _ref(refs, dtype, name)
    got = stable.logsumexp(x)
    assert np.asarray(got).dtype == np.dtype(dtype)
    assert max_ulp([got], [lse], dtype) <= MAX_ULP


@pytest.mark.parametrize("temperature", [0.7, 3.0, 0.01, 0.25])
@pytest.mark.parametrize("name", ["randn_times_3", "randn_times_30", "dominant_then_40_below"])
def test_tempered_softmax_within_4_ulp(refs, name, temperature):
    """The division by T keeps its remainder, so tempering costs no digits."""
    x, (p, lp, _) = _ref(refs, np.float64, name, temperature)
    assert max_ulp(stable.softmax(x, temperature=temperature), p, np.float64) <= MAX_ULP
    assert max_ulp(stable.log_softmax(x, temperature=temperature), lp, np.float64) <= MAX_ULP


def test_long_rows_across_blocks_within_4_ulp():
    """A row longer than the engine's block sums its blocks without losing digits."""
    rng = np.random.default_rng(5)
    x = rng.standard_normal(300_007) * 5
    idx = rng.choice(x.size, 300, replace=False)
    with mpmath.workdps(40):
        xs = [mpmath.mpf(float(v)) for v in x]
        m = max(xs)
        s = mpmath.fsum(mpmath.exp(v - m) for v in xs)
        lse = m + mpmath.log(s)
        p = [mpmath.exp(xs[i] - lse) for i in idx]
        lp = [xs[i] - lse for i in idx]
    assert max_ulp(stable.softmax(x)[idx], p, np.float64) <= MAX_ULP
    assert max_ulp(stable.log_softmax(x)[idx], lp, np.float64) <= MAX_ULP
    assert max_ulp([stable.logsumexp(x)], [lse], np.float64) <= MAX_ULP


def test_batched_rows_match_one_by_one():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((37, 11)) * 20
    got = stable.softmax(x, axis=1)
    for i in range(x.shape[0]):
        np.testing.assert_array_equal(got[i], stable.softmax(x[i]))
    np.testing.assert_array_equal(stable.log_softmax(x, axis=0)[:, 4], stable.log_softmax(x[:, 4]))


# ---- the losses keep the same precision when p_target is within 1e-13 of 1 ----

def _mp_losses(z, y, eps=0.0):
    with mpmath.workdps(60):
        zs = [mpmath.mpf(float(v)) for v in z]
        m = max(zs)
        lse = m + mpmath.log(mpmath.fsum(mpmath.exp(v - m) for v in zs))
        lp = [v - lse for v in zs]
        p = [mpmath.exp(v) for v in lp]
        k = len(zs)
        q = [eps / k + (1 - eps if i == y else 0) for i in range(k)]
        # lse - z_y summed apart from the leading 1, as 1 + 1e-14 needs it
        rest = mpmath.fsum(mpmath.exp(v - m) for i, v in enumerate(zs) if v != m or i != zs.index(m))
        lse = m + mpmath.log1p(rest)
        lp = [v - lse for v in zs]
        p = [mpmath.exp(v) for v in lp]
        ce = -mpmath.fsum(qi * li for qi, li in zip(q, lp))
        grad_y = -mpmath.fsum(p[i] for i in range(k) if i != y) + (1 - q[y])
        ent = -mpmath.fsum(pi * li for pi, li in zip(p, lp))
        return float(ce), float(grad_y), float(ent), float(1 - p[y])


@pytest.mark.parametrize("z", [
    [31.0, 0.0, 0.5, -3.0],            # 1 - p_y ~ 6e-14
    [40.0, 5.0, 7.0],                  # 1 - p_y ~ 2e-15
    [18.0] + [-20.0] * 999,            # many tiny rivals
], ids=["31-vs-small", "40-vs-7", "1000-classes"])
def test_losses_right_when_p_target_near_one(z):
    ce, gy, ent, gap = _mp_losses(z, 0)
    assert gap < 1e-13
    assert stable.cross_entropy(z, 0) == pytest.approx(ce, rel=1e-9, abs=0)
    assert stable.cross_entropy_grad(z, 0)[0] == pytest.approx(gy, rel=1e-9, abs=0)
    assert stable.entropy(z) == pytest.approx(ent, rel=1e-9, abs=0)
    # the naive route, 1 - p_y from a rounded p_y, is what this guards against
    naive = -np.log(stable.softmax(np.array(z))[0])
    assert naive != pytest.approx(ce, rel=1e-9, abs=0) or ce == 0


def test_label_smoothed_loss_matches_mpmath():
    z = [1.5, 1.2, 1.0]
    ce, gy, _, _ = _mp_losses(z, 0, eps=0.1)
    assert stable.cross_entropy(z, 0, epsilon=0.1) == pytest.approx(ce, rel=1e-14, abs=0)
    assert stable.cross_entropy_grad(z, 0, epsilon=0.1)[0] == pytest.approx(gy, rel=1e-13, abs=0)
