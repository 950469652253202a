"""The panels' own graphics items draw what pyqtgraph's would: axes, heat maps, bars."""
import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsItem

from softmax_viewer.qt import plotting as base
from softmax_viewer.qt.plotting.ticks import lean_draw_specs, use_lean_specs
from softmax_viewer.qt.panels.surface import colour_levels


@pytest.fixture
def plot(qtbot):
    w = pg.PlotWidget()
    qtbot.addWidget(w)
    w.resize(420, 300)
    w.show()
    qtbot.waitExposed(w)
    item = w.getPlotItem()
    item.showAxis("right")
    item.showAxis("top")
    return w, item


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
    from softmax_viewer.qt.plotting.ticks import _tick_values
    w, item = plot
    axis = item.getAxis("left")
    compared = 0
    for scale in (1.0, 1e-3, 7.0):
        axis.setScale(scale)
        for lo, hi in RANGES + [(1.0, -1.0), (-1e-300, 1e-300)]:
            for length in (40.0, 300.0, 1200.0):
                ours, theirs = _tick_values(axis, lo, hi, length), pg.AxisItem.tickValues(axis, lo, hi, length)
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


def test_lean_axis_is_used_on_screen_and_paints(plot):
    w, item = plot
    axis = item.getAxis("left")
    use_lean_specs(axis)
    assert axis.generateDrawSpecs.__func__ is lean_draw_specs
    item.setYRange(0, 123.0, padding=0)
    axis.picture = None
    w.grab()
    assert axis.picture is not None                      # laid out and drawn


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


def test_items_that_paint_nothing_are_skipped_and_the_plot_looks_the_same(plot):
    w, item = plot
    item.plot([0, 1, 2], [1, 0, 2])
    before = w.grab().toImage()
    base.cache_static_items(w.scene())
    flagged = [type(i) for i in w.scene().items() if i.flags() & QGraphicsItem.ItemHasNoContents]
    assert pg.PlotItem in flagged and pg.ViewBox in flagged
    assert w.grab().toImage() == before


