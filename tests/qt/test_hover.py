"""The hover readout: the exact numbers under the cursor on every plot, and Ctrl+C on the logit table."""
import math
import re
import warnings

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QItemSelectionModel, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from softmax_viewer import stable
from softmax_viewer.qt.logit_table import LOGIT, LOGPROB, PROB
from softmax_viewer.qt.panels.hover_text import hover_text, install_hover


def move_to(readout, x, y):
    """Move the mouse (a real move event on the plot's viewport) to the data point (x, y)."""
    scene_pos = readout.plot.getViewBox().mapViewToScene(QPointF(x, y))
    view = readout.plot.scene().views()[0]
    local = QPointF(view.mapFromScene(scene_pos))
    vp = view.viewport()
    event = QMouseEvent(QEvent.MouseMove, local, QPointF(vp.mapToGlobal(local.toPoint())), Qt.NoButton,
                        Qt.NoButton, Qt.NoModifier)
    QApplication.sendEvent(vp, event)


def read(qtbot, readout, x, y) -> str:
    """The readout once the mouse has left the plot and come back at (x, y)."""
    QApplication.sendEvent(readout.plot.scene().views()[0].viewport(), QEvent(QEvent.Leave))
    assert readout.text() == ""
    move_to(readout, x, y)
    qtbot.waitUntil(lambda: readout.text() != "")
    return readout.text()


def number(text: str, name: str) -> float:
    """The number after ``name = `` in the readout."""
    found = re.search(re.escape(name) + r" = (\S+)", text)
    assert found, (name, text)
    return float(found.group(1))


def set_state(win, **changes):
    win.store.set_state(win.store.state.replace(**changes))
    win.store.flush()


def test_a_bar_under_the_cursor_gives_its_class_rank_p_log_p_q_and_u(win, qtbot):
    set_state(win, epsilon=0.1, labels=("ant", "bee", "cat", "dog"))
    readout = install_hover(win)[("probabilities", 0)]
    text = read(qtbot, readout, 2.1, 0.05)
    z = np.array([1.0, 2.0, 3.0, 4.0])
    p, log_p = stable.softmax(z), stable.log_softmax(z)
    assert text.splitlines()[0] == "cat (class 2)"
    assert "rank 2 of 4 by p" in text
    assert f"p = {float(p[2])!r}\n" in text and f"log p = {float(log_p[2])!r}\n" in text
    assert f"q = {float(0.1 / 4)!r}\n" in text and text.endswith("u = 3.0")
    text = read(qtbot, readout, 2.9, 0.5)
    assert text.startswith("dog (class 3), the target") and f"q = {float(0.9 + 0.1 / 4)!r}" in text


def test_the_lse_curves_at_the_scale_under_the_cursor(win, qtbot):
    set_state(win, temperature=1.5)
    readout = install_hover(win)[("lse", 0)]
    text = read(qtbot, readout, math.log10(2.0), 5.0)
    s = number(text, "s")
    assert abs(s - 2.0) < 0.05 and "(T = 1.5)" in text
    u = s * np.array([1.0, 2.0, 3.0, 4.0]) / 1.5
    lse = u.max() + math.log(math.fsum(np.exp(u - u.max())))
    assert number(text, "max(u)") == u.max()
    assert number(text, "LSE(u)") == pytest.approx(lse, rel=1e-15)
    assert number(text, "max(u) + log N") == pytest.approx(u.max() + math.log(4), rel=1e-15)


def test_the_lse_curves_at_the_class_count_under_the_cursor(win, qtbot):
    set_state(win, lse_mode="n_classes")
    text = read(qtbot, install_hover(win)[("lse", 0)], math.log10(50), 5.0)
    n = int(number(text, "N"))
    g = win.store.state.generator
    row = np.linspace(g.low, g.high, n)
    assert number(text, "max(u)") == g.high
    assert number(text, "LSE(u)") == pytest.approx(g.high + math.log(math.fsum(np.exp(row - g.high))), rel=1e-15)


