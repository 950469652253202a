"""Edge cases, argument checks, and compatibility with scipy.special."""
import warnings

import numpy as np
import pytest
import scipy.special as sp

from softmax_viewer import stable


# ---- scipy compatibility: the peers' calls run unchanged against ours ----

@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1), (0, 2), (2,)])
@pytest.mark.parametrize("keepdims", [False, True])
def test_logsumexp_axes_match_scipy(axis, keepdims):
    x = np.random.default_rng(0).standard_normal((3, 4, 5)) * 10
    np.testing.assert_allclose(stable.logsumexp(x, axis=axis, keepdims=keepdims),
                               sp.logsumexp(x, axis=axis, keepdims=keepdims), rtol=1e-14)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1), (0, 2)])
@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_axes_match_scipy(axis, name):
    x = np.random.default_rng(1).standard_normal((3, 4, 5)) * 4
    ours = getattr(stable, name)(x, axis=axis)
    theirs = getattr(sp, name)(x, axis=axis)
    assert ours.shape == theirs.shape
    # scipy loses digits where log_softmax is near 0; hence the absolute term
    np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("a,b", [
    ([1.0, 2.0], [1, -1]),
    ([1.0, 2.0, 3.0], [0.5, 2.0, 0.0]),
    ([[1.0, 2.0], [3.0, 0.5]], [[1, 1], [-2, 1]]),
    ([np.inf, 1.0], [0, 1]),            # a zero weight drops even an inf term
    ([1.0, 1.0], [1, -1]),              # an exact zero sum
])
def test_logsumexp_weights_and_sign_match_scipy(a, b):
    for axis in (None, -1):
        ours = stable.logsumexp(a, axis=axis, b=b, return_sign=True)
        theirs = sp.logsumexp(a, axis=axis, b=b, return_sign=True)
        np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-14)
        np.testing.assert_array_equal(ours[1], theirs[1])
        ours_nosign = stable.logsumexp(a, axis=axis, b=b)
        theirs_nosign = sp.logsumexp(a, axis=axis, b=b)
        np.testing.assert_allclose(ours_nosign, theirs_nosign, rtol=1e-14)


def test_scalar_and_empty_inputs_like_scipy():
    assert stable.logsumexp(5.0) == sp.logsumexp(5.0)
    assert stable.softmax(5.0) == sp.softmax(5.0) == 1.0
    assert stable.logsumexp([]) == -np.inf
    np.testing.assert_array_equal(stable.logsumexp(np.zeros((3, 0)), axis=1), [-np.inf] * 3)
    assert stable.softmax(np.zeros((3, 0)), axis=1).shape == (3, 0)


def test_empty_class_axis_reshape_regression():
    """An empty class axis once failed in reshape(-1, 0); it is -inf like scipy."""
    assert stable.logsumexp(np.zeros((0, 3)), axis=1).shape == (0,)
    assert stable.logsumexp(np.zeros(0)) == -np.inf


# ---- non-finite inputs: masks, +inf and NaN follow scipy and JAX ----

def test_minus_inf_is_a_masked_class():
    x = np.array([1.0, -np.inf, 2.0])
    p = stable.softmax(x)
    assert p[1] == 0.0 and not np.isnan(p).any()
    assert stable.log_softmax(x)[1] == -np.inf
    np.testing.assert_allclose(p[[0, 2]], stable.softmax([1.0, 2.0]), rtol=1e-15)
    assert stable.logsumexp(x) == pytest.approx(stable.logsumexp([1.0, 2.0]), rel=1e-15)


def test_all_masked_row():
    x = np.full(3, -np.inf)
    assert stable.logsumexp(x) == -np.inf
    assert np.isnan(stable.softmax(x)).all()      # 0/0: no value, as in scipy


@pytest.mark.parametrize("x", [[np.inf, 1.0], [np.nan, 1.0], [np.inf, -np.inf], [np.inf, np.inf]])
def test_inf_and_nan_follow_scipy(x):
    with np.errstate(all="ignore"):          # scipy warns here; we must not
        ref = sp.logsumexp(x), sp.softmax(x), sp.log_softmax(x)
    np.testing.assert_array_equal(stable.logsumexp(x), ref[0])
    np.testing.assert_array_equal(stable.softmax(x), ref[1])
    np.testing.assert_array_equal(stable.log_softmax(x), ref[2])


def test_huge_logits_do_not_overflow():
    x = np.array([1e308, -1e308, 1e308])
    np.testing.assert_array_equal(stable.softmax(x), [0.5, 0.0, 0.5])
    assert stable.logsumexp(x) == 1e308
    lsm = stable.log_softmax(x)
    assert lsm[1] == -np.inf and lsm[0] == pytest.approx(-np.log(2))


