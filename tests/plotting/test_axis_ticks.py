"""The lean axis layout: the draw specifications, tick values and bounds pyqtgraph's would give."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting.ticks import lean_draw_specs, tick_values, use_lean_specs


def _specs_equal(a, b):
    if a is None or b is None:
        return a is b
    (pen_a, a0, a1), ticks_a, texts_a = a
    (pen_b, b0, b1), ticks_b, texts_b = b
    assert pen_a == pen_b and a0 == b0 and a1 == b1
    assert len(ticks_a) == len(ticks_b)
    for (pa, p1, p2), (pb, q1, q2) in zip(ticks_a, ticks_b):
        assert pa.color().rgba() == pb.color().rgba() and pa.widthF() == pb.widthF()
        assert (p1.x(), p1.y(), p2.x(), p2.y()) == (q1.x(), q1.y(), q2.x(), q2.y())
    assert [(r.x(), r.y(), r.width(), r.height(), int(f.value), s) for r, f, s in texts_a] == \
           [(r.x(), r.y(), r.width(), r.height(), int(f.value), s) for r, f, s in texts_b]
    return True


RANGES = [(0, 1), (-1.05, 1.05), (0.3, 0.30001), (-3e5, 7e6), (1e-9, 3e-9), (-12000, 0), (6.894, 6.9),
          (-40.5, 3.5), (0, 1e300), (2, 2)]


@pytest.mark.parametrize("side", ["left", "bottom", "right", "top"])
def test_lean_axis_specs_match_pyqtgraph(plot, side):
    w, item = plot
    axis = item.getAxis(side)
    img = QImage(500, 400, QImage.Format_ARGB32_Premultiplied)
    labelled = 0
    for lo, hi in RANGES:
        for log in (False, True):
            if log and lo <= 0:
                continue
            axis.setLogMode(log)
            axis.setRange(np.log10(lo) if log else lo, np.log10(hi) if log else hi)
            p = QPainter(img)
            ours = lean_draw_specs(axis, p)
            theirs = pg.AxisItem.generateDrawSpecs(axis, p)
            p.end()
            assert _specs_equal(ours, theirs), (side, lo, hi, log)
            labelled += len(ours[2]) if ours is not None else 0
    assert labelled > len(RANGES)          # not a comparison of empty layouts


def test_lean_tick_values_match_pyqtgraph(plot):
    w, item = plot
    axis = item.getAxis("left")
    compared = 0
    for scale in (1.0, 1e-3, 7.0):
        axis.setScale(scale)
        for lo, hi in RANGES + [(1.0, -1.0), (-1e-300, 1e-300)]:
            for length in (40.0, 300.0, 1200.0):
                ours, theirs = tick_values(axis, lo, hi, length), pg.AxisItem.tickValues(axis, lo, hi, length)
                assert ours == theirs, (scale, lo, hi, length)
                compared += sum(len(v) for _s, v in ours)
    assert compared > 500


def test_lean_axis_specs_match_with_given_ticks(plot):
    w, item = plot
    axis = item.getAxis("bottom")
    axis.setRange(-0.7, 39.7)
    img = QImage(500, 400, QImage.Format_ARGB32_Premultiplied)
    for ticks in ([[(k, f"#{k}") for k in range(0, 40, 5)]],
                  [[(k, f"class {k}") for k in range(40)]],                   # crowded: some dropped at the edge
                  [[(0, "1"), (1, "10")], [(0.301, "2"), (0.699, "5"), (0.5, "")]],
                  [[]]):
        axis.setTicks(ticks)
        p = QPainter(img)
        assert _specs_equal(lean_draw_specs(axis, p), pg.AxisItem.generateDrawSpecs(axis, p)), ticks
        p.end()


def test_lean_axis_ticks_read_in_data_units(plot):
    # regression: switching pyqtgraph's SI prefix off while the range was 0 .. 0.005
    # kept its x1000 scale: the probability axis read 1 .. 5 at 100,000 classes
    _w, item = plot
    item.setLabel("left", "p")
    item.setYRange(0.0, 0.005, padding=0)
    axis = item.getAxis("left")
    axis.setWidth(base.LEFT_AXIS_WIDTH)          # as the panels' left axes are
    QApplication.processEvents()
    axis.setRange(0.0, 0.005)
    use_lean_specs(axis)
    img = QImage(500, 400, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    texts = [t for _r, _f, t in axis.generateDrawSpecs(p)[2]]
    p.end()
    assert "0.001" in texts and "0.005" in texts and "5" not in texts
    assert "(x" not in axis.labelString()            # and no scale in the label


def test_lean_axes_on_screen_look_as_pyqtgraphs_own(qtbot):
    """Axes laid out by lean_draw_specs (and drawn from their kept pictures) show on
    screen what pyqtgraph's own axes show, pixel for pixel."""
    def shown(lean):
        w = pg.PlotWidget()
        qtbot.addWidget(w)
        w.resize(420, 300)
        item = w.getPlotItem()
        item.showAxis("right")
        item.showAxis("top")
        if lean:
            for side in ("left", "bottom", "right", "top"):
                use_lean_specs(item.getAxis(side))
        item.setRange(xRange=(-3.5, 40.25), yRange=(0, 123.0), padding=0)
        w.show()
        qtbot.waitExposed(w)
        return w.grab().toImage()

    lean, stock = shown(True), shown(False)
    assert lean == stock
    assert len({lean.pixel(x, y) for x in range(0, 60) for y in range(0, 280, 3)}) > 2     # tick labels drawn


def test_kept_axis_bounds_follow_the_geometry(plot, qtbot):
    w, item = plot
    axes = [item.getAxis(side) for side in ("left", "bottom", "right", "top")]
    for axis in axes:
        use_lean_specs(axis)
    for size in ((420, 300), (600, 250), (300, 500)):
        w.resize(*size)
        qtbot.wait(10)
        w.grab()
        for axis in axes:
            assert axis.boundingRect() == pg.AxisItem.boundingRect(axis)
        assert axis.boundingRect() == axis.windowFrameRect()   # Qt answers, from C++
    axes[0].setStyle(tickLength=-12)                       # styles it reads
    axes[1].setStyle(hideOverlappingLabels=True)
    axes[2].setStyle(tickLength=7, hideOverlappingLabels=4)
    for axis in axes[:3]:
        assert axis.boundingRect() == pg.AxisItem.boundingRect(axis)
    axes[0].setGrid(100)                                   # with a grid: the linked view's too
    assert axes[0].boundingRect() == pg.AxisItem.boundingRect(axes[0])
    assert axes[0].windowFrameRect() == axes[0].rect()     # answered in Python again
    axes[0].setGrid(False)
    w.resize(350, 280)
    qtbot.wait(10)
    w.grab()
    for axis in axes:
        assert axis.boundingRect() == pg.AxisItem.boundingRect(axis)