def test_image_colours_match_pyqtgraph(qtbot):
    rng = np.random.default_rng(0)
    for cmap in ("viridis", "CET-D1"):
        data = rng.normal(size=(37, 23))
        data[3, 4] = np.nan
        ours, theirs = base.Image(), pg.ImageItem()
        for item in (ours, theirs):
            item.setColorMap(pg.colormap.get(cmap))
            item.setImage(data, levels=(-1.5, 2.0), autoLevels=False)
            item.render()
        a = ours.qimage
        b = theirs.qimage.convertToFormat(QImage.Format_ARGB32_Premultiplied)
        assert a.format() == QImage.Format_ARGB32_Premultiplied and a.size() == b.size()

        def words(q):
            return np.frombuffer(q.constBits(), dtype=np.uint32,
                                 count=q.bytesPerLine() // 4 * q.height()).reshape(q.height(), -1)[:, :q.width()]
        np.testing.assert_array_equal(words(a), words(b))
        assert words(a)[4, 3] == 0                       # NaN is transparent


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


def test_colour_levels_show_a_nearly_flat_surface_flat():
    lo, hi = colour_levels(6.895, 6.900)
    assert hi - lo >= 0.02 * 6.9 and lo <= 6.895 and hi >= 6.900
    # drift within the flat band keeps the scale
    assert colour_levels(6.897, 6.902, (lo, hi)) == (lo, hi)
    # a surface with real relief spans its data
    lo2, hi2 = colour_levels(0.5, 8.0)
    assert lo2 <= 0.5 and hi2 >= 8.0 and hi2 - lo2 < 12


def test_axis_label_change_keeps_ticks_laid_out(plot):
    w, item = plot
    cache = base.TextCache()
    cache.label(item, "bottom", "margin")
    w.grab()
    axis = item.getAxis("bottom")
    assert axis.picture is not None
    cache.label(item, "bottom", "margin  (now -42.5: off the axis)")
    assert axis.labelText == "margin  (now -42.5: off the axis)"
    assert axis.picture is not None                      # ticks not laid out again
    assert "off the axis" in axis.label.toPlainText()
    centre = axis.label.pos().x() + axis.label.boundingRect().width() / 2
    assert abs(centre - axis.size().width() / 2) <= 1.0


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
    blits = []
    blit = base.Dots._blit
    monkeypatch.setattr(base.Dots, "_blit", lambda self, *a: blits.append(blit(self, *a)) or blits[-1])

    def image():
        im = w.grab().toImage().convertToFormat(QImage.Format_RGB32)
        return np.frombuffer(im.constBits(), np.uint8).reshape(im.height(), -1, 4)[:, : im.width(), :3].astype(int)

    sprites = image()
    assert blits == [True, True]
    monkeypatch.setattr(base.Curve, "exact", True)   # as an export paints: the ellipses themselves
    drawn = image()
    ink = np.abs(drawn - 255).sum()
    diff = np.abs(sprites - drawn)
    assert ink > 0 and diff.max() <= 80                # antialiased edges differ, no pixel flips
    assert diff.sum() < 0.05 * ink                     # and the markers are where the ellipses are


def test_readout_numbers_sit_level_with_their_names(qtbot):
    from softmax_viewer.derived import compute
    from softmax_viewer.qt.panels.readout import ROWS, ReadoutPanel
    from softmax_viewer.state import ExplorerState

    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.draw(compute(ExplorerState(logits=[1.0, 2.0, 3.0], target=2)))
    column = panel.value_column
    for r, (key, _name, _formula) in enumerate(ROWS):
        name_label = panel.formulas[key][0].parentWidget().layout().itemAtPosition(r, 0).widget()
        centre = column.mapTo(name_label.parentWidget(), column.row_rect(r).center()).y()
        assert name_label.geometry().top() <= centre <= name_label.geometry().bottom(), key
        assert panel.values[key].text() != ""
    assert column.row_at(column.row_rect(3).center().y()) == 3


def test_surface_colours_hold_during_a_drag_and_fit_on_release(qtbot):
    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.state import ExplorerState

    win = MainWindow(ExplorerState(logits=[2.0, 1.0, 0.5, -1.0], target=0), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    first = win.surface._levels                                 # the first image, too
    assert tuple(np.asarray(win.surface.image.levels, float)) == first == tuple(win.surface.colorbar.values)
    ctl = win.controls.scale
    ctl.slider.setSliderDown(True)
    seen = []
    for k in range(1, 16):
        ctl.slider.setValue(ctl.slider.value() + 10)
        win.store.flush()
        vals = win.surface.bundle.surface.values
        lo, hi = win.surface._levels
        assert lo <= vals.min() and vals.max() <= hi            # the data always fit
        # the image is coloured with these levels and the colour bar reads them
        assert tuple(np.asarray(win.surface.image.levels, float)) == (lo, hi)
        assert tuple(win.surface.colorbar.values) == (lo, hi)
        assert tuple(win.surface.colorbar.axis.range) == (lo, hi)
        seen.append((lo, hi))
    assert len(set(seen)) < len(seen) / 2                       # held for several ticks at a time
    ctl.slider.setSliderDown(False)
    ctl.drag_finished.emit()
    vals = win.surface.bundle.surface.values
    lo, hi = win.surface._levels
    assert lo <= vals.min() and vals.max() <= hi
    assert (vals.max() - vals.min()) >= 0.35 * (hi - lo)        # fitted again on release


def test_quick_changes_hold_the_colours_and_a_pause_fits_them(qtbot):
    from softmax_viewer.qt.panels.surface import colour_levels
    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.state import ExplorerState

    win = MainWindow(ExplorerState(logits=[2.0, 1.0, 0.5, -1.0], target=0), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    assert not win.surface.moving                           # the first view is fitted
    for s in (1.2, 1.5, 1.9, 2.4):                          # a spin box stepped quickly
        win.controls.scale.spin.setValue(s)
        win.store.flush()
    assert win.surface.moving
    vals = win.surface.bundle.surface.values
    lo, hi = win.surface._levels
    assert lo <= vals.min() and vals.max() <= hi
    qtbot.waitUntil(lambda: not win.surface.moving, timeout=2000)
    assert win.surface._levels == colour_levels(float(vals.min()), float(vals.max()))


def _axis_image(axis, picture=None):
    """``axis`` drawn alone: from ``picture``, or laid out afresh by pyqtgraph's paint."""
    br = axis.boundingRect()
    img = QImage(int(br.width()) + 2, int(br.height()) + 2, QImage.Format_ARGB32_Premultiplied)
    img.fill(0)
    p = QPainter(img)
    p.translate(-br.left(), -br.top())
    if picture is not None:
        picture.play(p)
    else:
        pg.AxisItem.paint(axis, p, None, None)
    p.end()
    return img


def test_kept_axis_pictures_are_the_fresh_layouts(qtbot, monkeypatch):
    """Values stepped in turn bring axes back to ranges they have shown: those are
    played from the kept pictures (fewer layouts than changes), and each kept
    picture is the one a fresh layout of the axis makes."""
    from softmax_viewer.qt.plotting import ticks as axis_module
    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.logits import Generator
    from softmax_viewer.state import ExplorerState

    layouts, asked = [0], [0]
    paint, key = pg.AxisItem.paint, axis_module.picture_key

    def counted_paint(*args):
        layouts[0] += 1
        return paint(*args)

    def counted_key(axis):
        asked[0] += 1
        return key(axis)
    monkeypatch.setattr(pg.AxisItem, "paint", counted_paint)
    monkeypatch.setattr(axis_module, "picture_key", counted_key)
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    w = MainWindow(st, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    layouts[0] = asked[0] = 0
    for _ in range(3):
        for name, values in (("temperature", (0.8, 1.1, 1.5, 2.0)), ("scale", (0.5, 1.0, 3.0))):
            for v in values:
                getattr(w.controls, name).spin.setValue(v)
                app.processEvents()
                app.processEvents()
    assert asked[0] > 0 and layouts[0] < asked[0]
    monkeypatch.undo()
    checked = 0
    for view in w.findChildren(pg.GraphicsView):
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem) and item.isVisible() and getattr(item, "kept_pictures", None):
                k = axis_module.picture_key(item)
                if k not in item.kept_pictures:
                    continue
                kept = _axis_image(item, item.kept_pictures[k])
                item.picture = None
                fresh = _axis_image(item)
                assert kept == fresh, (item.orientation, item.range)
                checked += 1
    assert checked >= 5


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
        assert marks._level is not None
        calls = []
        rects = marks._level_rects
        monkeypatch.setattr(marks, "_level_rects", lambda p, r=rects: calls.append(r(p)) or calls[-1])
        screen = image()
        filled.append(bool(calls and calls[-1]))
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
    sloped.setData([0.0, 1.0], [0.0, 0.5])
    assert sloped._level is None


def test_class_axis_is_made_again_only_when_what_it_shows_changes(qtbot):
    from softmax_viewer.state import ExplorerState

    st = ExplorerState(logits=[3.0, 1.0, 2.0, 0.0])
    axis = base.ClassAxis()
    shown = np.array([0, 2, 1, 3])
    first = axis(shown, st, False, 300.0, 4)
    ticks = base.class_ticks(shown, st.label, False, 300.0)
    assert first == (ticks, base.class_range(ticks, 4, 300.0))
    assert axis(shown.copy(), st.replace(temperature=2.0), False, 300.0, 4) is first   # a drag of T
    renamed = axis(shown, st.replace(labels=("cat", "", "dog", "")), False, 300.0, 4)
    assert renamed is not first and renamed[0][0][0] == (0, "cat")
    assert axis(shown[::-1].copy(), st.replace(labels=("cat", "", "dog", "")), False, 300.0, 4)[0][0][0][1] == "class 3"
    assert axis(shown, st, False, 500.0, 4) is not first                  # a wider axis


def test_marker_colours_follow_new_brushes(qtbot):
    dots = base.Dots(size=9, pen="k")
    red, green = pg.mkBrush("#ff0000"), pg.mkBrush("#00ff00")
    dots.setData([0, 1], [0, 1], brushes=[red, green])
    groups = dots._groups
    dots.setData([0, 1], [2, 3], brushes=[red, green])
    assert dots._groups is groups                                        # the same colours: kept
    red.setColor(pg.mkColor("#0000ff"))                                   # one changed in place
    dots.setData([0, 1], [2, 3], brushes=[red, green])
    assert [b.color().name() for _k, b, _i in dots._groups] == ["#0000ff", "#00ff00"]
    dots.setData([0, np.nan], [2, 3], brushes=[red, green])              # a point left out
    assert [b.color().name() for _k, b, _i in dots._groups] == ["#0000ff"]


def test_plot_views_fill_their_background_once_without_a_cached_copy(qtbot):
    """Each plot (main window and labs) fills its background with its own solid brush:
    the viewport does not fill it first, and no cached pixmap is copied under a repaint."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QGraphicsView

    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.state import ExplorerState

    win = MainWindow(ExplorerState(logits=[2.0, 1.0, 0.5, -1.0], target=0), remember=False)
    qtbot.addWidget(win)
    win.open_lab("precision")
    views = win.findChildren(pg.GraphicsView)
    assert len(views) >= 6
    for view in views:
        brush = view.backgroundBrush()
        assert brush.style() == Qt.SolidPattern and brush.isOpaque()
        assert view.viewport().testAttribute(Qt.WA_OpaquePaintEvent)
        assert view.cacheMode() == QGraphicsView.CacheNone


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
    from softmax_viewer.qt.plotting.exporting import drawn_as_items as _no_item_caches
    with _no_item_caches(w):
        return w.grab().toImage()


def test_flat_legend_is_one_picture_of_its_entries(qtbot):
    """Once cached (on the first show, as a panel does), the legend paints its entries
    itself: they paint nothing on their own, and the picture is the one Qt draws
    from the entries one by one; an export draws them as themselves again."""
    w, legend, _a = _legend_plot(qtbot)
    base.cache_static_items(w.scene())
    entries = legend._entries()
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
    legend._flat = False                                 # the entries still paint nothing: gone
    legend.update()
    assert w.grab().toImage() != flat
    legend._flat = True
    legend.update()
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
    assert all(e.flags() & QGraphicsItem.ItemHasNoContents for e in legend._entries())
    assert w.grab().toImage() == _unflat_uncached(w)


@pytest.mark.parametrize("angle,value", [(90, 0.3137), (0, -0.4471), (90, 1e300), (0, float("nan")), (90, -np.inf)])
def test_a_rule_is_an_infinite_line_hidden_where_it_has_no_place(qtbot, angle, value):
    """plotting.rule draws what pyqtgraph's InfiniteLine draws; at a value that is
    not a number it draws nothing and the view keeps its range (no error)."""
    def grab(make):
        w = pg.PlotWidget()
        qtbot.addWidget(w)
        w.resize(300, 220)
        w.setRange(xRange=(-1.03, 1.07), yRange=(-1.11, 0.97), padding=0)
        line = make(w.getPlotItem())
        w.show()
        qtbot.waitExposed(w)
        return w, line

    pen = pg.mkPen("#444")
    w, rule = grab(lambda plot: base.rule(plot, angle=angle, pen=pen, pos=0.0))
    rule.setValue(value)
    ours = w.grab().toImage()
    w_none, _ = grab(lambda plot: None)
    plain = w_none.grab().toImage()
    if np.isfinite(value):
        w_pg, _ = grab(lambda plot: plot.addItem(pg.InfiniteLine(angle=angle, pen=pen, pos=value)))
        assert ours == w_pg.grab().toImage()
        assert rule.value() == value and (ours != plain or abs(value) > 10)
    else:
        assert ours == plain and not rule.isVisible()
