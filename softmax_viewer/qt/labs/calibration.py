"""The calibration lab's view: a batch's reliability diagram, confidences, per-class calibration and T*.

Its numbers come from softmax_viewer.calibration at the main window's scale,
temperature and eps; its settings (bins, equal-mass, split) are state.labs.calibration.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QWidget

from softmax_viewer import calibration
from softmax_viewer.lab_settings import MAX_BINS
from softmax_viewer.qt import plotting
from softmax_viewer.qt.controls import signals_blocked
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.labs.base import LabPanel
from softmax_viewer.qt.plotting import BLUE, GREY, ORANGE, RED

# (marked for translation; shown translated: tr(DEFINITIONS), tr(NO_BATCH))
DEFINITIONS = QT_TRANSLATE_NOOP(
    "",
    "confidence c = max_i p_i; prediction = argmax (the first index on ties). "
    "Bin k of M holds k/M < c <= (k+1)/M (equal-width), or M runs of equal counts (equal-mass). "
    "ECE = Σ_k (n_k/n)|acc_k − conf_k|; MCE = the largest gap over non-empty bins; "
    "Brier = mean Σ_i (p_i − onehot_i)²; NLL = mean −log p_label, from log-sum-exp.")
# Past this many numbers, a drag of s, T or eps shows the calibration of an even sample of the
# rows (exact again when the drag ends): a whole pass takes about 8 ms at 10,000 x 100, 70 ms at 10,000 x 1,000.
LIVE_VALUES = 200_000
NO_BATCH = QT_TRANSLATE_NOOP("", "No batch open. File > Open a (samples, classes) file of logits with labels "
                                "(.npy .npz .csv .safetensors .pt), or Presets > Examples.")


def _row(*widgets) -> QWidget:
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w)
    lay.addStretch(1)
    return row


class CalibrationLab(LabPanel):
    title = "Calibration"
    key = part = "calibration"

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.bins = QSpinBox()
        self.bins.setRange(1, MAX_BINS)
        definitions = tr(DEFINITIONS)
        self.bins.setToolTip(self.tr("M, the number of confidence bins. {0}").format(definitions))
        self.equal_mass = QCheckBox(self.tr("equal-mass bins"))
        self.equal_mass.setToolTip(self.tr("Bins of equal counts (sorted by confidence) instead of equal width."))
        self.split = QCheckBox(self.tr("fit on one half, report on the other"))
        self.split.setToolTip(self.tr("An honest fit: T* is fitted on a seeded half of the batch, and the figures "
                                      "before and after are of the other half."))
        self.fit_button = QPushButton(self.tr("Fit temperature"))
        self.fit_button.setToolTip(self.tr("T* = argmin over T of the NLL at the current scale (convex in 1/T), "
                                           "solved to 1e-9 relative."))
        self.use_button = QPushButton(self.tr("Set T = T*"))
        self.use_button.setToolTip(self.tr("Set the main window's temperature to the fitted T*."))
        self.use_button.setEnabled(False)
        self.controls.addRow(self.tr("Bins"), _row(self.bins, self.equal_mass))
        self.controls.addRow(self.tr("Temperature"), _row(self.fit_button, self.use_button))
        self.controls.addRow("", self.split)
        self.wrong = QListWidget()
        self.wrong.setMaximumHeight(86)
        self.wrong.setToolTip(self.tr("The rows the model gets most confidently wrong; click one to show it."))
        self.controls.addRow(self.tr("Confidently wrong"), self.wrong)
        self.bins.valueChanged.connect(lambda v: self.ask(bins=int(v)))
        self.equal_mass.toggled.connect(lambda on: self.ask(equal_mass=bool(on)))
        self.split.toggled.connect(lambda on: self.ask(split=bool(on)))
        self.fit_button.clicked.connect(self.fit)
        self.use_button.clicked.connect(self.use_fitted)
        self.wrong.itemClicked.connect(lambda item: self.show_row(item.data(Qt.UserRole)))

        self.rel_plot = self.add_plot(0, 0, self.tr("Reliability diagram"))
        self.rel_plot.setXRange(0, 1, padding=0.02)
        self.rel_plot.setYRange(0, 1.05, padding=0)
        self.rel_plot.setLabel("bottom", self.tr("confidence"))
        self.rel_plot.setLabel("left", self.tr("accuracy"))
        self.diagonal = plotting.curve(self.rel_plot, plotting.pen(GREY, width=1, style=Qt.DashLine))
        self.diagonal.setData([0.0, 1.0], [0.0, 1.0])
        self.acc_bars = plotting.bars(self.rel_plot, BLUE)
        gap = plotting.colour(RED)
        gap.setAlpha(110)
        self.gap_bars = plotting.bars(self.rel_plot, gap)
        self.rel_plot.showAxis("top")                  # the bins' counts, as the top axis's labels
        self.count_axis = self.rel_plot.getAxis("top")
        self.count_axis.setStyle(tickLength=0)
        self.hist_plot = self.add_plot(0, 1, self.tr("Confidences"))
        self.hist_plot.setXRange(0, 1, padding=0.02)
        self.hist_plot.setLabel("bottom", self.tr("confidence"))
        self.hist_bars = plotting.bars(self.hist_plot, GREY)
        self.acc_line = plotting.rule(self.hist_plot, angle=90, pen=plotting.pen(BLUE, width=2, style=Qt.DashLine))
        self.conf_line = plotting.rule(self.hist_plot, angle=90, pen=plotting.pen(RED, width=2))
        self.class_plot = self.add_plot(1, 0, self.tr("Per predicted class"))
        self.class_plot.setXRange(0, 1, padding=0.02)
        self.class_plot.setYRange(0, 1.05, padding=0)
        self.class_plot.setLabel("bottom", self.tr("mean confidence"))
        self.class_plot.setLabel("left", self.tr("accuracy"))
        plotting.curve(self.class_plot, plotting.pen(GREY, width=1, style=Qt.DashLine)).setData([0.0, 1.0], [0.0, 1.0])
        self.class_dots = plotting.scatter(self.class_plot, size=8, brush=ORANGE)
        self.class_names = plotting.labels(self.class_plot, 40, colour_="#555", size="7pt")
        self.t_plot = self.add_plot(1, 1, self.tr("NLL and ECE against T"))
        self.t_plot.setLabel("bottom", self.tr("log10 T"))
        plotting.legend(self.t_plot, offset=(5, 5), labelTextSize="8pt", brush=(255, 255, 255, 220))
        self.nll_curve = plotting.curve(self.t_plot, plotting.pen(BLUE, width=2), name=self.tr("NLL"))
        self.ece_curve = plotting.curve(self.t_plot, plotting.pen(RED, width=2), name=self.tr("ECE × 10"))
        self.t_now = plotting.rule(self.t_plot, angle=90, pen=plotting.pen(GREY, width=1))
        self.t_fit = plotting.rule(self.t_plot, angle=90, pen=plotting.pen(BLUE, width=1, style=Qt.DashLine))
        self.fitted = None             # (batch, scale, split, T*, the figures before, after) of the last fit
        self._sweep = None             # (batch, scale, settings) -> (log10 T, NLL, ECE) of the batch
        self._shown_key = None
        self._calibrators = {}         # (id of the batch, rows) -> its Calibrator, for the open batch only
        self._listed = None            # what the list of wrong rows shows
        self._hist_shown = None        # what the confidences' bars show
        self._sweep_shown = None       # the NLL and ECE curves drawn
        store.drag_ended.connect(self._drag_ended)
        self.setToolTip(definitions)
        tips = {self.rel_plot: self.tr("Accuracy per confidence bin (blue) against the diagonal; the gap to the "
                                       "bin's mean confidence in red; the counts above. {0}").format(definitions),
                self.hist_plot: self.tr("How many samples fall in each confidence bin; the batch's accuracy (blue "
                                        "dashes) and mean confidence (red): overconfidence puts red right of blue."),
                self.class_plot: self.tr("For each predicted class: the accuracy of its predictions against their "
                                         "mean confidence. Below the diagonal: overconfident on that class."),
                self.t_plot: self.tr("The NLL and 10 x ECE over T = 0.1 .. 10 at this scale; grey: the current T, "
                                     "blue dashes: the fitted T*.")}
        for plot, tip in tips.items():
            plot.setToolTip(tip)

    # ---- settings and actions ----
    def show_settings(self, settings) -> None:
        with signals_blocked(self.bins, self.equal_mass, self.split):
            if self.bins.value() != settings.bins:
                self.bins.setValue(settings.bins)
            self.equal_mass.setChecked(settings.equal_mass)
            self.split.setChecked(settings.split)

    def calibrator(self, batch, live: bool = False):
        """The batch's Calibrator (made once per batch); ``live``: of an even sample of its rows
        when the batch is past LIVE_VALUES (a drag)."""
        step = max(1, -(-batch.logits.size // LIVE_VALUES)) if live else 1
        key = (id(batch), step)
        if key not in self._calibrators:
            if any(k[0] != id(batch) for k in self._calibrators):
                self._calibrators.clear()                # another batch: the old one's go
            rows = slice(None, None, step)
            self._calibrators[key] = calibration.Calibrator(batch.logits[rows], batch.labels[rows])
        return self._calibrators[key], step

    def _halves(self, batch, settings):
        if settings.split and batch.n_samples >= 2:
            return calibration.split(batch.n_samples, 0.5, seed=0)
        every = np.arange(batch.n_samples)
        return every, every

    def fit(self) -> float | None:
        """Fit T* on the batch (or its fitting half): the figures before and after, and T*."""
        batch, st = self.store.batch, self.store.state
        if batch is None or batch.labels is None:
            self.error.emit(tr(NO_BATCH) if batch is None
                            else self.tr("{0} has no labels to fit a temperature on").format(batch.source))
            return None
        settings = st.labs.calibration
        fit_rows, report_rows = self._halves(batch, settings)
        try:
            if settings.split:
                t = calibration.fit_temperature(batch.logits[fit_rows], batch.labels[fit_rows], scale=st.scale)
                report = calibration.Calibrator(batch.logits[report_rows], batch.labels[report_rows])
            else:
                report = self.calibrator(batch)[0]
                t = report.fit_temperature(scale=st.scale)
            kw = dict(scale=st.scale, epsilon=st.epsilon, bins=settings.bins, equal_mass=settings.equal_mass)
            before = report.at(temperature=st.temperature, **kw)
            after = report.at(temperature=t, **kw)
        except calibration.CalibrationError as exc:
            self.error.emit(str(exc))
            return None
        self.fitted = (batch, st.scale, settings.split, t, before, after, len(fit_rows), len(report_rows))
        self.use_button.setEnabled(True)
        self._shown_key = None
        self.plot_bundle(self.store.bundle)
        return t

    def use_fitted(self) -> None:
        if self.fitted is not None:
            st = self.store.state
            self.store.set_state(st.replace(temperature=float(self.fitted[3])))
            self.store.flush()

    def show_row(self, row) -> None:
        if self.store.batch is not None and row is not None:
            self.store.show_row(int(row))
            self.store.flush()

    # ---- drawing ----
    def _clear(self, text: str) -> None:
        for item in (self.acc_bars, self.gap_bars, self.hist_bars):
            item.setOpts(x=[], height=[], width=0.05)
        for item in (self.nll_curve, self.ece_curve):
            item.setData([], [])
        self.class_dots.setData([], [])
        self.text.ticks(self.count_axis, [[]])
        plotting.place(self.class_names, [], [], [])
        self.wrong.clear()
        self._listed = self._hist_shown = self._sweep_shown = None
        self.summary.setText(text)

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        st, batch = bundle.state, self.store.batch
        if batch is None or batch.labels is None:
            self.data = None
            self._clear(tr(NO_BATCH) if batch is None else self.tr(
                "{0}: no labels, so no calibration. Open its labels with the logits (an .npz with 'labels', "
                "or --labels-file).").format(batch.source))
            return
        settings = st.labs.calibration
        key = (id(batch), st.scale, st.temperature, st.epsilon, settings)
        if key == self._shown_key:
            return
        self._shown_key = key
        live = self.store.dragging
        try:
            made, step = self.calibrator(batch, live)
            c = made.at(scale=st.scale, temperature=st.temperature, epsilon=st.epsilon, bins=settings.bins,
                        equal_mass=settings.equal_mass)
        except calibration.CalibrationError as exc:
            self.data = None
            self._clear(str(exc))
            return
        self.data = c
        self._draw_bins(c)
        self._draw_classes(c, batch)
        self._draw_sweep(batch, st, settings)
        self._fill_wrong(c, batch, step)
        self.summary.setText(self._summary(c, st, step))

    def _draw_bins(self, c) -> None:
        full = [b for b in c.bins if b.count]
        lo = np.array([b.lower for b in full])
        hi = np.array([b.upper for b in full])
        mid, width = (lo + hi) / 2, 0.9 / len(c.bins) if c.bins else 0.05
        acc = np.array([b.accuracy for b in full])
        conf = np.array([b.confidence for b in full])
        if c.equal_mass:               # runs of confidences: drawn at their mean, as wide as they span
            mid = conf
        self.acc_bars.setOpts(x=mid, height=acc, width=width)
        self.gap_bars.setOpts(x=mid, y0=np.minimum(acc, conf), y1=np.maximum(acc, conf), width=width)
        # the counts along the top axis: it is drawn again only when a count changes
        self.text.ticks(self.count_axis, [[(float(m), f"{b.count:,}") for m, b in zip(mid, full)]])
        counts = np.array([b.count for b in full], dtype=float)
        shown = (mid.tobytes(), counts.tobytes(), width)
        if shown != self._hist_shown:                  # the counts move far less often than the confidences
            self._hist_shown = shown
            self.hist_bars.setOpts(x=mid, height=counts, width=width)
            self.y_range(self.hist_plot, 0.0, float(counts.max()) * 1.05 if counts.size else 1.0)
        self.acc_line.setValue(c.accuracy)
        self.conf_line.setValue(float(np.mean(c.confidence)))

    def _draw_classes(self, c, batch) -> None:
        used = [k for k, cls in enumerate(c.per_class) if cls.predicted]
        x = np.array([c.per_class[k].confidence for k in used])
        y = np.array([c.per_class[k].accuracy for k in used])
        self.class_dots.setData(x, y)
        # the classes of a good model crowd near (1, 1): the view holds them and the diagonal near them
        low = min(float(x.min()), float(y.min())) if x.size else 0.0
        low = max(0.0, min(0.9, np.floor((low - 0.02) * 20) / 20))
        self.text.range(self.class_plot, x=(low, 1.0), y=(low, 1.0), padding=0.04)
        names = batch.class_names or tuple(str(k) for k in range(batch.n_classes))
        shown = [] if self.store.dragging else used[:len(self.class_names)]   # named once the slider stops
        lift = (1.0 - low) * 0.015
        plotting.place(self.class_names, x[:len(shown)], y[:len(shown)] + lift, [names[k] for k in shown])

    def _drag_ended(self) -> None:
        if self.on_screen and self._sweep is not None and self.bundle is not None:
            self._shown_key = None
            self.plot_bundle(self.store.bundle)

    def _draw_sweep(self, batch, st, settings) -> None:
        """NLL and ECE over T = 0.1 .. 10 at this scale: made again when the batch, the
        scale or the bins change (once a drag of the scale ends, not on its every tick)."""
        key = (id(batch), st.scale, st.epsilon, settings)
        stale = self._sweep is None or self._sweep[0] != key
        if stale and self._sweep is not None and self.store.dragging:
            stale = False
        if stale:
            ts = np.logspace(-1, 1, 25)
            nll, ece = [], []
            made, _step = self.calibrator(batch, live=True)       # a curve: a sample of a large batch is enough
            for t in ts:
                cc = made.at(scale=st.scale, temperature=float(t), bins=settings.bins,
                             equal_mass=settings.equal_mass, worst=0)
                nll.append(cc.nll)
                ece.append(cc.ece * 10)
            self._sweep = (key, np.log10(ts), np.array(nll), np.array(ece))
        _key, lt, nll, ece = self._sweep
        if self._sweep_shown is not self._sweep:       # the curves change with the scale, not with T
            self._sweep_shown = self._sweep
            self.nll_curve.setData(lt, plotting.finite_or_nan(nll))
            self.ece_curve.setData(lt, ece)
        self.t_now.setValue(np.log10(st.temperature) if st.temperature > 0 else np.nan)
        fitted = self._fit_for(batch, st)
        self.t_fit.setValue(np.log10(fitted[3]) if fitted else np.nan)
        finite = nll[np.isfinite(nll)]
        top = max(float(finite.max()) if finite.size else 1.0, float(ece.max()))
        self.y_range(self.t_plot, 0.0, top * 1.05)

    def _fit_for(self, batch, st):
        f = self.fitted
        if f is None or f[0] is not batch or f[1] != st.scale or f[2] != st.labs.calibration.split:
            return None
        return f

    def _fill_wrong(self, c, batch, step: int = 1) -> None:
        listed = (id(batch), step, tuple(c.worst.tolist()), tuple(np.round(c.confidence[c.worst], 4).tolist()))
        if listed == self._listed:
            return                     # the same rows at the same shown p: the list stays
        self._listed = listed
        self.wrong.clear()
        names = batch.class_names or tuple(str(k) for k in range(batch.n_classes))
        for row in (int(r) * step for r in c.worst):
            k = row // step
            item = QListWidgetItem(self.tr("row {0}: said {1} with p = {2:.4f}, was {3}").format(
                row, names[c.predicted[k]], c.confidence[k], names[batch.labels[row]]))
            item.setData(Qt.UserRole, int(row))
            self.wrong.addItem(item)

    def _summary(self, c, st, step: int = 1) -> str:
        """Two sentences: the batch's figures at this T (of every ``step``th row while a slider
        moves), and the fitted T* with the figures it changes (or how to fit it)."""
        if step > 1:
            rows = self.tr("{0:,} samples (while the slider moves: every {1}th row) at T = {2:.4g}").format(
                c.n_samples, step, st.temperature)
        else:
            rows = self.tr("{0:,} samples at T = {1:.4g}").format(c.n_samples, st.temperature)
        if st.epsilon > 0:
            first = self.tr("{0}: accuracy {1:.2%} (top-5 {2:.2%}), NLL {3:.4f}, smoothed NLL (ε = {4:g}) "
                            "{5:.4f}, Brier {6:.4f}, ECE {7:.4f}, MCE {8:.4f}.").format(
                rows, c.accuracy, c.top5_accuracy, c.nll, st.epsilon, c.smoothed_nll, c.brier, c.ece, c.mce)
        else:
            first = self.tr("{0}: accuracy {1:.2%} (top-5 {2:.2%}), NLL {3:.4f}, Brier {4:.4f}, ECE {5:.4f}, "
                            "MCE {6:.4f}.").format(rows, c.accuracy, c.top5_accuracy, c.nll, c.brier, c.ece, c.mce)
        f = self._fit_for(self.store.batch, st)
        if f is None:
            second = self.tr("Fit temperature: T* minimizes the NLL (and usually the ECE with it).")
        else:
            _b, _s, split, t, before, after, n_fit, n_report = f
            moves = (before.nll, after.nll, before.ece, after.ece, before.brier, after.brier)
            if split:
                second = self.tr("T* = {0:.6g} (fitted on {1:,}, reported on the other {2:,}): NLL {3:.4f} → "
                                 "{4:.4f}, ECE {5:.4f} → {6:.4f}, Brier {7:.4f} → {8:.4f}").format(
                    t, n_fit, n_report, *moves)
            else:
                second = self.tr("T* = {0:.6g} (fitted on all): NLL {1:.4f} → {2:.4f}, ECE {3:.4f} → {4:.4f}, "
                                 "Brier {5:.4f} → {6:.4f}").format(t, *moves)
        return first + "  " + second        # (two lines, wrapped: the summary is plain text)
