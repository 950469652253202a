"""The labs' views docked in the window: they follow the state, draw, run and export."""
import math

import numpy as np
import pytest

from softmax_viewer import labs, stable
from softmax_viewer.qt.labs.base import decade_ticks, power_of_ten
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState
from tests.exported import check_file
from tests.qt.checks import drawn_labels


@pytest.fixture
def labs_window(qtbot):
    w = MainWindow(ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2), remember=False)
    qtbot.addWidget(w)
    w.show()
    lw = w.lab_docks
    lw.show_lab("precision")
    return w, lw


def test_labs_follow_the_state_live(labs_window):
    w, lw = labs_window
    lw.show_lab("precision")
    assert np.isnan(lw.labs["precision"].data.naive_p[2])
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    assert np.isfinite(lw.labs["precision"].data.naive_p).all()
    lw.labs["precision"].dtype.setCurrentText("float16")
    assert lw.labs["precision"].data.dtype == "float16"
    lw.show_lab("sampling")
    lw.labs["sampling"].top_k.setValue(2)
    assert lw.labs["sampling"].data.kept.sum() == 2
    heights = np.asarray(lw.labs["sampling"].hist.opts["height"], dtype=float)
    np.testing.assert_allclose(heights, lw.labs["sampling"].data.counts / lw.labs["sampling"].data.n)
    w.controls.temperature.spin.setValue(3.0)
    w.store.flush()
    np.testing.assert_allclose(lw.labs["sampling"].data.p, stable.softmax(np.array([1.0, 2, 3, 4]) / 3.0))


def test_lab_class_axes_show_the_top_class_label(qtbot):
    w = MainWindow(ExplorerState(scale=30.0).with_n_classes(1000), remember=False)
    qtbot.addWidget(w)
    w.show()
    lw = w.lab_docks
    for key in ("precision", "sampling"):
        lw.show_lab(key)
        qtbot.waitExposed(w)
        for plot in lw.labs[key].plots():
            assert drawn_labels(plot.getAxis("bottom"))[0] == "#1", key


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
    lo, hi = lab.ulp_plot.vb.viewRange()[1]
    pad = (hi - lo) * 0.02 / 1.04                   # the view shows its range with 2 % to spare a side
    shown = np.concatenate([lab.ulp_naive.getData()[1], lab.ulp_stable.getData()[1]])
    assert (lo + pad, hi - pad) == pytest.approx((math.floor(shown.min()), math.ceil(shown.max() + 0.3)),
                                                 abs=1e-9)


def test_ulp_axis_labels_decades_only():
    # regression: over a decade or two pyqtgraph's log axis labelled 2..9 times each
    # decade as well, and the labels ran into each other
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
    w, lw = labs_window
    w.store.set_state(ExplorerState(scale=30.0, temperature=2.0).with_n_classes(1000))   # errors 0.1 .. 1 ulp
    w.store.flush()
    lw.show_lab("precision")
    drawn = drawn_labels(lw.labs["precision"].ulp_plot.getAxis("left"))
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
    assert len(drawn_labels(plot.getAxis("left"))) >= 3


def test_showing_another_lab_computes_its_run_once(labs_window, qtbot):
    # regression: the tab change and show_lab each refreshed the lab, and the
    # second stopped the run the first had started
    _w, lw = labs_window
    lw.show_lab("precision")
    lab = lw.labs["overconfidence"]
    lw.show_lab("overconfidence")
    assert "recomputing when the change pauses" not in lab.summary.text()
    assert lab.computing and "computing" in lab.summary.text()
    qtbot.waitUntil(lambda: not lab.computing and lab.run.steps[-1] == lab.steps.value(), timeout=5000)
    assert "stopped at" not in lab.summary.text() and "recomputing" not in lab.summary.text()


