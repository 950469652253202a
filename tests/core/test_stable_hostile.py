"""Hostile values against softmax_viewer.stable: digits near p = 1, infinite terms, long double, np.seterr."""
import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special

from softmax_viewer import stable


def _mp_softmax(x):
    e = [mpmath.e ** mpmath.mpf(float(v)) if np.isfinite(v) else mpmath.mpf(0) for v in x]
    s = sum(e)
    return [v / s for v in e]


ADVERSARIAL = [
    np.array([1.0, 2.0, 3.0, 4.0]) * 37,
    np.array([1.0, 2.0, 3.0, 4.0]) * 10,
    np.array([0.0, 40.0, -5.0, 39.9]),
    np.array([700.0, 0.0, -700.0]),
    np.array([1e-3, 0.0, -1e-3, 2e-3]),
    np.array([30.0, -np.inf, 0.0]),
    np.array([5.0]),
]


@pytest.mark.parametrize("x", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_the_jacobian_keeps_its_digits_where_p_is_near_one(x):
    with mpmath.workdps(60):
        p = _mp_softmax(x)
        # 1 - p_i as the others' sum: 1 - p_i itself would need some 300 digits at [700, 0, -700]
        rest = [sum(p[:i]) + sum(p[i + 1:]) for i in range(len(x))]
        want = [[float(p[i] * rest[i] if i == j else -p[i] * p[j]) for j in range(len(x))] for i in range(len(x))]
    got = stable.softmax_jacobian(x)
    want = np.array(want)
    tiny = np.finfo(np.float64).tiny
    ulps = np.abs(got - want) / np.maximum(np.spacing(np.abs(want)), tiny)
    assert np.all(ulps <= 8), (ulps.max(), got, want)
    if x.size == 4 and x[3] == 148:
        assert got[3, 3] == pytest.approx(8.5330476257e-17, rel=1e-9)


@pytest.mark.parametrize("a,b", [
    ([np.inf], [-1]), ([np.inf], [1]), ([np.inf, np.inf], [1, -1]), ([np.inf, 1], [-1, 1]),
    ([np.inf, np.inf], [-1, -2]), ([-np.inf], [-1]), ([-np.inf, -np.inf], [1, -1]), ([1, 2], [-1, 1]),
    ([np.nan], [-1]), ([np.inf], [-np.inf]), ([1], [np.inf]), ([1, 2], [np.inf, -np.inf]), ([-np.inf], [np.inf]),
    ([3.0, np.inf], [2.0, -0.5]),
])
def test_logsumexp_signs_with_infinite_terms_match_scipy(a, b, no_warnings):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want, want_sign = scipy.special.logsumexp(a, b=b, return_sign=True)
        want_plain = scipy.special.logsumexp(a, b=b)
    got, sign = stable.logsumexp(a, b=b, return_sign=True)
    np.testing.assert_equal([got, sign], [want, want_sign])
    np.testing.assert_equal(stable.logsumexp(a, b=b), want_plain)


def test_long_double_beyond_float64_is_refused_without_a_warning(no_warnings):
    x = np.array([1e300, 1.0], np.longdouble) * np.longdouble(1e10)
    if np.finfo(np.longdouble).max <= np.finfo(np.float64).max:
        pytest.skip("this machine's long double is float64")
    with pytest.raises(ValueError, match="beyond the float64 range"):
        stable.softmax(x)
    np.testing.assert_allclose(stable.softmax(np.array([1.0, 2.0], np.longdouble)), stable.softmax([1.0, 2.0]))


def test_the_core_works_whatever_np_seterr_says():
    with np.errstate(all="raise"):
        np.testing.assert_allclose(stable.log_softmax([5e-324, 0.0], temperature=1e10), [-math.log(2)] * 2)
        assert stable.entropy([1e-300, 0.0], temperature=1e300) == pytest.approx(math.log(2))
        assert stable.softmax([0.0, -1000.0]).tolist() == [1.0, 0.0]
