"""The window: state <-> widget binding both ways, panel data, extremes, undo, the CLI."""
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt

from softmax_viewer import derived, stable
from softmax_viewer.qt.logit_table import LOGIT, LABEL, TARGET
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState
from tests.states import EXTREMES


@pytest.fixture
def win(qtbot):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.store.flush()
    return w


def _bars(bar_item):
    return np.asarray(bar_item.opts["height"], dtype=float)


def _gradient_bars(win):
    """The gradient panel's bars (red up, blue down) back in class order."""
    g = win.gradient
    xs = np.concatenate([np.asarray(g.bars_up.opts["x"], float), np.asarray(g.bars_down.opts["x"], float)])
    hs = np.concatenate([_bars(g.bars_up), _bars(g.bars_down)])
    return hs[np.argsort(xs)]


# ---- UI -> state ----

@pytest.mark.parametrize("name,value", [("scale", 2.5), ("temperature", 0.0), ("temperature", 250.0),
                                        ("epsilon", 0.25)])
def test_spin_boxes_set_the_state(win, name, value):
    getattr(win.controls, name).spin.setValue(value)
    assert getattr(win.store.state, name) == value


def test_log_slider_maps_to_the_value(win):
    win.controls.scale.slider.setValue(1000)
    assert win.store.state.scale == 100.0
    win.controls.scale.slider.setValue(0)
    assert win.store.state.scale == 0.01
    win.controls.scale.slider.setValue(500)
    assert win.store.state.scale == pytest.approx(1.0)


def test_class_count_and_generators(win):
    c = win.controls
    c.n_classes.setValue(7)
    assert win.store.state.n_classes == 7
    np.testing.assert_array_equal(win.store.state.logits, [1, 2, 3, 4, 0, 0, 0])
    c.generator.setCurrentIndex(1)            # evenly spaced
    c.low.setValue(-10.0)
    c.high.setValue(10.0)
    c.n_classes.setValue(10)
    np.testing.assert_allclose(win.store.state.logits, np.linspace(-10, 10, 10))
    c.generator.setCurrentIndex(2)            # gaussian
    c.seed.setValue(3)
    c.std.setValue(2.0)
    expected = 2.0 * np.random.default_rng(3).standard_normal(10)
    np.testing.assert_allclose(win.store.state.logits, expected)
    assert win.table.model.rowCount() == 10


def test_target_and_view_options(win):
    c = win.controls
    c.target.setValue(1)
    assert win.store.state.target == 1
    c.prob_axis.setCurrentIndex(1)
    assert win.store.state.log_probabilities
    c.lse_mode.setCurrentIndex(1)
    assert win.store.state.lse_mode == "n_classes"
    c.surface_loss.setCurrentIndex(3)
    assert win.store.state.surface_loss == "hinge"
    c.surface_i.setValue(2)
    c.surface_j.setValue(3)
    assert (win.store.state.surface_i, win.store.state.surface_j) == (2, 3)


def test_table_edits(win):
    m = win.table.model
    assert m.setData(m.index(1, LOGIT), "7.5")
    assert win.store.state.logits[1] == 7.5
    assert m.setData(m.index(0, LABEL), "goes")
    assert win.store.state.label(0) == "goes"
    assert m.setData(m.index(2, TARGET), Qt.Checked, Qt.CheckStateRole)
    assert win.store.state.target == 2
    assert m.setData(m.index(3, LOGIT), "-inf")
    assert win.store.state.logits[3] == -np.inf


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "+inf", ""])
def test_bad_cell_is_refused_with_a_message(win, text):
    m = win.table.model
    before = win.store.state
    assert not m.setData(m.index(1, LOGIT), text)
    assert win.store.state is before
    assert "Row 1" in win.table.message.text() and "old value is kept" in win.table.message.text()


