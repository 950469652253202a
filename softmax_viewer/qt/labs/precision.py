"""The precision lab's view: u, p, log p and their errors in ulps, in the chosen float type."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from softmax_viewer import labs, names
from softmax_viewer.qt import plotting
from softmax_viewer.qt.controls import signals_blocked
from softmax_viewer.qt.labs.base import LabPanel, decade_ticks, shown_classes
from softmax_viewer.qt.plotting import BLUE, GREY, RED

class PrecisionLab(LabPanel):
    title = "Precision"
    key = part = "precision"

    def __init__(self, store, parent=None):
        super().__init__(store, parent)
        self.dtype = QComboBox()
        self.dtype.addItems(list(names.DTYPES))
        self.dtype.setToolTip(self.tr("The float type the softmax is computed in: exp overflows above about "
                                      "11.09 (float16), 88.72 (float32), 709.78 (float64)."))
        self.controls.addRow(self.tr("dtype"), self.dtype)
        self.dtype.currentIndexChanged.connect(lambda i: self.ask(dtype=names.DTYPES[i]))
        self.u_plot = self.add_plot(0, 0, self.tr("u in the chosen dtype; red above exp's overflow threshold"))
        self.u_ok = plotting.bars(self.u_plot, BLUE, width=0.6)
        self.u_over = plotting.bars(self.u_plot, RED, width=0.6)
        self.threshold = plotting.labelled_rule(self.u_plot, plotting.pen(RED, width=1.5, style=Qt.DashLine),
                                                self.tr("exp overflows above {value:.2f}"), position=0.2)
        self.p_plot = self.add_plot(0, 1, self.tr("p: textbook exp/Σexp (grey) beside stable (blue)"))
        self.p_plot.setYRange(0.0, 1.05, padding=0)          # probabilities: always 0 .. 1
        self.p_stable = plotting.bars(self.p_plot, BLUE, width=0.4)
        self.p_naive = plotting.bars(self.p_plot, GREY, width=0.4)
        self.p_flags = plotting.marks(self.p_plot, symbol="x", size=14, brush=RED, pen=plotting.pen(RED, width=2))
        self.log_plot = self.add_plot(1, 0, self.tr("log(softmax) (grey, −∞ marked ▼) beside log_softmax (blue)"))
        self.log_naive = plotting.bars(self.log_plot, GREY, width=0.4)
        self.log_stable = plotting.bars(self.log_plot, BLUE, width=0.4)
        self.log_flags = plotting.marks(self.log_plot, symbol="t", size=12, brush=RED, pen=None)
        self.ulp_plot = self.add_plot(1, 1, self.tr("error in ulps against a float64 reference (log scale)"))
        plotting.legend(self.ulp_plot, offset=(5, 5), labelTextSize="8pt", brush=(255, 255, 255, 220))
        # markers at log10(ulps) on an axis that reads 10^k (decade_ticks; cheaper than pyqtgraph's log mode per item)
        self.ulp_naive = plotting.dots(self.ulp_plot, size=7, pen=None, brush=GREY, symbol="o",
                                       name=self.tr("textbook"))
        self.ulp_stable = plotting.dots(self.ulp_plot, size=7, pen=None, brush=BLUE, symbol="s",
                                        name=self.tr("stable"))

    def show_settings(self, settings) -> None:
        i = names.DTYPES.index(settings.dtype)
        if self.dtype.currentIndex() != i:
            with signals_blocked(self.dtype):
                self.dtype.setCurrentIndex(i)

    def plot_bundle(self, bundle):
        st = bundle.state
        d = labs.precision(st, st.labs.precision.dtype, p=bundle.p)
        self.bundle, self.data = bundle, d
        idx = shown_classes(bundle)
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
        self.summary.setText(self.tr("{0}. Log axis: an exact value (0 ulp) is drawn at 0.01, "
                                     "an error off the chart (∞) at 1e18.").format(self.summary_text(d)))

    def summary_text(self, d) -> str:
        """What labs.precision's summary says, in the window's language (made from its numbers)."""
        over, nan_, under = d.exp_infinite, int(np.sum(d.flags == 2)), int(np.sum(d.flags == 3))
        worst = float(np.max(d.ulp_stable)) if d.ulp_stable.size else 0.0
        text = self.tr("{0}: exp overflows above u = {1:.2f}. Textbook: {2} exp → inf, {3} NaN, {4} underflowed "
                       "to 0; stable worst error {5:.3g} ulp").format(d.dtype, d.exp_threshold, over, nan_, under,
                                                                        worst)
        if d.u_overflows:
            return self.tr("{0} (u itself overflows {1} in {2} classes: |u| > {3:.5g})").format(
                text, d.dtype, d.u_overflows, float(np.finfo(d.dtype).max))
        if d.dtype != "float64":
            return self.tr("{0} ({1:.3g} against the exact softmax of u as rounded to {2})").format(
                text, d.stable_worst_of_rounded_u, d.dtype)
        return text
