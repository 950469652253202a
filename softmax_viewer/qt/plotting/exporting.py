"""What an export needs of the plots: pens widened for a large PNG, items drawn as
themselves (no caches, legends not flat, curves with their real pens), and
pyqtgraph's own SVG of each plot. The one place that knows the items' insides.
"""
from __future__ import annotations

from contextlib import contextmanager

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QWidget

from softmax_viewer.qt.plotting.dots import Dots
from softmax_viewer.qt.plotting.items import Curve
from softmax_viewer.qt.plotting.legend import FlatLegend

def _wider(pen, scale: float):
    """A cosmetic pen ``scale`` times as wide (its dashes, in units of its width, follow)."""
    if pen is None or not pen.isCosmetic() or pen.style() == Qt.NoPen:
        return pen
    out = QPen(pen)
    out.setWidthF(max(pen.widthF(), 1.0) * scale)
    return out


@contextmanager
def pens_widened(widget, scale: float):
    """Lines as thick, relative to the figure, in a PNG ``scale`` times the screen's size.

    pyqtgraph draws with cosmetic pens, whose width is in device pixels: a 3x
    picture drew every curve, marker outline and axis at a third of its
    width on screen. For the export the plots' pens are widened by ``scale``
    and put back afterwards.
    """
    if scale == 1.0:
        yield
        return
    undo = []

    def swap(obj, get, put):
        old = get(obj)
        new = _wider(old, scale)
        if new is not old:
            put(obj, new)
            undo.append((obj, put, old))

    for view in plot_views(widget):
        for item in view.scene().items():
            if isinstance(item, Curve):
                swap(item, lambda o: o.opts["pen"], lambda o, v: o.opts.__setitem__("pen", v))
            elif isinstance(item, Dots):
                swap(item, lambda o: o._pen, lambda o, v: setattr(o, "_pen", v))
            elif isinstance(item, pg.InfiniteLine):
                swap(item, lambda o: o.currentPen, lambda o, v: setattr(o, "currentPen", v))
            elif isinstance(item, pg.AxisItem):
                # its own pen, None for the default one: put back as it was
                undo.append((item, lambda o, v: setattr(o, "_pen", v), item._pen))
                item._pen = _wider(item.pen(), scale)
                item.picture = None                 # its ticks are recorded with the pen
            elif isinstance(item, pg.ArrowItem):
                swap(item, lambda o: o.pen(), lambda o, v: o.setPen(v))
    try:
        yield
    finally:
        for obj, put, old in reversed(undo):
            put(obj, old)
            if isinstance(obj, pg.AxisItem):        # its ticks again with the screen's pen
                obj.picture = None
                obj.update()


def plot_views(widget) -> list:
    """The pyqtgraph views in ``widget`` (itself, if it is one)."""
    return ([widget] if isinstance(widget, pg.GraphicsView) else []) + widget.findChildren(pg.GraphicsView)


def plot_background(widget) -> QColor:
    """The background the plots in ``widget`` are drawn on (the layer's own, where it
    holds none): the one background of an export."""
    for view in plot_views(widget):
        brush = view.backgroundBrush()
        if brush.style() == Qt.SolidPattern and brush.isOpaque():
            return QColor(brush.color())
    return QColor(pg.mkColor(pg.getConfigOption("background")))


@contextmanager
def drawn_as_items(widget):
    """On screen, axes and legends are drawn from pixmap caches, and a legend
    as one picture; an export draws them afresh, each item as itself, so that
    text stays text in a PDF or SVG and sharp at any PNG scale."""
    flat, saved = [], []
    for view in plot_views(widget):
        for item in view.scene().items():
            if isinstance(item, FlatLegend) and item.is_flat():
                item.set_flat(False)
                flat.append(item)
            mode = item.cacheMode()
            if mode != QGraphicsItem.NoCache:
                saved.append((item, mode))
                item.setCacheMode(QGraphicsItem.NoCache)
    try:
        yield
    finally:
        for item, mode in saved:
            item.setCacheMode(mode)
        for legend in flat:
            legend.set_flat(True)


def render_widget(widget, device) -> bool:
    with drawn_as_items(widget):
        p = QPainter(device)
        Curve.exact = True             # wide lines as the pen itself, not the screen's thin strokes
        try:
            widget.render(p, QPoint(0, 0))
        finally:
            Curve.exact = False
            ok = p.end()
    return ok


def plot_svgs(view):
    """A pyqtgraph view through pyqtgraph's SVG exporter: [(svg, offset in the view)].

    It keeps cosmetic pens thin and clips curves to their plots, which
    QSvgGenerator does not do for pyqtgraph's items.  A layout of several plots
    is exported plot by plot: exported whole, its images land in the wrong place.
    """
    central = view.centralWidget
    items = list(central.items) if isinstance(central, pg.GraphicsLayout) else [central]
    out = []
    for item in items:
        if not item.isVisible():
            continue
        svg = pg_exporters.SVGExporter(item).export(toBytes=True)
        out.append((svg, view.mapFromScene(item.mapToScene(QPointF(0, 0)))))
    return out


def svg_parts(root):
    """The widget tree cut into pieces: pyqtgraph views, and maximal parts without one."""
    parts = []

    def walk(w):
        if isinstance(w, pg.GraphicsView):
            parts.append(("pg", w))
        elif not w.findChildren(pg.GraphicsView):
            parts.append(("qt", w))
        else:
            for c in w.children():
                if isinstance(c, QWidget) and not c.isWindow() and c.isVisibleTo(root):
                    walk(c)
    walk(root)
    return parts