def test_paste_a_row_of_numbers(win):
    assert win.table.paste_text("tensor([0.5000, -1.0000, 2.0000])")
    np.testing.assert_array_equal(win.store.state.logits, [0.5, -1.0, 2.0])
    assert win.store.state.target == 2
    before = win.store.state
    assert not win.table.paste_text("1, two, 3")
    assert win.store.state is before and "item 2" in win.table.message.text()


def test_add_and_remove_rows(win):
    win.table.add_class()
    assert win.store.state.n_classes == 5
    win.table.view.selectRow(0)
    win.table.remove_selected()
    assert win.store.state.n_classes == 4
    np.testing.assert_array_equal(win.store.state.logits, [2, 3, 4, 0])


# ---- state -> UI ----

def test_widgets_follow_the_state(win):
    st = ExplorerState(logits=[1.0, 2.0, 3.0, 4.0, 5.0], target=4, scale=3.0, temperature=0.5, epsilon=0.2,
                       generator=Generator(kind="linspace", low=-3, high=3), log_probabilities=True,
                       lse_mode="n_classes", surface_loss="lse_hinge", surface_i=3, surface_j=4)
    emitted = []
    win.store.state_changed.connect(lambda s: emitted.append(s))
    win.store.set_state(st)
    c = win.controls
    assert c.scale.spin.value() == 3.0 and c.scale.slider.value() == c.scale._to_pos(3.0)
    assert c.temperature.spin.value() == 0.5
    assert c.epsilon.spin.value() == 0.2
    assert c.target.value() == 4 and c.n_classes.value() == 5
    assert c.generator.currentIndex() == 1 and c.low.value() == -3 and c.high.value() == 3
    assert c.prob_axis.currentIndex() == 1 and c.lse_mode.currentIndex() == 1
    assert c.surface_loss.currentIndex() == 2 and c.surface_j.value() == 4
    assert win.table.model.rowCount() == 5
    assert emitted == [st]                    # following it did not feed back a new state


# ---- undo / redo ----

def test_a_drag_is_one_undo_step(win):
    start = win.store.state
    s = win.controls.temperature.slider
    s.setSliderDown(True)
    for pos in (520, 560, 600, 640):
        s.setValue(pos)
    s.setSliderDown(False)
    s.sliderReleased.emit()
    dragged = win.store.state
    assert dragged.temperature != start.temperature
    win.undo_action.trigger()
    assert win.store.state is start
    assert win.controls.temperature.spin.value() == start.temperature
    win.redo_action.trigger()
    assert win.store.state is dragged


def test_undo_covers_every_kind_of_change(win):
    start = win.store.state
    win.controls.epsilon.spin.setValue(0.3)
    win.controls.n_classes.setValue(6)
    win.table.model.setData(win.table.model.index(0, LOGIT), "9")
    for _ in range(3):
        win.store.undo()
    assert win.store.state is start


# ---- coalescing ----

def test_many_changes_between_paints_compute_once(qtbot, win):
    got = []
    win.store.bundle_ready.connect(got.append)
    for k in range(50):
        win.store.set_state(win.store.state.replace(scale=1 + k / 100), transient=True)
    qtbot.waitUntil(lambda: len(got) >= 1)
    qtbot.wait(20)
    assert len(got) == 1 and got[0].state.scale == pytest.approx(1.49)


# ---- panels show the numbers of stable ----

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


# ---- command line and screenshot ----

def _run(*args):
    return subprocess.run([sys.executable, "-m", "softmax_viewer", *args], capture_output=True, text=True,
                          timeout=120)


def test_screenshot_from_the_command_line(tmp_path):
    out = tmp_path / "shot.png"
    r = _run("--logits=-1,2,3", "--set", "scale=2", "--set", "target=1", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage
    img = QImage(str(out))
    assert img.width() > 1000 and img.height() > 600
    colours = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 37)}
    assert len(colours) > 20                     # not blank


