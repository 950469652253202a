"""The overconfidence experiment's numbers: gradient descent on the logits or a linear classifier."""
import math

import numpy as np
import pytest

from softmax_viewer import labs, stable
from softmax_viewer.state import ExplorerState


def test_one_hot_gap_grows_without_bound():
    r = labs.train(ExplorerState(logits=[1.5, 1.2, 1.0], target=0), steps=3000, lr=1.0)
    assert np.all(np.diff(r.loss) <= 1e-15)
    assert r.gap[-1] > r.gap[1000] > r.gap[100] > 5
    assert math.isinf(r.bound)


@pytest.mark.parametrize("eps,k", [(0.1, 3), (0.2, 5)])
def test_label_smoothing_stops_the_gap_at_the_bound(eps, k):
    st = ExplorerState(logits=list(np.linspace(1, 0, k)), target=0, epsilon=eps)
    r = labs.train(st, steps=3000, lr=1.0, loss="smoothed_ce")
    bound = math.log((1 - eps + eps / k) / (eps / k))
    assert r.bound == pytest.approx(bound)
    assert r.gap[-1] == pytest.approx(bound, rel=1e-6)


def test_hinge_stops_once_the_margin_is_met():
    r = labs.train(ExplorerState(logits=[1.0, 2.0, 0.0], target=0), steps=50, lr=0.3, loss="hinge")
    assert r.loss[-1] == 0 and r.gap[-1] >= 0


def test_linear_classifier_mode_learns_and_smoothing_bounds_its_gap():
    one_hot = labs.train(ExplorerState(logits=[0.0, 0.0, 0.0], target=0), steps=400, lr=0.5, mode="linear")
    smooth = labs.train(ExplorerState(logits=[0.0, 0.0, 0.0], target=0, epsilon=0.2), steps=400, lr=0.5,
                        mode="linear", loss="smoothed_ce")
    assert one_hot.loss[-1] < one_hot.loss[0] and one_hot.max_p[-1] > 0.9
    assert smooth.gap[-1] < one_hot.gap[-1] and smooth.max_p[-1] < one_hot.max_p[-1]


def test_gradient_step_matches_finite_differences():
    st = ExplorerState(logits=[0.3, -0.2, 0.5], target=1, scale=2.0, temperature=0.5, epsilon=0.1)
    r = labs.train(st, steps=1, lr=1e-3, loss="smoothed_ce")
    z0, z1 = r.logits
    step = (z0 - z1) / 1e-3                      # = dL/dz
    c = st.scale / st.temperature
    expected = c * (stable.softmax(c * z0) - stable.smooth_labels(1, 3, 0.1))
    np.testing.assert_allclose(step, expected, rtol=1e-9)


@pytest.mark.parametrize("kw,match", [({"steps": -1}, "steps"), ({"lr": 0}, "lr"), ({"loss": "l2"}, "loss"),
                                      ({"mode": "mlp"}, "mode")])
def test_training_arguments(kw, match):
    with pytest.raises(ValueError, match=match):
        labs.train(ExplorerState(), **kw)


def test_linear_mode_refuses_more_classes_than_it_can_train_in_time():
    many = ExplorerState().with_n_classes(labs.MAX_LINEAR_CLASSES + 1)
    with pytest.raises(ValueError, match=f"at most {labs.MAX_LINEAR_CLASSES} classes .*got {labs.MAX_LINEAR_CLASSES + 1}"):
        labs.train(many, steps=1, mode="linear")
    assert labs.train(many, steps=1, mode="logits").loss.size == 2
    assert labs.train(ExplorerState().with_n_classes(labs.MAX_LINEAR_CLASSES), steps=1, mode="linear").loss.size == 2


@pytest.mark.parametrize("mode", labs.MODES)
def test_a_run_computed_in_slices_is_the_whole_run(mode):
    st = ExplorerState(logits=[0.3, -0.2, 0.5, -np.inf], target=1, scale=2.0, temperature=0.5, epsilon=0.1)
    whole = labs.train(st, steps=60, lr=0.7, loss="smoothed_ce", mode=mode)
    d = labs.Descent(st, steps=60, lr=0.7, loss="smoothed_ce", mode=mode)
    sizes = []
    while not d.advance(0.0):                # one step per slice
        sizes.append(d.run().loss.size)
    assert sizes == list(range(1, 61))
    part = labs.Descent(st, steps=60, lr=0.7, loss="smoothed_ce", mode=mode)
    part.advance(0.0)
    assert not part.done and part.run().steps.tolist() == [0]
    r = d.run()
    for f in ("steps", "loss", "norm", "gap", "max_p", "logits"):
        np.testing.assert_array_equal(getattr(r, f), getattr(whole, f))
    assert r.bound == whole.bound


# ---- at the edges of the floats ----

def test_training_with_a_huge_learning_rate_stays_within_the_floats(no_warnings):
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0)
    for mode in ("logits", "linear"):
        run = labs.train(st, steps=5, lr=1e300, mode=mode)
        for series in (run.loss, run.norm, run.gap, run.max_p):
            assert not np.any(np.isnan(series)), mode
    assert np.all(np.isfinite(labs.train(st, steps=5, lr=1e300).logits))


@pytest.mark.parametrize("logits,changes,loss", [
    ([1.0, 0.0], {"temperature": 1e-300}, "ce"),
    ([5e-324, -5e-324, 0.0], {"temperature": 1e-300}, "ce"),
    ([-np.inf, 0.0, -np.inf], {}, "hinge"),
    ([1e308, -1e308], {}, "ce"),
])
def test_training_at_the_edges_of_the_floats_has_no_nan(logits, changes, loss, no_warnings):
    st = ExplorerState(logits=logits, target=0, **changes)
    run = labs.train(st, steps=5, lr=1.0, loss=loss)
    for series in (run.loss, run.norm, run.gap, run.max_p, run.logits.ravel()):
        assert not np.any(np.isnan(series))
    if logits[0] == 1e308:                      # a step of 1 leaves 1e308 where it is
        np.testing.assert_array_equal(run.logits[-1], logits)


@pytest.mark.parametrize("changes", [{"scale": 1e300}, {"scale": 1e200}, {"temperature": 1e-200}])
def test_linear_training_at_a_huge_scale_has_no_nan_gap(changes, no_warnings):
    run = labs.train(ExplorerState(target=0, **changes), steps=5, lr=1.0, mode="linear")
    for series in (run.loss, run.norm, run.gap, run.max_p):
        assert not np.any(np.isnan(series))
