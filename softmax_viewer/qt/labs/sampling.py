"""The sampling lab's view: K draws against p, one Gumbel-max draw, a Gumbel-softmax sample."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox

from softmax_viewer import labs, names
from softmax_viewer.lab_settings import MAX_DRAWS
from softmax_viewer.limits import MAX_SEED
from softmax_viewer.qt import plotting
from softmax_viewer.qt.controls import NumberSpin, signals_blocked
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.labs.base import LabPanel, shown_classes
from softmax_viewer.qt.plotting import BLUE, GREEN, ORANGE, PURPLE


def _whole(lo, hi, tip, special=None):
    w = QSpinBox()
    w.setRange(lo, hi)
    w.setKeyboardTracking(False)
    w.setToolTip(tip)
    if special:
        w.setSpecialValueText(special)
    return w


class SamplingLab(LabPanel):
    title = "Sampling"
    key = "sampling"
    part = "sampling"

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.n = _whole(1, MAX_DRAWS, self.tr("How many samples to draw."))
        self.seed = _whole(0, MAX_SEED, self.tr("Random seed: the same seed gives the same draws."))
        self.top_k = _whole(0, 1_000_000, self.tr("Keep only the k most probable classes (off at 0)."),
                            special=self.tr("off"))
        self.top_p = NumberSpin(0.001, 1.0, self.tr("Nucleus: keep the smallest set of classes whose mass "
                                                    "reaches p (off at 1)."))
        self.min_p = NumberSpin(0.0, 1.0, self.tr("Keep classes with p >= min_p · p_max (off at 0)."))
        self.min_p.setSpecialValueText(self.tr("off"))
        self.order = QComboBox()
        self.order.addItems([tr(title) for title in names.SAMPLING_ORDERS.values()])
        self.order.setToolTip(self.tr("Truncating before or after the temperature changes which classes survive."))
        self.tau = NumberSpin(0.01, 100.0, self.tr("Temperature of the Gumbel-softmax relaxed sample."))
        self.again = QPushButton(self.tr("Draw again"))
        self.again.setToolTip(self.tr("Next seed: new draws."))
        row1 = QHBoxLayout()
        for lab, w in ((self.tr("samples"), self.n), (self.tr("seed"), self.seed), ("", self.again)):
            if lab:
                row1.addWidget(QLabel(lab))
            row1.addWidget(w)
        row2 = QHBoxLayout()
        for lab, w in ((self.tr("top-k"), self.top_k), (self.tr("top-p"), self.top_p), (self.tr("min-p"), self.min_p)):
            row2.addWidget(QLabel(lab))
            row2.addWidget(w)
        self.controls.addRow(self.tr("Draws"), row1)
        self.controls.addRow(self.tr("Truncation"), row2)
        self.controls.addRow(self.tr("Order"), self.order)
        self.controls.addRow(self.tr("Gumbel-softmax τ"), self.tau)
        self.n.valueChanged.connect(lambda v: self.ask(n=int(v)))
        self.seed.valueChanged.connect(lambda v: self.ask(seed=int(v)))
        self.top_k.valueChanged.connect(lambda v: self.ask(top_k=int(v) or None))
        self.top_p.valueChanged.connect(lambda v: self.ask(top_p=float(v) if v < 1.0 else None))
        self.min_p.valueChanged.connect(lambda v: self.ask(min_p=float(v) or None))
        self.tau.valueChanged.connect(lambda v: self.ask(tau=float(v)))
        self.order.currentIndexChanged.connect(lambda i: self.ask(order=list(names.SAMPLING_ORDERS)[i]))
        self.again.clicked.connect(lambda: self.ask(seed=(self.store.state.labs.sampling.seed + 1) % (MAX_SEED + 1)))
        self.hist_plot = self.add_plot(0, 0, self.tr("share of draws (blue) against p (orange); grey: truncated"))
        self.cut = plotting.bars(self.hist_plot, (200, 200, 200), width=0.6)
        self.hist = plotting.bars(self.hist_plot, BLUE, width=0.6)
        self.p_line = plotting.curve(self.hist_plot, plotting.pen(ORANGE, width=3), connect="pairs", antialias=False)
        self.gumbel_plot = self.add_plot(0, 1, self.tr("one Gumbel-max draw: log p + g; the winner is the sample"))
        self.perturbed = plotting.bars(self.gumbel_plot, PURPLE, width=0.6)
        self.winner = plotting.bars(self.gumbel_plot, GREEN, width=0.6)
        # log p of each class: a short black line across its bar (one path, not a scatter)
        self.logp_marks = plotting.curve(self.gumbel_plot, plotting.pen("k", width=2), connect="pairs",
                                         antialias=False)
        self.relaxed_plot = self.add_plot(1, 0, self.tr("Gumbel-softmax relaxed sample: softmax((log p + g)/τ)"),
                                          colspan=2)
        self.relaxed = plotting.bars(self.relaxed_plot, GREEN, width=0.6)

    def show_settings(self, settings) -> None:
        values = ((self.n, settings.n), (self.seed, settings.seed), (self.top_k, settings.top_k or 0),
                  (self.top_p, 1.0 if settings.top_p is None else settings.top_p),
                  (self.min_p, settings.min_p or 0.0), (self.tau, settings.tau))
        order = list(names.SAMPLING_ORDERS).index(settings.order)
        with signals_blocked(self.order, *(w for w, _v in values)):
            for w, v in values:
                if w.value() != v:
                    w.setValue(v)
            if self.order.currentIndex() != order:
                self.order.setCurrentIndex(order)

    def plot_bundle(self, bundle):
        st = bundle.state
        if st.temperature == 0:
            self.summary.setText(self.tr("T = 0 is argmax: there is nothing to sample. Raise the temperature."))
            return
        opts = st.labs.sampling
        try:
            d = labs.sampling(st, n=opts.n, seed=opts.seed, top_k=opts.top_k, top_p=opts.top_p, min_p=opts.min_p,
                              order=opts.order, gumbel_tau=opts.tau, p=bundle.p, log_p=bundle.log_p)
        except ValueError as exc:       # nothing to sample, or a setting it refuses: said, not raised
            why = str(exc)
            self.summary.setText(f"{why[:1].upper()}{why[1:]}.")
            return
        self.bundle, self.data = bundle, d
        idx = shown_classes(bundle)
        x = np.arange(idx.size, dtype=float)
        share = d.share[idx]
        kept = d.kept[idx]
        self.hist.setOpts(x=x, height=share, width=0.6)
        self.cut.setOpts(x=x[~kept], height=d.p[idx][~kept], width=0.6)
        self.p_line.setData(np.repeat(x, 2) + np.tile([-0.35, 0.35], x.size), np.repeat(d.p[idx], 2))
        self.p_range(self.hist_plot, float(max(share.max(), d.p[idx].max())))
        pert = d.perturbed[idx]
        logq = d.log_sample_p[idx]
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
        self.summary.setText(self._drawn(st, d) + " " + self._reach(opts, d))

    def _drawn(self, st, d) -> str:
        """The sentence on the argmax and the class sampled."""
        shown = (st.label(d.argmax), d.p[d.argmax], st.label(d.sampled), d.p[d.sampled])
        if d.sampled == d.argmax:
            return self.tr("argmax: {0} (p = {1:.3g})   |   sampled: {2} (p = {3:.3g}) "
                           "— this time the argmax won.").format(*shown)
        ps = d.sample_p[d.sampled]
        return self.tr("argmax: {0} (p = {1:.3g})   |   sampled: {2} (p = {3:.3g}) — not the argmax: a class "
                       "with sampling probability {4:.3g} wins about {5:.3g} draws in 100.").format(
                           *shown, ps, ps * 100)

    def _reach(self, opts, d) -> str:
        """The sentence on which classes can be drawn."""
        kept, n = int(d.kept.sum()), d.p.size
        if opts.top_k or opts.top_p or opts.min_p:
            if d.order == "temperature_first":
                return self.tr("{0} of {1} classes kept by the truncation (temperature first).").format(kept, n)
            return self.tr("{0} of {1} classes kept by the truncation (truncation first).").format(kept, n)
        if kept < n:        # nothing truncated: the rest underflowed to p = 0
            return self.tr("{0} of {1} classes can be drawn; the other {2} have p = 0 (underflow).").format(
                kept, n, n - kept)
        return self.tr("All {0} classes can be drawn (no truncation).").format(n)
