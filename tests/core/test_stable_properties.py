"""Properties that hold for every input (hypothesis)."""
import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra import numpy as hnp

from softmax_viewer import stable

finite = st.floats(-500, 500, allow_nan=False, allow_infinity=False, allow_subnormal=True)
logits = hnp.arrays(np.float64, st.integers(1, 40), elements=finite)
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(logits, st.floats(-1000, 1000))
def test_shift_invariance(x, c):
    p = stable.softmax(x)
    shifted = stable.softmax(x + c)
    # x + c rounds; the shift of each entry is c up to half an ulp of x + c
    tol = np.spacing(np.max(np.abs(x + c)) + 1.0) * 4
    np.testing.assert_allclose(shifted, p, rtol=tol * 4, atol=1e-300)
    np.testing.assert_allclose(stable.log_softmax(x + c), stable.log_softmax(x),
                               atol=tol * 4 + 1e-12, rtol=1e-12)


@SETTINGS
@given(logits, st.floats(0.01, 100))
def test_probabilities_sum_to_one(x, t):
    p = stable.softmax(x, temperature=t)
    assert np.all(p >= 0) and np.all(p <= 1)
    assert abs(p.sum() - 1.0) <= 4 * x.size * np.finfo(float).eps


@SETTINGS
@given(logits)
def test_lse_between_max_and_max_plus_log_n(x):
    lse = stable.logsumexp(x)
    m = x.max()
    assert m <= lse <= m + np.log(x.size) + 4 * np.spacing(abs(m) + np.log(x.size))


@SETTINGS
@given(logits, st.data())
def test_cross_entropy_is_softplus_of_lse_margin(x, data):
    y = data.draw(st.integers(0, x.size - 1))
    ce = stable.cross_entropy(x, y)
    if x.size == 1:
        assert ce == 0.0
        return
    rivals = np.delete(x, y)
    margin = stable.logsumexp(rivals) - x[y]
    expected = stable.softplus(margin)
    assert np.isclose(ce, expected, rtol=1e-12, atol=1e-300)
    # and the chain hinge <= lse-hinge <= CE holds
    assert stable.hinge_loss(x, y) <= stable.lse_hinge_loss(x, y) + 1e-12
    assert stable.lse_hinge_loss(x, y) <= ce + 1e-12


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 12), elements=st.floats(-30, 30)),
       st.data(), st.floats(0, 1), st.floats(0.1, 10))
def test_gradient_is_p_minus_q_and_matches_finite_differences(x, data, eps, t):
    y = data.draw(st.integers(0, x.size - 1))
    g = stable.cross_entropy_grad(x, y, epsilon=eps, temperature=t)
    p = stable.softmax(x, temperature=t)
    q = stable.smooth_labels(y, x.size, eps)
    np.testing.assert_allclose(g, (p - q) / t, atol=1e-15 / t, rtol=1e-12)
    assert abs(g.sum()) <= 1e-14 * x.size / t + 1e-15
    h = 1e-6
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        fd = (stable.cross_entropy(x + e, y, epsilon=eps, temperature=t)
              - stable.cross_entropy(x - e, y, epsilon=eps, temperature=t)) / (2 * h)
        assert abs(fd - g[i]) <= 1e-6 * (1 + abs(g[i])) / min(t, 1.0)


@SETTINGS
@given(hnp.arrays(np.float64, st.integers(1, 15), elements=st.floats(-50, 50)), st.floats(0.05, 20))
def test_jacobian_symmetric_with_zero_row_sums(x, t):
    jac = stable.softmax_jacobian(x, temperature=t)
    np.testing.assert_allclose(jac, jac.T, atol=0)
    assert np.all(np.abs(jac.sum(axis=1)) <= 1e-15 * x.size / t + 1e-300)
    # and it is the derivative of softmax (central differences)
    h = 1e-6
    i = int(np.argmax(x))
    e = np.zeros_like(x)
    e[i] = h
    fd = (stable.softmax(x + e, temperature=t) - stable.softmax(x - e, temperature=t)) / (2 * h)
    np.testing.assert_allclose(jac[:, i], fd, atol=1e-6 / min(t, 1.0))


@SETTINGS
@given(logits)
def test_entropy_between_zero_and_log_n(x):
    h = stable.entropy(x)
    assert -1e-15 <= h <= np.log(x.size) + 1e-12
