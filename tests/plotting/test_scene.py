"""Scene tuning: items that paint nothing are skipped, and the plot looks the same."""
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsItem

from softmax_viewer.qt import plotting as base


def test_items_that_paint_nothing_are_skipped_and_the_plot_looks_the_same(plot):
    w, item = plot
    item.plot([0, 1, 2], [1, 0, 2])
    before = w.grab().toImage()
    base.cache_static_items(w.scene())
    flagged = [type(i) for i in w.scene().items() if i.flags() & QGraphicsItem.ItemHasNoContents]
    assert pg.PlotItem in flagged and pg.ViewBox in flagged
    assert w.grab().toImage() == before