def test_the_losses_at_the_margin_under_the_cursor(win, qtbot):
    set_state(win, epsilon=0.2)
    text = read(qtbot, install_hover(win)[("loss", 0)], -1.3, 1.0)
    m = number(text, "margin u_y − max rival")
    assert abs(m + 1.3) < 0.1
    u = np.array([1.0, 2.0, 3.0, 3.0 + m])        # the target's margin m over the rivals (max 3)
    assert number(text, "hinge") == pytest.approx(-m, rel=1e-14)
    assert number(text, "LSE-hinge") == pytest.approx(stable.lse_hinge_loss(u, 3), rel=1e-13)
    assert number(text, "softmax CE") == pytest.approx(stable.cross_entropy(u, 3), rel=1e-13)
    assert number(text, "label-smoothed CE") == pytest.approx(stable.cross_entropy(u, 3, epsilon=0.2), rel=1e-13)


@pytest.mark.parametrize("loss", ["ce", "smoothed_ce", "lse_hinge", "hinge"])
def test_the_surface_loss_at_the_point_under_the_cursor_is_computed_there(win, qtbot, loss):
    set_state(win, surface_loss=loss, surface_i=0, surface_j=3, epsilon=0.1, scale=1.5, temperature=0.8)
    text = read(qtbot, install_hover(win)[("surface", 0)], 2.37, 3.11)
    zi, zj = number(text, "z0 (class 0)"), number(text, "z3 (class 3)")
    u = 1.5 * np.array([zi, 2.0, 3.0, zj]) / 0.8
    name = {"ce": "softmax CE", "smoothed_ce": "label-smoothed CE", "lse_hinge": "LSE-hinge", "hinge": "hinge"}[loss]
    expected = {"ce": lambda: stable.cross_entropy(u, 3), "smoothed_ce": lambda: stable.cross_entropy(u, 3, epsilon=0.1),
                "lse_hinge": lambda: stable.lse_hinge_loss(u, 3), "hinge": lambda: stable.hinge_loss(u, 3)}[loss]()
    assert number(text, name) == pytest.approx(expected, rel=1e-13, abs=1e-15)


def test_the_surface_at_the_current_point_is_the_readouts_loss(win):
    set_state(win, surface_loss="smoothed_ce", epsilon=0.3)
    b = win.surface.bundle
    text = hover_text("surface", b, *b.surface.point)
    assert number(text, "label-smoothed CE") == pytest.approx(b.readout["smoothed_cross_entropy"], rel=1e-14)


def test_a_gradient_bar_and_a_jacobian_entry_under_the_cursor(win, qtbot):
    readouts = install_hover(win)
    p = stable.softmax(np.array([1.0, 2.0, 3.0, 4.0]))
    text = read(qtbot, readouts[("gradient", 0)], 3.0, -0.1)
    assert text.startswith("class 3, the target") and f"p = {float(p[3])!r}" in text
    assert number(text, "p − q") == pytest.approx(-(p[0] + p[1] + p[2]), rel=1e-15)
    # the Jacobian: class 0 in the top row (y = 3), class 2 in the third column (x = 2)
    text = read(qtbot, readouts[("gradient", 1)], 2.2, 2.9)
    assert number(text, "∂p_0/∂u_2 = −p_0·p_2") == pytest.approx(-p[0] * p[2], rel=1e-15)
    text = read(qtbot, readouts[("gradient", 1)], 1.0, 2.0)
    assert number(text, "∂p_1/∂u_1 = p_1(1 − p_1)") == pytest.approx(p[1] * (1 - p[1]), rel=1e-15)


def test_the_readout_hides_when_the_mouse_leaves_or_points_past_the_bars(win, qtbot):
    readout = install_hover(win)[("probabilities", 0)]
    read(qtbot, readout, 1.0, 0.1)
    assert readout.box.isVisible()
    QApplication.sendEvent(readout.plot.scene().views()[0].viewport(), QEvent(QEvent.Leave))
    assert readout.text() == "" and not readout.box.isVisible()
    assert hover_text("probabilities", win.probabilities.bundle, 3.6, 0.1) is None
    assert hover_text("probabilities", win.probabilities.bundle, -0.6, 0.1) is None
    assert hover_text("readout", win.probabilities.bundle, 1.0, 0.1) is None


def test_a_new_state_under_a_still_cursor_shows_its_numbers(win, qtbot):
    readout = install_hover(win)[("probabilities", 0)]
    read(qtbot, readout, 0.0, 0.1)
    set_state(win, temperature=2.0)
    p = stable.softmax(np.array([1.0, 2.0, 3.0, 4.0]), temperature=2.0)
    assert f"p = {float(p[0])!r}\n" in readout.text()


