"""The plots' colour schemes, light and dark, and how a plot already drawn follows a new one.

Every colour the panels and labs give the layer is written for a white page
(``BLUE``, a black marker outline, a grey zero line, a white legend box). The
light scheme draws them as written. The dark scheme draws the plot's
background, axes, titles and legend text in its own two colours and passes the
rest through two maps:

- ``ink`` (pens, text, the fills of data): a grey darker than mid-grey becomes
  the light grey of the same distance from white (black outlines and labels
  turn light); a colour that would stand at less than 3:1 against the dark
  background (the WCAG figure for graphics) is lightened until it does.
  The layer's data colours (``BLUE`` ... ``PURPLE``) all stand above 3:1 on
  it: they keep their colour in both schemes, so a figure reads the same.
- ``paper`` (a legend's box, a label's backing): a light grey or white becomes
  the dark background, its transparency kept.

What an item was given is kept on it the first time it is restyled
(``_light_colours``), so switching back and forth never drifts. New items made
through the layer's factories take the scheme of the moment (``style_new``);
new views and axes take it from pyqtgraph's configuration, which ``set_scheme``
sets.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen

from softmax_viewer.qt.plotting.bars import Bars
from softmax_viewer.qt.plotting.dots import Dots
from softmax_viewer.qt.plotting.exporting import plot_views
from softmax_viewer.qt.plotting.items import Curve


@dataclass(frozen=True)
class PlotScheme:
    """The colours a plot is drawn in: ``background`` behind it, ``foreground`` for its
    axes, tick labels, titles and legend text."""

    name: str
    dark: bool
    background: str
    foreground: str


LIGHT = PlotScheme("light", False, "#ffffff", "#222222")
DARK = PlotScheme("dark", True, "#1e1e1e", "#d4d4d4")
SCHEMES = {s.name: s for s in (LIGHT, DARK)}
GRAPHICS_CONTRAST = 3.0                # WCAG 2's least contrast for the parts of a graphic

_current = [LIGHT]


def current() -> PlotScheme:
    """The scheme plots are drawn in now."""
    return _current[0]


def set_scheme(scheme: PlotScheme, *widgets) -> None:
    """Draw new plots in ``scheme``, and restyle the plots inside each of ``widgets``."""
    _current[0] = scheme
    pg.setConfigOptions(background=scheme.background, foreground=scheme.foreground)
    for w in widgets:
        restyle(w, scheme)


# ---------------------------------------------------------------- colour maps

def _luminance(c: QColor) -> float:
    def lin(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF())


def contrast(a, b) -> float:
    """WCAG 2's contrast ratio of two colours (1 to 21), alpha ignored."""
    la, lb = sorted((_luminance(pg.mkColor(a)), _luminance(pg.mkColor(b))))
    return (lb + 0.05) / (la + 0.05)


def _neutral(c: QColor) -> bool:
    return c.hslSaturationF() < 0.15 or c.lightnessF() < 0.06


def ink(colour, scheme: PlotScheme) -> QColor:
    """``colour`` (of a line, a text or a marker, written for white) as ``scheme`` draws it."""
    c = QColor(pg.mkColor(colour))
    if not scheme.dark or not c.isValid():
        return c
    alpha = c.alpha()
    if _neutral(c) and c.lightnessF() < 0.45:
        c = QColor.fromHslF(c.hslHueF() if c.hslHueF() >= 0 else 0.0, c.hslSaturationF(),
                            min(0.88, 1.0 - c.lightnessF()))
    else:
        h, s, lightness = c.hslHueF(), c.hslSaturationF(), c.lightnessF()
        while contrast(c, scheme.background) < GRAPHICS_CONTRAST and lightness < 0.95:
            lightness = min(0.95, lightness + 0.03)
            c = QColor.fromHslF(max(h, 0.0), s, lightness)
    c.setAlpha(alpha)
    return c


def paper(colour, scheme: PlotScheme) -> QColor:
    """``colour`` (of a box behind text: a legend, a label) as ``scheme`` draws it."""
    c = QColor(pg.mkColor(colour))
    if not scheme.dark or not c.isValid() or not (_neutral(c) and c.lightnessF() > 0.6):
        return c
    out = QColor(scheme.background)
    out.setAlpha(c.alpha())
    return out


def _pen(pen, scheme) -> QPen:
    out = QPen(pen)
    if out.style() != Qt.NoPen:
        out.setColor(ink(pen.color(), scheme))
    return out


def _brush(brush, scheme, role=ink) -> QBrush:
    out = QBrush(brush)
    if out.style() != Qt.NoBrush:
        out.setColor(role(brush.color(), scheme))
    return out


# ---------------------------------------------------------------- items

def _light(item, read):
    """The colours ``item`` was made with (read once, then kept on it)."""
    try:
        return item._light_colours
    except AttributeError:
        item._light_colours = read()
        return item._light_colours


