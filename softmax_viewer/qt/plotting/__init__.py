"""The plotting layer: the one part of the program that knows pyqtgraph.

Panels and labs build their plots through these functions and classes and
nothing else: items are made once (``curve``, ``bars``, ``dots``, ``marks``,
``rule``, ``image``, ``legend``) and updated in place (``setData`` /
``setOpts`` / ``setValue`` / ``setImage``). A few are drawn by items of our own
that measured faster than pyqtgraph's (the figures are in benchmarks/README.md,
"The plotting layer"); the rest are pyqtgraph's. Export reaches the items
through ``plotting.exporting`` only.

``SOFTMAX_VIEWER_STOCK_ITEMS`` (a comma-separated list of kinds: curve, dots,
bars, image, legend, ticks, scene, viewport) makes the
layer draw those kinds with stock pyqtgraph: the benchmark's measure of what
each custom piece saves.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from softmax_viewer.qt.plotting import stock
from softmax_viewer.qt.plotting.bars import Bars
from softmax_viewer.qt.plotting.class_axis import ClassAxis, class_range, class_ticks, tick_step
from softmax_viewer.qt.plotting.dots import Dots
from softmax_viewer.qt.plotting.follow import ViewFollow, context_menu, follow, install_view_keys
from softmax_viewer.qt.plotting.image import Image
from softmax_viewer.qt.plotting.items import Curve, Rule
from softmax_viewer.qt.plotting.legend import FlatLegend
from softmax_viewer.qt.plotting.panel import PlotPanel, SteadyText
from softmax_viewer.qt.plotting.schemes import (DARK, LIGHT, SCHEMES, PlotScheme, restyle, set_scheme, style_new,
                                                current as current_scheme)
from softmax_viewer.qt.plotting.switches import STOCK
from softmax_viewer.qt.plotting.scene import LEFT_AXIS_WIDTH, cache_static_items, fix_left_axes, repaint_lean
from softmax_viewer.qt.plotting.views import (VIEW_LIMIT, TextCache, finite_or_nan, nice_ceiling, steady_ceiling,
                                              steady_range, viewable)


# Antialiasing is turned on per item (curves and markers): bars, axes and
# images do not need it, and in software rendering it costs a third of every paint.
# The colours are the light scheme's (schemes.LIGHT); set_scheme sets them for another.
pg.setConfigOptions(antialias=False, background=LIGHT.background, foreground=LIGHT.foreground)

# The data colours, written for a white plot; the dark scheme draws them as they are
# (each stands above 3:1 against its background) and lightens the dark greys (schemes.ink).
BLUE = "#1f77b4"
ORANGE = "#ff7f0e"
GREEN = "#2ca02c"
RED = "#d62728"
GREY = "#7f7f7f"
PURPLE = "#9467bd"
DASH = Qt.DashLine

pen = pg.mkPen
brush = pg.mkBrush
colour = pg.mkColor
colormap = pg.colormap


def _added(plot, item, name=None):
    plot.addItem(item)          # (pyqtgraph puts a named scatter in the legend itself)
    legend = plot.legend
    if name and legend is not None and not any(sample.item is item for sample, _label in legend.items):
        legend.addItem(item, name)
    return style_new(item)


def curve(plot, pen, name=None, connect="finite", antialias=True):
    """A line through (x, y) in ``plot`` (and its legend, when named); NaN breaks it
    (``connect="finite"``), ``connect="pairs"`` draws separate segments."""
    make = stock.stock_curve if "curve" in STOCK else Curve
    return _added(plot, make(pen, name=name, connect=connect, antialias=antialias), name)


def bars(plot, brush, width=0.6, name=None):
    """Filled bars without outline: ``setOpts(x, height=..., y0=..., y1=..., width=...)``."""
    make = stock.StockBars if "bars" in STOCK else Bars
    return _added(plot, make(brush, width=width, name=name), name)


def dots(plot, size=10, pen="k", brush=BLUE, symbol="o", name=None):
    """A few markers of a fixed size in pixels: ``setData(x, y, brushes=None)``."""
    make = stock.StockDots if "dots" in STOCK else Dots
    return _added(plot, make(size=size, pen=pen, brush=brush, symbol=symbol, name=name), name)


def marks(plot, symbol="x", size=14, brush=RED, pen=None, name=None):
    """Scatter marks that are usually absent (overflow flags): ``setData(x, y)``."""
    return _added(plot, pg.ScatterPlotItem([], [], symbol=symbol, size=size, brush=brush, pen=pen, name=name), name)


def rule(plot, angle=90, pen=None, pos=0.0, **label):
    """A line across the view at x (``angle=90``) or y (``angle=0``): ``setValue(v)``, hidden at NaN;
    ``label``: pyqtgraph's InfiniteLine label options (``label="text", labelOpts={...}``)."""
    return _added(plot, Rule(pos=pos, angle=angle, pen=pen if pen is not None else "#999", **label))


