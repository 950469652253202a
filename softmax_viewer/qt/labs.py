"""The labs window: precision, sampling and the overconfidence experiment.

Each lab follows the main window's state through the store and recomputes when
it is visible; each plot's right-click menu exports it like the other panels.
"""
from __future__ import annotations

import math
import time
from functools import lru_cache

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QMainWindow, QPushButton, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget,
)

from softmax_viewer import labs
from softmax_viewer.derived import BARS_ALL_UP_TO, TOP_BARS, top_of
from softmax_viewer.qt import plotting
from softmax_viewer.qt.plotting import (
    BLUE, GREEN, GREY, ORANGE, PURPLE, RED, VIEW_LIMIT, ClassAxis, SteadyText, TextCache, cache_static_items,
    fix_left_axes, repaint_lean, settle_views, steady_ceiling, steady_range,
)

LAB_AXIS_WIDTH = 64


def _shown(bundle) -> np.ndarray:
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


def _spin(lo, hi, value, tip, decimals=None, special=None):
    w = QSpinBox() if decimals is None else QDoubleSpinBox()
    if decimals is not None:
        w.setDecimals(decimals)
    w.setRange(lo, hi)
    w.setValue(value)
    w.setKeyboardTracking(False)
    w.setToolTip(tip)
    if special:
        w.setSpecialValueText(special)
    return w


class LabPanel(QWidget):
    """A lab: controls on top, a grid of plots, a summary line."""

    changed = Signal()
    title = ""

    def __init__(self, parent=None):
        super().__init__(parent)
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

    def showEvent(self, event):
        super().showEvent(event)
        if not self._cached:
            self._cached = True
            cache_static_items(self.plots_widget.scene())
            # the labs' plots are wide: room for tick labels like 10000.4
            fix_left_axes(self.plots_widget.scene(), LAB_AXIS_WIDTH)

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

    def update_state(self, bundle) -> None:     # pragma: no cover - abstract
        raise NotImplementedError


