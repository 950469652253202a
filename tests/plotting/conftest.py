import pyqtgraph as pg
import pytest


@pytest.fixture
def plot(qtbot):
    """(widget, plot item): a shown 420 x 300 plot with all four axes."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(420, 300)
    w.show()
    qtbot.waitExposed(w)
    item = w.getPlotItem()
    item.showAxis("right")
    item.showAxis("top")
    return w, item
