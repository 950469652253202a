"""Plots that fit a narrow panel: titles that give up their width, legends beside the data.

A pyqtgraph plot is as wide as its widest title: the title's LabelItem makes its
text's width the plot's minimum, and in a panel narrower than that the plot is
laid out wider than its view and cut off on the right (the last bar, the loss
curves' right end). ``fit_title`` gives the plot a ``FittedTitle``, whose
minimum width is 0: it shows its whole text where it fits, else the first of
the shorter forms the panel gave that fits, else that one elided.

``legend_below`` moves a legend out of the view, under the plot's bottom axis,
in as many columns as the plot's width holds, so that it never covers a bar, a
curve or a marker.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsWidget


class FittedTitle(pg.LabelItem):
    """A title whose minimum width is 0: its whole text where it fits, else the first of
    its shorter forms (``set_shorter``) that fits, else that one elided; ``text`` is always
    the whole title."""

    def __init__(self, text=" ", parent=None, **opts):
        self._full = text
        self._shorter = (None, ())         # (the title they are of, its shorter forms)
        self._args = {}
        self._shown = None
        self._natural = 0.0
        self._height = 0.0
        super().__init__(text, parent=parent, **opts)

    # ---- what it shows ----
    def set_shorter(self, full: str, forms) -> None:
        """The shorter forms of the title ``full``, shortest last."""
        self._shorter = (full, tuple(forms))

    def shown(self) -> str:
        """The text on show (the whole title, a shorter form or an elided one)."""
        return self._shown if self._shown is not None else self._full

    def forms(self) -> tuple:
        """The whole title and its shorter forms."""
        full, forms = self._shorter
        return (self._full,) + (forms if full == self._full else ())

    def setText(self, text, **args):
        self._full = text
        self._args.update(args)
        self._natural = self._measure(text)
        self._shown = None
        self._fit()

    def _font(self) -> QFont:
        font = QFont(self.item.font())
        size = str(self.opts.get("size", ""))
        if size.endswith("pt"):
            font.setPointSizeF(float(size[:-2]))
        return font

    def _measure(self, text: str) -> float:
        margin = 2 * self.item.document().documentMargin()
        return QFontMetricsF(self._font()).horizontalAdvance(text) + margin + 2

    def _fit(self) -> None:
        room = self.size().width()
        choice = self._full
        if room > 0 and self._natural > room:
            for form in self.forms()[1:]:
                choice = form
                if self._measure(form) <= room:
                    break
            else:
                margin = 2 * self.item.document().documentMargin() + 2
                choice = QFontMetricsF(self._font()).elidedText(choice, Qt.ElideRight, max(1.0, room - margin))
        if choice != self._shown:
            self._shown = choice
            pg.LabelItem.setText(self, choice, **self._args)
            self.text = self._full
            self.setToolTip(self._full if choice != self._full else "")

    # ---- its size ----
    def updateMin(self):
        self._height = self.itemRect().height()
        self.setMinimumWidth(0)
        self.setMinimumHeight(self._height)
        self.updateGeometry()

    def sizeHint(self, which, constraint=QSizeF()):
        if which == Qt.MinimumSize:
            return QSizeF(0, self._height)
        if which == Qt.PreferredSize:
            return QSizeF(max(self._natural, 1.0), self._height)
        if which == Qt.MaximumSize:
            return QSizeF(-1, -1)
        return QSizeF(0, 0)

    def resizeEvent(self, ev):
        if ev is not None:
            self._fit()
        super().resizeEvent(ev)


def fit_title(plot) -> FittedTitle:
    """Give ``plot`` a FittedTitle in place of pyqtgraph's (its text and size kept); the title."""
    old = plot.titleLabel
    if isinstance(old, FittedTitle):
        return old
    title = FittedTitle(old.text, parent=plot, **old.opts)
    title.setVisible(old.isVisible())
    title.setMaximumHeight(old.maximumHeight())
    plot.layout.removeItem(old)
    old.setParentItem(None)
    if old.scene() is not None:
        old.scene().removeItem(old)
    plot.layout.addItem(title, 0, 1)
    plot.titleLabel = title
    return title