class PrecisionLab(LabPanel):
    title = "Precision"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dtype = QComboBox()
        self.dtype.addItems(list(labs.DTYPES))
        self.dtype.setCurrentText("float32")
        self.dtype.setToolTip("The float type the softmax is computed in: exp overflows above about "
                              "11.09 (float16), 88.72 (float32), 709.78 (float64).")
        self.controls.addRow("dtype", self.dtype)
        self.dtype.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.u_plot = self.add_plot(0, 0, "u in the chosen dtype; red above exp's overflow threshold")
        self.u_ok = plotting.bars(self.u_plot, BLUE, width=0.6)
        self.u_over = plotting.bars(self.u_plot, RED, width=0.6)
        self.threshold = plotting.labelled_rule(self.u_plot, plotting.pen(RED, width=1.5, style=Qt.DashLine),
                                                "exp overflows above {value:.2f}", position=0.2)
        self.p_plot = self.add_plot(0, 1, "p: textbook exp/Σexp (grey) beside stable (blue)")
        self.p_plot.setYRange(0.0, 1.05, padding=0)          # probabilities: always 0 .. 1
        self.p_stable = plotting.bars(self.p_plot, BLUE, width=0.4)
        self.p_naive = plotting.bars(self.p_plot, GREY, width=0.4)
        self.p_flags = plotting.marks(self.p_plot, symbol="x", size=14, brush=RED, pen=plotting.pen(RED, width=2))
        self.log_plot = self.add_plot(1, 0, "log(softmax) (grey, −∞ marked ▼) beside log_softmax (blue)")
        self.log_naive = plotting.bars(self.log_plot, GREY, width=0.4)
        self.log_stable = plotting.bars(self.log_plot, BLUE, width=0.4)
        self.log_flags = plotting.marks(self.log_plot, symbol="t", size=12, brush=RED, pen=None)
        self.ulp_plot = self.add_plot(1, 1, "error in ulps against a float64 reference (log scale)")
        plotting.legend(self.ulp_plot, offset=(5, 5), labelTextSize="8pt", brush=(255, 255, 255, 220))
        # markers at log10(ulps) on an axis that reads 10^k (decade_ticks; cheaper than pyqtgraph's log mode per item)
        self.ulp_naive = plotting.dots(self.ulp_plot, size=7, pen=None, brush=GREY, symbol="o", name="textbook")
        self.ulp_stable = plotting.dots(self.ulp_plot, size=7, pen=None, brush=BLUE, symbol="s", name="stable")

    def update_state(self, bundle):
        st = bundle.state
        d = labs.precision(st, self.dtype.currentText(), p=bundle.p)
        self.bundle, self.data = bundle, d
        idx = _shown(bundle)
        x = np.arange(idx.size, dtype=float)
        u = d.u[idx].astype(np.float64)
        finite_u = np.where(np.isfinite(u), u, np.where(u > 0, d.exp_threshold * 1.2, 0.0))
        over = u > d.exp_threshold
        self.u_ok.setOpts(x=x[~over], height=finite_u[~over], width=0.6)
        self.u_over.setOpts(x=x[over], height=finite_u[over], width=0.6)
        self.threshold.setValue(d.exp_threshold)
        hi = max(float(np.max(finite_u)) if finite_u.size else 0.0, d.exp_threshold) * 1.1
        lo = min(float(np.min(finite_u)) if finite_u.size else 0.0, 0.0)
        self.y_range(self.u_plot, lo - 0.05 * abs(hi - lo), hi)
        naive = d.naive_p[idx].astype(np.float64)
        self.p_stable.setOpts(x=x - 0.2, height=np.nan_to_num(d.stable_p[idx].astype(np.float64)), width=0.4)
        self.p_naive.setOpts(x=x + 0.2, height=np.where(np.isfinite(naive), naive, 0.0), width=0.4)
        bad = np.flatnonzero(~np.isfinite(naive))
        self.p_flags.setData(x[bad] + 0.2, np.full(bad.size, 0.5))
        lo_ = d.log_of_softmax[idx].astype(np.float64)
        ls = d.log_softmax[idx].astype(np.float64)
        finite = np.concatenate([lo_[np.isfinite(lo_)], ls[np.isfinite(ls)], [0.0]])
        floor = float(finite.min()) * 1.1 - 1.0
        self.log_naive.setOpts(x=x + 0.2, y0=np.zeros(x.size), y1=np.where(np.isfinite(lo_), lo_, floor), width=0.4)
        self.log_stable.setOpts(x=x - 0.2, y0=np.zeros(x.size), y1=np.where(np.isfinite(ls), ls, floor), width=0.4)
        ninf = np.flatnonzero(np.isneginf(lo_))
        self.log_flags.setData(x[ninf] + 0.2, np.full(ninf.size, floor))
        self.y_range(self.log_plot, floor * 1.05, 0.5)
        ulp_n = d.ulp_naive[idx]
        ulp_s = d.ulp_stable[idx]
        cap = 1e18
        ulp_n = np.clip(np.where(np.isfinite(ulp_n), ulp_n, cap), 0.01, cap)
        ulp_s = np.clip(np.where(np.isfinite(ulp_s), ulp_s, cap), 0.01, cap)
        log_n, log_s = np.log10(ulp_n), np.log10(ulp_s)
        self.ulp_naive.setData(x, log_n)
        self.ulp_stable.setData(x, log_s)
        both = np.concatenate([log_n, log_s]) if x.size else np.zeros(1)
        # decades, whole ones: the log axis moves only when the errors cross one
        self.y_range(self.ulp_plot, math.floor(both.min()), math.ceil(both.max()) + 0.3, step=1.0, fill=0.3)
        self.text.ticks(self.ulp_plot.getAxis("left"), decade_ticks(*self._ranges[id(self.ulp_plot)]))
        self.class_axes(idx, st)
        self.summary.setText(d.summary + ". Log axis: an exact value (0 ulp) is drawn at 0.01, "
                             "an error off the chart (∞) at 1e18.")


