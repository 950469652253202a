"""The batch's calibration figures and the fitted temperature, against an independent scipy computation."""
import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import log_softmax, softmax

from softmax_viewer import calibration as cal


def _batch(b=3000, c=10, strength=2.5, spread=3.0, seed=1):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, c, b)
    z = rng.normal(0, 1, (b, c))
    z[np.arange(b), y] += strength
    return z * spread, y


def _independent(z, y, t, m=15, eps=0.0):
    """The figures by the definitions, with scipy and plain loops."""
    lp = log_softmax(z / t, axis=1)
    p = np.exp(lp)
    n, c = z.shape
    conf, pred = p.max(axis=1), p.argmax(axis=1)
    correct = pred == y
    ece, mce = 0.0, 0.0
    for k in range(m):
        inside = (conf > k / m) & (conf <= (k + 1) / m)
        if inside.any():
            gap = abs(correct[inside].mean() - conf[inside].mean())
            ece += inside.sum() / n * gap
            mce = max(mce, gap)
    onehot = np.eye(c)[y]
    q = (1 - eps) * onehot + eps / c
    top5 = np.mean([y[i] in np.argsort(-p[i], kind="stable")[:5] for i in range(n)])
    return {"accuracy": correct.mean(), "nll": -lp[np.arange(n), y].mean(), "ece": ece, "mce": mce,
            "brier": ((p - onehot) ** 2).sum(axis=1).mean(), "smoothed_nll": -(q * lp).sum(axis=1).mean(),
            "top5_accuracy": top5}


@pytest.mark.parametrize("t", [0.5, 1.0, 2.7])
def test_figures_agree_with_an_independent_computation(t):
    z, y = _batch()
    got = cal.calibrate(z, y, temperature=t, epsilon=0.1)
    want = _independent(z, y, t, eps=0.1)
    for key, value in want.items():
        assert getattr(got, key) == pytest.approx(value, rel=1e-9, abs=1e-12), key
    assert sum(b.count for b in got.bins) == len(y) and len(got.bins) == 15


def test_scale_and_temperature_enter_as_u_equals_s_z_over_t():
    z, y = _batch(500)
    a = cal.calibrate(z, y, scale=2.0, temperature=3.0)
    b = cal.calibrate(z * 2.0 / 3.0, y)
    assert a.nll == pytest.approx(b.nll, rel=1e-12) and a.ece == pytest.approx(b.ece, rel=1e-12)


def test_fitted_temperature_is_the_root_of_the_nll_slope_to_1e9():
    z, y = _batch()
    t = cal.fit_temperature(z, y)
    rows = np.arange(len(y))

    def slope(beta):                      # d NLL / d beta, by scipy
        return np.mean((softmax(z * beta, axis=1) * z).sum(axis=1) - z[rows, y])
    want = 1.0 / brentq(slope, 1e-3, 1e3, xtol=1e-15, rtol=1e-15)
    assert t == pytest.approx(want, rel=1e-9)
    nll = [cal.calibrate(z, y, temperature=x).nll for x in (t * 0.99, t, t * 1.01)]
    assert nll[1] < nll[0] and nll[1] < nll[2]


def test_fitted_temperature_with_a_scale_is_relative_to_it():
    z, y = _batch(800)
    assert cal.fit_temperature(z, y, scale=4.0) == pytest.approx(4.0 * cal.fit_temperature(z, y), rel=1e-9)


def test_overconfident_logits_fit_a_temperature_above_one_and_lower_their_ece():
    z, y = _batch(4000, strength=1.0, spread=6.0)
    t = cal.fit_temperature(z, y)
    assert t > 1.5
    assert cal.calibrate(z, y, temperature=t).ece < cal.calibrate(z, y).ece


