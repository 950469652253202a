"""Dots: markers where their points are; on screen copied from pictures that look like the ellipses."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage

from softmax_viewer.qt import plotting as base
from tests.plotting.recording import painted_on_screen


@pytest.mark.parametrize("symbol", ["o", "s"])
def test_dots_are_drawn_where_their_points_are(qtbot, symbol):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    dots = base.Dots(size=9, pen=None, brush="#d62728", symbol=symbol, name="marks")
    w.addItem(dots)
    w.getPlotItem().addLegend().addItem(dots, dots.name())
    dots.setData([0.0, 1.0, np.nan], [0.0, -1.5, 1.0])              # the NaN point is left out
    assert dots.dataBounds(0) == (0.0, 1.0) and dots.dataBounds(1) == (-1.5, 0.0)
    w.setRange(xRange=(-0.5, 1.5), yRange=(-3, 1), padding=0)
    w.show()
    qtbot.waitExposed(w)
    img = w.grab().toImage()
    vb = w.getPlotItem().vb
    for x, y in ((0.0, 0.0), (1.0, -1.5)):
        pos = w.mapFromScene(vb.mapViewToScene(pg.Point(x, y)))
        assert img.pixelColor(pos).name() == "#d62728", (x, y)
    off = w.mapFromScene(vb.mapViewToScene(pg.Point(0.5, -0.75)))
    assert img.pixelColor(off).name() != "#d62728"


@pytest.mark.parametrize("n", [23, 5])          # placed by numpy; a few, one by one
def test_round_dots_on_screen_match_the_drawn_ellipses(qtbot, monkeypatch, n):
    """On screen round markers are copies of small pictures made to a quarter pixel;
    they must look like the ellipses drawn at the points (what exports draw)."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(320, 220)
    w.getPlotItem().hideAxis("left")
    w.getPlotItem().hideAxis("bottom")
    xs = np.linspace(0.03, 0.97, n)
    ys = (xs * 7.31) % 1.0                          # positions at many fractions of a pixel
    plain = base.Dots(size=9, pen="k", brush="#1f77b4")
    own = base.Dots(size=11, pen=pg.mkPen("w", width=1.5), brush="#ff4136")
    for d in (plain, own):
        w.addItem(d)
    plain.setData(xs, ys)
    own.setData(xs, 1.0 - ys, brushes=(["#ff4136", "#2ca02c"] * n)[: n - 1] + ["#9467bd"])
    w.setRange(xRange=(0, 1), yRange=(-0.1, 1.1), padding=0)
    w.show()
    qtbot.waitExposed(w)

    def image():
        im = w.grab().toImage().convertToFormat(QImage.Format_RGB32)
        return np.frombuffer(im.constBits(), np.uint8).reshape(im.height(), -1, 4)[:, : im.width(), :3].astype(int)

    sprites = image()
    for d in (plain, own):                          # copied from their pictures, not drawn
        calls = set(painted_on_screen(d, w))
        assert calls & {"drawPixmap", "drawPixmapFragments"} and "drawEllipse" not in calls
    monkeypatch.setattr(base.Curve, "exact", True)   # as an export paints: the ellipses themselves
    drawn = image()
    ink = np.abs(drawn - 255).sum()
    diff = np.abs(sprites - drawn)
    assert ink > 0 and diff.max() <= 80                # antialiased edges differ, no pixel flips
    assert diff.sum() < 0.05 * ink                     # and the markers are where the ellipses are


def test_marker_colours_follow_new_brushes(qtbot):
    """Each marker shows its brush's colour, also after that brush was changed in place;
    a point left out is not drawn."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    w.setRange(xRange=(-0.5, 1.5), yRange=(1.5, 3.5), padding=0)
    dots = base.Dots(size=9, pen="k")
    w.addItem(dots)
    w.show()
    qtbot.waitExposed(w)
    vb = w.getPlotItem().vb

    def colours():
        """The colour at the centre of each point, and every colour shown."""
        img = w.grab().toImage()
        at = [img.pixelColor(w.mapFromScene(vb.mapViewToScene(pg.Point(x, y)))).name() for x, y in ((0, 2), (1, 3))]
        return at, {img.pixelColor(x, y).name() for x in range(img.width()) for y in range(img.height())}

    red, green = pg.mkBrush("#ff0000"), pg.mkBrush("#00ff00")
    dots.setData([0, 1], [0, 1], brushes=[red, green])
    dots.setData([0, 1], [2, 3], brushes=[red, green])
    assert colours()[0] == ["#ff0000", "#00ff00"]
    red.setColor(pg.mkColor("#0000ff"))                                   # one changed in place
    dots.setData([0, 1], [2, 3], brushes=[red, green])
    assert colours()[0] == ["#0000ff", "#00ff00"]
    dots.setData([0, np.nan], [2, 3], brushes=[red, green])              # a point left out
    at, shown = colours()
    assert at[0] == "#0000ff" and "#00ff00" not in shown
