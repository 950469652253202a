"""What the window paints: the screen after a drag, the plots' backgrounds, bounds and kept axis pictures."""
import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtWidgets import QApplication, QGraphicsView

from softmax_viewer.qt.plotting import ticks as axis_module
from softmax_viewer.qt.plotting.scene import NATIVE_BOUNDS
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState


@pytest.mark.parametrize("n", [10, 1000])
def test_screen_after_a_drag_is_a_full_repaint(qtbot, n):
    """Tick by tick only what changed is repainted, over what was there (and the
    plots' viewports are not filled by Qt before the view fills them): the pixels
    on screen after a drag are those of the whole window painted afresh."""

    app = QApplication.instance()
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n)
    w = MainWindow(st, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.open_lab("precision")
    qtbot.waitExposed(w)
    for ctl in (w.controls.scale, w.controls.temperature):
        ctl.slider.setSliderDown(True)
        for _ in range(12):
            ctl.slider.setValue(ctl.slider.value() + 25)
            app.processEvents()
            app.processEvents()
        ctl.slider.setSliderDown(False)
    for _ in range(3):
        app.processEvents()
    screen = QGuiApplication.primaryScreen()
    shown = screen.grabWindow(w.winId()).toImage()          # the window, its lab docked in it
    fresh = w.grab().toImage().convertToFormat(shown.format())
    assert shown == fresh


def test_plot_views_fill_their_background_once_without_a_cached_copy(qtbot):
    """Each plot (main window and labs) fills its background with its own solid brush:
    the viewport does not fill it first, and no cached pixmap is copied under a repaint."""


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


def test_titles_and_legends_answer_their_bounds_in_qt(qtbot):
    """Titles and legends answer Qt's bounds queries from C++ (no call into Python),
    with the rectangle pyqtgraph's own boundingRect gives, before and after a resize."""
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.store.flush()
    items = [it for view in w.findChildren(pg.GraphicsView) for it in view.scene().items()
             if type(it) in NATIVE_BOUNDS]
    assert len(items) >= 10 and all("boundingRect" in vars(it) for it in items)
    for size in ((1400, 900), (1000, 700)):
        w.resize(*size)
        qtbot.wait(20)
        for it in items:
            assert it.boundingRect() == type(it).boundingRect(it), type(it).__name__
            assert it.shape().boundingRect() == it.boundingRect()


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


def test_kept_axis_pictures_are_the_fresh_layouts(qtbot):
    """Values stepped in turn bring axes back to ranges they have shown, drawn from
    the pictures the axes keep: each kept picture is the one a fresh layout of the
    axis makes."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    w = MainWindow(st, remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    app = QApplication.instance()
    for _ in range(3):
        app.processEvents()
    for _ in range(3):
        for name, values in (("temperature", (0.8, 1.1, 1.5, 2.0)), ("scale", (0.5, 1.0, 3.0))):
            for v in values:
                getattr(w.controls, name).spin.setValue(v)
                app.processEvents()
                app.processEvents()
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
