"""A legend that Qt draws as one picture."""
from __future__ import annotations


import pyqtgraph as pg
from PySide6.QtWidgets import (QGraphicsItem, QStyleOptionGraphicsItem)

class FlatLegend(pg.LegendItem):
    """A legend that Qt draws as one picture.

    pyqtgraph's legend is a tree of items: for each entry a sample, a label and
    the label's text, each of which Qt draws on its own (from a pixmap cache,
    with Qt's work for every item around it). A plot repaints its legend on
    every tick of a drag: 10 to 13 items a legend, 0.9 M instructions a tick
    for the window's three. Flat (``set_flat``, done when the plot is first
    shown), the legend paints its entries itself into its one cache, and the
    entries paint nothing of their own; they still take clicks (a click on a
    sample hides its curve, and the legend is drawn again). An export draws the
    entries as themselves (``set_flat(False)``): text stays text in a PDF or SVG.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._flat = False
        self.sigSampleClicked.connect(lambda _item: self.update())     # its sample shows it hidden

    @classmethod
    def add_to(cls, plot, **kwargs) -> "FlatLegend":
        """A FlatLegend as ``plot``'s legend (what ``PlotItem.addLegend`` makes)."""
        legend = cls(**kwargs)
        legend.setParentItem(plot.vb)
        plot.legend = legend
        return legend

    def _entries(self, parent=None) -> list:
        """Every item below the legend, parents before their children."""
        out = []
        for child in (parent or self).childItems():
            out.append(child)
            out.extend(self._entries(child))
        return out

    def is_flat(self) -> bool:
        return self._flat

    def set_flat(self, flat: bool) -> None:
        self._flat = flat
        for item in self._entries():
            item.setFlag(QGraphicsItem.ItemHasNoContents, flat)
            if flat:
                item.setCacheMode(QGraphicsItem.NoCache)
        self.update()

    def addItem(self, item, name):
        super().addItem(item, name)
        if self._flat:
            self.set_flat(True)

    def paint(self, p, *args):
        super().paint(p, *args)
        if self._flat:
            self._paint_below(p, self)

    def _paint_below(self, p, parent) -> None:
        """Paint ``parent``'s children and theirs, as Qt would, in their stacking order."""
        for child in parent.childItems():
            if not child.isVisible():
                continue
            to_parent, _ok = child.itemTransform(parent)
            option = QStyleOptionGraphicsItem()
            option.exposedRect = child.boundingRect()
            p.save()
            p.setTransform(to_parent, True)
            p.save()                   # each item paints from the same state, as in Qt
            child.paint(p, option, None)
            p.restore()
            self._paint_below(p, child)
            p.restore()