@pytest.mark.parametrize("args,needle", [
    (["--set", "colour=1"], "unknown key 'colour'"),
    (["--set", "scale"], "expected KEY=VALUE"),
    (["--set", "temperature=-1"], "temperature must be >= 0"),
    (["--logits=1,x"], "item 2 ('x') is not a number"),
    (["--set", "target=9"], "target 9 is out of range"),
    (["--bogus"], "unrecognized arguments"),
    (["--screenshot", "a.jpg"], "must end in .png"),
])
def test_bad_arguments_exit_2_with_one_line(args, needle):
    r = _run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_pyside6_void_calls_do_not_corrupt_none():
    """PySide6 6.12 on Python 3.11 decrements None's refcount on every Qt call returning
    nothing and aborts after a few thousand (none_dealloc). Pinned at 6.10.3; this catches
    the bug coming back with an upgrade."""
    code = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "w = QWidget()\n"
        "before = sys.getrefcount(None)\n"
        "for i in range(20000):\n"
        "    w.setEnabled(i % 2 == 0)\n"
        "    w.setToolTip('x')\n"
        "after = sys.getrefcount(None)\n"
        "print(before, after)\n"
        "sys.exit(0 if after >= before - 100 else 3)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr[-500:])


def test_geometry_and_last_state_are_remembered(qtbot):
    """UI preferences and the last state live in the tests' own config folder."""
    from softmax_viewer.qt import platform
    platform.settings().clear()
    platform.forget_state()
    w = MainWindow(platform.remembered_state()[0], remember=True)
    qtbot.addWidget(w)
    w.show()
    w.controls.temperature.spin.setValue(0.37)
    w.table.model.setData(w.table.model.index(0, LABEL), "goes")
    w.close()
    st, problem = platform.remembered_state()
    assert problem is None and st.temperature == 0.37 and st.label(0) == "goes"
    assert isinstance(platform.settings().value("geometry"), bytes)
    w2 = MainWindow(platform.remembered_state()[0], remember=True)
    qtbot.addWidget(w2)
    assert w2.store.state.temperature == 0.37
    assert w2.controls.temperature.spin.value() == 0.37
    (platform.config_dir() / platform.LAST_STATE_FILE).write_text("{not json")
    st, problem = platform.remembered_state()       # a damaged file is said, not fatal
    assert st is None and "not valid JSON" in problem
    platform.settings().clear()
    platform.forget_state()


