"""The plot panels in the window: the numbers of stable on screen, their axes, extremes."""
import numpy as np
import pytest

from softmax_viewer import derived, stable
from softmax_viewer.qt.panels.lse import log_ticks
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.qt.checks import drawn_ticks
from tests.states import EXTREMES


def _bars(bar_item):
    return np.asarray(bar_item.opts["height"], dtype=float)


def _gradient_bars(win):
    """The gradient panel's bars (red up, blue down) back in class order."""
    g = win.gradient
    xs = np.concatenate([np.asarray(g.bars_up.opts["x"], float), np.asarray(g.bars_down.opts["x"], float)])
    hs = np.concatenate([_bars(g.bars_up), _bars(g.bars_down)])
    return hs[np.argsort(xs)]


@pytest.mark.parametrize("st", [
    ExplorerState(),
    ExplorerState(logits=[38.0, 20.0, 40.0, 39.0], target=2, temperature=2.0),
    ExplorerState(logits=[1.5, 1.2, 1.0], target=0, epsilon=0.1, scale=5.0),
], ids=["default", "goes-went", "smoothed"])
def test_panel_items_hold_the_stable_numbers(win, st):
    win.store.set_state(st)
    win.store.flush()
    u = st.scale * st.logits / st.temperature
    np.testing.assert_allclose(_bars(win.probabilities.bars), stable.softmax(u), rtol=1e-14)
    q = stable.smooth_labels(st.target, st.n_classes, st.epsilon)
    _, qy = win.probabilities.q_line.getData()
    np.testing.assert_allclose(qy[::2], q)
    np.testing.assert_allclose(_gradient_bars(win), stable.softmax(u) - q, atol=1e-15)
    x, y = win.lse.lse_curve.getData()
    assert np.all(np.isfinite(y))
    _, ce = win.loss.curves["ce"].getData()
    assert np.nanmin(ce) >= 0
    img = win.surface.image.image
    assert img.shape == (81, 81) and np.isfinite(img).all()
    assert f"{stable.cross_entropy(u, st.target):.6g}" in win.readout.text()


def test_log_axis_uses_log_softmax(win):
    st = ExplorerState(logits=[0.0] + [-800.0] * 3, target=0, log_probabilities=True)
    win.store.set_state(st)
    win.store.flush()
    top = np.asarray(win.probabilities.bars.opts["y1"], dtype=float)
    np.testing.assert_allclose(top[1:], stable.log_softmax(st.logits)[1:])   # finite where p = 0


def test_textbook_nan_is_flagged_on_screen(win):
    win.store.set_state(ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2))
    win.store.flush()
    xs, _ = win.probabilities.flags.getData()
    assert len(xs) == 1
    assert "NaN" in win.probabilities.note.text()


@pytest.mark.parametrize("name", list(EXTREMES))
def test_extremes_in_the_window(win, name):
    win.store.set_state(EXTREMES[name])
    win.store.flush()
    heights = _bars(win.probabilities.bars)
    assert not np.isnan(heights).any()
    assert not np.isnan(_gradient_bars(win)).any()
    assert np.isfinite(win.surface.image.image).all()
    assert "NaN" not in win.readout.text().replace("textbook", "")
    if EXTREMES[name].n_classes > derived.BARS_ALL_UP_TO:
        assert heights.size == derived.TOP_BARS