def test_overconfidence_play_step_reset(labs_window, qtbot):
    w, lw = labs_window
    w.store.set_state(w.store.state.replace(logits=np.array([1.5, 1.2, 1.0]), target=0, epsilon=0.1))
    lw.show_lab("overconfidence")
    lab = lw.labs["overconfidence"]
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
    lab = lw.labs["overconfidence"]
    lab.steps.setValue(60_000)                # about 5 s of steps: far more than a slice
    lw.show_lab("overconfidence")
    # it is computed a slice per event-loop turn, and drawn as it grows
    assert lab.computing and 0 < lab.run.steps[-1] < 60_000
    assert "computing" in lab.summary.text()
    x_all, _ = lab.curves["gap_all"].getData()
    assert x_all.size == lab.run.steps.size
    grown = lab.run.steps[-1]
    qtbot.waitUntil(lambda: lab.run.steps[-1] > grown, timeout=5000)
    # a change meanwhile stops that run; the next waits until the changes pause
    w.controls.temperature.spin.setValue(2.0)
    w.store.flush()
    assert not lab.computing and "recomputing when the change pauses" in lab.summary.text()
    assert f"Step 0 of 60000 (the logits; stopped at {lab.run.steps[-1]})" in lab.summary.text()
    shown = lab.run
    w.controls.temperature.spin.setValue(2.5)     # and the next change too: that run never finished
    w.store.flush()
    assert not lab.computing and lab.run is shown
    # hidden (another tab), a run is not computed; shown again, it is
    lab.steps.setValue(50_000)
    qtbot.waitUntil(lambda: lab.computing, timeout=5000)
    lw.show_lab("precision")
    assert not lab.on_screen and not lab.computing
    lw.show_lab("overconfidence")
    qtbot.waitUntil(lambda: lab.computing, timeout=5000)
    w.controls.temperature.spin.setValue(3.0)     # deferred, then hidden before the pause ends
    w.store.flush()
    lw.show_lab("precision")
    qtbot.wait(lab.pause_ms + 100)
    assert not lab.computing
    lw.show_lab("overconfidence")
    lab.steps.setValue(400)
    qtbot.waitUntil(lambda: not lab.computing and lab.run is not None and lab.run.steps[-1] == 400,
                    timeout=5000)
    expected = labs.train(w.store.state, steps=400, lr=float(lab.lr.value()))
    np.testing.assert_array_equal(lab.run.gap, expected.gap)
    np.testing.assert_array_equal(lab.curves["gap_all"].getData()[1], expected.gap)
    assert "computing" not in lab.summary.text() and "recomputing" not in lab.summary.text()


def test_overconfidence_lab_says_why_it_cannot_train(labs_window):
    w, lw = labs_window
    lw.show_lab("overconfidence")
    lab = lw.labs["overconfidence"]
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
    check_file(out)


def test_sampling_summary_tells_truncation_from_underflow(labs_window):
    w, lw = labs_window                      # seed 003's logits: p = [0, 0, 1, 0] exactly
    lw.show_lab("sampling")
    assert "1 of 4 classes can be drawn; the other 3 have p = 0 (underflow)" in lw.labs["sampling"].summary.text()
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    assert "All 4 classes can be drawn" in lw.labs["sampling"].summary.text()
    lw.labs["sampling"].top_k.setValue(2)
    assert "2 of 4 classes kept by the truncation (temperature first)" in lw.labs["sampling"].summary.text()


def test_gumbel_plot_marks_log_p_on_each_bar(labs_window):
    w, lw = labs_window
    w.store.set_state(w.store.state.replace(logits=np.array([1.0, 2.0, 3.0, 4.0])))
    w.store.flush()
    lw.show_lab("sampling")
    d = lw.labs["sampling"].data
    x, y = lw.labs["sampling"].logp_marks.getData()
    np.testing.assert_allclose(y[::2], np.log(d.sample_p))              # one mark per class, at log p
    np.testing.assert_allclose((x[::2] + x[1::2]) / 2, np.arange(4))     # centred on its bar
    np.testing.assert_allclose(x[1::2] - x[::2], 0.6)                    # as wide as the bar
    lo, hi = lw.labs["sampling"].gumbel_plot.viewRange()[1]
    assert lo <= y.min() and np.max(d.perturbed) <= hi                    # marks and bars in view
    assert np.all(np.asarray(lw.labs["sampling"].perturbed.opts["y0"]) < y.min())  # the bars stand below them


def test_a_setting_the_sampler_refuses_is_said_in_the_lab(labs_window):
    w, lw = labs_window
    lw.show_lab("sampling")
    before = w.store.state
    lw.labs["sampling"].ask(top_p=0.0)                       # top-p needs (0, 1]: refused, said, nothing changed
    assert "top-p must be above 0" in w.statusBar().currentMessage() and w.store.state is before
    assert lw.labs["sampling"].top_p.value() == 1.0
    lw.labs["sampling"].top_p.setValue(0.9)
    assert w.store.state.labs.sampling.top_p == 0.9
    assert "kept by the truncation" in lw.labs["sampling"].summary.text()


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
    run = lw.labs["overconfidence"].run
    assert defined is not (np.isnan(run.loss).any() or np.isnan(run.norm).any())


@pytest.mark.parametrize("logits,dtype", [([1.0, 2.0, 3.0, 4.0], "float32"), ([10.0, 2.0, 10000.0, 4.0], "float16"),
                                          ([10.0, 2.0, 10000.0, 4.0], "float64"), ([1e30, 0.0], "float16")])
def test_the_precision_labs_summary_is_the_numbers_own_in_the_windows_words(win, logits, dtype):
    from softmax_viewer.labs.precision import precision
    view = win.open_lab("precision")
    d = precision(ExplorerState(logits=np.array(logits), target=0), dtype)
    assert view.summary_text(d) == d.summary          # English: word for word what labs.precision says
