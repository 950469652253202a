"""The overconfidence experiment's view: the loss, the logit norm, the gap and max p over the steps."""
from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox

from softmax_viewer import labs, names
from softmax_viewer.lab_settings import MAX_STEPS
from softmax_viewer.qt import plotting
from softmax_viewer.qt.controls import NumberSpin, signals_blocked
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.labs.base import LabPanel
from softmax_viewer.qt.plotting import BLUE, GREEN, ORANGE, PURPLE, RED, VIEW_LIMIT

class OverconfidenceLab(LabPanel):
    title = "Overconfidence"
    key = "overconfidence"
    part = "training"

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.mode = QComboBox()
        self.mode.addItems([tr(title) for title in names.TRAINING_MODES.values()])
        self.loss = QComboBox()
        self.loss.addItems([tr(title) for title in names.TRAINING_LOSSES.values()])
        self.lr = NumberSpin(1e-4, 100.0, self.tr("Learning rate of gradient descent."))
        self.steps = QSpinBox()
        self.steps.setRange(1, MAX_STEPS)
        self.steps.setKeyboardTracking(False)
        self.steps.setToolTip(self.tr("Number of gradient steps."))
        self.play = QPushButton(self.tr("Play"))
        self.step_button = QPushButton(self.tr("Step"))
        self.reset = QPushButton(self.tr("Reset"))
        for b, tip in ((self.play, self.tr("Run the descent step by step (again to pause).")),
                       (self.step_button, self.tr("One more step.")), (self.reset, self.tr("Back to step 0."))):
            b.setToolTip(tip)
        row = QHBoxLayout()
        for lab, w in ((self.tr("lr"), self.lr), (self.tr("steps"), self.steps)):
            row.addWidget(QLabel(lab))
            row.addWidget(w)
        for b in (self.play, self.step_button, self.reset):
            row.addWidget(b)
        self.controls.addRow(self.tr("Train"), self.mode)
        self.controls.addRow(self.tr("Loss"), self.loss)
        self.controls.addRow(self.tr("Descent"), row)
        self.mode.currentIndexChanged.connect(lambda i: self.ask(mode=list(names.TRAINING_MODES)[i]))
        self.loss.currentIndexChanged.connect(lambda i: self.ask(loss=list(names.TRAINING_LOSSES)[i]))
        self.lr.valueChanged.connect(lambda v: self.ask(lr=float(v)))
        self.steps.valueChanged.connect(lambda v: self.ask(steps=int(v)))
        self.position = 0
        self.timer = QTimer(self)
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.play.clicked.connect(self.toggle_play)
        self.step_button.clicked.connect(lambda: self.goto(self.position + 1))
        self.reset.clicked.connect(lambda: self.goto(0))
        self.curves = {}
        specs = (("loss", self.tr("loss"), BLUE, 0, 0), ("norm", self.tr("logit norm ‖u‖"), PURPLE, 0, 1),
                 ("gap", self.tr("target's logit gap u_y − max rival"), ORANGE, 1, 0),
                 ("max_p", self.tr("max p"), GREEN, 1, 1))
        for key, title, colour, r, c in specs:
            plot = self.add_plot(r, c, title)
            plot.setLabel("bottom", self.tr("step"))
            # the whole run, faint, from the start: the point then walks along it
            ahead = plotting.colour(colour)
            ahead.setAlpha(90)
            self.curves[key + "_all"] = plotting.curve(plot, plotting.pen(ahead, width=1.5))
            self.curves[key] = plotting.curve(plot, plotting.pen(colour, width=2))
            self.curves[key + "_now"] = plotting.scatter(plot, size=8, brush=colour)
            if key == "gap":
                self.bound = plotting.labelled_rule(plot, plotting.pen(RED, width=1.5, style=Qt.DashLine),
                                                    self.tr("ε bound"), position=0.35)
        self.run = None
        self._summary_text = ""        # the summary of the run shown, without a note that it waits
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
        self._debounce.timeout.connect(lambda: self._recompute() if self.on_screen else None)
        self._slices = QTimer(self)
        self._slices.setSingleShot(True)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._continue)

    @property
    def computing(self) -> bool:
        """Whether a run is being computed now, a slice per event-loop turn."""
        return self._descent is not None

    @property
    def pause_ms(self) -> int:
        """How long (ms) changes must pause before a run too costly to follow them is computed again."""
        return self._debounce.interval()

    def toggle_play(self):
        if self.timer.isActive():
            self.timer.stop()
            self.play.setText(self.tr("Play"))
        else:
            if self.run is not None and self.position >= self.run.steps[-1]:
                self.position = 0
            self.timer.start()
            self.play.setText(self.tr("Pause"))

    def _tick(self):
        if self.run is None or (self.position >= self.run.steps[-1] and self._descent is None):
            self.timer.stop()
            self.play.setText(self.tr("Play"))
            return
        self.goto(self.position + max(1, self._planned // 150))

    def goto(self, k: int):
        if self.run is None:
            return
        self.position = int(min(max(k, 0), self.run.steps[-1]))
        self._draw()

    def show_settings(self, settings) -> None:
        mode, loss = list(names.TRAINING_MODES).index(settings.mode), list(names.TRAINING_LOSSES).index(settings.loss)
        with signals_blocked(self.mode, self.loss, self.lr, self.steps):
            for combo, i in ((self.mode, mode), (self.loss, loss)):
                if combo.currentIndex() != i:
                    combo.setCurrentIndex(i)
            for spin, v in ((self.lr, settings.lr), (self.steps, settings.steps)):
                if spin.value() != v:
                    spin.setValue(v)

    def ensure_drawn(self) -> None:
        super().ensure_drawn()
        self.flush()

    def plot_bundle(self, bundle):
        self.bundle = bundle
        self._pending = bundle
        costly = self._last_cost > self.live_budget or self._descent is not None
        if costly and self.run is not None:
            self._stop_slices()
            self._debounce.start()
            self.summary.setText(self.tr("{0} [recomputing when the change pauses]").format(self._summary_text))
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

    def set_on_screen(self, shown: bool) -> None:
        # no one sees this run (another tab, the dock closed): its slices would
        # only slow the explorer down; it starts again when the lab is shown
        if not shown and self._descent is not None:
            self._stop_slices()
            self._pending = self.bundle
            self._stale = True
        super().set_on_screen(shown)

    def hideEvent(self, event):
        super().hideEvent(event)
        self.set_on_screen(False)

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
        opts = st.labs.training
        try:
            self._descent = labs.Descent(st, steps=opts.steps, lr=opts.lr, loss=opts.loss, mode=opts.mode,
                                         keep_logits=False)
        except ValueError as exc:             # T = 0, too many classes for the linear mode
            self.run = self.data = None
            for c in self.curves.values():
                c.setData([], [])
            self.bound.hide()
            self._summary_text = str(exc)[0].upper() + str(exc)[1:] + "."
            self.summary.setText(self._summary_text)
            return
        self._spent = 0.0
        self._planned = self._descent.steps
        # what a run fixes: the step axis and the smoothing bound (a played frame only moves the point)
        for plot in self.plots():
            self.text.range(plot, x=(0, max(1, self._descent.steps)), padding=0.02)
        bound = self._descent.bound
        if math.isfinite(bound):
            self.bound.setValue(bound)
            self.bound.label.setFormat(self.tr("ε bound log((1−ε+ε/K)/(ε/K)) = {0:.4g}").format(bound))
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
        what = self.tr("the logits") if r.mode == "logits" else self.tr("a linear classifier")
        done = int(r.steps[-1])
        figures = (r.loss[k], r.gap[k], r.max_p[k])
        if done == self._planned:
            step = self.tr("Step {0} of {1} ({2}): loss {3:.4g}, gap {4:.4g}, max p {5:.6g}.").format(
                k, done, what, *figures)
        elif self._descent is not None:
            step = self.tr("Step {0} of {1} ({2}; computing, {3} so far): loss {4:.4g}, gap {5:.4g}, "
                           "max p {6:.6g}.").format(k, self._planned, what, done, *figures)
        else:
            step = self.tr("Step {0} of {1} ({2}; stopped at {3}): loss {4:.4g}, gap {5:.4g}, "
                           "max p {6:.6g}.").format(k, self._planned, what, done, *figures)
        if math.isfinite(r.bound):
            bound = self.tr("The gap grows while the loss falls; label smoothing stops it at {0:.4g}.").format(
                r.bound)
        else:
            bound = self.tr("The gap grows while the loss falls; under a one-hot target nothing stops it: "
                            "CE keeps paying for a larger gap.")
        self._summary_text = " ".join((step, bound, self.tr("Faint: the whole run; Play walks it.")))
        self.summary.setText(self._summary_text)
