"""Every number a panel draws, computed from one state. No Qt.

``compute(state)`` returns a frozen ``Bundle``: a pure function of the state.
A ``Computer`` gives the very same numbers, keeping what a change does not
touch, and says so the one way panels rely on:

    A part of the bundle (``lse``, ``surface``) is the very object of the last
    bundle when its inputs are unchanged; a panel may skip drawing it again.

(an eps drag leaves the LSE panel, and the surface of any loss but the smoothed
CE, as they are). Nothing else in a bundle depends on earlier calls.

The softmax sees u = s * z / T; p = softmax(u); q = (1 - eps) onehot(y) + eps/N;
the gradient shown is dCE/du = p - q. The parts live in modules of their own:
readout (numbers, bars, gradient), lse (the sweeps), losses (against the margin),
surface (over two logits), contours; bundle holds the frozen types.
"""
from __future__ import annotations

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.bundle import (BARS_ALL_UP_TO, RANKED, TOP_BARS, TOP_JACOBIAN, Bundle, GradientData,
                                           LossCurveData, LseData, ProbabilityData, SurfaceData)
from softmax_viewer.derived.contours import contour_segments
from softmax_viewer.derived.losses import MARGIN_REACHES, MARGINS, loss_curves, rival_stats
from softmax_viewer.derived.lse import ScaleSweep
from softmax_viewer.derived.readout import bars_of, gradient_of, readout_of, top_of
from softmax_viewer.derived.surface import surface_of
from softmax_viewer.state import ExplorerState

__all__ = ["compute", "Computer", "Bundle", "ProbabilityData", "LseData", "LossCurveData", "SurfaceData",
           "GradientData", "BARS_ALL_UP_TO", "TOP_BARS", "TOP_JACOBIAN", "RANKED", "MARGINS",
           "MARGIN_REACHES", "top_of", "contour_segments"]


def _same_inputs(a: tuple, b: tuple) -> bool:
    """Inputs alike: arrays the very same object (states share unchanged logits), the rest equal."""
    return len(a) == len(b) and all(x is y if isinstance(x, np.ndarray) else x == y for x, y in zip(a, b))


class Computer:
    """Computes bundles, keeping what a control change does not touch."""

    def __init__(self):
        self._sweep = ScaleSweep()
        self._rank_key = None          # the logits array the ranking below is of
        self._rank = None
        self._kept = {}                # part -> (the inputs it was made from, the part)

    def _ranked(self, z: np.ndarray) -> np.ndarray:
        """The RANKED classes with the largest logits, largest first (ties by index).

        p = softmax(s z / T) is ordered as z is for every s > 0 and T >= 0, so
        the ranking is made once per set of logits, not on every tick of an s
        or T drag (an O(N) partition: ~1 ms at 100,000 classes). Where p ties
        (underflow to 0) the larger logit comes first.
        """
        if self._rank_key is not z:
            k = min(RANKED, z.size)
            idx = np.argpartition(-z, k - 1)[:k] if k < z.size else np.arange(z.size)
            self._rank = idx[np.argsort(-z[idx], kind="stable")]
            self._rank_key = z
        return self._rank

    @staticmethod
    def _p_and_log_p(state: ExplorerState) -> tuple:
        """p and log p of u = s z / T: one rounding of s z, then the stable core."""
        return stable.softmax_and_log_softmax(state.scaled_logits(), temperature=state.temperature)

    # ---- the whole bundle ----
    def compute(self, state: ExplorerState) -> Bundle:
        z = state.margined_logits()
        n = z.size
        t, eps, y = state.temperature, state.epsilon, state.target
        p, log_p = self._p_and_log_p(state)
        q = stable.smooth_labels(y, n, eps)
        grad = stable.probability_gradient(p, y, epsilon=eps)     # dCE/du from the p at hand
        u = state.effective_logits()
        # the rivals of the target (u without u_y): max, LSE and sum, for the readout and the loss curves
        rivals = rival_stats(u, y) if t > 0 else None
        numbers = readout_of(state, u, p, log_p, rivals)
        notes = []
        if n > BARS_ALL_UP_TO:
            notes.append(f"{n:,} classes: the bar panels show the top {TOP_BARS} (by p, and by |p − q|)")
        ranked = self._ranked(z)
        bars = bars_of(state, u, p, log_p, q, ranked)
        return Bundle(
            state=state, u=u, p=p, log_p=log_p, q=q, grad=grad, readout=numbers,
            probabilities=bars,
            lse=self._kept_or_new("lse", self._lse_inputs(state), lambda: self._sweep.lse(state, u, numbers["lse"])),
            loss=loss_curves(state, u, numbers, rivals),
            surface=self._kept_or_new("surface", self._surface_inputs(state),
                                      lambda: surface_of(state, p, q)),
            gradient=gradient_of(state, p, grad, bars),
            notes=notes, ranked=ranked,
        )

    # ---- parts that a change may leave as they are ----
    def _kept_or_new(self, part: str, inputs: tuple, make):
        """The part made from ``inputs`` last time if they are the same, else a new one.

        A part that is the very object of the last bundle tells the window that
        its panel has nothing new to draw: an eps drag leaves the LSE panel (and
        the loss surface of anything but the smoothed CE) as it is.
        """
        kept = self._kept.get(part)
        if kept is not None and _same_inputs(kept[0], inputs):
            return kept[1]
        made = make()
        self._kept[part] = (inputs, made)
        return made

    @staticmethod
    def _lse_inputs(state) -> tuple:
        """What LSE against max depends on: u = s z / T, and the sweep's kind."""
        g = state.generator
        sweep = (g.low, g.high) if state.lse_mode == "n_classes" else None
        return (state.logits, state.margin, state.target if state.margin else None, state.scale,
                state.temperature, state.lse_mode, sweep)

    @staticmethod
    def _surface_inputs(state) -> tuple:
        """What the loss surface depends on (eps only through the smoothed CE)."""
        eps = state.epsilon if state.surface_loss == "smoothed_ce" else None
        return (state.logits, state.margin, state.surface_i, state.surface_j, state.scale, state.temperature,
                state.target,
                state.surface_loss, eps)

    # ---- readout ----



def compute(state: ExplorerState) -> Bundle:
    """One-off computation (no caching across calls)."""
    return Computer().compute(state)
