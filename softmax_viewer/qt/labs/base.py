"""What every lab view shares: controls bound to its settings in the state, a grid of plots, a summary."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from softmax_viewer.derived import BARS_ALL_UP_TO, TOP_BARS, top_of
from softmax_viewer.limits import StateError
from softmax_viewer.qt import plotting
from softmax_viewer.qt.plotting import (ClassAxis, SteadyText, TextCache, cache_static_items, fix_left_axes,
                                        repaint_lean, steady_ceiling, steady_range)
from softmax_viewer.qt.plotting.panel import follow_views

LAB_AXIS_WIDTH = 64


def shown_classes(bundle) -> np.ndarray:
    """The classes a lab's bars show: all of them while they fit, else the top ones by p.

    A lab's plots are about twice as wide as the explorer's panels: twice as many bars.
    """
    p = bundle.p
    if p.size <= 2 * BARS_ALL_UP_TO:
        return np.arange(p.size)
    return top_of(bundle.ranked, p, 2 * TOP_BARS, bundle.state.target)    # only ~80 entries of p are read


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(k: int) -> str:
    """10^k as it is written: 1, 10, 10², 10⁻¹."""
    return {0: "1", 1: "10"}.get(k, "10" + str(k).translate(_SUPERSCRIPT))


@lru_cache(maxsize=64)
def decade_ticks(lo: float, hi: float) -> tuple:
    """Ticks of an axis of log10(value) over [lo, hi]: a label at every 1, 2, 5 or 10 decades
    (at most six labels), and, over at most four decades, unlabelled marks at 2..9 times each.

    pyqtgraph's own log axis labels those marks too when it shows few decades, and
    over a decade or two they run into each other. (major, minor), as pyqtgraph's
    setTicks takes them; cached, so that a drag within one range hands the axis the
    very same ticks.
    """
    first, last = math.ceil(lo), math.floor(hi)
    step = next((s for s in (1, 2, 5, 10, 20, 50) if (last - first) // s < 6), 100)
    major = tuple((float(k), power_of_ten(k)) for k in range(first, last + 1) if k % step == 0)
    minor = ()
    if hi - lo <= 4:
        marks = (k + math.log10(m) for k in range(math.floor(lo), last + 1) for m in range(2, 10))
        minor = tuple((v, "") for v in marks if lo <= v <= hi)
    return (major, minor)


class LabPanel(QWidget):
    """A lab: controls on top, a grid of plots, a summary line.

    It follows the store as the explorer's panels do (``draw(bundle)``, only while
    it is shown: a hidden lab catches up when it is shown again), its numbers come
    from softmax_viewer.labs, and its controls are the lab's settings in the state
    (``state.labs``): an edit asks the store for a new state, so it is undoable and
    saved in presets, and ``show_settings`` follows the state with signals blocked.
    """

    key = ""                           # its name in names.LABS and in state.labs
    part = ""                          # its part of state.labs
    error = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.controls = QFormLayout()
        self.plots_widget = plotting.layout_widget()
        repaint_lean(self.plots_widget)
        # a fixed two-line summary: a new text does not re-lay-out the window
        self.summary = SteadyText(lines=2, point_size=10, colour="#000", padding=4)
        lay = QVBoxLayout(self)
        top = QWidget()
        top.setLayout(self.controls)
        lay.addWidget(top)
        lay.addWidget(self.plots_widget, 1)
        lay.addWidget(self.summary)
        self.text = TextCache()
        self.bundle = None
        self.data = None
        self._cached = False           # static items are cached on the first show
        self._ranges = {}              # id(plot) -> its steady y range (or, for p, its ceiling)
        self._class_axes = {}          # id(plot) -> the ClassAxis of its bottom axis
        self._stale = True             # the store moved on while the lab was hidden
        self.on_screen = False         # its dock in view (set_on_screen)
        self.followers = []            # one ViewFollow a plot, made on the first show

    def add_plot(self, row, col, title, **kw):
        p = self.plots_widget.addPlot(row=row, col=col, **kw)
        p.setTitle(title, size="10pt")
        return p

    def plots(self):
        return plotting.plots_of(self.plots_widget)

    def y_range(self, plot, lo, hi, steps=10, fill=0.5, step=None):
        """Set ``plot``'s y range to hold [lo, hi], moving it only when the data
        outgrow it (steady_range): its axis is redrawn only then."""
        r = steady_range(float(lo), float(hi), self._ranges.get(id(plot)), steps=steps, fill=fill, step=step)
        self._ranges[id(plot)] = r
        self.text.range(plot, y=r, padding=0.02)

    # the ceilings a probability axis moves between: a drag that changes the
    # largest p moves the axis only when it crosses one of these
    P_CEILINGS = tuple(m * 10.0 ** k for k in range(-4, 0) for m in (1, 2, 5)) + (1.0,)

    @classmethod
    def p_ceiling(cls, top: float) -> float:
        return next((c for c in cls.P_CEILINGS if c >= top), 1.0)

    def p_range(self, plot, top):
        """A 0 .. ceiling y range for probabilities up to ``top``: the ceiling is the
        next of 1, 2, 5 x 10^k, kept while ``top`` stays between 30 % of it and it."""
        top = min(max(float(top), 0.0), 1.0)
        ceiling = steady_ceiling(top, self._ranges.get(id(plot)), self.p_ceiling)
        self._ranges[id(plot)] = ceiling
        self.text.range(plot, y=(0.0, ceiling * 1.06))

    def class_axes(self, idx, st):
        """The class axis of every plot: the labels of the classes ``idx`` shown (as
        many as fit), and a range of -0.7 .. n - 0.3 widened to hold the end ones;
        made again only when the classes, their labels or a plot's width change."""
        by_rank = idx.size < st.n_classes
        for p in self.plots():
            made = self._class_axes.setdefault(id(p), ClassAxis())
            ticks, span = made(idx, st, by_rank, p.vb.width(), idx.size)
            self.text.ticks(p.getAxis("bottom"), ticks)
            self.text.range(p, x=span)

    # ---- following the store ----
    def draw(self, bundle) -> None:
        """Show ``bundle`` (when the lab is on screen; otherwise when it is shown)."""
        self.show_settings(getattr(bundle.state.labs, self.part))
        if not self.on_screen:
            self._stale = True
            return
        self._stale = False
        for f in self.followers:
            f.follow_data()
        self.plot_bundle(bundle)

    def showEvent(self, event):
        super().showEvent(event)
        if not self._cached:
            self._cached = True
            cache_static_items(self.plots_widget.scene())
            # the labs' plots are wide: room for tick labels like 10000.4
            fix_left_axes(self.plots_widget.scene(), LAB_AXIS_WIDTH)
            self.followers = follow_views(self.plots(), self.text, self.redraw)

    def redraw(self) -> None:
        """Draw the last bundle again (a view reset by the user)."""
        if self.bundle is not None:
            self.plot_bundle(self.bundle)

    def set_on_screen(self, shown: bool) -> None:
        """The lab's dock came into view (or went: another lab's tab, closed). A lab
        out of view computes nothing; back in view, it catches up."""
        self.on_screen = shown
        if shown and (self._stale or self.bundle is None):
            QTimer.singleShot(0, self, lambda: self.draw(self.store.bundle))

    def plot_bundle(self, bundle) -> None:     # pragma: no cover - abstract
        raise NotImplementedError

    def show_settings(self, settings) -> None:     # pragma: no cover - abstract
        """Show the lab's settings in its controls, their signals blocked."""
        raise NotImplementedError

    def ask(self, **changes) -> None:
        """A control edited: the state with this lab's settings changed, or one line why not."""
        st = self.store.state
        try:
            new = st.replace(labs=st.labs.replace(self.part, **changes))
        except StateError as exc:
            self.error.emit(str(exc))
            self.show_settings(getattr(st.labs, self.part))
            return
        self.store.set_state(new)
        self.store.flush()             # a lab's setting is seen at once, in the lab and the panels

    def ensure_drawn(self) -> None:
        """Bring the lab up to the store's state now, shown or not (an export, a test)."""
        if self.bundle is not self.store.bundle or self.data is None:
            self.plot_bundle(self.store.bundle)
