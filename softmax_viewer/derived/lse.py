"""LSE against max while the scale (or the class count) sweeps."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.bundle import N_SWEEP_MAX, SCALE_SWEEP, LseData
from softmax_viewer.logits import effective_logits, scaled_logits

#: the scale sweep's grid: the 4 decades shown and 2 more on each side (so that a
#: temperature drag reads the same grid for a while), at most this many points a
#: decade, and at most SWEEP_BLOCK values of s·z in memory at once
SWEEP_MARGIN_DECADES = 2.0
SWEEP_PER_DECADE = 40
SWEEP_BLOCK = 2_000_000


def _sweep_values(sig: np.ndarray, z: np.ndarray, slopes: bool) -> tuple[np.ndarray, np.ndarray | None]:
    """f(sigma) = LSE(sigma z) at each sigma, and (``slopes``) df/d ln sigma - sigma max z,
    computed a block of rows at a time (never more than SWEEP_BLOCK numbers at once)."""
    finite = np.isfinite(z)
    top = float(np.max(z))
    zf = np.where(finite, z, 0.0)
    f = np.empty(sig.size)
    slope = np.empty(sig.size) if slopes else None
    step = max(1, SWEEP_BLOCK // max(z.size, 1))
    for start in range(0, sig.size, step):
        sl = slice(start, start + step)
        rows = scaled_logits(z[None, :], sig[sl, None])
        f[sl] = stable.logsumexp(rows, axis=1)
        if slopes:
            with np.errstate(invalid="ignore", over="ignore", under="ignore"):
                rows -= f[sl, None]
                np.exp(rows, out=rows)                       # softmax(sigma z), row by row
                slope[sl] = (rows @ zf - top) * sig[sl]
    return f, slope


def _densified(sig, f, slope, z, k: int):
    """f(sigma) = LSE(sigma z) on a grid k times finer than ``sig``.

    Many classes make each exact value cost N exps, so the grid there is coarse
    (5 a decade at 100,000 classes); drawn as straight lines between its points
    the curve showed corners where it bends, up to 0.9 off. In between, the gap
    g = f - sigma max(z) = LSE - max is interpolated (cubic Hermite in ln sigma,
    with the exact slopes dg/d ln sigma = sigma (sum_i softmax(sigma z)_i z_i - max z))
    and held to its bounds [0, log N]: within about 0.1 of the exact curve where
    LSE < 30, and never below max or above max + log N. A sweep with an infinite
    value (logits near the float range) is left as it is.
    """
    finite = np.isfinite(z)
    top = float(np.max(z))
    with np.errstate(invalid="ignore", over="ignore"):
        gap = f - sig * top
    if not (np.all(np.isfinite(gap)) and np.all(np.isfinite(slope))):
        return sig, f
    x = np.log(sig)
    h = np.diff(x)[:, None]
    t = (np.arange(k) / k)[None, :]
    t2, t3 = t * t, t * t * t
    dense = ((2 * t3 - 3 * t2 + 1) * gap[:-1, None] + (t3 - 2 * t2 + t) * h * slope[:-1, None]
             + (3 * t2 - 2 * t3) * gap[1:, None] + (t3 - t2) * h * slope[1:, None])
    dense = np.clip(np.append(dense.ravel(), gap[-1]), 0.0, math.log(int(finite.sum())))
    sig_dense = np.exp(np.append((x[:-1, None] + t * h).ravel(), x[-1]))
    sig_dense[::k] = sig                             # the exact points stay exact
    with np.errstate(over="ignore"):
        out = dense + sig_dense * top
    out[::k] = f
    return sig_dense, out


class ScaleSweep:
    """LSE against max over the scale sweep, keeping its grid for the logits it was made for.

    The grid is a fixed lattice (``lse`` reads the same points whether it made the
    grid now or for an earlier temperature): keeping it changes no number, only
    what a temperature drag costs.
    """

    def __init__(self):
        self._key = None           # the logits array the grid is of
        self._grid = None          # (sigma, LSE(sigma z))

    def lse(self, state, u, lse_u: float) -> LseData:
        """max(u), LSE(u) and max + log N while the scale sweeps SCALE_SWEEP.

        LSE(s z / T) depends on s / T only, so f(sigma) = LSE(sigma z) is
        computed once per logits over a wide sigma grid and each temperature
        reads it at sigma = s / T: a scale or temperature drag costs nothing here.
        """
        if state.lse_mode == "n_classes":
            return lse_over_n(state, u, lse_u)
        z = state.margined_logits()
        n = z.size
        t = state.temperature
        lo, hi = SCALE_SWEEP
        key = (state.logits, state.margin, state.target if state.margin else None)
        if t == 0.0:        # the limit: u is infinite, LSE - max = log(ties)
            scales = np.logspace(math.log10(lo), math.log10(hi), 2)
            top = float(np.max(z))
            mx = np.full(2, 0.0 if top == 0 else math.copysign(math.inf, top))
            lse = mx + math.log(int(np.sum(z == top)))
        else:
            sig_lo, sig_hi = lo / t, hi / t          # finite: T is within [1e-300, 1e300]
            cached = (self._key is not None and self._key[0] is key[0] and self._key[1:] == key[1:]
                      and self._grid is not None)
            if not cached or sig_lo < self._grid[0][0] * 0.999 or sig_hi > self._grid[0][-1] * 1.001:
                # a fixed number of points whatever T is (4 + 2 * SWEEP_MARGIN_DECADES decades),
                # on a lattice 10^(k / per_decade) that does not move with T: the points
                # shown are the same whether this grid was made now or for an earlier T
                per_decade = int(min(SWEEP_PER_DECADE, max(5, 400_000 // max(n, 1))))
                first = math.floor((math.log10(sig_lo) - SWEEP_MARGIN_DECADES) * per_decade)
                last = math.ceil((math.log10(sig_hi) + SWEEP_MARGIN_DECADES) * per_decade)
                sig = 10.0 ** (np.arange(first, last + 1) / per_decade)
                dense = per_decade < SWEEP_PER_DECADE
                f, slope = _sweep_values(sig, z, slopes=dense)
                if dense:
                    sig, f = _densified(sig, f, slope, z, -(-SWEEP_PER_DECADE // per_decade))
                self._grid = (sig, f)
                self._key = key
            sig, f = self._grid
            keep = (sig >= sig_lo * 0.999) & (sig <= sig_hi * 1.001)
            scales = sig[keep] * t
            lse = f[keep]
            with np.errstate(over="ignore"):
                mx = scales / t * float(np.max(z))
        max_u = float(np.max(u))
        return LseData("scale", scales, mx, lse, mx + math.log(n), state.scale, max_u, lse_u,
                       max_u + math.log(n), "scale s (T fixed)")


def lse_over_n(state, u, lse_u: float) -> LseData:
    g = state.generator
    ns = np.unique(np.round(np.logspace(0, math.log10(N_SWEEP_MAX), 60)).astype(int))
    s, t = state.scale, state.temperature
    # The N's logits in a few rectangular blocks of rows, each padded to the
    # block's width with a value whose exp is exactly 0 beside the row's max
    # (max - 1000): a few logsumexp calls instead of sixty.  Row k is
    # np.linspace(low, high, N_k) to the bit: low + j * step, the last entry high.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        step = np.where(ns > 1, (g.high - g.low) / np.maximum(ns - 1, 1), 0.0)
    mx, lse = np.empty(ns.size), np.empty(ns.size)
    if not np.all(np.isfinite(step)) or (g.high != g.low and not np.all(step[ns > 1] != 0)):
        # a range beyond the floats (or below their spacing): linspace's own ways, N by N
        for k, n in enumerate(ns):
            with np.errstate(over="ignore", invalid="ignore"):
                row = np.linspace(g.low, g.high, n)
            uu = effective_logits(row, s, t) if t > 0 else scaled_logits(row, s)
            mx[k] = uu.max()
            lse[k] = stable.logsumexp(uu) if t > 0 else uu.max()
    else:
        width, start = 64, 0
        while start < ns.size:
            while ns[start] > width:
                width *= 4
            stop = int(np.searchsorted(ns, width, side="right"))
            sel = slice(start, stop)
            n_k = ns[sel]
            j = np.arange(width, dtype=np.float64)
            with np.errstate(over="ignore", invalid="ignore"):
                rows = j[None, :] * step[sel, None] + g.low
                rows[np.arange(n_k.size), n_k - 1] = np.where(n_k > 1, g.high, g.low)
                uu = effective_logits(rows, s, t) if t > 0 else scaled_logits(rows, s)
                outside = j[None, :] >= n_k[:, None]
                uu[outside] = -np.inf
                m = uu.max(axis=1)
                pad = np.where(np.isfinite(m), m - 1000.0, -np.inf)
            uu = np.where(outside, pad[:, None], uu)
            mx[sel] = m
            lse[sel] = stable.logsumexp(uu, axis=1) if t > 0 else m
            start = stop
    max_u = float(np.max(u))
    return LseData("n_classes", ns.astype(float), mx, lse, mx + np.log(ns), float(u.size),
                   max_u, lse_u, max_u + math.log(u.size),
                   f"class count N (logits evenly spaced over [{g.low:g}, {g.high:g}])")
