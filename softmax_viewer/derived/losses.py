"""The losses against the target's margin, the rivals of the target."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.bundle import LossCurveData

#: how far the loss panel's margin axis may reach on either side (it shows the
#: first of these beyond the current margin, and holds it while it fits)
MARGIN_REACHES = (8.0, 12.0, 16.0, 24.0, 32.0, 40.0)
#: the margins the curves are computed at: a fixed lattice of 15 points a unit
#: over the widest span, so that every span the panel shows holds the same points
MARGINS = np.arange(-15 * MARGIN_REACHES[-1], 15 * MARGIN_REACHES[-1] + 1) / 15.0
MARGINS.setflags(write=False)


def rival_stats(u: np.ndarray, y: int) -> tuple[float, float, float, float]:
    """The rivals of the target (u without u_y): their max m, their LSE, the sum of
    (u_i - m) over them (<= 0; -inf where a rival is masked), and LSE - m taken as the LSE
    of the u_i - m (the implicit margin, in [0, log(N - 1)], no digits lost when it is
    small). (-inf, -inf, 0, 0) when there is no rival. Sums are taken relative to m so
    that logits near the float range give their true differences, not inf - inf."""
    if u.size < 2:
        return -math.inf, -math.inf, 0.0, 0.0
    rivals = np.delete(u, y)
    m = float(np.max(rivals))
    if not math.isfinite(m):
        return m, m, -math.inf, 0.0
    with np.errstate(over="ignore"):       # a difference beyond the floats is -inf, as it is in the limit
        shifted = rivals - m
        below = float(np.sum(shifted))
    with np.errstate(under="ignore"):
        over = max(float(stable.logsumexp(shifted)), 0.0)
    return m, float(stable.logsumexp(rivals)), below, over


def loss_curves(state, u, readout, rivals=None) -> LossCurveData:
    """The four losses against the target's margin, on MARGINS (a fixed lattice over
    every span the loss panel may show: which part it shows is the panel's choice).

    ``rivals``: rival_stats(u, target) when the caller has them (T > 0).
    """
    n = u.size
    y = state.target
    eps = state.epsilon
    if state.temperature == 0.0:
        uu = state.scaled_logits()                         # the direction of u
        rivals = None
    else:
        uu = u
    m_r, l_r, below, _over = rivals if rivals is not None else rival_stats(uu, y)
    if not math.isfinite(m_r):      # no rival, or none finite: the margin counts from 0
        m_r, l_r = 0.0, -math.inf
    over = l_r - m_r                # LSE of the rivals above their max: in [0, log(N - 1)]
    with np.errstate(over="ignore"):       # a margin beyond the float range is inf
        cur = float(uu[y] - m_r) if n > 1 else 0.0
    margin = MARGINS
    # everything relative to the rivals' max m: u_y = m + margin, LSE(u) = m + L
    with np.errstate(over="ignore", invalid="ignore"):
        hinge = np.maximum(-margin, 0.0) if n > 1 else np.zeros_like(margin)
        gap = over - margin
        lse_hinge = np.maximum(gap, 0.0)
        ce = stable.softplus(gap)
        big_l = np.logaddexp(over, margin)
        # sum_i log p_i = sum_rivals (u_i - m) - (N - 1) L + (margin - L): no inf - inf
        total = (below - (n - 1) * big_l) + (margin - big_l)
        # eps/N > 0: its share of an infinite total (a masked class) is infinite
        spread = np.where(np.isinf(total), -total, (eps / n) * -total)
        smoothed = (1 - eps) * ce + spread if eps > 0 else ce.copy()
    if state.temperature == 0.0:                         # the T -> 0 limits
        ce = np.where(margin > 0, 0.0, np.inf)
        smoothed = np.where(margin > 0, 0.0, np.inf) if eps == 0 else np.full_like(margin, np.inf)
        lse_hinge = hinge = np.where(margin > 0, 0.0, np.inf)
    current = {"hinge": readout["hinge"], "lse_hinge": readout["lse_hinge"],
               "ce": readout["cross_entropy"], "smoothed_ce": readout["smoothed_cross_entropy"]}
    return LossCurveData(margin, hinge, lse_hinge, ce, smoothed, cur, current)