def test_ties_predict_the_first_index_and_bins_hold_their_upper_edge():
    z = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 0.0]])
    c = cal.calibrate(z, [1, 0], bins=3)
    assert list(c.predicted) == [0, 0] and list(c.correct) == [False, True]
    # confidence 1/3 exactly belongs to bin 0 (0 < c <= 1/3)
    assert c.bins[0].count == 1 and c.bins[0].confidence == pytest.approx(1 / 3)


def test_equal_mass_bins_split_the_samples_evenly():
    z, y = _batch(1000)
    c = cal.calibrate(z, y, bins=7, equal_mass=True)
    counts = [b.count for b in c.bins]
    assert sum(counts) == 1000 and max(counts) - min(counts) <= 1
    assert all(b.lower <= b.upper for b in c.bins)
    assert all(a.upper <= b.lower for a, b in zip(c.bins, c.bins[1:]))


def test_per_class_and_the_most_confidently_wrong_rows():
    z, y = _batch(600)
    c = cal.calibrate(z, y)
    assert sum(k.predicted for k in c.per_class) == 600
    wrong = np.flatnonzero(~c.correct)
    assert set(c.worst) <= set(wrong) and len(c.worst) == min(20, wrong.size)
    assert np.all(np.diff(c.confidence[c.worst]) <= 0)
    k = int(c.predicted[0])
    mine = c.predicted == k
    assert c.per_class[k].accuracy == pytest.approx(c.correct[mine].mean())


def test_extreme_logits_give_finite_nll_where_the_math_does():
    z = np.array([[1000.0, 0.0, -1000.0], [0.0, 800.0, 0.0]])
    c = cal.calibrate(z, [0, 0])
    assert np.isfinite(c.nll) and c.nll == pytest.approx(400.0)
    masked = np.array([[0.0, -np.inf, 1.0], [2.0, 0.0, -np.inf]])
    c = cal.calibrate(masked, [2, 0], epsilon=0.1)
    assert np.isfinite(c.nll) and c.smoothed_nll == np.inf     # q gives the masked class eps/C


@pytest.mark.parametrize("z,y,needle", [
    (np.zeros((3, 2)), [0, 1], "3 samples need 3 labels"),
    (np.zeros((2, 2)), [0, 2], "label 1 is 2, outside 0..1"),
    (np.zeros((2, 2)), [0.5, 1], "whole class index"),
    (np.array([[np.nan, 0.0]]), [0], "logit [0, 0] is nan"),
    (np.array([[-np.inf, 0.0]]), [0], "masked class"),
    (np.zeros((2, 2)), None, "needs the true labels"),
])
def test_bad_batches_are_refused_in_one_line(z, y, needle):
    with pytest.raises(cal.CalibrationError, match=needle.replace("[", r"\[").replace("]", r"\]")):
        cal.calibrate(z, y)


def test_no_finite_temperature_is_said_not_returned():
    z = np.array([[5.0, 0.0], [0.0, 5.0]])
    with pytest.raises(cal.CalibrationError, match="T -> 0"):
        cal.fit_temperature(z, [0, 1])                 # all right: the NLL falls as T -> 0
    with pytest.raises(cal.CalibrationError, match="uniform guess"):
        cal.fit_temperature(z, [1, 0])                 # all wrong: the NLL falls as T grows


def test_split_is_seeded_and_disjoint():
    a, b = cal.split(101, 0.5, seed=3)
    assert len(a) + len(b) == 101 and not set(a) & set(b)
    assert np.array_equal(a, cal.split(101, 0.5, seed=3)[0])


def test_the_shipped_digits_show_what_the_article_claims():
    from softmax_viewer.batch import open_logits
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "assets" / "examples"
    _s, val = open_logits(root / "digits-onehot-validation.npz")
    _s, test = open_logits(root / "digits-onehot-test.npz")
    t = cal.fit_temperature(val.logits, val.labels)
    assert t > 1.0                                       # one-hot training: overconfident
    before, after = cal.calibrate(test.logits, test.labels), cal.calibrate(test.logits, test.labels, temperature=t)
    assert after.ece < before.ece and after.nll < before.nll
