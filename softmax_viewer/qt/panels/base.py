"""What every plot panel shares: a titled pyqtgraph plot with readable defaults."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget

# Antialiasing is turned on per curve (AA_CURVE): bars, axes and images do not
# need it, and in software rendering it costs a third of every paint.
pg.setConfigOptions(antialias=False, background="w", foreground="#222")
AA_CURVE = {"antialias": True}

BLUE = "#1f77b4"
ORANGE = "#ff7f0e"
GREEN = "#2ca02c"
RED = "#d62728"
GREY = "#7f7f7f"
PURPLE = "#9467bd"


def finite_or_nan(a) -> np.ndarray:
    """Infinite values become NaN, which pyqtgraph leaves out of lines and ranges."""
    a = np.asarray(a, dtype=np.float64)
    return np.where(np.isfinite(a), a, np.nan)


def nice_ceiling(v: float) -> float:
    """The next of 1, 2, 2.5, 5 x 10^k at or above v (ranges that do not move every tick)."""
    if not np.isfinite(v) or v <= 0:
        return 1.0
    k = np.floor(np.log10(v))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * 10 ** k >= v * (1 - 1e-12):
            return float(m * 10 ** k)
    return float(10 ** (k + 1))


def class_ticks(classes, labels_of, by_rank: bool, limit: int = 24):
    """Tick labels for a bar axis: class labels when few, sparse ranks when many."""
    n = len(classes)
    step = max(1, int(np.ceil(n / limit)))
    ticks = []
    for pos in range(0, n, step):
        c = int(classes[pos])
        text = labels_of(c)
        if by_rank:
            text = f"{text}" if n <= limit else f"#{pos + 1}"
        ticks.append((pos, text))
    return [ticks]


class PlotPanel(QWidget):
    """A panel with one pyqtgraph PlotWidget (subclasses may add more)."""

    title = ""
    tooltip = ""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget, self.plot = self.make_view()
        self.plot.setTitle(self.title, size="11pt")
        # no grid: pyqtgraph draws it with alpha blending at ~12 ms a plot in software
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.plot_widget)
        self.setToolTip(self.tooltip)
        self.bundle = None
        self.text = TextCache()

    def make_view(self):
        """The pyqtgraph widget and its main plot (a panel may build more plots)."""
        w = pg.PlotWidget()
        return w, w.getPlotItem()

    def update_bundle(self, bundle) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class TextCache:
    """Sets titles, axis labels and ticks only when they change.

    Each set re-lays-out the plot (a QGraphicsTextItem.setHtml and a geometry
    change), which costs more than drawing the data; while a slider moves
    most of them stay the same.
    """

    def __init__(self):
        self._last = {}

    def _changed(self, key, value) -> bool:
        if self._last.get(key) == value:
            return False
        self._last[key] = value
        return True

    def title(self, plot, text, size="11pt"):
        if self._changed((id(plot), "title"), (text, size)):
            plot.setTitle(text, size=size)

    def label(self, plot, side, text):
        if self._changed((id(plot), side), text):
            plot.setLabel(side, text)

    def ticks(self, axis, ticks):
        if self._changed((id(axis), "ticks"), ticks):
            axis.setTicks(ticks)
