"""Bars: pyqtgraph's BarGraphItem options and bounds, filled where they should be."""
import numpy as np
import pyqtgraph as pg

from softmax_viewer.qt import plotting as base


def test_bars_keep_barGraphItem_opts_and_bounds(qtbot):
    bars = base.Bars("#1f77b4", width=0.5, name="p")
    bars.setOpts(x=[0, 1, 2], height=[0.5, -0.25, np.nan])
    np.testing.assert_array_equal(bars.opts["height"][:2], [0.5, -0.25])
    assert bars.dataBounds(0) == (-0.25, 1.25)             # the NaN bar is left out
    assert bars.dataBounds(1) == (-0.25, 0.5)
    bars.setOpts(x=[0, 1], y0=[-3, -3], y1=[-1, 0])
    np.testing.assert_array_equal(bars.opts["height"], [2, 3])
    assert bars.dataBounds(1) == (-3.0, 0.0)
    # drawn: a filled bar shows where it should on an image
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    w.addItem(bars)
    w.setRange(xRange=(-0.5, 1.5), yRange=(-3, 0), padding=0)
    w.show()
    qtbot.waitExposed(w)
    img = w.grab().toImage()
    vb = w.getPlotItem().vb
    centre = vb.mapViewToScene(pg.Point(1.0, -1.5))
    pos = w.mapFromScene(centre)
    assert img.pixelColor(pos).name() == "#1f77b4"
    empty = w.mapFromScene(vb.mapViewToScene(pg.Point(0.5, -1.5)))   # between the bars
    assert img.pixelColor(empty).name() != "#1f77b4"