def test_markers_sit_on_the_curves(win):
    # target 1 and eps > 0: the four losses differ at the current point (margin -4)
    st = ExplorerState(logits=[1.0, 2.0, 4.0], target=1, scale=2.0, epsilon=0.1)
    win.store.set_state(st)
    win.store.flush()
    b = win.store.bundle
    x, y = win.lse.marker.getData()
    assert np.allclose(x, np.log10(b.lse.marker_x))
    assert np.allclose(sorted(y), sorted([b.lse.marker_max, b.lse.marker_lse, b.lse.marker_bound]))
    lx, ly = win.loss.markers.getData()
    d = b.loss
    want = [d.current[k] for k in ("hinge", "lse_hinge", "ce", "smoothed_ce")]
    assert len(set(np.round(want, 6))) == 4
    assert ly.size == 4 and np.allclose(ly, want)               # each loss at the current point
    assert np.allclose(lx, d.current_margin) and d.margin[0] <= d.current_margin <= d.margin[-1]
    for key, v in zip(("hinge", "lse_hinge", "ce", "smoothed_ce"), want):   # ... which lies on its curve
        assert np.isclose(np.interp(d.current_margin, d.margin, getattr(d, key)), v, atol=0.02)
    px, py = win.surface.point.getData()
    assert (px[0], py[0]) == b.surface.point


def test_fixed_axis_widths_leave_the_colour_bar_beside_its_map(win):
    win.show()
    vb = win.surface.plot.vb.geometry()
    bar = win.surface.colorbar.geometry()
    assert 0 <= bar.x() - (vb.x() + vb.width()) < 15
    assert win.loss.plot.getAxis("left").width() == win.lse.plot.getAxis("left").width()


def test_log_ticks_label_decades_and_two_five_when_few():
    major, minor = log_ticks(-1.0, 1.0)
    assert [t for _, t in major] == ["0.1", "1", "10"]
    assert {"0.2", "0.5", "2", "5"} <= {t for _, t in minor}
    major, minor = log_ticks(-2.0, 2.0)
    assert [t for _, t in major] == ["0.01", "0.1", "1", "10", "100"]
    assert {t for _, t in minor} == {""}


@pytest.mark.parametrize("n", [40, 1000])
def test_class_axes_show_their_first_and_last_labels(qtbot, n):
    # regression: with many bars the first one's label (#1, the top class) ran past the
    # axis' left end and was left out, and the first bar stood on the axis line
    w = MainWindow(ExplorerState(scale=30.0).with_n_classes(n), remember=False)
    qtbot.addWidget(w)
    w.resize(1800, 1000)
    w.show()
    qtbot.waitExposed(w)
    w.store.flush()
    qtbot.wait(20)                # the panels' re-layout once the window has its size
    b = w.store.bundle
    for panel, shown in ((w.probabilities, b.probabilities.shown), (w.gradient, b.gradient.shown)):
        ticks = drawn_ticks(panel.plot.getAxis("bottom"))
        # by class, ranked or not: the top class's number (or name) under the first bar
        top = int(shown[0])
        assert ticks[0][1] in (str(top), f"class {top}") and len(ticks) > 3
        # every step'th bar is labelled, from the first to the last: none left out at an end
        bars = [round(x) for x, _t in ticks]
        assert bars == list(range(0, shown.size, bars[1] - bars[0]))
        lo, _hi = panel.plot.vb.viewRange()[0]
        assert lo < -0.7


def test_probability_axis_zooms_to_bars_spread_over_many_classes(qtbot):
    # regression: at 100,000 classes the largest p was 0.004 on an axis to 1: no bar showed
    w = MainWindow(ExplorerState(scale=1.5).with_n_classes(100_000), remember=False)
    qtbot.addWidget(w)
    w.store.flush()
    panel = w.probabilities
    d = w.store.bundle.probabilities
    lo, hi = panel.plot.vb.viewRange()[1]
    assert d.p.max() < 0.005 and hi == pytest.approx(0.01 * 1.05, rel=0.02) and lo <= 0
    # the target's q = 1 is off the axis: marked at the top, and said in the note
    x, y = panel.q_above.getData()
    np.testing.assert_array_equal(x, np.flatnonzero(d.q > hi))
    assert x.size == 1 and lo < y[0] < hi
    assert "▲ q = 1" in panel.note.text()
    w.store.set_state(ExplorerState(scale=1.5))         # the default: p up to 0.78, axis to 1
    w.store.flush()
    assert panel.plot.vb.viewRange()[1][1] == pytest.approx(1.05, rel=0.02)
    assert panel.q_above.getData()[0].size == 0 and "▲" not in panel.note.text()