def labelled_rule(plot, pen, label, position=0.3, colour_=RED):
    """A horizontal line with a label on it (a threshold, a bound)."""
    return _added(plot, Rule(angle=0, pen=pen, label=label,
                              labelOpts={"position": position, "color": colour_, "fill": (255, 255, 255, 220)}))


def labels(plot, count, colour_="#333", size="8pt"):
    """``count`` small text labels in ``plot``, set with ``place(labels, xs, ys, texts)``."""
    made = []
    for _ in range(count):
        item = pg.TextItem("", color=colour_, anchor=(0.5, 1.0))
        font = QFont()
        font.setPointSize(int(size.rstrip("pt")))
        item.setFont(font)
        plot.addItem(item)
        made.append(style_new(item))
    return made


def place(items, xs, ys, texts) -> None:
    """Put each label at (x, y) with its text; labels past the data are hidden."""
    shown = 0
    for item, x, y, t in zip(items, xs, ys, texts):
        if item.textItem.toPlainText() != t:          # a new text lays the item out again: only when it changes
            item.setText(t)
        pos = item.pos()
        if pos.x() != float(x) or pos.y() != float(y):
            item.setPos(float(x), float(y))
        if not item.isVisible():
            item.setVisible(True)
        shown += 1
    for item in items[shown:]:
        if item.isVisible():
            item.setVisible(False)


def scatter(plot, size=8, brush=BLUE, symbol="o"):
    """A scatter of a few points (``setData(x, y)``), pyqtgraph's own."""
    return _added(plot, pg.ScatterPlotItem([], [], symbol=symbol, size=size, brush=brush))


def image(plot, data=None, levels=None):
    """A colour-mapped image: ``setImage(values, levels=...)``, ``setRect(rect)``, ``setColorMap``.
    Made with ``data`` and ``levels``, the levels a colour bar hands it are taken at once."""
    args = (data,) if data is not None else ()
    kwargs = {"levels": levels} if levels is not None else {}
    return _added(plot, (pg.ImageItem if "image" in STOCK else Image)(*args, **kwargs))


def arrow(plot, **opts):
    return _added(plot, pg.ArrowItem(**opts))


def colour_bar(plot, item, colormap_, width=12):
    """A colour bar beside ``plot`` for the image ``item``."""
    bar = pg.ColorBarItem(colorMap=colormap_, interactive=False, width=width)
    bar.setImageItem(item, insert_in=plot)
    return bar


def legend(plot, **opts):
    """``plot``'s legend (``offset``, ``labelTextSize``, ``brush`` as pyqtgraph's)."""
    if "legend" in STOCK:
        return style_new(plot.addLegend(**opts))
    return style_new(FlatLegend.add_to(plot, **opts))


def plot_widget():
    """A widget holding one plot: (widget, plot)."""
    w = pg.PlotWidget()
    return w, w.getPlotItem()


def layout_widget():
    """A widget holding a grid of plots (``addPlot(row=, col=)``)."""
    return pg.GraphicsLayoutWidget()


def plots_of(layout_widget_) -> list:
    """The plots in a layout widget, in the order they were added."""
    return [item for item in layout_widget_.ci.items if isinstance(item, pg.PlotItem)]




__all__ = [
    "BLUE", "ORANGE", "GREEN", "RED", "GREY", "PURPLE", "DASH", "STOCK", "VIEW_LIMIT", "LEFT_AXIS_WIDTH",
    "pen", "brush", "colour", "colormap", "curve", "bars", "dots", "marks", "rule", "labelled_rule", "scatter",
    "image", "arrow", "colour_bar", "legend", "labels", "place", "plot_widget", "layout_widget", "plots_of", "context_menu",
    "PlotPanel", "SteadyText", "TextCache", "ClassAxis", "class_ticks", "class_range", "tick_step",
    "finite_or_nan", "nice_ceiling", "steady_ceiling", "steady_range", "viewable",
    "cache_static_items", "fix_left_axes", "repaint_lean", "follow", "install_view_keys", "ViewFollow",
    "PlotScheme", "LIGHT", "DARK", "SCHEMES", "set_scheme", "restyle", "current_scheme",
]
