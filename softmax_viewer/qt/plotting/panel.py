"""A plot panel: a titled pyqtgraph plot that follows the bundle, and a steady line of text."""
from __future__ import annotations


import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (QColor, QFont, QFontMetrics, QPainter, QStaticText)
from PySide6.QtWidgets import (QSizePolicy, QVBoxLayout, QWidget)

from softmax_viewer.qt.backdrop import Backdrop
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting.follow import follow, install_view_keys
from softmax_viewer.qt.plotting.scene import cache_static_items, fix_left_axes, repaint_lean
from softmax_viewer.qt.plotting.schemes import DARK, ink
from softmax_viewer.qt.plotting.views import TextCache

def _alike(a: tuple, b: tuple) -> bool:
    """Parts the very same objects, texts equal."""
    return len(a) == len(b) and all(x is y or (isinstance(x, str) and x == y) for x, y in zip(a, b))


def follow_views(plots, text, redraw) -> list:
    """A ViewFollow for each of ``plots``, and Home / double-click on their views to reset them."""
    followers = [follow(p, text, redraw) for p in plots]
    views = {id(v): v for p in plots if p.scene() is not None for v in p.scene().views()}
    for v in views.values():
        install_view_keys(v, lambda: followers)
    return followers


class PlotPanel(QWidget):
    """A panel with one pyqtgraph PlotWidget (subclasses may add more)."""

    # a subclass' title and tooltip, marked QT_TRANSLATE_NOOP("", ...): shown through tr
    title = ""
    tooltip = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget, self.plot = self.make_view()
        repaint_lean(self.plot_widget)
        self.plot.setTitle(tr(self.title), size="11pt")
        # no grid: pyqtgraph draws it with alpha blending at ~12 ms a plot in software
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.plot_widget)
        self.setToolTip(self.tooltip_text())
        self.bundle = None
        self._refresh_pending = False
        self._cached = False           # static items are cached on the first show
        self._drawn = None             # what of the last bundle drawn this panel showed (see shows)
        self.text = TextCache()
        self.followers = []            # one ViewFollow a plot, made on the first show

    def showEvent(self, event):
        super().showEvent(event)
        if not self._cached:
            self._cached = True
            cache_static_items(self.plot_widget.scene())
            fix_left_axes(self.plot_widget.scene())
            self.followers = follow_views(self.plots(), self.text, self.redraw)

    def redraw(self) -> None:
        """Draw the last bundle again (a view reset by the user)."""
        if self.bundle is not None:
            self.plot_bundle(self.bundle)

    def tooltip_text(self) -> str:
        """The panel's tooltip in the user's language (a subclass fills in its numbers here)."""
        return tr(self.tooltip)

    def make_view(self):
        """The pyqtgraph widget and its main plot (a panel may build more plots)."""
        w = pg.PlotWidget()
        return w, w.getPlotItem()

    def plots(self) -> list:
        """Every plot of the panel (its right-click menus export it)."""
        return [self.plot]

    def plot_bundle(self, bundle) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def shows(self, bundle):
        """What of ``bundle`` this panel draws, as a tuple of the bundle's parts (kept
        by the Computer while their inputs stay) and texts; None: all of it."""
        return None

    def draw(self, bundle) -> None:
        """Draw ``bundle``; a panel whose part of it is the one already drawn does
        nothing (and Qt repaints nothing of it)."""
        part = self.shows(bundle)
        if part is not None and self._drawn is not None and _alike(part, self._drawn):
            self.bundle = bundle
            return
        for f in self.followers:
            f.follow_data()
        self.plot_bundle(bundle)
        self._drawn = part

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # tick labels are spaced for the plot's size: redo them once the plot's
        # own layout has followed (it is laid out after this event)
        if self.bundle is not None and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._refresh)

    def _refresh(self):
        self._refresh_pending = False
        if self.bundle is not None:
            self.plot_bundle(self.bundle)


class SteadyText(QWidget):
    """A note of a fixed number of lines that changes while a slider moves.

    A QLabel asks its layout to recompute on every setText (its size hint may
    follow the text): inside a tab widget that repainted the whole tab page,
    tab bar and frame on every tick (1.5 ms). This widget has a fixed height
    and a size hint that never changes, and lays its (plain, word-wrapped)
    text out only when it paints: a new text repaints just its own rectangle.
    """

    def __init__(self, lines: int = 2, point_size: float = 9.0, colour: str = "#444", padding: int = 2,
                 parent=None):
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        self.setFont(font)
        self._colour = QColor(colour)
        self._on_dark = ink(colour, DARK)
        self._pad = padding
        self._text = ""
        self._static = QStaticText()
        # plain text: QStaticText lays rich text out through a QTextDocument, ~0.4 ms a time
        self._static.setTextFormat(Qt.PlainText)
        self.setFixedHeight(QFontMetrics(font).lineSpacing() * lines + 2 * padding + 2)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        # a new text repaints this line alone, not the window, tab frame and page behind it
        self.backdrop = Backdrop(self)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._static.setText(text)
            self.setAccessibleName(text)
            self.update()

    def sizeHint(self):
        return QSize(120, self.height())

    def minimumSizeHint(self):
        return QSize(0, self.height())

    def paintEvent(self, _event):
        p = QPainter(self)
        p.setPen(self._on_dark if self.palette().window().color().lightness() < 128 else self._colour)
        width = max(1, self.width() - 2 * self._pad)
        if self._static.textWidth() != width:
            self._static.setTextWidth(width)
        p.setClipRect(self.rect())
        p.drawStaticText(self._pad, self._pad, self._static)
        p.end()
