"""Tuning of a plot's scene and view: cached static items, fixed axes, lean repaints."""
from __future__ import annotations


import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsView, QGraphicsWidget)

from softmax_viewer.qt.plotting.fitting import FittedTitle
from softmax_viewer.qt.plotting.legend import FlatLegend
from softmax_viewer.qt.plotting.switches import STOCK
from softmax_viewer.qt.plotting.ticks import use_lean_specs

LEFT_AXIS_WIDTH = 54


CACHED_ITEMS = ("AxisItem", "LegendItem", "FlatLegend", "ItemSample", "LabelItem", "FittedTitle", "QGraphicsTextItem")
NATIVE_BOUNDS = (pg.LabelItem, pg.LegendItem, FlatLegend, FittedTitle)


def cache_static_items(scene) -> None:
    """Axes, titles and legends are kept as pixmaps on screen.

    They change only when a range or a label does; while a slider moves,
    Qt repaints them from the pixmap instead of laying out their text again.
    (Exports to PDF and SVG draw them as vectors: Qt uses these caches for
    raster devices only.) When a range does move, the axis lays its ticks
    out with ``axis.lean_draw_specs``: the same layout at about a third of
    pyqtgraph's cost.
    """
    tune = "scene" not in STOCK
    for item in scene.items():
        if tune and type(item).__name__ in CACHED_ITEMS:
            item.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        if isinstance(item, pg.AxisItem) and "ticks" not in STOCK:
            use_lean_specs(item)
        if tune and type(item) in NATIVE_BOUNDS and item.transform().isIdentity():
            # Qt asks titles and legends for their bounds several times a paint (70 calls
            # into Python a tick); pyqtgraph's answer, for an item that is not transformed,
            # is Qt's own: the rectangle of the item's size
            item.boundingRect = QGraphicsWidget.boundingRect.__get__(item)
            item.shape = QGraphicsWidget.shape.__get__(item)
        if tune and _paints_nothing(item):
            # Qt then skips it when painting (its children are still drawn) instead
            # of asking its boundingRect and calling its paint on every repaint
            item.setFlag(QGraphicsItem.ItemHasNoContents, True)
    for item in scene.items():
        if isinstance(item, FlatLegend):
            item.set_flat(True)


def _paints_nothing(item) -> bool:
    """Plots and layouts only hold other items; a view box without a border
    strokes its shape with no pen."""
    if type(item) in (pg.PlotItem, pg.GraphicsLayout):
        return True
    return (isinstance(item, pg.ViewBox) and type(item).paint is pg.ViewBox.paint
            and (item.border is None or item.border.style() == Qt.NoPen))


def fix_left_axes(scene, width: int = LEFT_AXIS_WIDTH) -> None:
    """A fixed width for every plot's left axis: when a range moves and its tick
    labels grow or shrink, the plot keeps its place (no re-layout of the plot,
    its other axes and its items, no jitter)."""
    for item in scene.items():
        if (isinstance(item, pg.AxisItem) and item.orientation == "left" and item.isVisible()
                and type(item.parentItem()) is pg.PlotItem):     # not a ColorBarItem's
            item.setWidth(width)


def repaint_lean(view) -> None:
    """Let ``view`` repaint the one rectangle around what changed, each pixel once.

    Qt's default keeps the exact region of every changed item (a curve, an
    axis, a legend): clipping each paint to a region of several rectangles
    cost more than the few pixels it saves, as a plot changes nearly all over
    on every tick of a drag (5 % fewer instructions a tick). The background is
    filled by the view alone (``paint_background_once``).
    """
    if "viewport" in STOCK:
        return
    view.setViewportUpdateMode(QGraphicsView.BoundingRectViewportUpdate)
    paint_background_once(view)


def paint_background_once(view) -> None:
    """Let ``view`` fill its background itself, and Qt not fill it first.

    A viewport fills what it repaints with its palette's base colour, and the
    view then fills the same pixels with its background brush: every repainted
    pixel of every plot written twice (about 0.6 Mpx a tick of a drag). With a
    brush that covers the viewport, the view's fill is enough. pyqtgraph has the
    view keep its background as a pixmap and copy it under each repaint; a solid
    brush is filled directly instead (a write per pixel, not a read and a write).
    """
    if view.backgroundBrush().style() == Qt.SolidPattern and view.backgroundBrush().isOpaque():
        view.viewport().setAttribute(Qt.WA_OpaquePaintEvent, True)
        view.setCacheMode(QGraphicsView.CacheNone)