def _set_curve_pen(item: Curve, pen: QPen) -> None:
    """A Curve drawn with ``pen`` from now on.

    Curve has no setPen: what it derives from its pen (the thin strokes of a wide
    line, the fill of level marks) is made by a Curve made with the new pen and
    taken from it. (A ``Curve.setPen`` in items.py would replace this.)
    """
    if hasattr(item, "setPen"):
        item.setPen(pen)
        return
    made = Curve(pen, name=item.opts["name"], connect=item._connect, antialias=item.opts["antialias"])
    item.opts["pen"] = made.opts["pen"]
    item._fast, item._level_fill = made._fast, made._level_fill
    item.setData(*item.getData())              # the level marks again, with the new fill


def _set_dots_style(item: Dots, pen: QPen, brush: QBrush) -> None:
    """Dots drawn with ``pen`` and (for points without their own brush) ``brush``
    from now on: taken from Dots made with them, as for ``_set_curve_pen``."""
    made = Dots(size=item.opts["size"], pen=pen, brush=brush, symbol=item.opts["symbol"], name=item.opts["name"])
    item._pen, item._brush, item._plain = made._pen, made._brush, made._plain
    item.opts.update(pen=pen, brush=made._brush)
    brushes = item._brushes
    item._grouped = None                       # the groups' pictures depend on the pen: grouped again
    item.setData(*item.getData(), brushes=brushes)


def restyle_item(item, scheme: PlotScheme) -> None:
    """Draw ``item`` (any item of a plot's scene) in ``scheme``."""
    fg = QColor(scheme.foreground)
    if isinstance(item, Curve):
        pen = _light(item, lambda: QPen(item.opts["pen"]))
        _set_curve_pen(item, _pen(pen, scheme))
    elif isinstance(item, Dots):
        pen, brush = _light(item, lambda: (pg.mkPen(item.opts["pen"]), QBrush(item.opts["brush"])))
        _set_dots_style(item, _pen(pen, scheme), _brush(brush, scheme))
    elif isinstance(item, Bars) or isinstance(item, pg.BarGraphItem):
        brush = _light(item, lambda: QBrush(pg.mkBrush(item.opts["brush"])))
        if isinstance(item, Bars):
            item.opts["brush"] = _brush(brush, scheme)
            item.update()
        else:
            pg.BarGraphItem.setOpts(item, brush=_brush(brush, scheme))
    elif isinstance(item, pg.PlotCurveItem):
        pen = _light(item, lambda: QPen(pg.mkPen(item.opts["pen"])))
        item.setPen(_pen(pen, scheme))
    elif isinstance(item, pg.ScatterPlotItem):
        pen, brush = _light(item, lambda: (QPen(pg.mkPen(item.opts["pen"])), QBrush(pg.mkBrush(item.opts["brush"]))))
        item.setPen(_pen(pen, scheme))
        item.setBrush(_brush(brush, scheme))
    elif isinstance(item, pg.InfiniteLine):
        pen = _light(item, lambda: QPen(item.pen))
        item.setPen(_pen(pen, scheme))
    elif isinstance(item, pg.TextItem):        # labels, and the labels of InfiniteLines
        colour, fill, border = _light(item, lambda: (QColor(item.color), QBrush(item.fill), QPen(item.border)))
        item.setColor(ink(colour, scheme))
        item.fill = _brush(fill, scheme, paper)
        item.border = _pen(border, scheme)
        item.update()
    elif isinstance(item, pg.ArrowItem):
        pen, brush = _light(item, lambda: (QPen(pg.mkPen(item.opts["pen"])), QBrush(pg.mkBrush(item.opts["brush"]))))
        item.setStyle(pen=_pen(pen, scheme), brush=_brush(brush, scheme))
    elif isinstance(item, pg.LegendItem):
        pen, brush, text = _light(item, lambda: (QPen(item.opts["pen"]), QBrush(item.opts["brush"]),
                                                 item.opts["labelTextColor"]))
        item.setPen(_pen(pen, scheme))
        item.setBrush(_brush(brush, scheme, paper))
        item.setLabelTextColor(fg if text is None else ink(text, scheme))
        for _sample, label in item.items:      # (pyqtgraph sets the colour, and draws the old text)
            label.setText(label.text)
        item.update()
    elif isinstance(item, pg.LabelItem) and not isinstance(item.parentItem(), pg.LegendItem):
        colour = _light(item, lambda: item.opts["color"])     # titles: None, the foreground
        item.setText(item.text, color=fg if colour is None else ink(colour, scheme))
    elif isinstance(item, pg.AxisItem):
        item.setPen(fg)
        item.setTextPen(fg)
        item.update()


def style_new(item):
    """``item``, just made with colours written for white, in the scheme of the moment."""
    if current() is not LIGHT:
        for part in _with_children(item):      # (a rule's label, a legend's entries)
            restyle_item(part, current())
    return item


def _with_children(item) -> list:
    out = [item]
    for child in item.childItems():
        out.extend(_with_children(child))
    return out


def restyle(widget, scheme: PlotScheme | None = None) -> None:
    """Draw every plot inside ``widget`` in ``scheme`` (the current one by default)."""
    scheme = scheme or current()
    for view in plot_views(widget):
        view.setBackground(scheme.background)
        for item in view.scene().items():
            restyle_item(item, scheme)
        view.viewport().update()


def background(view) -> QColor:
    """The colour ``view`` (a plot widget) fills its background with."""
    return QColor(view.backgroundBrush().color())