class SamplingLab(LabPanel):
    title = "Sampling"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.n = _spin(1, 1_000_000, 10_000, "How many samples to draw.")
        self.seed = _spin(0, 2**31 - 1, 0, "Random seed: the same seed gives the same draws.")
        self.top_k = _spin(0, 1_000_000, 0, "Keep only the k most probable classes (off at 0).", special="off")
        self.top_p = _spin(0.0, 1.0, 1.0, "Nucleus: keep the smallest set of classes whose mass reaches p "
                                          "(off at 1).", decimals=3)
        self.min_p = _spin(0.0, 1.0, 0.0, "Keep classes with p >= min_p · p_max (off at 0).", decimals=3,
                           special="off")
        self.order = QComboBox()
        self.order.addItems(["temperature, then truncate", "truncate (at T = 1), then temperature"])
        self.order.setToolTip("Truncating before or after the temperature changes which classes survive.")
        self.tau = _spin(0.01, 100.0, 1.0, "Temperature of the Gumbel-softmax relaxed sample.", decimals=2)
        self.again = QPushButton("Draw again")
        self.again.setToolTip("Next seed: new draws.")
        row1 = QHBoxLayout()
        for lab, w in (("samples", self.n), ("seed", self.seed), ("", self.again)):
            if lab:
                row1.addWidget(QLabel(lab))
            row1.addWidget(w)
        row2 = QHBoxLayout()
        for lab, w in (("top-k", self.top_k), ("top-p", self.top_p), ("min-p", self.min_p)):
            row2.addWidget(QLabel(lab))
            row2.addWidget(w)
        self.controls.addRow("Draws", row1)
        self.controls.addRow("Truncation", row2)
        self.controls.addRow("Order", self.order)
        self.controls.addRow("Gumbel-softmax τ", self.tau)
        for w in (self.n, self.seed, self.top_k, self.top_p, self.min_p, self.tau):
            w.valueChanged.connect(lambda _v: self.changed.emit())
        self.order.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.again.clicked.connect(lambda: self.seed.setValue(self.seed.value() + 1))
        self.hist_plot = self.add_plot(0, 0, "share of draws (blue) against p (orange); grey: truncated")
        self.cut = plotting.bars(self.hist_plot, (200, 200, 200), width=0.6)
        self.hist = plotting.bars(self.hist_plot, BLUE, width=0.6)
        self.p_line = plotting.curve(self.hist_plot, plotting.pen(ORANGE, width=3), connect="pairs", antialias=False)
        self.gumbel_plot = self.add_plot(0, 1, "one Gumbel-max draw: log p + g; the winner is the sample")
        self.perturbed = plotting.bars(self.gumbel_plot, PURPLE, width=0.6)
        self.winner = plotting.bars(self.gumbel_plot, GREEN, width=0.6)
        # log p of each class: a short black line across its bar (one path, not a scatter)
        self.logp_marks = plotting.curve(self.gumbel_plot, plotting.pen("k", width=2), connect="pairs",
                                         antialias=False)
        self.relaxed_plot = self.add_plot(1, 0, "Gumbel-softmax relaxed sample: softmax((log p + g)/τ)", colspan=2)
        self.relaxed = plotting.bars(self.relaxed_plot, GREEN, width=0.6)

    def settings(self) -> dict:
        return dict(n=int(self.n.value()), seed=int(self.seed.value()),
                    top_k=int(self.top_k.value()) or None,
                    top_p=float(self.top_p.value()) if self.top_p.value() < 1.0 else None,
                    min_p=float(self.min_p.value()) or None,
                    order=labs.ORDERS[self.order.currentIndex()], gumbel_tau=float(self.tau.value()))

    def update_state(self, bundle):
        st = bundle.state
        if st.temperature == 0:
            self.summary.setText("T = 0 is argmax: there is nothing to sample. Raise the temperature.")
            return
        opts = self.settings()
        try:
            d = labs.sampling(st, **opts, p=bundle.p, log_p=bundle.log_p)
        except ValueError as exc:       # nothing to sample, or a setting it refuses: said, not raised
            why = str(exc)
            self.summary.setText(f"{why[:1].upper()}{why[1:]}.")
            return
        self.bundle, self.data = bundle, d
        idx = _shown(bundle)
        x = np.arange(idx.size, dtype=float)
        share = d.counts[idx] / max(d.n, 1)
        kept = d.kept[idx]
        self.hist.setOpts(x=x, height=share, width=0.6)
        self.cut.setOpts(x=x[~kept], height=d.p[idx][~kept], width=0.6)
        self.p_line.setData(np.repeat(x, 2) + np.tile([-0.35, 0.35], x.size), np.repeat(d.p[idx], 2))
        self.p_range(self.hist_plot, float(max(share.max(), d.p[idx].max())))
        pert = d.perturbed[idx]
        with np.errstate(divide="ignore"):
            logq = np.log(d.sample_p[idx])
        marked = np.isfinite(logq)
        # the bars stand below every bar top and every log p mark (noise can push a
        # class's log p + g above its log p, or below it)
        low = np.concatenate([pert[np.isfinite(pert)], logq[marked]])
        floor = float(low.min()) - 1.0 if low.size else -1.0
        top = np.where(np.isfinite(pert), pert, floor)
        win = idx == d.sampled
        self.perturbed.setOpts(x=x[~win], y0=np.full((~win).sum(), floor), y1=top[~win], width=0.6)
        self.winner.setOpts(x=x[win], y0=np.full(win.sum(), floor), y1=top[win], width=0.6)
        self.logp_marks.setData(np.repeat(x[marked], 2) + np.tile([-0.3, 0.3], int(marked.sum())),
                                np.repeat(logq[marked], 2))
        self.y_range(self.gumbel_plot, floor, max(float(top.max()), floor + 1e-9) + 0.3)
        self.relaxed.setOpts(x=x, height=d.relaxed[idx], width=0.6)
        self.p_range(self.relaxed_plot, float(d.relaxed[idx].max()))
        self.class_axes(idx, st)
        ps = d.sample_p[d.sampled]
        why = (f"— not the argmax: a class with sampling probability {ps:.3g} wins about "
               f"{ps * 100:.3g} draws in 100" if d.sampled != d.argmax else "— this time the argmax won")
        kept, n = int(d.kept.sum()), d.p.size
        if opts["top_k"] or opts["top_p"] or opts["min_p"]:
            order = "temperature first" if d.order == "temperature_first" else "truncation first"
            reach = f"{kept} of {n} classes kept by the truncation ({order})."
        elif kept < n:      # nothing truncated: the rest underflowed to p = 0
            reach = f"{kept} of {n} classes can be drawn; the other {n - kept} have p = 0 (underflow)."
        else:
            reach = f"All {n} classes can be drawn (no truncation)."
        self.summary.setText(
            f"argmax: {st.label(d.argmax)} (p = {d.p[d.argmax]:.3g})   |   "
            f"sampled: {st.label(d.sampled)} (p = {d.p[d.sampled]:.3g}) {why}. {reach}")


