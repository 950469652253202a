"""The window on a laptop's screen: no panel holds it wider than the screen, and every plot shows
all it draws (its last bar, its right edge, the readout's numbers) inside its panel."""
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from softmax_viewer.qt.plotting.fitting import FittedTitle
from softmax_viewer.state import ExplorerState

#: (width, height) of a laptop's screen in logical pixels: 1366x768, and 1920x1080 at
#: QT_SCALE_FACTOR 1.25, 1.5 and 2 (less a title bar and a panel)
SCREENS = [(1366, 740), (1536, 830), (1280, 690), (960, 510)]


@pytest.fixture
def laid_out(shown_window, qtbot):
    """laid_out(width, height): shown_window's window, once its plots' layouts have followed its size."""
    def make(width, height):
        w = shown_window(width, height)
        qtbot.wait(20)
        return w
    return make


def _plot_panels(w):
    return [p for p in w.panels if hasattr(p, "plots")]


def _inside(w, plot) -> bool:
    """Whether ``plot`` is laid out within the widget that shows it (nothing cut off on the right)."""
    view = plot.scene().views()[0]
    return plot.sceneBoundingRect().right() <= view.width() + 1 and plot.vb.width() > 0


@pytest.mark.parametrize("size", SCREENS)
def test_no_panel_holds_the_window_wider_than_the_screen(laid_out, size):
    w = laid_out(*size)
    assert w.minimumSizeHint().width() <= size[0]
    for panel in w.panels:
        assert panel.minimumSizeHint().width() <= panel.width(), type(panel).__name__
    for panel in _plot_panels(w):
        for plot in panel.plots():
            # a plot's minimum width (its title, axes, colour bar) fits the panel that shows it
            assert plot.effectiveSizeHint(Qt.MinimumSize).width() <= panel.plot_widget.width(), type(panel).__name__
            assert _inside(w, plot), type(panel).__name__


@pytest.mark.parametrize("size", SCREENS)
def test_each_plot_shows_all_its_bars(laid_out, size):
    w = laid_out(*size)
    b = w.store.bundle
    for panel, n in ((w.probabilities, b.probabilities.shown.size), (w.gradient, b.gradient.shown.size)):
        lo, hi = panel.plot.vb.viewRange()[0]
        assert lo <= -0.3 and hi >= n - 0.7, type(panel).__name__      # every bar, the last one whole
        assert _inside(w, panel.plot)
    k = b.gradient.jac_classes.size
    lo, hi = w.gradient.jac_plot.vb.viewRange()[0]
    assert lo <= -0.5 and hi >= k - 0.5
    lo, hi = w.loss.plot.vb.viewRange()[0]
    assert lo <= b.loss.current_margin <= hi and _inside(w, w.loss.plot)


@pytest.mark.parametrize("size", SCREENS)
def test_titles_fit_their_plots_and_keep_their_words(laid_out, size):
    w = laid_out(*size)
    for panel in _plot_panels(w):
        for plot in panel.plots():
            title = plot.titleLabel
            assert isinstance(title, FittedTitle)
            # what it shows fits its width; the whole title is still its text
            assert title.item.boundingRect().width() <= title.size().width() + 1, title.text
            assert title.shown() in title.forms() or title.shown().endswith("…")
    assert w.probabilities.plot.titleLabel.text == w.probabilities.title


def test_a_wide_plot_shows_its_whole_title(laid_out):
    w = laid_out(2400, 1000)
    for panel in (w.probabilities, w.lse, w.loss, w.gradient):
        title = panel.plot.titleLabel
        assert title.shown() == title.text == panel.title


@pytest.mark.parametrize("size", [(1366, 740), (2400, 1000), (960, 510)])
def test_legends_sit_under_their_plots_over_no_data(laid_out, size):
    w = laid_out(*size)
    for panel in (w.probabilities, w.lse, w.loss):
        legend = panel.plot.legend
        view = panel.plot.vb.sceneBoundingRect()
        box = legend.sceneBoundingRect()
        assert not box.intersects(view), type(panel).__name__
        assert box.top() >= panel.plot.getAxis("bottom").sceneBoundingRect().bottom() - 1
        assert box.left() >= -1 and box.right() <= panel.plot_widget.width() + 1, type(panel).__name__
        assert box.bottom() <= panel.plot.sceneBoundingRect().bottom() + 1
    # in as many columns as the width holds: one row when wide, more rows when narrow
    columns = w.loss.legend_place.columns()
    if size[0] >= 2400:
        assert columns == 4
    elif w.panel_grid.columns == 3:         # three panels a row: the legend wraps
        assert 1 <= columns < 4
    else:                                   # the panels reflowed to fewer, wider columns
        assert 1 <= columns <= 4


def test_a_dominant_class_0_bar_and_its_q_are_not_covered(laid_out):
    """Regression: the legend sat in the view's top-left corner, over a tall class 0 bar and its q."""
    w = laid_out(1366, 740)
    w.store.set_state(ExplorerState(logits=[6.0, 1.0, 0.5, 0.0], target=0))
    w.store.flush()
    vb = w.probabilities.plot.vb
    legend = w.probabilities.plot.legend.sceneBoundingRect()
    for y in (float(w.store.bundle.probabilities.p[0]), 1.0, 0.5):     # the bar's top, its q, its middle
        assert not legend.contains(vb.mapViewToScene(QPointF(0.0, y)))


def test_the_readout_puts_formulas_under_the_names_when_narrow(laid_out):
    w = laid_out(1366, 740)
    r = w.readout
    assert r.formulas_under()
    column = r.value_column
    inner = column.parentWidget()
    # the numbers are whole on screen: the column ends inside the visible area, no sideways scroll
    assert column.geometry().right() <= r.area.viewport().width()
    assert inner.width() <= r.area.viewport().width()
    name = r.names["cross_entropy"]
    formula = r.formulas["cross_entropy"][0]
    assert formula.geometry().top() > name.geometry().top()
    wide = laid_out(2400, 1000)
    assert not wide.readout.formulas_under()
    assert wide.readout.formulas["cross_entropy"][0].geometry().left() > wide.readout.names["cross_entropy"].geometry().right()


@pytest.mark.parametrize("size", [(1366, 740), (2400, 1000)])
def test_a_lab_docked_beside_the_panels_leaves_the_window_on_screen(laid_out, qtbot, size):
    w = laid_out(*size)
    w.open_lab("precision")
    qtbot.wait(20)
    assert w.minimumSizeHint().width() <= size[0]
    for panel in w.panels:
        assert panel.minimumSizeHint().width() <= panel.width(), type(panel).__name__
    if size[0] >= 2400:          # room enough beside the dock: every plot whole, every bar shown
        for panel in _plot_panels(w):
            for plot in panel.plots():
                assert _inside(w, plot), type(panel).__name__
        lo, hi = w.probabilities.plot.vb.viewRange()[0]
        assert lo <= -0.3 and hi >= w.store.bundle.probabilities.shown.size - 0.7
    for panel in (w.probabilities, w.lse, w.loss):      # a legend shown whole, or not at all
        legend = panel.plot.legend
        assert not legend.isVisible() or legend.sceneBoundingRect().right() <= panel.plot_widget.width() + 1


def test_the_panels_reflow_to_fewer_columns_beside_a_docked_lab(shown_window):
    w = shown_window(1366, 740)
    assert w.panel_grid.columns == 3
    w.open_lab("calibration")
    QApplication.processEvents()
    assert w.panel_grid.columns < 3
    assert all(p.width() >= 250 for p in w.panels)            # readable, not 83 px
    assert w.width() <= 1366