def test_installing_twice_keeps_one_readout_a_plot(win):
    first = install_hover(win)
    assert install_hover(win) == first
    assert set(first) == {("probabilities", 0), ("lse", 0), ("loss", 0), ("surface", 0), ("gradient", 0),
                          ("gradient", 1)}


@pytest.mark.parametrize("key", ["probabilities", "lse", "loss", "surface", "gradient"])
def test_far_points_say_something_or_nothing_without_a_warning(win, key):
    set_state(win, logits=np.array([-1e300, 0.0, 5.0, 1e300]), lse_mode="scale")
    b = win.panel_widgets()[key].bundle
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x, y in ((1e308, -1e308), (-1e308, 1e308), (0.0, 0.0), (400.0, 1.0), (-3.0, 2.5)):
            for plot in (0, 1):
                text = hover_text(key, b, x, y, plot)
                assert text is None or isinstance(text, str)


def test_ctrl_c_copies_the_selected_cells_in_full(win, qtbot):
    win.store.set_state(win.store.state.with_logit(1, 2.000000000000001).with_label(0, "tab\there"))
    win.store.flush()
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()                                        # a shortcut works in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    view = win.table.view
    view.selectRow(0)
    flags = QItemSelectionModel.SelectionFlag
    view.selectionModel().select(win.table.model.index(2, 0), flags.Select | flags.Rows)
    view.setFocus()
    QGuiApplication.clipboard().setText("")
    QTest.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    b = win.store.bundle
    assert QGuiApplication.clipboard().text() == (f"0\ttab here\t1.0\t{float(b.p[0])!r}\t{float(b.log_p[0])!r}\n"
                                                  f"0\tclass 2\t3.0\t{float(b.p[2])!r}\t{float(b.log_p[2])!r}")
    view.clearSelection()
    sel = view.selectionModel()
    sel.select(win.table.model.index(1, LOGIT), flags.Select)
    sel.select(win.table.model.index(1, PROB), flags.Select)
    sel.select(win.table.model.index(3, LOGPROB), flags.Select)
    QTest.keyClick(view, Qt.Key_C, Qt.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"2.000000000000001\t{float(b.p[1])!r}\n{float(b.log_p[3])!r}"


@pytest.mark.parametrize("key, plot", [("loss", 0), ("gradient", 1)])
def test_the_box_stays_inside_the_plots_widget_near_its_edges(win, qtbot, key, plot):
    readout = install_hover(win)[(key, plot)]
    view = readout.plot.scene().views()[0]
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    (x0, x1), (y0, y1) = readout.plot.getViewBox().viewRange()
    for x, y in ((x1 - 0.01 * (x1 - x0), y1 - 0.01 * (y1 - y0)), (x1 - 0.01 * (x1 - x0), y0 + 0.01 * (y1 - y0))):
        read(qtbot, readout, x, y)
        assert shown.contains(readout.box.sceneBoundingRect()), (readout.box.sceneBoundingRect(), shown)


def test_a_bar_of_the_top_classes_names_the_class_it_stands_for(win):
    set_state(win, logits=np.arange(100.0)[::-1].copy(), target=50, labels=())
    b = win.probabilities.bundle
    assert b.probabilities.by_rank
    text = hover_text("probabilities", b, 1.0, 0.0)
    assert text.startswith("class 1\nrank 2 of 100 by p") and f"p = {float(b.p[1])!r}" in text
    last = b.probabilities.shown.size - 1                  # the target, kept among the bars
    assert hover_text("probabilities", b, last, 0.0).startswith("class 50, the target\nrank 51 of 100")


def test_with_an_additive_margin_the_readouts_take_it_from_the_targets_logit(win):
    set_state(win, margin=0.75, surface_loss="ce", surface_i=3, surface_j=0, scale=1.25)
    b = win.surface.bundle
    text = hover_text("surface", b, *b.surface.point)            # the current logits: the readout's CE
    assert number(text, "softmax CE") == pytest.approx(b.readout["cross_entropy"], rel=1e-14)
    text = hover_text("lse", win.lse.bundle, math.log10(1.25), 0.0)
    assert number(text, "LSE(u)") == pytest.approx(b.readout["lse"], rel=1e-14)
    assert number(text, "max(u)") == pytest.approx(1.25 * 3.25)   # z_y - m = 4 - 0.75 is still the largest
