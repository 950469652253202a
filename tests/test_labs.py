"""The labs: precision, sampling, the overconfidence experiment; their window and commands."""
import json
import math
import subprocess
import sys

import numpy as np
import pytest

from softmax_viewer import labs, stable
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

SEED3 = ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2)


# ---- precision ----

@pytest.mark.parametrize("dtype,threshold", [("float16", 11.09), ("float32", 88.72), ("float64", 709.78)])
def test_exp_overflow_thresholds(dtype, threshold):
    assert labs.exp_overflow_threshold(labs.DTYPES[dtype]) == pytest.approx(threshold, abs=0.01)


def test_precision_flags_the_textbook_overflow():
    for dtype in labs.DTYPES:
        d = labs.precision(SEED3, dtype)
        assert np.isnan(d.naive_p[2]) and d.flags[2] == 2
        assert d.stable_p[2] == 1 and d.stable_p.dtype == labs.DTYPES[dtype]
        assert np.isneginf(d.log_of_softmax[0])                 # log of an underflowed p
        assert np.isfinite(d.log_softmax).all()                  # log_softmax stays finite
        assert d.log_softmax[0] == pytest.approx(-9990, rel=1e-3)
        assert d.ulp_stable.max() <= 1.0


def test_float16_overflows_where_float64_does_not():
    st = ExplorerState(logits=[12.0, 1.0, 0.0], target=0)
    assert labs.precision(st, "float16").flags[0] == 2          # exp(12) = inf in float16
    assert (labs.precision(st, "float64").flags == 0).all()
    d = labs.precision(st, "float16")
    np.testing.assert_allclose(d.stable_p.astype(float), stable.softmax([12.0, 1.0, 0.0]), rtol=1e-3)


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_precision_splits_the_rounding_of_u_from_the_algorithms_error(dtype):
    """Against the exact p the stable float32 softmax of 1,000 spread logits is several
    ulps off; against the exact softmax of u as rounded to float32 it is within one:
    the rest is the rounding of u, not the algorithm."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    d = labs.precision(st, dtype)
    assert d.ulp_stable.max() > 2
    assert d.stable_worst_of_rounded_u <= 1.0
    u = d.u.astype(np.float64)
    worst = np.max(np.abs(d.stable_p.astype(np.float64) - stable.softmax(u))
                   / np.spacing(stable.softmax(u).astype(labs.DTYPES[dtype])).astype(np.float64))
    assert d.stable_worst_of_rounded_u == pytest.approx(worst)
    assert f"against the exact softmax of u as rounded to {dtype}" in d.summary
    d64 = labs.precision(st, "float64")
    assert d64.stable_worst_of_rounded_u == d64.ulp_stable.max() and "rounded" not in d64.summary


def test_precision_says_when_u_itself_overflows_the_dtype():
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0, scale=40_000.0)     # u up to 120,000
    d = labs.precision(st, "float16")
    assert "u itself overflows float16 in 2 classes: |u| > 65504" in d.summary
    assert "rounded" not in d.summary
    assert "itself" not in labs.precision(st, "float32").summary


def test_precision_rejects_unknown_dtype():
    with pytest.raises(ValueError, match="dtype must be one of"):
        labs.precision(SEED3, "float8")


# ---- sampling ----

def test_same_seed_same_draws_and_counts_follow_p():
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    a = labs.sampling(st, n=200_000, seed=4)
    b = labs.sampling(st, n=200_000, seed=4)
    np.testing.assert_array_equal(a.counts, b.counts)
    assert a.counts.sum() == 200_000
    p = stable.softmax([3.0, 2.0, 1.0, 0.5, -1.0])
    # chi-square against p, 4 degrees of freedom: 30 is far in the tail
    chi2 = np.sum((a.counts - 200_000 * p) ** 2 / (200_000 * p))
    assert chi2 < 30
    assert not np.array_equal(a.counts, labs.sampling(st, n=200_000, seed=5).counts)


def test_gumbel_max_draw_is_the_argmax_of_perturbed_log_p():
    st = ExplorerState(logits=[1.0, 1.1, 0.9], target=0)
    wins = np.zeros(3)
    for seed in range(3000):
        d = labs.sampling(st, n=0, seed=seed)
        assert d.sampled == int(np.argmax(d.perturbed))
        wins[d.sampled] += 1
    np.testing.assert_allclose(wins / 3000, stable.softmax([1.0, 1.1, 0.9]), atol=0.03)


@pytest.mark.parametrize("kw,kept", [
    ({"top_k": 2}, [True, True, False, False]),
    ({"top_p": 0.7}, [True, True, False, False]),
    ({"top_p": 0.5}, [True, False, False, False]),
    ({"min_p": 0.3}, [True, True, False, False]),
    ({"top_k": 3, "min_p": 0.5}, [True, False, False, False]),
])
def test_truncation(kw, kept):
    p = np.array([0.6, 0.25, 0.1, 0.05])
    np.testing.assert_array_equal(labs.truncate(p, **kw), kept)


def test_truncation_order_changes_the_result():
    st = ExplorerState(logits=[2.0, 1.9, 0.0, -0.1], target=0, temperature=5.0)
    first = labs.sampling(st, n=10, top_p=0.6, order="temperature_first")
    after = labs.sampling(st, n=10, top_p=0.6, order="truncate_first")
    assert first.kept.sum() != after.kept.sum()
    assert abs(after.sample_p.sum() - 1) < 1e-12 and np.all(after.sample_p[~after.kept] == 0)


@pytest.mark.parametrize("n", [50_000, 400_000])       # Gumbel-max, and past GUMBEL_BUDGET the multinomial
def test_truncated_classes_are_never_drawn(n):
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    d = labs.sampling(st, n=n, seed=1, top_k=2)
    assert d.counts[2:].sum() == 0 and d.counts.sum() == n
    q = d.sample_p[:2]
    chi2 = np.sum((d.counts[:2] - n * q) ** 2 / (n * q))     # 1 degree of freedom: 15 is far out
    assert chi2 < 15


def test_three_ways_of_drawing_give_the_same_distribution():
    """Gumbel-max (up to GUMBEL_BUDGET variates), and beyond it the multinomial draw (more
    draws than classes) or the inverse CDF (fewer): 300,000 draws of each agree with p in a
    chi-square test. The inverse CDF runs over 1,000 classes of which 994 are all but
    impossible (p ~ 1e-14), which it must not draw."""
    z = np.array([2.0, 1.5, 1.0, 0.0, -0.5, -2.0])
    p = stable.softmax(z)
    st = ExplorerState(logits=z, target=0)
    gumbel = sum(labs.sampling(st, n=30_000, seed=s).counts for s in range(10))    # 180k variates each
    multinomial = labs.sampling(st, n=300_000, seed=11).counts
    wide = ExplorerState(logits=np.concatenate([z, np.full(994, -30.0)]), target=0)
    inverse = sum(labs.sampling(wide, n=1000, seed=s).counts for s in range(300))  # n <= classes
    assert 30_000 * 6 <= labs.GUMBEL_BUDGET < min(300_000 * 6, 1000 * 1000)
    assert inverse[6:].sum() == 0
    for counts in (gumbel, multinomial, inverse[:6]):
        assert counts.sum() == 300_000
        chi2 = np.sum((counts - 300_000 * p) ** 2 / (300_000 * p))
        assert chi2 < 25                                      # 5 degrees of freedom


def test_gumbel_softmax_is_a_distribution_that_sharpens_with_tau():
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0)
    soft = labs.sampling(st, n=0, seed=2, gumbel_tau=10.0).relaxed
    hard = labs.sampling(st, n=0, seed=2, gumbel_tau=0.01).relaxed
    assert abs(soft.sum() - 1) < 1e-12 and soft.max() < 0.5 and hard.max() > 0.99


@pytest.mark.parametrize("kw,match", [({"top_k": 0}, "top_k"), ({"top_p": 1.5}, "top_p"), ({"min_p": -1}, "min_p"),
                                      ({"n": -1}, "n must"), ({"order": "x"}, "order"), ({"gumbel_tau": 0}, "Gumbel")])
def test_sampling_arguments(kw, match):
    with pytest.raises(ValueError, match=match):
        labs.sampling(ExplorerState(), **kw)


def test_many_samples_over_many_classes():
    big = ExplorerState(generator=Generator(kind="gaussian", std=2.0)).with_n_classes(100_000)
    d = labs.sampling(big, n=100_000, seed=0)
    assert d.counts.sum() == 100_000 and d.counts.size == 100_000


# ---- the overconfidence experiment ----

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


# ---- the labs window ----

@pytest.fixture
def labs_window(qtbot):
    from softmax_viewer.qt.window import MainWindow
    w = MainWindow(ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2), remember=False)
    qtbot.addWidget(w)
    w.show()
    lw = w.lab_docks
    lw.show_lab("precision")
    return w, lw


def test_labs_follow_the_state_live(labs_window):
    w, lw = labs_window
    lw.show_lab("precision")
    assert np.isnan(lw.precision.data.naive_p[2])
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    assert np.isfinite(lw.precision.data.naive_p).all()
    lw.precision.dtype.setCurrentText("float16")
    assert lw.precision.data.dtype == "float16"
    lw.show_lab("sampling")
    lw.sampling.top_k.setValue(2)
    assert lw.sampling.data.kept.sum() == 2
    heights = np.asarray(lw.sampling.hist.opts["height"], dtype=float)
    np.testing.assert_allclose(heights, lw.sampling.data.counts / lw.sampling.data.n)
    w.controls.temperature.spin.setValue(3.0)
    w.store.flush()
    np.testing.assert_allclose(lw.sampling.data.p, stable.softmax(np.array([1.0, 2, 3, 4]) / 3.0))


def test_lab_class_axes_show_the_top_class_label(qtbot):
    w = MainWindow(ExplorerState(scale=30.0).with_n_classes(1000), remember=False)
    qtbot.addWidget(w)
    w.show()
    lw = w.lab_docks
    from tests.test_qt_window import _drawn_labels
    for key in ("precision", "sampling"):
        lw.show_lab(key)
        qtbot.waitExposed(w)
        for plot in lw.labs[key].plots():
            assert _drawn_labels(plot.getAxis("bottom"))[0] == "#1", key


def _saturated_lab(labs_window, key):
    """The lab ``key`` shown over 1,000 classes at s = 30 (a saturated softmax)."""
    w, lw = labs_window
    w.store.set_state(ExplorerState(scale=30.0).with_n_classes(1000))
    w.store.flush()
    lw.show_lab(key)
    return lw.labs[key]


def test_ulp_axis_is_rounded_to_whole_decades(labs_window):
    # regression: rounded to a multiple of the whole span, errors from 0.01 to 1e18
    # got an axis from 1e-50 to 1e50
    lab = _saturated_lab(labs_window, "precision")
    lo, hi = lab._ranges[id(lab.ulp_plot)]
    shown = np.concatenate([lab.ulp_naive.getData()[1], lab.ulp_stable.getData()[1]])
    assert lo == math.floor(shown.min()) and hi == math.ceil(shown.max() + 0.3)


def test_ulp_axis_labels_decades_only():
    # regression: over a decade or two pyqtgraph's log axis labelled 2..9 times each
    # decade as well, and the labels ran into each other
    from softmax_viewer.qt.labs.base import decade_ticks, power_of_ten
    assert [power_of_ten(k) for k in (-12, -1, 0, 1, 2, 15)] == ["10⁻¹²", "10⁻¹", "1", "10", "10²", "10¹⁵"]
    major, minor = decade_ticks(-1.0, 1.3)
    assert major == ((-1.0, "10⁻¹"), (0.0, "1"), (1.0, "10"))
    assert len(minor) == 16 and all(label == "" for _v, label in minor)       # 0.2 .. 0.9 and 2 .. 9
    np.testing.assert_allclose([v for v, _ in minor[:2]], np.log10([0.2, 0.3]))
    major, minor = decade_ticks(-2.0, 18.3)
    assert [label for _v, label in major] == ["1", "10⁵", "10¹⁰", "10¹⁵"] and minor == ()
    for lo in range(-30, 5):
        for span in range(1, 330, 7):
            assert 1 <= len(decade_ticks(float(lo), float(lo + span))[0]) <= 6, (lo, span)


def test_ulp_axis_draws_the_decades_it_shows(labs_window):
    from tests.test_qt_window import _drawn_labels
    w, lw = labs_window
    w.store.set_state(ExplorerState(scale=30.0, temperature=2.0).with_n_classes(1000))   # errors 0.1 .. 1 ulp
    w.store.flush()
    lw.show_lab("precision")
    drawn = _drawn_labels(lw.precision.ulp_plot.getAxis("left"))
    assert drawn and all(t == "1" or t.startswith("10") for t in drawn), drawn


def test_max_p_axis_keeps_labels_when_the_softmax_is_saturated(labs_window):
    # regression: max p within a rounding error of 1 at every step gave an axis
    # too narrow for any tick label
    lab = _saturated_lab(labs_window, "overconfidence")
    lab.flush()
    assert np.ptp(lab.run.max_p) < 1e-9
    plot = lab.plots()[3]
    lo, hi = plot.vb.viewRange()[1]
    assert lo <= 0.99 and 1.0 <= hi < 1.01
    from tests.test_qt_window import _drawn_labels
    assert len(_drawn_labels(plot.getAxis("left"))) >= 3


def test_showing_another_lab_computes_its_run_once(labs_window, qtbot):
    # regression: the tab change and show_lab each refreshed the lab, and the
    # second stopped the run the first had started
    _w, lw = labs_window
    lw.show_lab("precision")
    calls = []
    lab = lw.overconfidence
    original = lab._recompute
    lab._recompute = lambda: (calls.append(1), original())[1]
    lw.show_lab("overconfidence")
    assert len(calls) == 1 and "recomputing when the change pauses" not in lab.summary.text()


def test_overconfidence_play_step_reset(labs_window, qtbot):
    w, lw = labs_window
    w.store.set_state(w.store.state.replace(logits=np.array([1.5, 1.2, 1.0]), target=0, epsilon=0.1))
    lw.show_lab("overconfidence")
    lab = lw.overconfidence
    lab.loss.setCurrentIndex(1)
    assert lab.position == 0
    # the whole run shows faintly from step 0; the played part is drawn over it
    steps = lab.run.steps
    x_all, y_all = lab.curves["gap_all"].getData()
    np.testing.assert_array_equal(x_all, steps)
    np.testing.assert_array_equal(y_all, lab.run.gap)
    assert lab.curves["gap"].getData()[0].size == 1
    lab.step_button.click()
    assert lab.position == 1
    assert lab.curves["gap"].getData()[0].size == 2
    lab.toggle_play()
    qtbot.waitUntil(lambda: lab.position >= 50, timeout=5000)
    lab.toggle_play()
    lab.reset.click()
    assert lab.position == 0
    lab.goto(10**9)
    x, y = lab.curves["gap"].getData()
    assert y[-1] == pytest.approx(labs.gap_bound(0.1, 3), rel=1e-3)


def test_a_long_run_never_holds_up_the_window(labs_window, qtbot):
    w, lw = labs_window
    w.store.set_state(w.store.state.replace(logits=np.array([1.5, 1.2, 1.0]), target=0))
    w.store.flush()
    lab = lw.overconfidence
    lab.steps.setValue(60_000)                # about 5 s of steps: far more than a slice
    lw.show_lab("overconfidence")
    # it is computed a slice per event-loop turn, and drawn as it grows
    assert lab._descent is not None and 0 < lab.run.steps[-1] < 60_000
    assert "computing" in lab.summary.text()
    x_all, _ = lab.curves["gap_all"].getData()
    assert x_all.size == lab.run.steps.size
    grown = lab.run.steps[-1]
    qtbot.waitUntil(lambda: lab.run.steps[-1] > grown, timeout=5000)
    # a change meanwhile stops that run; the next waits until the changes pause
    w.controls.temperature.spin.setValue(2.0)
    w.store.flush()
    assert lab._descent is None and "recomputing when the change pauses" in lab.summary.text()
    assert f"Step 0 of 60000 (the logits; stopped at {lab.run.steps[-1]})" in lab.summary.text()
    shown = lab.run
    w.controls.temperature.spin.setValue(2.5)     # and the next change too: that run never finished
    w.store.flush()
    assert lab._descent is None and lab.run is shown
    # hidden (another tab), a run is not computed; shown again, it is
    lab.steps.setValue(50_000)
    qtbot.waitUntil(lambda: lab._descent is not None, timeout=5000)
    lw.show_lab("precision")
    assert not lab.on_screen and lab._descent is None
    lw.show_lab("overconfidence")
    qtbot.waitUntil(lambda: lab._descent is not None, timeout=5000)
    w.controls.temperature.spin.setValue(3.0)     # deferred, then hidden before the pause ends
    w.store.flush()
    lw.show_lab("precision")
    qtbot.wait(lab._debounce.interval() + 100)
    assert lab._descent is None
    lw.show_lab("overconfidence")
    lab.steps.setValue(400)
    qtbot.waitUntil(lambda: lab._descent is None and lab.run is not None and lab.run.steps[-1] == 400,
                    timeout=5000)
    expected = labs.train(w.store.state, steps=400, lr=float(lab.lr.value()))
    np.testing.assert_array_equal(lab.run.gap, expected.gap)
    np.testing.assert_array_equal(lab.curves["gap_all"].getData()[1], expected.gap)
    assert "computing" not in lab.summary.text() and "recomputing" not in lab.summary.text()


def test_overconfidence_lab_says_why_it_cannot_train(labs_window):
    w, lw = labs_window
    lw.show_lab("overconfidence")
    lab = lw.overconfidence
    assert lab.run is not None
    lab.mode.setCurrentIndex(1)                # a linear classifier: at most 100 classes
    w.store.set_state(w.store.state.with_n_classes(labs.MAX_LINEAR_CLASSES + 1))
    w.store.flush()
    lab.flush()
    assert lab.run is None
    for c in ("gap_all", "gap", "gap_now"):
        x = lab.curves[c].getData()[0]
        assert x is None or len(x) == 0
    assert "at most 100 classes" in lab.summary.text()
    w.controls.temperature.spin.setValue(0.0)
    w.store.flush()
    lab.flush()
    assert lab.run is None and "temperature > 0" in lab.summary.text()


@pytest.mark.parametrize("key", ["precision", "sampling", "overconfidence"])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".csv"])
def test_labs_export(labs_window, tmp_path, key, suffix):
    w, lw = labs_window
    lw.show_lab(key)
    out = tmp_path / f"{key}{suffix}"
    errors = []
    w.report_error = lambda title, text: errors.append(text)
    assert w.export_to(key, out), errors
    from tests.test_qt_files import _check_file
    _check_file(out)


# ---- commands ----

def _run(*args):
    return subprocess.run([sys.executable, "-m", "softmax_viewer", *args], capture_output=True, text=True,
                          timeout=120)


def test_compute_with_dtype_gives_textbook_probabilities():
    r = _run("compute", "--logits=10,2,10000,4", "--dtype", "float32", "--json")
    d = json.loads(r.stdout)
    assert d["naive_probabilities"] == [0.0, 0.0, "nan", 0.0]
    assert d["probabilities"] == [0.0, 0.0, 1.0, 0.0]


def test_sample_command_is_reproducible():
    args = ("sample", "--preset", "14-temperature-1", "--n", "5000", "--seed", "9", "--top-p", "0.95", "--json")
    a, b = _run(*args), _run(*args)
    assert a.returncode == 0, a.stderr
    da = json.loads(a.stdout)
    assert da["counts"] == json.loads(b.stdout)["counts"] and sum(da["counts"]) == 5000
    assert len(da["counts"]) == 4


def test_train_command_prints_logits_and_loss():
    r = _run("train", "--logits=1.5,1.2,1.0", "--set", "target=0", "--set", "epsilon=0.1", "--steps", "500",
             "--lr", "1", "--loss", "smoothed_ce", "--json")
    d = json.loads(r.stdout)
    assert len(d["loss"]) == 501 and len(d["logits"]) == 501 and len(d["logits"][0]) == 3
    z = np.array(d["logits"][-1])
    assert z[0] - z[1:].max() == pytest.approx(d["gap_bound"], rel=1e-4)


def test_train_command_prints_the_final_logits_when_every_step_would_not_fit(monkeypatch, capsys):
    from softmax_viewer import cli

    args = ["train", "--logits=1.5,1.2,1.0", "--set", "target=0", "--steps", "40", "--lr", "1", "--json"]
    assert cli.main(args) == 0
    every = json.loads(capsys.readouterr().out)
    assert every["logits_steps"] == list(range(41)) and len(every["logits"]) == 41
    monkeypatch.setattr(cli, "KEPT_LOGITS", 40 * 3)          # one step short of the whole history
    assert cli.main(args) == 0
    final = json.loads(capsys.readouterr().out)
    assert final["logits_steps"] == [40] and final["logits"] == every["logits"][-1:]
    assert final["loss"] == every["loss"]


@pytest.mark.parametrize("args,needle", [
    (["sample", "--n", "10", "--top-p", "2", "--json"], "top_p must be in (0, 1]"),
    (["sample", "--n", "-5", "--json"], "--n -5: must be >= 0"),
    (["sample", "--n", "100000000000000000000", "--json"], "n must be a whole number in 0..1e+15"),
    (["sample", "--n", "5", "--seed", "-3", "--json"], "--seed -3: must be in 0..2147483647"),
    (["sample", "--n", "5", "--set", "temperature=0", "--json"], "nothing to sample"),
    (["sample", "--n", "5", "--logits=-inf,-inf", "--json"], "every class is masked"),
    (["train", "--steps", "10", "--lr", "-1", "--json"], "lr must be a number in (0, 1e300]"),
    (["train", "--steps", "10", "--lr", "1", "--mode", "linear", "--set", "n_classes=101", "--json"],
     "at most 100 classes"),
    (["train", "--steps", "x", "--lr", "1", "--json"], "invalid int value: 'x'"),
    (["compute", "--dtype", "float8", "--json"], "invalid choice: 'float8'"),
])
def test_lab_command_errors(args, needle):
    r = _run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr


def test_sampling_summary_tells_truncation_from_underflow(labs_window):
    w, lw = labs_window                      # seed 003's logits: p = [0, 0, 1, 0] exactly
    lw.show_lab("sampling")
    assert "1 of 4 classes can be drawn; the other 3 have p = 0 (underflow)" in lw.sampling.summary.text()
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    assert "All 4 classes can be drawn" in lw.sampling.summary.text()
    lw.sampling.top_k.setValue(2)
    assert "2 of 4 classes kept by the truncation (temperature first)" in lw.sampling.summary.text()


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_precision_with_the_bundles_p_is_the_same(dtype):
    """The Qt lab hands over the explorer's float64 p as the reference: nothing changes."""
    from softmax_viewer.derived import compute

    for st in (ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2),
               ExplorerState(logits=[1.0, -np.inf, 3.0, 2.5], target=0, temperature=0.3, scale=7.0)):
        a = labs.precision(st, dtype)
        b = labs.precision(st, dtype, p=compute(st).p)
        for field in ("u", "naive_p", "stable_p", "log_softmax", "flags", "ulp_naive", "ulp_stable"):
            np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
        assert a.summary == b.summary


