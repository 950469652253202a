"""Curve: on screen drawn fast (thin strokes, polylines, rectangles), the same pixels as the path an export strokes."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPaintDevice, QTransform
from PySide6.QtWidgets import QWidget

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting import Curve
from tests.plotting.recording import painted_on_screen


def test_curve_draws_the_real_pen_off_screen(qtbot):
    """On screen a wide pen is four thin strokes; an export gets the pen itself."""
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
            self.pens, self.target = [], device

        def device(self):
            return self.target

        def setRenderHint(self, *a):
            pass

        def setPen(self, pen):
            self.pens.append(pen.widthF())

        def transform(self):
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
    assert curves[0].path().elementCount() == 60 - 5 - 1                 # the lone point is no line
    w.setRange(xRange=(0, 1), yRange=(-1.2, 1.6), padding=0)
    w.show()
    qtbot.waitExposed(w)
    assert [painted_on_screen(c, w).count("drawPolyline") for c in curves] == [4, 4]
    on_screen = w.grab().toImage()
    monkeypatch.setattr(Curve, "exact", True)
    assert w.grab().toImage() == on_screen


def test_segment_pairs_on_screen_match_the_path_an_export_strokes(qtbot, monkeypatch):
    """Pairs (contour segments) are drawn from an array of lines on screen; exports
    stroke their path. Both show the same segments, and a pair with NaN is left out."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    w.getPlotItem().hideAxis("left")
    w.getPlotItem().hideAxis("bottom")
    segs = base.Curve(pg.mkPen("#d62728", width=2), connect="pairs")
    w.addItem(segs)
    x = [0.1, 0.9, 0.2, 0.2, np.nan, 0.5, 0.6, 0.8]
    y = [0.1, 0.9, 0.8, 0.3, 0.5, 0.5, 0.2, 0.2]
    segs.setData(x, y)
    path = segs.path()
    assert path.elementCount() == 6                          # three whole pairs, two points each
    assert [path.elementAt(4).x, path.elementAt(5).x] == [0.6, 0.8]
    w.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    w.show()
    qtbot.waitExposed(w)

    def image():
        im = w.grab().toImage().convertToFormat(QImage.Format_RGB32)
        return np.frombuffer(im.constBits(), np.uint8).reshape(im.height(), -1, 4)[:, : im.width(), :3].astype(int)

    screen = image()
    monkeypatch.setattr(base.Curve, "exact", True)
    exported = image()
    ink = (np.abs(exported - 255).sum(axis=2) > 0)
    drawn = (np.abs(screen - 255).sum(axis=2) > 0)
    assert ink.sum() > 100
    assert (ink & drawn).sum() > 0.9 * ink.sum() and (ink & drawn).sum() > 0.9 * drawn.sum()
    vb = w.getPlotItem().vb
    on = w.mapFromScene(vb.mapViewToScene(pg.Point(0.2, 0.55)))      # on the second segment
    assert screen[on.y(), on.x()].tolist() != [255, 255, 255]


def test_level_pairs_on_screen_are_the_pixels_of_the_pen(qtbot, monkeypatch):
    """Level segments of an aliased pen (a value marked across a bar) are filled on
    screen as the rectangles the pen covers: pixel for pixel what an export strokes,
    for square and flat caps; a pen they do not fit is stroked as before."""
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(300, 200)
    w.getPlotItem().hideAxis("left")
    w.getPlotItem().hideAxis("bottom")
    w.setRange(xRange=(0, 10), yRange=(0, 1), padding=0)
    w.show()
    qtbot.waitExposed(w)

    def image():
        im = w.grab().toImage().convertToFormat(QImage.Format_RGB32)
        return np.frombuffer(im.constBits(), np.uint8).reshape(im.height(), -1, 4)[:, : im.width(), :3].copy()

    rng = np.random.default_rng(3)
    x = np.repeat(np.arange(8.0), 2) + np.tile([0.15, 0.83], 8)
    y = np.repeat(rng.uniform(0.05, 0.95, 8), 2)
    x[4] = np.nan                                            # a pair with NaN is left out
    filled = []
    for width, cap in ((3, Qt.SquareCap), (2.5, Qt.SquareCap), (4, Qt.FlatCap), (1, Qt.SquareCap)):
        pen = pg.mkPen("#ff7f0e", width=width)
        pen.setCapStyle(cap)
        marks = base.Curve(pen, connect="pairs", antialias=False)
        w.addItem(marks)
        marks.setData(x, y)
        calls = painted_on_screen(marks, w)
        filled.append("drawRects" in calls and "drawLines" not in calls)
        screen = image()
        monkeypatch.setattr(base.Curve, "exact", True)
        exported = image()
        monkeypatch.setattr(base.Curve, "exact", False)
        assert (screen != 255).any(axis=2).sum() > 7 * width * 10
        assert np.array_equal(screen, exported), (width, cap)
        w.removeItem(marks)
    assert filled == [True, True, True, True]
    w.getPlotItem().invertX(True)                            # a flipped axis: the same bars, mirrored
    marks = base.Curve(pg.mkPen("#ff7f0e", width=3), connect="pairs", antialias=False)
    w.addItem(marks)
    marks.setData(x, y)
    screen = image()
    monkeypatch.setattr(base.Curve, "exact", True)
    assert np.array_equal(screen, image())
    monkeypatch.setattr(base.Curve, "exact", False)
    w.removeItem(marks)
    sloped = base.Curve(pg.mkPen("k", width=3), connect="pairs", antialias=False)
    w.addItem(sloped)
    sloped.setData([0.0, 1.0], [0.0, 0.5])
    calls = painted_on_screen(sloped, w)                     # not level: stroked, not filled
    assert "drawLines" in calls and "drawRects" not in calls