def test_screenshot_of_a_gallery_preset(tmp_path):
    out = tmp_path / "preset.png"
    r = _run("--preset", "12-textbook-overflow", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10_000


# ---- what keeps the panels readable and steady ----

def test_log_ticks_label_decades_and_two_five_when_few():
    from softmax_viewer.qt.panels.lse import log_ticks
    major, minor = log_ticks(-1.0, 1.0)
    assert [t for _, t in major] == ["0.1", "1", "10"]
    assert {"0.2", "0.5", "2", "5"} <= {t for _, t in minor}
    major, minor = log_ticks(-2.0, 2.0)
    assert [t for _, t in major] == ["0.01", "0.1", "1", "10", "100"]
    assert {t for _, t in minor} == {""}


def test_colour_levels_hold_still_while_the_data_fit():
    from softmax_viewer.qt.panels.surface import colour_levels
    a = colour_levels(0.31, 2.87)
    assert a[0] <= 0.31 and a[1] >= 2.87
    assert colour_levels(0.4, 2.7, a) == a                 # still inside, still spans most of it
    b = colour_levels(0.4, 3.5, a)
    assert b != a and b[1] >= 3.5
    assert colour_levels(1.0, 1.0)[0] < 1.0 < colour_levels(1.0, 1.0)[1]
    assert colour_levels(float("nan"), 1.0) == (0.0, 1.0)


def test_class_ticks_fit_the_width(qtbot):
    from softmax_viewer.qt.plotting import class_ticks
    classes = np.arange(40)
    wide = class_ticks(classes, lambda c: f"class {c}", False, 4000.0)[0]
    narrow = class_ticks(classes, lambda c: f"class {c}", False, 300.0)[0]
    assert len(wide) == 40 and 1 < len(narrow) < 10
    ranked = class_ticks(classes, lambda c: f"class {c}", True, 300.0)[0]
    assert ranked[0] == (0, "#1")


def _drawn_labels(axis):
    """The tick labels ``axis`` draws (pyqtgraph leaves out those that run past its ends)."""
    from PySide6.QtGui import QImage, QPainter
    img = QImage(10, 10, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    specs = axis.generateDrawSpecs(p)
    p.end()
    return [text for _rect, _flags, text in specs[2]]


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
    for panel in (w.probabilities, w.gradient):
        axis = panel.plot.getAxis("bottom")
        ticks = axis._tickLevels[0]
        assert ticks[0][1] == ("#1" if n > 40 else "class 0") and len(ticks) > 3
        drawn = _drawn_labels(axis)
        assert drawn[0] == ticks[0][1] and drawn[-1] == ticks[-1][1]
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


def test_class_range_leaves_room_for_the_end_labels(qtbot):
    from softmax_viewer.qt.plotting.class_axis import _label_width, class_range
    ticks = [[(0, "#1"), (5, "#6"), (35, "#36"), (39, "#40")]]
    lo, hi = class_range(ticks, 40, 300.0)
    per_px = (hi - lo) / 300.0
    assert (0 - lo) / per_px >= _label_width("#1") / 2 and (hi - 39) / per_px >= _label_width("#40") / 2
    assert class_range([[(0, "class 0"), (1, "class 1")]], 2, 400.0) == (-0.7, 1.7)   # room enough
    assert class_range([[]], 5, 300.0) == (-0.7, 4.7)
    assert class_range(ticks, 40, 10.0) == (-0.7, 39.7)          # too short for any label


def test_readout_values_repaint_without_relayout(win):
    win.store.set_state(ExplorerState(logits=[1.0, 2.0, 3.0], target=2))
    win.store.flush()
    cell = win.readout.values["cross_entropy"]
    assert cell.text() == f"{stable.cross_entropy(np.array([1.0, 2.0, 3.0]), 2):.6g}"
    column = win.readout.value_column
    size = column.size()
    win.store.set_state(win.store.state.replace(scale=1e-7))
    win.store.flush()
    assert column.size() == size and cell.text() != ""


def test_table_rows_off_screen_show_new_p_when_scrolled_to(win):
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    win.store.set_state(st)
    win.store.flush()
    win.store.set_state(win.store.state.replace(temperature=0.37))
    win.store.flush()
    model = win.table.model
    p = stable.softmax(win.store.state.logits / 0.37)
    from softmax_viewer.qt.logit_table import PROB, format_number
    win.table.view.scrollToBottom()
    assert model.data(model.index(990, PROB)) == format_number(float(p[990]))


def _shown_table(qtbot, n, rows_selected=(), current=None, scroll=0):
    from softmax_viewer.qt.logit_table import PROB
    w = MainWindow(ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.store.flush()
    view = w.table.view
    for r in rows_selected:
        view.selectionModel().select(view.model().index(r, PROB),
                                     view.selectionModel().SelectionFlag.Select
                                     | view.selectionModel().SelectionFlag.Rows)
    if current is not None:
        view.setCurrentIndex(view.model().index(current, PROB))
        view.setFocus()
    view.verticalScrollBar().setValue(scroll)
    qtbot.wait(10)
    return w, view


def _spy_number_paints(monkeypatch) -> list:
    """Whether each table repaint took the one-call path for p and log p (True) or Qt's."""
    from softmax_viewer.qt.logit_table import LogitTableView
    taken = []
    fast = LogitTableView._paint_numbers

    def spy(self, event):
        taken.append(fast(self, event))
        return taken[-1]

    monkeypatch.setattr(LogitTableView, "_paint_numbers", spy)
    return taken


@pytest.mark.parametrize("n,rows_selected,current,scroll", [
    (1000, (2,), 2, 0),             # a selected row, the current cell in the p column, focus
    (10, (1, 2, 3), None, 0),       # a block of rows; fewer rows than the view is high
    (1000, (500, 503), 503, 497),   # scrolled down, two rows apart selected
])
def test_the_number_columns_repaint_as_qt_paints_them(qtbot, monkeypatch, n, rows_selected, current, scroll):
    """On a drag tick the table paints its p and log p cells itself; what it paints must be
    what Qt paints there, pixel for pixel."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QImage, QRegion
    from softmax_viewer.qt.logit_table import LOGPROB, PROB, LogitTableView
    w, view = _shown_table(qtbot, n, rows_selected, current, scroll)
    w.store.set_state(w.store.state.replace(temperature=0.37))
    w.store.flush()
    vp = view.viewport()
    first = view.rowAt(0)
    last = view.rowAt(vp.height() - 1)
    last = view.model().rowCount() - 1 if last < 0 else last
    x0 = view.columnViewportPosition(PROB)
    region = QRect(x0, 0, view.columnViewportPosition(LOGPROB) + view.columnWidth(LOGPROB) - x0,
                   view.rowViewportPosition(last) + view.rowHeight(last))
    assert first >= 0 and region.height() > 5 * 22

    def image():
        im = QImage(region.size(), QImage.Format_ARGB32)
        im.fill(0xFF123456)
        vp.render(im, QPoint(), QRegion(region))
        return im

    taken = _spy_number_paints(monkeypatch)
    ours = image()
    assert taken == [True]
    monkeypatch.setattr(LogitTableView, "_paint_numbers", lambda self, event: False)
    assert ours == image()


def test_a_drag_repaints_the_number_columns_in_one_call(qtbot, monkeypatch, drag_paints):
    w, view = _shown_table(qtbot, 1000, (3,), 3)
    taken = _spy_number_paints(monkeypatch)
    painted = drag_paints(w.controls.temperature, {view.viewport(): "table"}, 12)
    assert all(names == ["table"] for names in painted)
    assert taken == [True] * 12


def test_steady_range_keeps_still_and_grows_with_room():
    from softmax_viewer.qt.plotting import steady_range
    a = steady_range(0.0, 1.0)
    assert a[0] <= 0.0 and a[1] >= 1.0
    assert steady_range(0.1, 0.9, a) == a                  # fits, fills most: kept
    b = steady_range(0.0, 1.2, a)                            # outgrown: room on the growing side
    assert b[1] >= 1.2 + 0.2 * 1.2 - 1e-12 and b[0] <= 0.0
    assert steady_range(0.0, 0.2, b) != b                    # shrunk to a sliver: follows
    assert steady_range(float("inf"), 1.0, b) == b


def test_curve_draws_the_real_pen_off_screen(qtbot):
    """On screen a wide pen is four thin strokes; an export gets the pen itself."""
    import pyqtgraph as pg
    from PySide6.QtGui import QImage
    from softmax_viewer.qt.plotting import Curve
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    c = Curve(pg.mkPen("#1f77b4", width=3), name="c")
    w.addItem(c)
    c.setData(np.linspace(0, 1, 50), np.linspace(0, 1, 50) ** 2)
    assert c.dataBounds(1) == (0.0, 1.0)
    x, y = c.getData()
    assert x.size == 50 and y[-1] == 1.0

    class Spy:
        def __init__(self, device):
            self.pens, self._device = [], device

        def device(self):
            return self._device

        def setRenderHint(self, *a):
            pass

        def setPen(self, pen):
            self.pens.append(pen.widthF())

        def transform(self):
            from PySide6.QtGui import QTransform
            return QTransform()

        def setTransform(self, t):
            pass

        def drawPath(self, path):
            self.pens.append(("path", path.elementCount()))

        def drawPolyline(self, polygon):
            self.pens.append(("polyline", polygon.size()))

    img = QImage(10, 10, QImage.Format_ARGB32)
    off = Spy(img)
    c.paint(off)
    assert off.pens == [3.0, ("path", 50)]
    on = Spy(w.viewport())
    c.paint(on)
    assert on.pens == [1.0] + [("polyline", 50)] * 4

    from PySide6.QtGui import QPaintDevice
    from PySide6.QtWidgets import QWidget

    class Dense(QWidget):          # a high-density screen: two device pixels a pixel
        def metric(self, m):
            if m == QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatio:
                return 2
            if m == QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatioScaled:
                return int(2 * QPaintDevice.devicePixelRatioFScale())
            return super().metric(m)

    dense = Dense()
    assert dense.devicePixelRatioF() == 2.0
    hi = Spy(dense)
    c.paint(hi)
    assert hi.pens == [3.0, ("polyline", 50)]       # the real pen: thin strokes would leave a hollow


def test_curve_polylines_paint_what_the_path_paints(qtbot, monkeypatch):
    """A connected curve is stroked as polylines, one per run of finite points; the
    pixels must be those of the path (what exports stroke), gaps included."""
    import pyqtgraph as pg
    from PySide6.QtCore import Qt
    from softmax_viewer.qt.plotting import Curve
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    x = np.linspace(0, 1, 60)
    y = np.sin(7 * x)
    y[[10, 11, 25, 27, 40]] = [np.nan, np.inf, np.nan, -np.inf, np.nan]     # gaps, and a lone point
    curves = [Curve(pg.mkPen("#1f77b4", width=1)), Curve(pg.mkPen("#d62728", width=1, style=Qt.DashLine))]
    for k, c in enumerate(curves):
        w.addItem(c)
        c.setData(x, y + 0.3 * k)
    assert [len(c._polygons) for c in curves] == [4, 4]
    assert curves[0].path().elementCount() == 60 - 5 - 1                 # the lone point is no line
    w.setRange(xRange=(0, 1), yRange=(-1.2, 1.6), padding=0)
    w.show()
    qtbot.waitExposed(w)
    on_screen = w.grab().toImage()
    monkeypatch.setattr(Curve, "exact", True)
    assert w.grab().toImage() == on_screen


def test_titles_and_legends_answer_their_bounds_in_qt(qtbot):
    """Titles and legends answer Qt's bounds queries from C++ (no call into Python),
    with the rectangle pyqtgraph's own boundingRect gives, before and after a resize."""
    import pyqtgraph as pg
    from softmax_viewer.qt.plotting.scene import NATIVE_BOUNDS
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.store.flush()
    items = [it for view in w.findChildren(pg.GraphicsView) for it in view.scene().items()
             if type(it) in NATIVE_BOUNDS]
    assert len(items) >= 10 and all("boundingRect" in vars(it) for it in items)
    for size in ((1400, 900), (1000, 700)):
        w.resize(*size)
        qtbot.wait(20)
        for it in items:
            assert it.boundingRect() == type(it).boundingRect(it), type(it).__name__
            assert it.shape().boundingRect() == it.boundingRect()


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


def test_jacobian_axes_read_class_numbers_or_ranks_by_p(win):
    """A few classes: each cell's class number. Many: the top classes by p, labelled
    by rank (#1 the most probable), not by class numbers that read like a scale."""
    win.show()
    jac = win.gradient.jac_plot
    bottom, left = jac.getAxis("bottom"), jac.getAxis("left")
    assert [t for _pos, t in bottom._tickLevels[0]] == ["0", "1", "2", "3"]
    assert bottom.labelText == "class"
    win.store.set_state(ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(100_000))
    win.store.flush()
    classes = win.store.bundle.gradient.jac_classes
    texts = [t for _pos, t in bottom._tickLevels[0]]
    assert texts[0] == "#1" and all(t.startswith("#") for t in texts)
    # the rank under each tick is that class's place in the heatmap, the most probable first
    for pos, t in bottom._tickLevels[0]:
        assert int(t[1:]) == pos + 1
    assert [int(t[1:]) for _pos, t in left._tickLevels[0]][0] == 1
    assert left._tickLevels[0][0][0] == classes.size - 1           # #1 on the top row
    assert bottom.labelText == "class (top by p)"
    assert "top 24 classes by p" in jac.titleLabel.text


def test_a_margin_off_the_axis_is_said_under_it(win):
    win.store.set_state(ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=3, scale=60.0))
    win.store.flush()
    assert "off the axis" in win.loss.plot.getAxis("bottom").labelText


def test_panels_with_nothing_new_are_not_redrawn(win, monkeypatch):
    """An eps change leaves the LSE panel and the CE surface alone; a new label of a
    surface logit still reaches the surface's axis."""
    drawn = []
    for panel in (win.lse, win.surface, win.loss):
        monkeypatch.setattr(panel, "plot_bundle",
                            lambda b, _u=panel.plot_bundle, _p=panel: (drawn.append(_p), _u(b))[1])
    win.store.set_state(win.store.state.replace(epsilon=0.3))
    win.store.flush()
    assert drawn == [win.loss]
    assert win.lse.bundle is win.store.bundle and win.surface.bundle is win.store.bundle
    st = win.store.state
    i = win.store.bundle.surface.i
    win.store.set_state(st.with_label(i, "cat"))
    win.store.flush()
    assert win.surface in drawn and win.lse not in drawn
    assert "cat" in win.surface.plot.getAxis("bottom").labelText
    drawn.clear()
    win.store.set_state(win.store.state.replace(scale=2.0))
    win.store.flush()
    assert set(drawn) == {win.lse, win.surface, win.loss}


def test_readout_rows_follow_a_relayout(qtbot):
    """The value column keeps its rows' rects between layouts; when a narrower
    panel wraps a formula, the rows below move and the rects follow."""
    from PySide6.QtCore import QRect

    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    column = w.readout.value_column

    def fresh(r):
        widgets = column._rows[r]
        top = min(x.geometry().top() for x in widgets)
        bottom = max(x.geometry().bottom() for x in widgets)
        return QRect(0, top - column.y(), column.width(), bottom - top + 1)

    rows = range(len(column._rows))
    assert [column.row_rect(r) for r in rows] == [fresh(r) for r in rows]
    before = column.row_rect(len(column._rows) - 1)
    w.readout.setFixedWidth(260)          # formulas wrap: the rows grow and move down
    qtbot.waitUntil(lambda: fresh(len(column._rows) - 1) != before, timeout=2000)
    qtbot.wait(10)
    assert [column.row_rect(r) for r in rows] == [fresh(r) for r in rows]


def test_tick_steps_are_remembered_exactly(qtbot):
    from softmax_viewer.qt.plotting import class_axis as base

    texts = [f"class {k}" for k in range(40)]
    for extent in (55.0, 120.4, 120.9, 390.0, 391.7, 1200.0):
        for vertical in (False, True):
            first = base.tick_step(texts, extent, vertical)
            assert first == base._measured_step(texts, extent, vertical)
            assert base.tick_step(texts, extent, vertical) == first
    assert base.tick_step(["a much longer label than the rest"] * 40, 300.0) > base.tick_step(["a"] * 40, 300.0)


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


@pytest.mark.parametrize("n", [10, 1000])
def test_screen_after_a_drag_is_a_full_repaint(qtbot, n):
    """Tick by tick only what changed is repainted, over what was there (and the
    plots' viewports are not filled by Qt before the view fills them): the pixels
    on screen after a drag are those of the whole window painted afresh."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n)
    w = MainWindow(st, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.open_lab("precision")
    qtbot.waitExposed(w)
    for ctl in (w.controls.scale, w.controls.temperature):
        ctl.slider.setSliderDown(True)
        for _ in range(12):
            ctl.slider.setValue(ctl.slider.value() + 25)
            app.processEvents()
            app.processEvents()
        ctl.slider.setSliderDown(False)
    for _ in range(3):
        app.processEvents()
    screen = QGuiApplication.primaryScreen()
    shown = screen.grabWindow(w.winId()).toImage()          # the window, its lab docked in it
    fresh = w.grab().toImage().convertToFormat(shown.format())
    assert shown == fresh
