"""Probability bars p with the target q over them, and the textbook formula beside."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP

from softmax_viewer.qt import plotting
from softmax_viewer.qt.plotting import (BLUE, GREY, ORANGE, RED, VIEW_LIMIT, ClassAxis, PlotPanel, SteadyText,
                                        finite_or_nan, steady_ceiling, steady_range)
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting.fitting import fit_title, legend_below


def p_ceiling(top: float) -> float:
    """The top of a linear probability axis for bars up to ``top``: 1, or below a
    tenth the next power of ten (a p spread over many classes). Held while the
    bars stay above a tenth of it (``steady_ceiling``), the axis moves once a
    decade as a drag spreads p out, and the bars fill at least a tenth of it."""
    if not top > 0.1:
        return 10.0 ** max(-12, math.ceil(math.log10(top))) if top > 0 else 1e-12
    return 1.0


def share_text(x: float) -> str:
    """A share of the mass in three digits, with more where three would round it to 0 or 1
    (0.99996 is not all of it)."""
    x = float(x)
    for digits in range(3, 18):
        text = f"{x:.{digits}g}"
        if not (0.0 < x < 1.0) or text not in ("0", "1"):
            return text
    return text


class ProbabilityPanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("", "Probabilities p = softmax(u), target q")
    tooltip = QT_TRANSLATE_NOOP("", "Blue: p from the stable formula. Orange: the target q = (1 − ε)·onehot(y) + ε/N. "
                                "Grey: the textbook exp(u)/Σexp(u), red ✕ where it overflows to NaN.")

    def __init__(self, parent=None):
        super().__init__(parent)
        # the top classes by class (name or number), their ranks in the hover readout
        self._class_axis = ClassAxis(ranks=False)
        fit_title(self.plot)
        self.text.title(self.plot, tr(self.title), "11pt", shorter=(self.tr("p = softmax(u), target q"),
                                                                self.tr("p and target q")))
        legend = plotting.legend(self.plot, offset=(5, 5), labelTextSize="8pt")
        self.bars = plotting.bars(self.plot, BLUE, width=0.55, name=self.tr("p (stable)"))
        self.naive = plotting.bars(self.plot, GREY, width=0.18, name=self.tr("textbook exp/Σexp"))
        self.q_line = plotting.curve(self.plot, plotting.pen(ORANGE, width=3), self.tr("target q"), connect="pairs",
                                     antialias=False)
        self.flags = plotting.marks(self.plot, symbol="x", size=14, brush=RED, pen=plotting.pen(RED, width=2),
                                    name=self.tr("textbook NaN"))
        # where q stands above a zoomed axis (the target's 1 over bars of 0.004)
        self.q_above = plotting.marks(self.plot, symbol="t1", size=11, brush=ORANGE, pen=None)
        self._flagged = None
        self._ceiling = 1.0            # the linear axis' top, kept while the largest p fits it
        self._above = None
        self._q_drawn = None           # the q (or log q) values its marks were last laid out for
        self._log_view = None          # the log axis' range, kept while the bars fit it
        # under the plot: a legend in the view covered the bars (a dominant class 0, its q)
        self.legend_place = legend_below(self.plot, legend)
        self.note = SteadyText(lines=2, point_size=9, colour="#444")
        self.layout().addWidget(self.note)

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.probabilities
        st = bundle.state
        n = d.shown.size
        x = np.arange(n, dtype=float)
        log_mode = st.log_probabilities
        if log_mode:
            lp = finite_or_nan(d.log_p)
            floor = float(np.nanmin(lp)) if np.isfinite(lp).any() else -1.0
            # a steady view from below the smallest log p up to 0; the bars stand on its floor
            # (log p near -1.8e308 is clipped at the view's limit)
            low = max(floor * 1.05 - 1.0, -VIEW_LIMIT)
            self._log_view = steady_range(min(low, -1.0), 0.0, self._log_view,
                                          steps=5, fill=0.5, grow=0.25)
            floor = self._log_view[0]
            top = np.where(np.isnan(lp), floor, lp)
            self.bars.setOpts(x=x, y0=np.full(n, floor), y1=top, height=None, width=0.55)
            with np.errstate(divide="ignore"):
                lq = np.log(d.q)
            qy = finite_or_nan(lq)
            self.naive.setOpts(x=x + 0.36, y0=np.full(n, floor), height=np.zeros(n), width=0.18)
            self.text.label(self.plot, "left", "log p")
            flag_y = 0.0
        else:
            self.bars.setOpts(x=x, y0=np.zeros(n), y1=None, height=d.p, width=0.55)
            naive = np.where(np.isfinite(d.naive_p), d.naive_p, 0.0)
            self.naive.setOpts(x=x + 0.36, y0=np.zeros(n), height=naive, width=0.18)
            qy = d.q
            self.text.label(self.plot, "left", "p")
            top = max(float(np.max(d.p)), float(np.max(naive))) if n else 1.0
            self._ceiling = steady_ceiling(top, self._ceiling, p_ceiling, keep=0.1)
            flag_y = 0.5 * self._ceiling
        qy = np.asarray(qy, dtype=float)
        if self._q_drawn is None or not np.array_equal(self._q_drawn, qy, equal_nan=True):
            # q stays put while s, T or the logits move: its marks are laid out again only when it moves
            self._q_drawn = qy.copy()
            self.q_line.setData(np.repeat(x, 2) + np.tile([-0.3, 0.3], n), np.repeat(qy, 2))
        bad = np.flatnonzero(d.naive_flags == 2)
        flagged = (tuple(bad), flag_y)
        if flagged != self._flagged:                 # usually none, tick after tick
            self._flagged = flagged
            self.flags.setData(x[bad] + 0.36, np.full(bad.size, flag_y))
        width = self.plot.vb.width()
        ticks, span = self._class_axis(d.shown, st, d.by_rank, width, n)
        self.text.ticks(self.plot.getAxis("bottom"), ticks)
        self.text.label(self.plot, "bottom", self.tr("class (top by p)") if d.by_rank else self.tr("class"))
        self.text.range(self.plot, x=span)
        above = ()
        if not log_mode:
            view_top = 1.05 * self._ceiling
            self.text.range(self.plot, y=(0.0, view_top))
            if self._ceiling < 1.0:
                above = tuple(np.flatnonzero(d.q > view_top))
        if above != self._above:
            self._above = above
            at = np.asarray(above, dtype=int)
            self.q_above.setData(x[at], np.full(at.size, 0.97 * view_top) if at.size else [])
        if log_mode:
            lo, hi = self._log_view       # room above 0 for the target line and the NaN marks
            self.text.range(self.plot, y=(lo, hi + 0.06 * (hi - lo)), padding=0)
        n_over, n_nan, n_under = d.naive_counts
        if n_nan:
            note = self.tr("textbook exp/sum: {0} class(es) NaN ({1} exp overflowed to inf); the stable formula "
                           "subtracts the max first").format(n_nan, n_over)
        elif n_under:
            note = self.tr("textbook exp/sum: {0} class(es) underflowed to 0 where p > 0").format(n_under)
        else:
            note = self.tr("textbook exp/sum agrees here (no overflow)")
        q_top = float(d.q[above[0]]) if above else 0.0
        if d.by_rank and above:       # two lines at most
            note = self.tr("Top {0} of {1:,} by p (the rest: {2} of the mass); ▲ q = {3:.3g}, above the axis. {4}").format(
                n, st.n_classes, share_text(d.rest_mass), q_top, note)
        elif d.by_rank:
            note = self.tr("Top {0} of {1:,} classes by p; the rest hold {2} of the mass. {3}").format(
                n, st.n_classes, share_text(d.rest_mass), note)
        elif above:
            note = self.tr("▲ q = {0:.3g}, above the axis; {1}").format(q_top, note)
        if self.note.text() != note:
            self.note.setText(note)