def test_gumbel_plot_marks_log_p_on_each_bar(labs_window):
    w, lw = labs_window
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    lw.show_lab("sampling")
    d = lw.sampling.data
    x, y = lw.sampling.logp_marks.getData()
    np.testing.assert_allclose(y[::2], np.log(d.sample_p))              # one mark per class, at log p
    np.testing.assert_allclose((x[::2] + x[1::2]) / 2, np.arange(4))     # centred on its bar
    np.testing.assert_allclose(x[1::2] - x[::2], 0.6)                    # as wide as the bar
    lo, hi = lw.sampling.gumbel_plot.viewRange()[1]
    assert lo <= y.min() and np.max(d.perturbed) <= hi                    # marks and bars in view
    assert np.all(np.asarray(lw.sampling.perturbed.opts["y0"]) < y.min())  # the bars stand below them


def test_the_shown_gumbel_noise_holds_still_while_p_moves():
    """The single draw's noise comes from its own stream of the seed: a temperature
    change (which changes how many numbers the K draws consume) leaves it as it was,
    and another seed changes it."""
    st = ExplorerState(logits=[3.0, 2.0, 1.0, 0.5, -1.0], target=0)
    a = labs.sampling(st, n=300_000, seed=3)                                  # multinomial
    b = labs.sampling(st.replace(temperature=2.5), n=300_000, seed=3)
    c = labs.sampling(st.replace(temperature=2.5), n=1_000, seed=3)          # Gumbel-max
    np.testing.assert_array_equal(a.gumbel_noise, b.gumbel_noise)
    np.testing.assert_array_equal(a.gumbel_noise, c.gumbel_noise)
    assert not np.array_equal(a.gumbel_noise, labs.sampling(st, n=300_000, seed=4).gumbel_noise)