def test_subnormals():
    x = np.array([5e-324, 0.0, -5e-324])
    np.testing.assert_allclose(stable.softmax(x), [1 / 3] * 3, rtol=1e-15)


@pytest.mark.parametrize("fn", ["softmax", "log_softmax", "logsumexp", "naive_softmax"])
@pytest.mark.parametrize("x", [
    [1e308, 1e308], [-np.inf, -np.inf], [np.inf, np.nan], [5e-324, -1e308],
    [10.0, 2.0, 10000.0, 4.0], [0.0] + [-800.0] * 5,
])
def test_no_warning_for_any_input(fn, x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            getattr(stable, fn)(np.array(x))


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("t", [1.0, 0.5, 0.7, 3.0, 1e-300, 1e300])
@pytest.mark.parametrize("x", [[np.inf, 1.0], [np.nan, 1.0], [-np.inf, -np.inf], [-np.inf, 1.0, 2.0]])
def test_no_warning_for_rows_without_a_finite_max(dtype, t, x):
    # the row is computed on a stand-in and then set to NaN: nothing on the way warns
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            a = np.array(x, dtype=dtype)
            stable.softmax(a, temperature=t)
            stable.log_softmax(a, temperature=t)
            stable.softmax_and_log_softmax(a, temperature=t)


_PAIR_INPUTS = [
    np.random.default_rng(5).normal(size=1000) * 5, [10.0, 2.0, 10000.0, 4.0], [0.0] + [-40.0] * 999,
    [-np.inf, 1.0, 2.0], [np.inf, 1.0], [np.nan, 1.0], [-np.inf, -np.inf], [1e308, -1e308, 0.0], [],
    np.random.default_rng(6).normal(size=(7, 50)), np.random.default_rng(7).normal(size=(3, 4, 5)),
]


@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("t", [1.0, 0.7, 2.0, 0.5, 3.3, 0.0, np.inf, 1e-300, 1e300])
@pytest.mark.parametrize("k", range(len(_PAIR_INPUTS)))
def test_softmax_and_log_softmax_are_the_two_calls(dtype, t, k):
    with np.errstate(all="ignore"):
        x = np.asarray(_PAIR_INPUTS[k], dtype=np.float64).astype(dtype)
    for axis in ((None, -1, 0) if x.ndim > 1 else (None,)):
        p, lp = stable.softmax_and_log_softmax(x, axis, temperature=t)
        want_p, want_lp = stable.softmax(x, axis, temperature=t), stable.log_softmax(x, axis, temperature=t)
        assert p.dtype == want_p.dtype and lp.dtype == want_lp.dtype
        np.testing.assert_array_equal(p, want_p)
        np.testing.assert_array_equal(lp, want_lp)


def test_softmax_and_log_softmax_of_rows_longer_than_a_block():
    # two of the engine's blocks of 131,072 values and a part of a third
    x = np.random.default_rng(8).normal(size=2 * 131_072 + 17) * 30
    p, lp = stable.softmax_and_log_softmax(x, temperature=0.7)
    np.testing.assert_array_equal(p, stable.softmax(x, temperature=0.7))
    np.testing.assert_array_equal(lp, stable.log_softmax(x, temperature=0.7))


# ---- dtypes ----

@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
@pytest.mark.parametrize("fn", ["softmax", "log_softmax", "logsumexp"])
def test_dtype_preserved(dtype, fn):
    x = np.array([1.0, 2.0, 3.0], dtype=dtype)
    assert np.asarray(getattr(stable, fn)(x)).dtype == dtype


def test_float16_is_correctly_rounded():
    x = np.array([1.0, 2.0, 11.5, -3.0], dtype=np.float16)
    ref = stable.softmax(x.astype(np.float64)).astype(np.float16)
    np.testing.assert_array_equal(stable.softmax(x), ref)


def test_integers_become_float64():
    assert stable.softmax([1, 2, 3]).dtype == np.float64


# ---- temperature ----

def test_temperature_zero_is_argmax_with_shared_ties():
    np.testing.assert_array_equal(stable.softmax([1.0, 5.0, 2.0], temperature=0), [0, 1, 0])
    np.testing.assert_array_equal(stable.softmax([3.0, 3.0, 1.0, 3.0], temperature=0),
                                  [1 / 3, 1 / 3, 0, 1 / 3])
    np.testing.assert_allclose(stable.log_softmax([3.0, 3.0, 1.0], temperature=0),
                               [-np.log(2), -np.log(2), -np.inf])


def test_temperature_limits_of_losses():
    assert stable.cross_entropy([1.0, 5.0], 1, temperature=0) == 0.0
    assert stable.cross_entropy([1.0, 5.0], 0, temperature=0) == np.inf
    np.testing.assert_array_equal(stable.cross_entropy_grad([1.0, 5.0], 1, temperature=0), [0, 0])
    np.testing.assert_array_equal(stable.softmax_jacobian([1.0, 5.0], temperature=0), np.zeros((2, 2)))


def test_temperature_scales_like_division():
    x = np.array([38.0, 20.0, 40.0, 39.0])
    np.testing.assert_allclose(stable.softmax(x, temperature=2.0), stable.softmax(x / 2.0), rtol=1e-15)
    np.testing.assert_allclose(stable.softmax(x, temperature=100.0), stable.softmax(x / 100.0), rtol=1e-14)
    np.testing.assert_allclose(stable.softmax(x, temperature=np.inf), [0.25] * 4)


@pytest.mark.parametrize("t", [0.5, 0.25, 2.0 ** -10, 0.3])
def test_temperature_below_1_with_logits_near_the_float_max(t):
    # u = x / T is beyond the float range, but u - max(u) is not: log_softmax
    # (and the losses built on it) have finite answers there, and no warning
    x = np.array([1e308, 1e308, -1e308, 1e308 - 2.0 ** 972])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            lsm = stable.log_softmax(x, temperature=t)
            ce = stable.cross_entropy(x, 0, temperature=t)
            h = stable.entropy(x, temperature=t)
    gap = 2.0 ** 972 / t                        # exactly representable for these T
    p = stable.softmax(x, temperature=t)
    assert lsm[2] == -np.inf and p[2] == 0.0
    np.testing.assert_allclose(np.exp(lsm), p, rtol=1e-15)
    np.testing.assert_allclose(lsm[[0, 1]], -np.log(2 + np.exp(-gap)), rtol=1e-15)
    assert ce == pytest.approx(-lsm[0], rel=1e-15)
    assert np.isfinite(h)


def test_uniform_target_over_a_masked_class_costs_infinity():
    # eps = 1: q is uniform, so a masked class (p = 0) has q > 0 -- even when it is the target
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert stable.cross_entropy([0.0, -np.inf], 1, epsilon=1.0) == np.inf
        assert stable.cross_entropy([0.0, -np.inf], 0, epsilon=1.0) == np.inf
    assert stable.cross_entropy([1.0, 2.0], 0, epsilon=1.0) == pytest.approx(
        -np.mean(stable.log_softmax(np.array([1.0, 2.0]))), rel=1e-15)


@pytest.mark.parametrize("x,t,want", [
    # logits further apart than the float range, T > 1: (x - max) / T is finite
    ([-1e308, -0.05, 1e308], 7.0, [-2 * (1e308 / 7), -1e308 / 7, 0.0]),
    ([-1e308, -0.05, 4.0, 1e308], 1e300, [-2e8, -1e8, -1e8, 0.0]),
    # T a tiny power of two: the gaps are beyond the float range, the max is 0
    ([1e300, 4e-5, 1e308, -1.0], 2.0 ** -1000, [-np.inf, -np.inf, 0.0, -np.inf]),
])
def test_log_softmax_of_gaps_beyond_the_float_range(x, t, want):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            lsm = stable.log_softmax(np.array(x), temperature=t)
            p = stable.softmax(np.array(x), temperature=t)
    np.testing.assert_allclose(lsm, want, rtol=1e-15)
    np.testing.assert_array_equal(p, np.exp(np.array(want)))


@pytest.mark.parametrize("fn", [
    lambda t: stable.softmax([1.0, 2.0], temperature=t),
    lambda t: stable.log_softmax([1.0, 2.0], temperature=t),
    lambda t: stable.cross_entropy([1.0, 2.0], 0, temperature=t),
    lambda t: stable.softmax_jacobian([1.0, 2.0], temperature=t),
    lambda t: stable.entropy([1.0, 2.0], temperature=t),
])
@pytest.mark.parametrize("bad", [-1.0, -1e-300, np.nan])
def test_negative_temperature_rejected(fn, bad):
    with pytest.raises(ValueError, match="temperature"):
        fn(bad)


# ---- labels and losses: arguments ----

@pytest.mark.parametrize("eps", [-0.1, 1.5, np.nan])
def test_epsilon_out_of_range(eps):
    with pytest.raises(ValueError, match=r"epsilon must be in \[0, 1\]"):
        stable.cross_entropy([1.0, 2.0], 0, epsilon=eps)
    with pytest.raises(ValueError, match="epsilon"):
        stable.smooth_labels(0, 3, eps)


@pytest.mark.parametrize("target", [3, -1, 2.5])
def test_target_out_of_range(target):
    with pytest.raises(ValueError, match="target"):
        stable.cross_entropy([1.0, 2.0, 3.0], target)
    with pytest.raises(ValueError, match="target"):
        stable.hinge_loss([1.0, 2.0, 3.0], target)


@pytest.mark.parametrize("fn", [
    lambda z: stable.cross_entropy(z, 0),
    lambda z: stable.cross_entropy_grad(z, 0),
    lambda z: stable.hinge_loss(z, 0),
    lambda z: stable.lse_hinge_loss(z, 0),
    lambda z: stable.entropy(z),
    lambda z: stable.softmax_jacobian(z),
])
def test_empty_class_axis_rejected(fn):
    with pytest.raises(ValueError, match="empty class axis|non-empty class axis"):
        fn(np.zeros(0))


def test_smooth_labels():
    np.testing.assert_allclose(stable.smooth_labels(1, 4, 0.2), [0.05, 0.85, 0.05, 0.05])
    np.testing.assert_array_equal(stable.smooth_labels([0, 2], 3, 0.0), [[1, 0, 0], [0, 0, 1]])
    np.testing.assert_allclose(stable.smooth_labels(0, 3, 1.0), [1 / 3] * 3)


def test_seed_examples():
    """Computed, not copied: seed 000's 0.98 is really 0.8916 at N = 10."""
    x = np.linspace(-10, 10, 10)
    assert stable.softmax(x).max() == pytest.approx(0.8916319769772618, rel=1e-15)
    assert stable.logsumexp(x) == pytest.approx(10.1147018134015, rel=1e-13)
    np.testing.assert_allclose(stable.softmax([1.0, 2, 3, 4]), [0.0320586, 0.08714432, 0.23688282, 0.64391426],
                               rtol=1e-6)
    np.testing.assert_allclose(stable.softmax([1.5, 1.2, 1.0]), [0.42601251, 0.31559783, 0.25838965], rtol=1e-7)
    naive = stable.naive_softmax(np.array([10.0, 2.0, 10000.0, 4.0]))
    assert np.isnan(naive[2]) and np.all(naive[[0, 1, 3]] == 0)
    np.testing.assert_array_equal(stable.softmax([10.0, 2.0, 10000.0, 4.0]), [0, 0, 1, 0])


def test_hinge_chain_values():
    z = [1.0, 2.0, 3.0, 4.0]
    assert stable.hinge_loss(z, 2) == 1.0
    assert stable.hinge_loss(z, 3) == 0.0
    assert stable.hinge_loss(z, 3, margin=2.0) == 1.0
    assert stable.lse_hinge_loss(z, 2) == pytest.approx(np.log(np.exp(1) + np.exp(2) + np.exp(4)) - 3)
    assert stable.hinge_loss([2.0], 0) == 0.0 and stable.lse_hinge_loss([2.0], 0) == 0.0


def test_batched_losses():
    z = np.array([[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])
    ce = stable.cross_entropy(z, [2, 2])
    assert ce.shape == (2,)
    assert ce[0] == pytest.approx(stable.cross_entropy(z[0], 2))
    assert stable.cross_entropy_grad(z, [2, 0]).shape == (2, 3)
    assert stable.softmax_jacobian(z).shape == (2, 3, 3)


def test_probability_gradient_is_cross_entropy_grad_in_u():
    z = np.array([[31.0, 0.0, 0.5], [1.0, 2.0, 3.0]])
    p = stable.softmax(z, axis=-1)
    np.testing.assert_array_equal(stable.probability_gradient(p, [0, 2], epsilon=0.1),
                                  stable.cross_entropy_grad(z, [0, 2], epsilon=0.1))


@pytest.mark.parametrize("x,expected", [
    ([3.0, 4.0], 5.0),
    ([], 0.0),
    ([0.0, 0.0], 0.0),
    ([1e200, 1e200], 1e200 * np.sqrt(2.0)),       # np.linalg.norm overflows to inf here
    ([1e308, -1e308], 1e308 * np.sqrt(2.0)),
    ([1e-200, 0.0], 1e-200),                      # and underflows to 0 here
    ([5e-324], 5e-324),
    ([np.inf, 1.0], np.inf),
])
def test_norm_neither_overflows_nor_underflows(x, expected):
    assert stable.norm(np.array(x)) == pytest.approx(expected, rel=1e-15, abs=0.0)


def test_norm_matches_numpy_where_numpy_is_exact_enough():
    rng = np.random.default_rng(3)
    for n in (1, 10, 1000, 100_000):
        x = rng.normal(size=n) * 10.0 ** rng.integers(-100, 100)
        assert stable.norm(x) == pytest.approx(np.linalg.norm(x), rel=1e-13)
