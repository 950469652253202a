"""FlatLegend: one picture of its entries, pixel for pixel what Qt draws of them one by one."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting.exporting import drawn_as_items


def _legend_plot(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(360, 240)
    plot = w.getPlotItem()
    legend = base.FlatLegend.add_to(plot, offset=(5, 5), labelTextSize="8pt")
    a = base.curve(plot, pg.mkPen(base.BLUE, width=2.5), "a curve")
    b = base.curve(plot, pg.mkPen(base.ORANGE, width=2, style=Qt.DashLine), "another curve")
    bars = base.Bars(base.GREY, width=0.5, name="bars")
    plot.addItem(bars)
    legend.addItem(bars, bars.name())
    a.setData(np.linspace(0, 1, 20), np.linspace(0, 1, 20) ** 2)
    b.setData(np.linspace(0, 1, 20), np.linspace(1, 0, 20))
    bars.setOpts(x=np.array([0.2, 0.6]), height=np.array([0.5, 0.8]), width=0.1)
    w.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    w.show()
    qtbot.waitExposed(w)
    return w, legend, a


def _unflat_uncached(w):
    """The widget drawn with every legend entry as its own item and no caches (an export's way)."""
    with drawn_as_items(w):
        return w.grab().toImage()


def _entries(item) -> list:
    """Every item below ``item`` (a legend: its samples, labels and the labels' text)."""
    out = []
    for child in item.childItems():
        out.append(child)
        out.extend(_entries(child))
    return out


def test_flat_legend_is_one_picture_of_its_entries(qtbot):
    """Once cached (on the first show, as a panel does), the legend paints its entries
    itself: they paint nothing on their own, and the picture is the one Qt draws
    from the entries one by one; an export draws them as themselves again."""
    w, legend, _a = _legend_plot(qtbot)
    base.cache_static_items(w.scene())
    entries = _entries(legend)
    assert legend.is_flat() and len(entries) >= 9        # a sample, a label and its text per entry
    assert all(e.flags() & QGraphicsItem.ItemHasNoContents for e in entries)
    assert all(e.cacheMode() == QGraphicsItem.NoCache for e in entries)
    assert legend.cacheMode() == QGraphicsItem.DeviceCoordinateCache
    flat = w.grab().toImage()
    drawn = _unflat_uncached(w)
    assert flat == drawn
    assert legend.is_flat() and all(e.flags() & QGraphicsItem.ItemHasNoContents for e in entries)
    legend.set_flat(False)                               # entries drawn one by one again
    assert w.grab().toImage() == drawn
    legend.set_flat(True)
    assert w.grab().toImage() == flat


def test_flat_legend_follows_a_click_on_a_sample(qtbot):
    """A click on a sample hides its curve; the legend's picture shows the sample hidden."""
    w, legend, a = _legend_plot(qtbot)
    base.cache_static_items(w.scene())
    before = w.grab().toImage()
    sample = legend.items[0][0]
    centre = w.mapFromScene(sample.mapToScene(sample.boundingRect().center()))
    qtbot.mouseClick(w.viewport(), Qt.LeftButton, pos=centre)
    qtbot.wait(20)
    assert not a.isVisible()
    after = w.grab().toImage()
    assert after != before
    assert after == _unflat_uncached(w)


def test_flat_legend_entry_added_later_is_flat(qtbot):
    w, legend, _a = _legend_plot(qtbot)
    base.cache_static_items(w.scene())
    c = base.curve(w.getPlotItem(), pg.mkPen(base.GREEN, width=2), "late")
    c.setData([0.0, 1.0], [0.5, 0.5])
    assert all(e.flags() & QGraphicsItem.ItemHasNoContents for e in _entries(legend))
    assert w.grab().toImage() == _unflat_uncached(w)
