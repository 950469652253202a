"""Views and text: steady ranges, and axis labels changed in place."""
import pyqtgraph as pg

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting import steady_range


def test_steady_range_keeps_still_and_grows_with_room():
    a = steady_range(0.0, 1.0)
    assert a[0] <= 0.0 and a[1] >= 1.0
    assert steady_range(0.1, 0.9, a) == a                  # fits, fills most: kept
    b = steady_range(0.0, 1.2, a)                            # outgrown: room on the growing side
    assert b[1] >= 1.2 + 0.2 * 1.2 - 1e-12 and b[0] <= 0.0
    assert steady_range(0.0, 0.2, b) != b                    # shrunk to a sliver: follows
    assert steady_range(float("inf"), 1.0, b) == b


def test_a_new_axis_label_looks_as_pyqtgraphs_own(plot, qtbot):
    """TextCache.label changes the words of a shown axis label (its ticks kept as
    they are); on screen it is the label pyqtgraph's own setLabel makes, centred."""
    w, item = plot
    cache = base.TextCache()
    cache.label(item, "bottom", "margin")
    w.grab()
    cache.label(item, "bottom", "margin  (now -42.5: off the axis)")
    axis = item.getAxis("bottom")
    assert axis.labelText == "margin  (now -42.5: off the axis)"
    assert "off the axis" in axis.label.toPlainText()
    centre = axis.label.pos().x() + axis.label.boundingRect().width() / 2
    assert abs(centre - axis.size().width() / 2) <= 1.0
    twin = pg.PlotWidget()
    qtbot.addWidget(twin)
    twin.resize(w.size())
    plain = twin.getPlotItem()
    plain.showAxis("right")
    plain.showAxis("top")
    plain.setLabel("bottom", "margin  (now -42.5: off the axis)")
    twin.show()
    qtbot.waitExposed(twin)
    # the twin lays its label out over a few event-loop turns: the same picture once it has
    qtbot.waitUntil(lambda: w.grab().toImage() == twin.grab().toImage(), timeout=3000)