class OverconfidenceLab(LabPanel):
    title = "Overconfidence"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode = QComboBox()
        self.mode.addItems(["the logits themselves", "a linear classifier of 2-D points"])
        self.loss = QComboBox()
        self.loss.addItems(["softmax CE (one-hot)", "label-smoothed CE (ε from the main window)", "hinge"])
        self.lr = _spin(0.0001, 100.0, 0.5, "Learning rate of gradient descent.", decimals=4)
        self.steps = _spin(1, labs.MAX_STEPS, 300, "Number of gradient steps.")
        self.play = QPushButton("Play")
        self.step_button = QPushButton("Step")
        self.reset = QPushButton("Reset")
        for b, tip in ((self.play, "Run the descent step by step (again to pause)."),
                       (self.step_button, "One more step."), (self.reset, "Back to step 0.")):
            b.setToolTip(tip)
        row = QHBoxLayout()
        for lab, w in (("lr", self.lr), ("steps", self.steps)):
            row.addWidget(QLabel(lab))
            row.addWidget(w)
        for b in (self.play, self.step_button, self.reset):
            row.addWidget(b)
        self.controls.addRow("Train", self.mode)
        self.controls.addRow("Loss", self.loss)
        self.controls.addRow("Descent", row)
        for w in (self.mode, self.loss):
            w.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for w in (self.lr, self.steps):
            w.valueChanged.connect(lambda _v: self.changed.emit())
        self.position = 0
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.play.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(lambda: self.goto(self.position + 1))
        self.reset.clicked.connect(lambda: self.goto(0))
        self.curves = {}
        specs = (("loss", "loss", BLUE, 0, 0), ("norm", "logit norm ‖u‖", PURPLE, 0, 1),
                 ("gap", "target's logit gap u_y − max rival", ORANGE, 1, 0), ("max_p", "max p", GREEN, 1, 1))
        for key, title, colour, r, c in specs:
            plot = self.add_plot(r, c, title)
            plot.setLabel("bottom", "step")
            # the whole run, faint, from the start: the point then walks along it
            ahead = plotting.colour(colour)
            ahead.setAlpha(90)
            self.curves[key + "_all"] = plotting.curve(plot, plotting.pen(ahead, width=1.5))
            self.curves[key] = plotting.curve(plot, plotting.pen(colour, width=2))
            self.curves[key + "_now"] = plotting.scatter(plot, size=8, brush=colour)
            if key == "gap":
                self.bound = plotting.labelled_rule(plot, plotting.pen(RED, width=1.5, style=Qt.DashLine),
                                                    "ε bound", position=0.35)
        self.run = None
        self._descent = None           # the run being computed, a slice per event-loop turn
        self._planned = 0              # the steps of the run shown
        # A run costs steps x N.  While the last whole run fitted in what a frame
        # leaves after the explorer's panels, every change recomputes it; a
        # costlier one waits until the change pauses.  Either way a run is
        # computed in slices of at most ``slice_seconds`` between events, so that
        # nothing holds up the window, and drawn as it grows.
        self.live_budget = 0.004
        self.slice_seconds = 0.008
        self.redraw_seconds = 0.1
        self._drawn_at = 0.0
        self._last_cost = 0.0
        self._spent = 0.0
        self._pending = None
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(150)
        self._debounce.timeout.connect(lambda: self._recompute() if self.isVisible() else None)
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._continue)

    def toggle_play(self):
        if self.timer.isActive():
            self.timer.stop()
            self.play.setText("Play")
        else:
            if self.run is not None and self.position >= self.run.steps[-1]:
                self.position = 0
            self.timer.start()
            self.play.setText("Pause")

    def _tick(self):
        if self.run is None or (self.position >= self.run.steps[-1] and self._descent is None):
            self.timer.stop()
            self.play.setText("Play")
            return
        self.goto(self.position + max(1, self._planned // 150))

    def goto(self, k: int):
        if self.run is None:
            return
        self.position = int(min(max(k, 0), self.run.steps[-1]))
        self._draw()

    def update_state(self, bundle):
        self._pending = bundle
        costly = self._last_cost > self.live_budget or self._descent is not None
        if costly and self.run is not None:
            self._stop_slices()
            self._debounce.start()
            self.summary.setText(self.summary.text().split(" [")[0] + " [recomputing when the change pauses]")
            return
        self._recompute()

    def flush(self):
        """Finish a deferred or unfinished run now (for tests and exports)."""
        if self._pending is not None:
            self._debounce.stop()
            self._recompute()
        if self._descent is not None:
            self._slices.stop()
            self._descent.advance()
            self._continue()

    def hideEvent(self, event):
        super().hideEvent(event)
        # no one sees this run (another tab, the window closed): its slices would
        # only slow the explorer down; it starts again when the lab is shown
        if self._descent is not None:
            self._stop_slices()
            self._pending = self.bundle

    def _stop_slices(self):
        self._slices.stop()
        if self._descent is not None:       # stopped unfinished: it cost at least this much
            self._last_cost = max(self._last_cost, self._spent)
            self._descent = None
            if self.run is not None:
                self._summarise()

    def _recompute(self):
        bundle, self._pending = self._pending, None
        if bundle is None:
            return
        self._stop_slices()
        st = bundle.state
        self.bundle = bundle
        try:
            self._descent = labs.Descent(st, steps=int(self.steps.value()), lr=float(self.lr.value()),
                                         loss=labs.LOSSES[self.loss.currentIndex()],
                                         mode=labs.MODES[self.mode.currentIndex()], keep_logits=False)
        except ValueError as exc:             # T = 0, too many classes for the linear mode
            self.run = self.data = None
            for c in self.curves.values():
                c.setData([], [])
            self.bound.hide()
            self.summary.setText(str(exc)[0].upper() + str(exc)[1:] + ".")
            return
        self._spent = 0.0
        self._planned = self._descent.steps
        # what a run fixes: the step axis and the smoothing bound (a played frame only moves the point)
        for plot in self.plots():
            self.text.range(plot, x=(0, max(1, self._descent.steps)), padding=0.02)
        bound = self._descent.bound
        if math.isfinite(bound):
            self.bound.setValue(bound)
            self.bound.label.setFormat(f"ε bound log((1−ε+ε/K)/(ε/K)) = {bound:.4g}")
            self.bound.show()
        else:
            self.bound.hide()
        self._continue()

    def _continue(self):
        """One slice of the run, then its curves as far as they go (a few times a second:
        painting the growing curves after every slice would take longer than the slices)."""
        d = self._descent
        if d is None:
            return
        t0 = time.perf_counter()
        first = d.i == 0
        d.advance(self.slice_seconds)
        now = time.perf_counter()
        self._spent += now - t0
        if d.done:
            self._descent = None
            self._last_cost = self._spent
        else:
            self._slices.start()
            if not first and now - self._drawn_at < self.redraw_seconds:
                return
        self._drawn_at = now
        self.data = r = self.run = d.run()
        self.position = min(self.position, int(r.steps[-1]))
        for key, plot in zip(("loss", "norm", "gap", "max_p"), self.plots()):
            y = getattr(r, key)
            fin = y[np.isfinite(y)]
            extreme = bool(fin.size) and float(np.max(np.abs(fin))) > VIEW_LIMIT
            # max p is at most 1, and often within a rounding error of it all the way
            # (a saturated softmax): fitted to its data, its axis had no tick labels
            probability = key == "max_p" and bool(fin.size)
            if extreme or probability:
                # values near the float range: pyqtgraph's own fit would overflow its
                # padding, so the range is set (auto-range off before the data arrive)
                plot.enableAutoRange(axis="y", enable=False)
            self.curves[key + "_all"].setData(r.steps, y)
            if probability:
                self.text.range(plot, y=(min(float(fin.min()), 0.99), 1.0), padding=0.05)
            elif extreme:
                self.text.range(plot, y=(float(fin.min()), float(fin.max())), padding=0.05)
            elif not plot.getViewBox().autoRangeEnabled()[1]:      # set above for an earlier run
                self.text.forget_range(plot, "y")
                plot.enableAutoRange(axis="y")
        self._draw()

    def _draw(self):
        r = self.run
        k = self.position
        for key in ("loss", "norm", "gap", "max_p"):
            y = getattr(r, key)
            self.curves[key].setData(r.steps[: k + 1], y[: k + 1])
            # a value past the float range (inf) or undefined has no place on the axis
            now = ([r.steps[k]], [y[k]]) if math.isfinite(y[k]) else ([], [])
            self.curves[key + "_now"].setData(*now)
        self._summarise()

    def _summarise(self):
        r, k = self.run, self.position
        what = "the logits" if r.mode == "logits" else "a linear classifier"
        bound = (f"label smoothing stops it at {r.bound:.4g}" if math.isfinite(r.bound)
                 else "under a one-hot target nothing stops it: CE keeps paying for a larger gap")
        done = int(r.steps[-1])
        if done == self._planned:
            of = f"{done} ({what})"
        elif self._descent is not None:
            of = f"{self._planned} ({what}; computing, {done} so far)"
        else:
            of = f"{self._planned} ({what}; stopped at {done})"
        self.summary.setText(f"Step {k} of {of}: loss {r.loss[k]:.4g}, gap {r.gap[k]:.4g}, "
                             f"max p {r.max_p[k]:.6g}. The gap grows while the loss falls; {bound}. "
                             f"Faint: the whole run; Play walks it.")


class LabsWindow(QMainWindow):
    """The three labs in tabs, following the explorer's state."""

    def __init__(self, store, export_cb=None, parent=None):
        """``export_cb(key)``: what a lab plot's menu entry "Export this lab…" does."""
        super().__init__(parent)
        self.setWindowTitle("softmax viewer — labs")
        self.store = store
        self.tabs = QTabWidget()
        self.precision = PrecisionLab()
        self.sampling = SamplingLab()
        self.overconfidence = OverconfidenceLab()
        self.labs = {"precision": self.precision, "sampling": self.sampling, "overconfidence": self.overconfidence}
        for key, lab in self.labs.items():
            self.tabs.addTab(lab, lab.title)
            lab.changed.connect(self.refresh)
            if export_cb is not None:
                for plot in lab.plots():
                    menu = plotting.context_menu(plot)
                    menu.addSeparator()
                    menu.addAction("Export this lab…").triggered.connect(
                        lambda _=False, k=key: export_cb(k))
        self.setCentralWidget(self.tabs)
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        store.bundle_ready.connect(lambda _b: self.refresh())
        self.resize(1300, 850)

    def current(self) -> LabPanel:
        return self.tabs.currentWidget()

    def export(self, key: str, path, scale: float = 1.0) -> None:
        """Export lab ``key`` as it is in the store's current state (brought up to it first)."""
        from softmax_viewer.qt import export as exporting

        lab = self.labs[key]
        if lab.data is None or lab.bundle is not self.store.bundle:
            lab.update_state(self.store.bundle)
        if hasattr(lab, "flush"):
            lab.flush()
        exporting.export_lab(lab, key, path, scale)

    def refresh(self):
        """Recompute the visible lab (hidden ones catch up when shown)."""
        if self.store.bundle is not None and (self.isVisible() or self.testAttribute(Qt.WA_DontShowOnScreen)):
            lab = self.current()
            lab.update_state(self.store.bundle)
            settle_views(lab.plots_widget)     # new ranges applied now: one paint shows them

    def show_lab(self, key: str):
        # a visible window follows the tab change by itself: refreshing it again
        # would interrupt the run the change has just started (overconfidence)
        refreshed = self.isVisible() and self.tabs.currentWidget() is not self.labs[key]
        self.tabs.setCurrentWidget(self.labs[key])
        self.show()
        self.raise_()
        if not refreshed:
            self.refresh()