def test_jacobian_axes_read_class_numbers_most_probable_first(qtbot, win):
    """A few classes: each cell's class number. Many: the top classes by p, the most probable
    first, each cell still labelled by its class number (the rank is its place)."""
    win.show()
    jac = win.gradient.jac_plot
    bottom, left = jac.getAxis("bottom"), jac.getAxis("left")
    assert [t for _x, t in drawn_ticks(bottom)] == ["0", "1", "2", "3"]
    assert bottom.labelText == "class"
    win.store.set_state(ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(100_000))
    win.store.flush()
    qtbot.wait(20)                # the axes laid out for the new labels
    classes = win.store.bundle.gradient.jac_classes
    ticks = drawn_ticks(bottom)
    assert ticks[0][1] == str(int(classes[0]))
    # the class under each tick is the one at that place in the heatmap, the most probable first
    for x, t in ticks:
        assert int(t) == int(classes[round(x)])
    rows = drawn_ticks(left)
    assert rows[0][1] == str(int(classes[0])) and round(rows[0][0]) == classes.size - 1     # on the top row
    for y, t in rows:
        assert int(t) == int(classes[classes.size - 1 - round(y)])
    assert bottom.labelText == "class (top by p)"
    assert "top 24 classes by p" in jac.titleLabel.text


def test_ranked_bars_are_labelled_by_class(qtbot, win):
    """Regression: above 60 classes the bars read '#1, #6, ...' by rank; now each labelled bar
    reads its class (its name, or its number where names do not fit)."""
    win.resize(1800, 1000)
    win.show()
    qtbot.waitExposed(win)
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(100)
    win.store.set_state(st)
    win.store.flush()
    qtbot.wait(20)
    b = win.store.bundle
    for panel, shown in ((win.probabilities, b.probabilities.shown), (win.gradient, b.gradient.shown)):
        ticks = drawn_ticks(panel.plot.getAxis("bottom"))
        assert len(ticks) > 3 and not any(t.startswith("#") for _x, t in ticks)
        for x, t in ticks:
            c = int(shown[round(x)])
            assert t in (str(c), st.label(c))
    named = st.replace(labels=tuple(f"n{k}" for k in range(100)))
    win.store.set_state(named)
    win.store.flush()
    ticks = drawn_ticks(win.probabilities.plot.getAxis("bottom"))
    shown = win.store.bundle.probabilities.shown
    assert all(t == f"n{int(shown[round(x)])}" for x, t in ticks)          # short names: the names


def test_a_margin_off_the_axis_is_said_under_it(win):
    win.store.set_state(ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=3, scale=60.0))
    win.store.flush()
    assert "off the axis" in win.loss.plot.getAxis("bottom").labelText


def test_a_change_shows_anew_only_the_panels_it_touches(qtbot, win):
    """An eps change leaves the LSE panel and the CE surface as they were on screen and
    shows new loss curves; a new label of a surface logit still reaches the surface's
    axis; a scale change shows all three anew."""
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()

    def shown():
        return {name: getattr(win, name).grab().toImage() for name in ("lse", "surface", "loss")}

    before = shown()
    win.store.set_state(win.store.state.replace(epsilon=0.3))
    win.store.flush()
    after = shown()
    assert after["lse"] == before["lse"] and after["surface"] == before["surface"] and after["loss"] != before["loss"]
    assert win.lse.bundle is win.store.bundle and win.surface.bundle is win.store.bundle
    st = win.store.state
    i = win.store.bundle.surface.i
    win.store.set_state(st.with_label(i, "cat"))
    win.store.flush()
    assert "cat" in win.surface.plot.getAxis("bottom").labelText
    relabelled = shown()
    assert relabelled["surface"] != after["surface"] and relabelled["lse"] == after["lse"]
    win.store.set_state(win.store.state.replace(scale=2.0))
    win.store.flush()
    scaled = shown()
    assert all(scaled[name] != relabelled[name] for name in scaled)