def set_title(plot, text: str, size: str, shorter=()) -> None:
    """``plot``'s title ``text`` (at ``size``), with the shorter forms a FittedTitle falls back on."""
    label = plot.titleLabel
    if isinstance(label, FittedTitle):
        label.set_shorter(text, shorter)
    plot.setTitle(text, size=size)


class LegendBelow:
    """A legend under its plot's bottom axis, in as many columns as the plot's width holds
    (the row it needs kept free in the plot's layout): it covers none of the data."""

    #: the row of a PlotItem's layout below its bottom axis
    ROW = 4

    def __init__(self, plot, legend, gap: float = 2.0):
        self.plot, self.legend, self.gap = plot, legend, gap
        self.room = QGraphicsWidget()          # the row's height, kept free for the legend
        self.room.setMinimumWidth(0)
        plot.layout.addItem(self.room, self.ROW, 1)
        legend.layout.setContentsMargins(4, 1, 4, 1)     # a strip under the axis, not a box over the data
        legend.setParentItem(plot)
        legend.anchor(itemPos=(0.5, 1.0), parentPos=(0.5, 1.0), offset=(0.0, -gap))
        self._columns = None
        self._width = None
        plot.geometryChanged.connect(self.fit)
        self.fit()

    def _entries(self) -> list:
        """(sample width, label width, height) of each entry, as the legend's layout asks for them."""
        out = []
        for sample, label in self.legend.items:
            a = sample.effectiveSizeHint(Qt.PreferredSize)
            b = label.effectiveSizeHint(Qt.PreferredSize)
            out.append((a.width(), b.width(), max(a.height(), b.height())))
        return out

    def size_for(self, columns: int) -> tuple[float, float]:
        """The legend's width and height laid out in ``columns`` columns."""
        entries = self._entries()
        rows = [entries[k:k + columns] for k in range(0, len(entries), columns)]
        samples, labels = [0.0] * columns, [0.0] * columns
        for row in rows:
            for c, (sample, label, _h) in enumerate(row):
                samples[c] = max(samples[c], sample)
                labels[c] = max(labels[c], label)
        lay = self.legend.layout
        left, top, right, bottom = lay.getContentsMargins()
        used = sum(1 for w in samples if w > 0)
        width = sum(samples) + sum(labels) + lay.horizontalSpacing() * max(0, 2 * used - 1) + left + right
        height = (sum(max(h for _s, _l, h in row) for row in rows) + lay.verticalSpacing() * max(0, len(rows) - 1)
                  + top + bottom)
        return width, height

    def fit(self) -> None:
        """As many columns as fit the plot's width (one at least), and the row's height to match."""
        n = len(self.legend.items)
        width = self.plot.size().width()
        if n == 0 or width == self._width:
            return
        self._width = width
        columns = next((c for c in range(n, 0, -1) if self.size_for(c)[0] <= width - 8), 0)
        # a plot too narrow for a column of it (a lab docked beside a laptop's panels) shows none
        self.legend.setVisible(columns > 0)
        if columns == 0:
            self._columns = 0
            self.room.setMinimumHeight(0)
            self.room.setMaximumHeight(0)
        elif columns != self._columns:
            self._columns = columns
            self.legend.setColumnCount(columns)
            w, h = self.size_for(columns)
            # the size its entries ask for (pyqtgraph's own sums the widths they had in the last layout)
            self.legend.resize(w, h)
            self.room.setMinimumHeight(h + 2 * self.gap)
            self.room.setMaximumHeight(h + 2 * self.gap)

    def columns(self) -> int:
        """The legend's columns (0: hidden, the plot too narrow for one)."""
        return self._columns or 0


def legend_below(plot, legend) -> LegendBelow:
    """Put ``legend`` under ``plot``'s bottom axis (see LegendBelow)."""
    return LegendBelow(plot, legend)