def test_a_setting_the_sampler_refuses_is_said_in_the_lab(labs_window):
    w, lw = labs_window
    lw.show_lab("sampling")
    before = w.store.state
    lw.sampling.ask(top_p=0.0)                       # top-p needs (0, 1]: refused, said, nothing changed
    assert "top-p must be above 0" in w.statusBar().currentMessage() and w.store.state is before
    assert lw.sampling.top_p.value() == 1.0
    lw.sampling.top_p.setValue(0.9)
    assert w.store.state.labs.sampling.top_p == 0.9
    assert "kept by the truncation" in lw.sampling.summary.text()


@pytest.mark.parametrize("logits,kw,defined", [
    ([1.7976931348623157e308, 0.0, -1e308], {}, True),
    ([1e300, -np.inf, 1e308], {"scale": 1.5, "temperature": 2.0, "epsilon": 1.0}, True),
    # a step of lr (s/T)^2 = 5e599: the descent saturates at the float range (no inf - inf)
    ([5e-324, 0.0, -5e-324], {"temperature": 1e-300}, True),
])
def test_labs_at_the_edge_of_the_floats_draw_without_error(qtbot, logits, kw, defined):
    w = MainWindow(ExplorerState(logits=logits, target=0, **kw), remember=False)
    qtbot.addWidget(w)
    w.show()
    w.store.flush()
    lw = w.lab_docks
    for key in ("precision", "sampling", "overconfidence"):
        lw.show_lab(key)                # pytest-qt fails the test on any exception in a slot or paint
        lab = lw.labs[key]
        if hasattr(lab, "flush"):
            lab.flush()
        qtbot.wait(10)
        w.grab()
    run = lw.overconfidence.run
    assert defined is not (np.isnan(run.loss).any() or np.isnan(run.norm).any())