def test_a_change_that_would_put_u_beyond_the_float_range_is_refused_and_said(win):
    win.store.set_state(win.store.state.replace(logits=np.array([1e308, 1.0, 2.0]), target=0))
    win.store.flush()
    before = win.store.state
    win.controls.scale.spin.setValue(10.0)                 # s·z = 1e309
    win.store.flush()
    assert win.store.state is before and win.controls.scale.value() == before.scale
    assert "beyond the float range" in win.statusBar().currentMessage()
    assert "class 0" in win.statusBar().currentMessage()
    # a logit typed into the table: the old value is kept, with the reason
    win.store.set_state(win.store.state.replace(logits=np.array([1.0, 2.0, 3.0]), scale=1e6))
    win.store.flush()
    model = win.table.model
    assert not model.setData(model.index(1, 2), "1e308")
    assert win.store.state.logits[1] == 2.0
    # every panel of a state at the edge holds numbers, not NaN
    win.store.set_state(ExplorerState(logits=[-1e308, 1e308, 3.0], target=2, epsilon=0.3))
    win.store.flush()
    b = win.store.bundle
    for arr in (b.p, b.log_p, b.grad, b.loss.hinge, b.loss.lse_hinge, b.loss.ce, b.loss.smoothed_ce,
                b.surface.values, b.gradient.jacobian):
        assert not np.isnan(arr).any()
    assert not any(isinstance(v, float) and np.isnan(v) for v in b.readout.values())


@pytest.mark.parametrize("logits,kw", [
    ([1.7976931348623157e308, 0.0, -1e308], {}),
    ([-1.7976931348623157e308, 1.7976931348623157e308], {"target": 1, "epsilon": 0.5}),
    ([1e308, 1e308, 5.0], {"temperature": 0.0}),
    ([1e300, -np.inf, 1e308], {"scale": 1.5, "temperature": 2.0, "epsilon": 1.0}),
])
@pytest.mark.parametrize("view", [{}, {"lse_mode": "n_classes", "surface_loss": "smoothed_ce"},
                                  {"surface_loss": "lse_hinge", "log_probabilities": True}])
def test_logits_at_the_edge_of_the_floats_draw_without_error(qtbot, logits, kw, view):
    w = MainWindow(ExplorerState(logits=logits, **{"target": 0, **kw}, **view), remember=False)
    qtbot.addWidget(w)
    w.show()
    w.store.flush()
    qtbot.wait(20)                      # pytest-qt fails the test on any exception in a slot
    w.grab()
    b = w.store.bundle
    assert not np.isnan(b.p).any() and not np.isnan(b.surface.values).any()


def test_the_lse_panel_says_why_it_is_empty_at_t_0(qtbot, win):
    """Regression: at T = 0 the LSE panel was empty without a word."""
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    win.store.set_state(ExplorerState(temperature=0.0))
    win.store.flush()
    note = win.lse.view_note
    assert "T = 0" in note.text() and "infinite" in note.text() and note.isVisible()
    assert win.lse.plot.vb.sceneBoundingRect().contains(note.sceneBoundingRect().center())
    win.store.set_state(ExplorerState(temperature=0.0, logits=[1.0, 4.0, 4.0, 2.0]))
    win.store.flush()
    assert "log 2" in note.text()                              # two classes tied at the top
    win.store.set_state(ExplorerState())
    win.store.flush()
    assert note.text() == "" and not note.isVisible()


def test_the_rest_of_the_mass_is_never_rounded_to_all_of_it(win):
    win.store.set_state(ExplorerState(logits=[0.0] * 100_000))
    win.store.flush()
    d = win.store.bundle.probabilities
    assert d.by_rank and d.rest_mass == pytest.approx(0.9996)
    note = win.probabilities.note.text()
    assert "0.9996 of the mass" in note and " 1 of the mass" not in note
