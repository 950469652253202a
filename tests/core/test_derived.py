"""The bundle: every panel's numbers checked against softmax_viewer.stable."""
import math
import tracemalloc
import warnings

import numpy as np
import pytest

from softmax_viewer import derived, labs, stable
from softmax_viewer.derived import surface as derived_surface
from softmax_viewer.derived import Computer, compute
from softmax_viewer.limits import SMALLEST
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.states import EXTREMES, STATES


@pytest.mark.parametrize("name", list(STATES))
def test_panel_numbers_match_stable(name):
    st = STATES[name]
    b = compute(st)
    u = st.scale * np.asarray(st.logits) / st.temperature
    np.testing.assert_array_equal(b.p, stable.softmax(st.scale * st.logits, temperature=st.temperature))
    np.testing.assert_allclose(b.p, stable.softmax(u), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(b.log_p, stable.log_softmax(u), rtol=1e-14)
    q = stable.smooth_labels(st.target, st.n_classes, st.epsilon)
    np.testing.assert_allclose(b.grad, b.p - q, atol=1e-15)
    r = b.readout
    assert r["cross_entropy"] == pytest.approx(stable.cross_entropy(u, st.target), rel=1e-13, abs=1e-300)
    assert r["smoothed_cross_entropy"] == pytest.approx(
        stable.cross_entropy(u, st.target, epsilon=st.epsilon), rel=1e-12, abs=1e-300)
    assert r["entropy"] == pytest.approx(stable.entropy(u), rel=1e-12, abs=1e-300)
    assert r["lse"] == pytest.approx(float(stable.logsumexp(u)), rel=1e-14)
    assert r["hinge"] == stable.hinge_loss(u, st.target)
    assert r["lse_hinge"] == pytest.approx(stable.lse_hinge_loss(u, st.target), rel=1e-13, abs=1e-300)
    # the probability panel's bars and the gradient panel's bars are those numbers
    np.testing.assert_array_equal(b.probabilities.p, b.p[b.probabilities.shown])
    np.testing.assert_array_equal(b.gradient.grad, b.grad[b.gradient.shown])
    np.testing.assert_allclose(b.gradient.jacobian,
                               stable.softmax_jacobian(u)[np.ix_(b.gradient.jac_classes, b.gradient.jac_classes)],
                               atol=1e-16)
    # LSE panel: the current point and the sweep agree with logsumexp
    assert b.lse.marker_lse == pytest.approx(float(stable.logsumexp(u)), rel=1e-14)
    k = len(b.lse.x) // 2
    sk = b.lse.x[k]
    assert b.lse.lse_curve[k] == pytest.approx(float(stable.logsumexp(sk * st.logits / st.temperature)),
                                               rel=1e-9)


def test_textbook_nan_is_flagged_for_seed_003():
    b = compute(STATES["seed003"])
    d = b.probabilities
    assert np.isnan(d.naive_p[2]) and d.naive_flags[2] == 2
    np.testing.assert_array_equal(d.p, [0, 0, 1, 0])
    assert "NaN" in d.naive_summary


@pytest.mark.parametrize("name", list(EXTREMES))
def test_extremes_leave_no_nan_where_the_math_has_a_value(name):
    st = EXTREMES[name]
    b = compute(st)
    assert not np.isnan(b.p).any() and not np.isnan(b.log_p).any() and not np.isnan(b.grad).any()
    assert abs(b.p.sum() - 1) < 1e-9
    for key, v in b.readout.items():
        if isinstance(v, float) and key not in ("mean", "variance", "norm"):
            assert not math.isnan(v), key
    assert np.isfinite(b.surface.values).all()
    for arr in (b.loss.hinge, b.loss.lse_hinge, b.loss.ce, b.loss.smoothed_ce,
                b.lse.max_curve, b.lse.lse_curve, b.gradient.jacobian):
        assert not np.isnan(arr).any()
    if st.n_classes > derived.BARS_ALL_UP_TO:
        assert b.probabilities.shown.size == derived.TOP_BARS and st.target in b.probabilities.shown
        assert b.gradient.jac_classes.size <= 24


@pytest.mark.parametrize("n", [4, 24, 25, 50, 1000, 100_000])
def test_jacobian_shows_all_classes_in_order_or_the_top_ones_by_p(n):
    """Up to 24 classes: all, in class order. Beyond: the 24 most probable, the most
    probable first, and the target among them however unlikely it is."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n)
    target = int(np.argmin(st.logits))               # the least probable class
    b = compute(ExplorerState.from_dict({**st.to_dict(), "target": target}))
    classes = b.gradient.jac_classes
    if n <= derived.TOP_JACOBIAN:
        np.testing.assert_array_equal(classes, np.arange(n))
        return
    assert classes.size == derived.TOP_JACOBIAN and target in classes
    p = b.p[classes]
    assert np.all(np.diff(p) <= 0)                   # the most probable first
    top = np.sort(b.p)[::-1][: derived.TOP_JACOBIAN - 1]
    np.testing.assert_array_equal(np.sort(p[:-1])[::-1], top)   # the rest are the top ones


def test_surface_is_the_loss_at_every_grid_point():
    """O(G^2 + N) surface == the loss recomputed from scratch at sample points."""
    for loss in ("ce", "smoothed_ce", "lse_hinge", "hinge"):
        st = ExplorerState(logits=[0.5, -1.0, 2.0, 1.0, 0.0], target=3, epsilon=0.3, scale=1.5,
                           temperature=0.8, surface_loss=loss, surface_i=1, surface_j=2)
        d = compute(st).surface
        for a, b_ in [(0, 0), (10, 70), (40, 40), (80, 3)]:
            z = np.array(st.logits)
            z[1], z[2] = d.zi[a], d.zj[b_]
            u = st.scale * z / st.temperature
            expected = {"ce": stable.cross_entropy(u, 3),
                        "smoothed_ce": stable.cross_entropy(u, 3, epsilon=0.3),
                        "lse_hinge": stable.lse_hinge_loss(u, 3),
                        "hinge": stable.hinge_loss(u, 3)}[loss]
            assert d.values[a, b_] == pytest.approx(expected, rel=1e-10, abs=1e-12), (loss, a, b_)


def test_surface_gradient_arrow_is_minus_the_gradient():
    st = ExplorerState(logits=[0.5, -1.0, 2.0], target=0, scale=2.0, temperature=0.5,
                       surface_i=0, surface_j=2)
    d = compute(st).surface
    # dL/dz = s * dL/d(sz)
    g = st.scale * stable.cross_entropy_grad(st.scale * st.logits, 0, temperature=st.temperature)
    assert d.neg_grad == pytest.approx((-g[0], -g[2]), rel=1e-12)


def test_loss_curves_cross_the_current_point():
    st = ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=2, epsilon=0.1)
    d = compute(st).loss
    assert d.current_margin == pytest.approx(-1.0)
    k = int(np.argmin(np.abs(d.margin - d.current_margin)))
    for key in ("hinge", "lse_hinge", "ce", "smoothed_ce"):
        curve = getattr(d, key)
        assert np.interp(d.current_margin, d.margin, curve) == pytest.approx(d.current[key], rel=2e-3), key
        assert np.isfinite(curve[k])


def test_loss_margin_axis_holds_the_current_margin_and_moves_in_few_steps():
    ends = set()
    for s in np.geomspace(0.05, 30.0, 80):          # a scale drag: the margin grows 10 % a tick
        d = compute(ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=2, scale=float(s))).loss
        lo, hi = d.margin[0], d.margin[-1]
        assert lo <= -8 and hi >= 8 and -40 <= lo and hi <= 40
        if abs(d.current_margin) <= 38:
            assert lo <= d.current_margin - 2 or lo == -40
            assert d.current_margin <= hi
        ends.add((lo, hi))
    assert len(ends) <= 6                               # the axis moved only a few times


def test_label_smoothing_stops_the_margin_from_paying():
    """With eps > 0 the smoothed CE has a minimum at a finite margin; CE keeps falling."""
    d = compute(ExplorerState(logits=[0.0, 0.0, 0.0], target=0, epsilon=0.1)).loss
    assert np.all(np.diff(d.ce) <= 0)
    k = int(np.argmin(d.smoothed_ce))
    assert 0 < k < d.margin.size - 1


@pytest.mark.parametrize("logits", [np.r_[1.0, 2, 3, 4, np.zeros(99_996)],
                                    np.random.default_rng(0).normal(0.0, 3.0, 50_000),
                                    np.r_[np.random.default_rng(1).normal(0.0, 3.0, 30_000), -np.inf]])
def test_lse_sweep_over_many_classes_follows_the_exact_curve(logits):
    # regression: at 100,000 classes the sweep had 5 points a decade, drawn as straight
    # lines: up to 0.9 off the curve where it bends (corners on screen)
    st = ExplorerState(logits=logits, scale=1.5, target=0)
    d = compute(st).lse
    assert d.x.size >= 60 and np.all(np.diff(d.x) > 0)
    exact = stable.logsumexp(np.outer(d.x, logits), axis=1)
    near = exact < 30
    assert near.sum() > 20
    assert np.max(np.abs(d.lse_curve - exact)[near]) < 0.15
    assert np.max(np.abs(d.lse_curve - exact) / np.maximum(exact, 1.0)) < 0.01
    assert np.all(d.lse_curve >= d.max_curve - 1e-9)           # LSE >= max, everywhere drawn


def test_lse_over_n_matches_seed_000():
    b = compute(ExplorerState(lse_mode="n_classes"))
    d = b.lse
    k = int(np.flatnonzero(d.x == 10)[0])
    assert d.lse_curve[k] == pytest.approx(10.1147018134015, rel=1e-12)
    assert d.max_curve[k] == 10.0


@pytest.mark.parametrize("low,high,scale,t", [(-10, 10, 1.0, 1.0), (-10, 10, 3.7, 0.3), (2, -7, 0.01, 7.0),
                                               (-7.5, 1e5, 1.0, 1.0), (3, 3, 1.0, 1.0), (0, 1e-300, 1.0, 1.0),
                                               (-1e308, 1e308, 1.0, 1.0), (-10, 10, 1.0, 0.0)])
def test_lse_over_n_is_each_n_computed_alone(low, high, scale, t):
    st = ExplorerState(lse_mode="n_classes", scale=scale, temperature=t, generator=Generator(low=low, high=high))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = compute(st).lse
    for k, n in enumerate(d.x.astype(int)):
        with np.errstate(all="ignore"):
            uu = np.linspace(low, high, n) * scale
            uu = uu / t if t > 0 else uu
        assert d.max_curve[k] == uu.max() or (np.isnan(d.max_curve[k]) and np.isnan(uu.max()))
        want = float(stable.logsumexp(uu)) if t > 0 else uu.max()
        if not np.isfinite(want):
            assert d.lse_curve[k] == want or (np.isnan(d.lse_curve[k]) and np.isnan(want))
        else:                   # summed in another order: the last bits may differ
            assert abs(d.lse_curve[k] - want) <= 2 * np.spacing(abs(want)), (n, d.lse_curve[k], want)


def test_top_classes_by_p_follow_the_logits_whatever_s_and_t():
    """p is ordered as z for every s > 0 and T >= 0: the ranking a Computer keeps across
    s and T changes is the one a fresh computation makes, and new logits rank anew."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(5000)
    c = Computer()
    first = c.compute(st)
    for s, t in ((0.5, 2.0), (3.0, 0.25), (1.0, 0.0)):      # T = 0 too: p is the argmax
        changed = st.replace(scale=s, temperature=t)
        b = c.compute(changed)
        np.testing.assert_array_equal(b.ranked, first.ranked)
        np.testing.assert_array_equal(b.ranked, compute(changed).ranked)
        np.testing.assert_array_equal(b.probabilities.shown, compute(changed).probabilities.shown)
        shown = b.probabilities.shown
        assert st.target in shown and shown.size == derived.TOP_BARS
        rest = np.setdiff1d(np.arange(st.n_classes), shown)
        others = shown[shown != st.target]
        assert b.p[others].min() >= b.p[rest].max()            # no class left out beats one shown
        assert np.all(np.diff(b.p[shown]) <= 0)                # most probable first
    moved = c.compute(st.with_logit(0, 50.0))                  # new logits: ranked again
    assert moved.ranked[0] == 0
    np.testing.assert_array_equal(moved.ranked, compute(st.with_logit(0, 50.0)).ranked)


def test_loss_margin_axis_stays_while_values_come_and_go():
    """A spin box stepped back and forth (T = 0.8, 1.1, 1.5, 2.0, ...) keeps one margin axis."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    c = Computer()
    spans = set()
    for k in range(12):
        d = c.compute(st.replace(temperature=(0.8, 1.1, 1.5, 2.0)[k % 4])).loss
        assert d.margin[0] <= d.current_margin - 2 or d.margin[0] == -40
        assert d.current_margin <= d.margin[-1]
        spans.add((d.margin[0], d.margin[-1]))
    assert len(spans) <= 2


def test_parts_a_change_does_not_touch_are_kept():
    """An eps change keeps the LSE data and the CE surface (the very objects: their
    panels draw nothing new); what they depend on makes new ones, equal to a
    fresh computation."""
    c = Computer()
    st = ExplorerState(logits=[1.0, 3.0, 0.5, 2.0], target=1)
    b0 = c.compute(st)
    b1 = c.compute(st.replace(epsilon=0.3))
    assert b1.lse is b0.lse and b1.surface is b0.surface
    assert b1.loss is not b0.loss and b1.gradient is not b0.gradient
    for change in (dict(scale=2.0), dict(temperature=0.5), dict(target=0), dict(surface_i=2),
                   dict(surface_loss="smoothed_ce"), dict(logits=np.array([1.0, 3.0, 0.5, 2.5]))):
        new = st.replace(epsilon=0.3, **change)
        b2 = c.compute(new)
        fresh = compute(new)
        assert b2.surface is not b1.surface
        np.testing.assert_array_equal(b2.surface.values, fresh.surface.values)
        assert b2.surface.neg_grad == fresh.surface.neg_grad
        np.testing.assert_array_equal(b2.lse.lse_curve, fresh.lse.lse_curve)
        assert b2.lse.marker_lse == fresh.lse.marker_lse
    # the smoothed CE surface follows eps
    sm = st.replace(surface_loss="smoothed_ce", epsilon=0.1)
    a = c.compute(sm)
    b = c.compute(sm.replace(epsilon=0.4))
    assert b.surface is not a.surface
    np.testing.assert_array_equal(b.surface.values, compute(sm.replace(epsilon=0.4)).surface.values)
    # the class-count sweep follows the generator's range
    n_mode = st.replace(lse_mode="n_classes")
    a = c.compute(n_mode)
    b = c.compute(n_mode.replace(generator=Generator(low=-5.0, high=5.0)))
    assert b.lse is not a.lse


def test_rivals_lse_grid_matches_logaddexp_pair_by_pair():
    rng = np.random.default_rng(3)
    for spread in (1.0, 50.0, 2000.0):       # 2,000: pairs far below the largest value take logaddexp
        a = rng.normal(0, spread, 40)
        b = rng.normal(0, spread, 30)
        a[3], b[5] = -np.inf, -np.inf
        got = derived_surface.logaddexp_outer(a, b)
        want = np.logaddexp(a[:, None], b[None, :])
        assert np.array_equal(np.isneginf(got), np.isneginf(want))
        fin = np.isfinite(want)
        # within a few ulps of the largest value (the rounding the inputs carry already)
        scale = np.maximum(np.abs(want[fin]), max(np.max(np.abs(a[np.isfinite(a)])), np.max(np.abs(b[np.isfinite(b)]))))
        assert np.all(np.abs(got[fin] - want[fin]) <= 4 * np.spacing(scale))
    nan = derived_surface.logaddexp_outer(np.array([np.nan, 0.0]), np.array([1.0]))
    assert np.isnan(nan[0, 0]) and nan[1, 0] == np.logaddexp(0.0, 1.0)


def test_lse_of_the_held_classes_from_p():
    rng = np.random.default_rng(4)
    v = rng.normal(0, 3, 1000)
    p = stable.softmax(v)
    drop = [2, 7, 500]
    want = float(stable.logsumexp(np.delete(v, drop)))
    assert derived_surface.lse_without(v, p, drop) == pytest.approx(want, rel=1e-14)
    # the dropped classes hold all the mass: the held p underflow, and the answer is still finite
    v2 = np.array([2000.0, 0.0, -1.0, 1.5])
    p2 = stable.softmax(v2)
    assert derived_surface.lse_without(v2, p2, [0]) == pytest.approx(float(stable.logsumexp(v2[1:])), rel=1e-15)
    assert derived_surface.lse_without(v2, p2, [0, 1, 2, 3]) == -math.inf


# ---- grids bounded whatever the controls ----

@pytest.mark.parametrize("temperature", [1e300, 1e-300])
def test_the_scale_sweep_at_a_million_classes_and_extreme_temperature_is_bounded(temperature, no_warnings):
    st = ExplorerState(logits=np.zeros(1_000_000), temperature=temperature, target=0)
    tracemalloc.start()
    try:
        b = derived.compute(st)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 400 * 2**20, f"{peak / 2**20:.0f} MiB"
    d = b.lse
    assert 2 <= d.x.size <= 4 * derived.lse.SWEEP_PER_DECADE + 1
    assert np.all(np.isfinite(d.lse_curve)) and np.allclose(d.lse_curve, math.log(1_000_000))


def test_a_cached_sweep_and_a_fresh_one_show_the_same_points():
    c = derived.Computer()
    st = ExplorerState(logits=[1.0, 3.0, 0.5, 2.0], target=1)
    c.compute(st)
    for t in (0.5, 3.0, 0.011, 70.0):
        kept, fresh = c.compute(st.replace(temperature=t)).lse, derived.compute(st.replace(temperature=t)).lse
        np.testing.assert_array_equal(kept.x, fresh.x)
        np.testing.assert_array_equal(kept.lse_curve, fresh.lse_curve)


# ---- numbers that were wrong or NaN ----

def test_the_jacobian_heat_map_keeps_the_top_class_cell():
    b = derived.compute(ExplorerState(logits=np.array([1.0, 2.0, 3.0, 4.0]) * 37))
    d = b.gradient
    top = int(np.flatnonzero(d.jac_classes == 3)[0])
    assert d.jacobian[top, top] == pytest.approx(8.5330476257e-17, rel=1e-9)


def test_a_masked_class_stays_masked_at_scale_zero(no_warnings):
    st = ExplorerState(logits=[1.0, -np.inf, 3.0], scale=0.0, target=0)
    b = derived.compute(st)
    np.testing.assert_array_equal(b.p, [0.5, 0.0, 0.5])
    np.testing.assert_array_equal(b.u, [0.0, -np.inf, 0.0])
    assert b.readout["lse"] == pytest.approx(math.log(2))
    assert not np.any(np.isnan(b.surface.values)) and not np.any(np.isnan(b.gradient.jacobian))
    pl = labs.precision(st, "float32")
    np.testing.assert_array_equal(pl.stable_p, np.float32([0.5, 0.0, 0.5]))
    sp = labs.sampling(st, n=100, seed=1)
    assert sp.counts[1] == 0 and sp.counts.sum() == 100
    run = labs.train(st.replace(scale=1.0), steps=3)
    assert np.all(np.isneginf(run.logits[:, 1]))


def test_smoothed_ce_beside_a_masked_class_is_inf_not_nan(no_warnings):
    for eps in (5e-324, 1e-300, 0.1):
        assert stable.cross_entropy([0.0, -np.inf], 0, epsilon=eps) == math.inf
    b = derived.compute(ExplorerState(logits=[0.0, -np.inf], target=0, epsilon=SMALLEST))
    assert b.readout["smoothed_cross_entropy"] == math.inf
    assert not np.any(np.isnan(b.loss.smoothed_ce))


@pytest.mark.parametrize("logits,changes", [
    ([1.7e308, 1.7e308, 1.7e308, 1.7e308], {}),
    ([1.7e308, -1.7e308, 0.0, 1.0], {"epsilon": 0.5}),
    ([-1.7e308, -np.inf, 1.0], {"scale": 0.0}),
    ([1.0, -np.inf, 3.0], {"scale": 0.0, "temperature": 0.0}),
    ([5e-324, 0.0, -5e-324], {"temperature": SMALLEST}),
    ([0.0, 0.0], {"scale": 1e300, "temperature": 1e-300}),
    ([1e10, -1e10], {"temperature": 1e300, "lse_mode": "n_classes"}),
])
def test_no_runtime_warning_anywhere_near_the_float_range(logits, changes, no_warnings):
    st = ExplorerState(logits=logits, target=0, **changes)
    b = derived.compute(st)
    assert not np.any(np.isnan(b.p)) and not np.any(np.isnan(b.log_p))
    for name in ("lse", "lse_minus_max", "entropy", "cross_entropy", "smoothed_cross_entropy", "hinge"):
        assert not math.isnan(b.readout[name]), name
    for dtype in labs.DTYPES:
        labs.precision(st, dtype)
    if st.temperature > 0:
        labs.sampling(st, n=10, seed=0)
        labs.train(st, steps=2)


def test_the_readout_at_zero_temperature_gives_the_limits():
    r = derived.compute(ExplorerState(logits=[-1.0, -2.0], target=0, temperature=0.0)).readout
    assert (r["mean"], r["variance"], r["norm"]) == (-math.inf, math.inf, math.inf)
    r = derived.compute(ExplorerState(logits=[0.0, 0.0], target=0, temperature=0.0)).readout
    assert (r["mean"], r["variance"], r["norm"]) == (0.0, 0.0, 0.0)
