"""Every number a panel draws, computed from one state. No Qt.

``Computer().compute(state)`` returns a frozen ``Bundle``.  A ``Computer``
remembers the parts that do not depend on every control (the scale sweep of
the LSE panel depends on the logits and the temperature, not on the scale
itself), so a drag recomputes only what it changes.

The softmax sees u = s * z / T; p = softmax(u); q = (1 - eps) onehot(y) + eps/N;
the gradient shown is dCE/du = p - q.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from softmax_viewer import stable
from softmax_viewer.logits import effective_logits, scaled_logits
from softmax_viewer.state import ExplorerState

#: above this many classes the bar panels show the top classes only (a bar
#: panel is a few hundred pixels wide: more bars than this are slivers)
BARS_ALL_UP_TO = 60
TOP_BARS = 40
TOP_JACOBIAN = 24
RANKED = 2 * TOP_BARS          # classes kept in order of p with every bundle (the labs show twice the bars)
SURFACE_GRID = 81
SURFACE_CONTOURS = 7
SCALE_SWEEP = (1e-2, 1e2)
N_SWEEP_MAX = 2000


@dataclass(frozen=True)
class ProbabilityData:
    shown: np.ndarray          # class indices drawn, in drawing order
    by_rank: bool              # True: bars ordered by p (top classes), else class order
    p: np.ndarray              # p of shown
    log_p: np.ndarray          # log_softmax of shown
    q: np.ndarray              # target distribution of shown
    naive_p: np.ndarray        # textbook exp/sum of shown (may hold inf/NaN)
    naive_flags: np.ndarray    # 0 fine, 1 exp overflowed (inf), 2 NaN, 3 underflowed to 0
    rest_mass: float           # probability mass of the classes not shown
    naive_summary: str         # one line about the textbook formula


@dataclass(frozen=True)
class LseData:
    mode: str                  # "scale" or "n_classes"
    x: np.ndarray              # scale values or class counts
    max_curve: np.ndarray
    lse_curve: np.ndarray
    bound_curve: np.ndarray    # max + log N
    marker_x: float
    marker_max: float
    marker_lse: float
    marker_bound: float
    xlabel: str


@dataclass(frozen=True)
class LossCurveData:
    margin: np.ndarray         # u_y - max_{i != y} u_i
    hinge: np.ndarray
    lse_hinge: np.ndarray
    ce: np.ndarray
    smoothed_ce: np.ndarray
    current_margin: float
    current: dict              # loss name -> value at the current point


@dataclass(frozen=True)
class SurfaceData:
    loss: str
    i: int
    j: int
    zi: np.ndarray             # grid of z_i (x axis)
    zj: np.ndarray             # grid of z_j (y axis)
    values: np.ndarray         # (len(zi), len(zj)) loss, finite (inf clipped for display)
    has_inf: bool
    point: tuple               # current (z_i, z_j)
    neg_grad: tuple            # -dL/dz_i, -dL/dz_j at the point (0, 0 if undefined)
    levels: np.ndarray         # contour levels
    contours: tuple            # (xs, ys) segment pairs of the contour lines


@dataclass(frozen=True)
class GradientData:
    shown: np.ndarray
    by_rank: bool
    grad: np.ndarray           # p - q of shown (dCE/du)
    jac_classes: np.ndarray    # classes of the Jacobian heatmap: all, or the top ones by p, most probable first
    jacobian: np.ndarray       # d p / d u over those classes


@dataclass(frozen=True)
class Bundle:
    state: ExplorerState
    u: np.ndarray
    p: np.ndarray
    log_p: np.ndarray
    q: np.ndarray
    grad: np.ndarray
    readout: dict
    probabilities: ProbabilityData
    lse: LseData
    loss: LossCurveData
    surface: SurfaceData
    gradient: GradientData
    notes: list = field(default_factory=list)
    ranked: np.ndarray | None = None   # the RANKED most probable classes, most probable first


@dataclass(frozen=True)
class LabInputs:
    """What the labs read of a bundle: the state, p and log p of its u, and the
    RANKED most probable classes.  A labs window in a process of its own makes
    these itself (``Computer.lab_inputs``) rather than receive a whole bundle."""
    state: ExplorerState
    p: np.ndarray
    log_p: np.ndarray
    ranked: np.ndarray


MARGIN_REACHES = (8.0, 12.0, 16.0, 24.0, 32.0, 40.0)    # how far the loss panel's margin axis reaches


def _margin_reach(v: float) -> float:
    """The first of MARGIN_REACHES at or beyond v (the last when v is beyond them all)."""
    return next((r for r in MARGIN_REACHES if r >= v), MARGIN_REACHES[-1])


def contour_segments(values: np.ndarray, x: np.ndarray, y: np.ndarray, levels) -> tuple:
    """Contour lines of values[i, j] (at x[i], y[j]) as segment pairs, by marching squares.

    Returns (xs, ys) with two points per segment, for a line drawn with
    ``connect="pairs"``.  Vectorised over all cells and all levels at once:
    one comparison per grid point and level finds the cells a line crosses,
    and only those (a small fraction) are interpolated.
    """
    v = np.asarray(values, dtype=np.float64)
    levels = np.asarray(levels, dtype=np.float64).ravel()
    if levels.size == 0 or v.shape[0] < 2 or v.shape[1] < 2:
        return np.zeros(0), np.zeros(0)
    with np.errstate(invalid="ignore"):
        below = v[None, :, :] < levels[:, None, None]
    inside = below[:, :-1, :-1].astype(np.uint8) + below[:, 1:, :-1] + below[:, 1:, 1:] + below[:, :-1, 1:]
    lk, ci, cj = np.nonzero((inside != 0) & (inside != 4))
    if lk.size == 0:
        return np.zeros(0), np.zeros(0)
    lev = levels[lk]
    a, b = v[ci, cj], v[ci + 1, cj]             # corners (i, j), (i+1, j)
    c, d = v[ci + 1, cj + 1], v[ci, cj + 1]     # corners (i+1, j+1), (i, j+1)
    dx, dy = x[1] - x[0], y[1] - y[0]
    xi, yj = x[ci], y[cj]
    px = np.empty((lk.size, 4))
    py = np.empty((lk.size, 4))
    crossed = np.empty((lk.size, 4), dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # the four edges: bottom a-b, right b-c, top d-c, left a-d
        for e, (p, q, x0, y0, ex, ey) in enumerate(((a, b, xi, yj, dx, 0.0), (b, c, xi + dx, yj, 0.0, dy),
                                                   (d, c, xi, yj + dy, dx, 0.0), (a, d, xi, yj, 0.0, dy))):
            crossed[:, e] = (p < lev) != (q < lev)
            f = (lev - p) / (q - p)
            px[:, e] = x0 + f * ex
            py[:, e] = y0 + f * ey
    count = crossed.sum(axis=-1)
    out_x, out_y = [], []
    two = count == 2
    if two.any():
        # the two crossed edges of each cell, in edge order (row-major nonzero: the
        # column indices of each row's two True values, row after row)
        order = np.nonzero(crossed[two])[1].reshape(-1, 2)
        out_x.append(np.take_along_axis(px[two], order, axis=-1).ravel())
        out_y.append(np.take_along_axis(py[two], order, axis=-1).ravel())
    four = count == 4                        # a saddle: pair the edges by the centre value
    if four.any():
        lev4 = lev[four]
        centre = ((a + b + c + d)[four] / 4) < lev4
        low_a = (a[four] < lev4) == centre
        pairs = np.where(low_a[:, None], [[0, 1, 2, 3]], [[0, 3, 1, 2]])
        out_x.append(np.take_along_axis(px[four], pairs, axis=-1).ravel())
        out_y.append(np.take_along_axis(py[four], pairs, axis=-1).ravel())
    if not out_x:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(out_x), np.concatenate(out_y)


def _same_inputs(a: tuple, b: tuple) -> bool:
    """Inputs alike: arrays the very same object (states share unchanged logits), the rest equal."""
    return len(a) == len(b) and all(x is y if isinstance(x, np.ndarray) else x == y for x, y in zip(a, b))


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


def _quantiles(values: np.ndarray, qs: np.ndarray) -> np.ndarray:
    """The distinct values of ``np.quantile(values, qs)`` (linear interpolation),
    selected by one partition (half the cost of np.quantile's general path)."""
    flat = np.ravel(values)
    h = (flat.size - 1) * qs
    lo = np.floor(h).astype(np.intp)
    hi = np.minimum(lo + 1, flat.size - 1)
    part = np.partition(flat, np.unique(np.concatenate([lo, hi])))
    a, b = part[lo], part[hi]
    return np.unique(a + (h - lo) * (b - a))


def _lse_without(v: np.ndarray, p: np.ndarray, drop) -> float:
    """LSE of ``v`` without the classes ``drop``, where p = softmax(v).

    LSE(held) = LSE(v) + log(sum of p over the held classes), with LSE(v) =
    v_k - log p_k at the largest p_k: one sum of positive terms (a few ulps),
    where the compensated logsumexp costs about 0.1 ms at 1,000 classes. When
    the held classes' share is too small to be summed without underflow, or v
    is not finite where p is largest, the held values' own logsumexp.
    """
    if v.size <= len(drop):            # (``drop``: distinct classes) nothing is held
        return -math.inf
    k = int(np.argmax(p))
    share = float(np.sum(np.delete(p, drop)))
    if p.size == v.size and p[k] > 0 and math.isfinite(float(v[k])) and share > 1e-280:
        return float(v[k]) - math.log(float(p[k])) + math.log(share)
    return float(stable.logsumexp(np.delete(v, drop)))


def _logaddexp_outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.logaddexp(a[:, None], b[None, :])`` with len(a) + len(b) exponentials, not one a pair.

    With m the largest value, each pair is m + log(exp(a - m) + exp(b - m)),
    within a few ulps of m of logaddexp (the rounding a and b carry already,
    being of m's size). A pair whose larger term lies more than
    700 below m, where exp(. - m) would lose digits to underflow, is given
    by logaddexp itself.
    """
    a, b = np.ravel(a), np.ravel(b)
    m = max(float(np.max(a)), float(np.max(b))) if a.size and b.size else math.nan
    with np.errstate(under="ignore", divide="ignore", invalid="ignore"):
        if not math.isfinite(m):
            return np.logaddexp(a[:, None], b[None, :])
        out = np.log(np.exp(a - m)[:, None] + np.exp(b - m)[None, :])
        out += m
        low_a, low_b = np.flatnonzero(a - m < -700), np.flatnonzero(b - m < -700)
        if low_a.size and low_b.size:
            out[np.ix_(low_a, low_b)] = np.logaddexp(a[low_a, None], b[None, low_b])
    return out


def _rival_stats(u: np.ndarray, y: int) -> tuple[float, float, float]:
    """The rivals of the target (u without u_y): their max m, their LSE, and the sum of
    (u_i - m) over them (<= 0; -inf where a rival is masked). (-inf, -inf, 0) when
    there is no rival. Sums are taken relative to m so that logits near the float
    range give their true differences, not inf - inf."""
    if u.size < 2:
        return -math.inf, -math.inf, 0.0
    rivals = np.delete(u, y)
    m = float(np.max(rivals))
    if not math.isfinite(m):
        return m, m, -math.inf
    with np.errstate(over="ignore"):       # a difference beyond the floats is -inf, as it is in the limit
        below = float(np.sum(rivals - m))
    return m, float(stable.logsumexp(rivals)), below


def top_of(ranked: np.ndarray, p: np.ndarray, k: int, must: int) -> np.ndarray:
    """The k most probable classes, most probable first, always including ``must``,
    from ``ranked`` (classes in order of p, at least k of them): no O(N) pass."""
    idx = ranked[:k]
    if must not in idx:
        idx = np.append(idx[:-1], must)
    return idx[np.argsort(-p[idx], kind="stable")]


def _top(values: np.ndarray, k: int, must: int) -> np.ndarray:
    """Indices of the k largest values, descending, always including ``must``."""
    n = values.size
    if k >= n:
        idx = np.arange(n)
    else:
        idx = np.argpartition(-values, k - 1)[:k]
    if must not in idx:
        idx = np.append(idx[:-1], must)
    order = np.argsort(-values[idx], kind="stable")
    return idx[order]


class Computer:
    """Computes bundles, keeping what a control change does not touch."""

    def __init__(self):
        self._sweep_key = None
        self._sweep = None
        self._rank_key = None          # the logits array the ranking below is of
        self._rank = None
        self._margin_last = None       # the loss panel's last margin span (left, right)
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

    def lab_inputs(self, state: ExplorerState) -> LabInputs:
        """The labs' part of ``compute(state)``, the very same numbers: a few O(N) passes."""
        z = np.asarray(state.logits)
        p, log_p = self._p_and_log_p(state)
        return LabInputs(state, p, log_p, self._ranked(z))

    # ---- the whole bundle ----
    def compute(self, state: ExplorerState) -> Bundle:
        z = np.asarray(state.logits)
        n = z.size
        t, eps, y = state.temperature, state.epsilon, state.target
        p, log_p = self._p_and_log_p(state)
        q = stable.smooth_labels(y, n, eps)
        grad = stable.probability_gradient(p, y, epsilon=eps)     # dCE/du from the p at hand
        u = state.effective_logits()
        # the rivals of the target (u without u_y): max, LSE and sum, for the readout and the loss curves
        rivals = _rival_stats(u, y) if t > 0 else None
        readout = self._readout(state, u, p, log_p, rivals)
        notes = []
        if n > BARS_ALL_UP_TO:
            notes.append(f"{n:,} classes: the bar panels show the top {TOP_BARS} (by p, and by |p − q|)")
        ranked = self._ranked(z)
        probabilities = self._probabilities(state, u, p, log_p, q, ranked)
        return Bundle(
            state=state, u=u, p=p, log_p=log_p, q=q, grad=grad, readout=readout,
            probabilities=probabilities,
            lse=self._kept_or_new("lse", self._lse_inputs(state), lambda: self._lse(state, u, readout["lse"])),
            loss=self._loss_curves(state, u, readout, rivals),
            surface=self._kept_or_new("surface", self._surface_inputs(state),
                                      lambda: self._surface(state, p, q)),
            gradient=self._gradient(state, p, grad, probabilities),
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
        return (state.logits, state.scale, state.temperature, state.lse_mode, sweep)

    @staticmethod
    def _surface_inputs(state) -> tuple:
        """What the loss surface depends on (eps only through the smoothed CE)."""
        eps = state.epsilon if state.surface_loss == "smoothed_ce" else None
        return (state.logits, state.surface_i, state.surface_j, state.scale, state.temperature, state.target,
                state.surface_loss, eps)

    # ---- readout ----
    @staticmethod
    def _readout(state, u, p, log_p, rivals=None) -> dict:
        n = u.size
        y = state.target
        k = int(np.argmax(p))
        with np.errstate(invalid="ignore", over="ignore"):
            max_u = float(np.max(u))
            lse_minus_max = 0.0 - float(log_p[k])     # = -log p_max, exact for every T
            lse_u = max_u + lse_minus_max if np.isfinite(max_u) else max_u
            if state.temperature > 0:        # over the unmasked classes (u is finite there)
                finite = u[np.isfinite(u)]
                mean, var, norm = float(np.mean(finite)), float(np.var(finite)), stable.norm(finite)
            else:                            # T -> 0: the limits of (s/T)·(mean, var, norm of z)
                live = state.scaled_logits()
                live = live[np.isfinite(live)]
                m, v = float(np.mean(live)), float(np.var(live))
                mean = 0.0 if m == 0 else math.copysign(math.inf, m)
                var = 0.0 if v == 0 else math.inf
                norm = math.inf if np.any(live != 0) else 0.0
        with np.errstate(invalid="ignore"):
            h = 0.0 - float(np.sum(np.where(p > 0, p * log_p, 0.0)))
            ce = float(-log_p[y]) + 0.0
            eps = state.epsilon
            if eps == 0:
                sce = ce
            else:       # at eps = 1 the target's own term weighs 0, even where it is infinite
                own = (1 - eps) * ce if eps < 1 else 0.0
                with np.errstate(over="ignore"):
                    total = -float(np.sum(log_p))
                    # eps/N > 0: its share of an infinite total (a masked class) is infinite
                    sce = float(own + (total if math.isinf(total) else (eps / n) * total)) + 0.0
        if state.temperature > 0 and n > 1:
            m_r, l_r, _below = rivals if rivals is not None else _rival_stats(u, y)
            # beyond the float range: inf
            with np.errstate(invalid="ignore", over="ignore"):
                hinge = max(float(m_r - u[y]), 0.0)
                lse_hinge = max(l_r - float(u[y]), 0.0)
        elif n > 1:     # T = 0: the target wins outright or loses infinitely
            hinge = 0.0 if k == y and np.sum(p == p[k]) == 1 else math.inf
            lse_hinge = hinge
        else:
            hinge = lse_hinge = 0.0
        return {
            "n_classes": n, "max": max_u, "lse": lse_u, "lse_minus_max": lse_minus_max,
            "log_n": math.log(n), "entropy": h, "perplexity": math.exp(h),
            "mean": mean, "variance": var, "norm": norm,
            "predicted": k, "predicted_label": state.label(k),
            "p_target": float(p[y]), "cross_entropy": ce, "smoothed_cross_entropy": sce,
            "hinge": hinge, "lse_hinge": lse_hinge,
        }

    # ---- probabilities ----
    @staticmethod
    def _probabilities(state, u, p, log_p, q, ranked) -> ProbabilityData:
        n = p.size
        by_rank = n > BARS_ALL_UP_TO
        shown = top_of(ranked, p, TOP_BARS, state.target) if by_rank else np.arange(n)
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            ex = np.exp(u)
            naive = ex / np.sum(ex)      # stable.naive_softmax(u), its exp not taken twice
        flags = np.zeros(n, dtype=np.int8)
        overflowed = np.isposinf(ex)
        flags[overflowed] = 1
        flags[np.isnan(naive)] = 2
        flags[(ex == 0) & (p > 0)] = 3
        n_over, n_nan, n_under = int(overflowed.sum()), int(np.sum(flags == 2)), int(np.sum(flags == 3))
        if n_nan:
            summary = (f"textbook exp/sum: {n_nan} class(es) NaN ({n_over} exp overflowed to inf);"
                       " the stable formula subtracts the max first")
        elif n_under:
            summary = f"textbook exp/sum: {n_under} class(es) underflowed to 0 where p > 0"
        else:
            summary = "textbook exp/sum agrees here (no overflow)"
        rest = float(max(0.0, 1.0 - np.sum(p[shown]))) if by_rank else 0.0
        return ProbabilityData(shown=shown, by_rank=by_rank, p=p[shown], log_p=log_p[shown],
                               q=q[shown], naive_p=naive[shown], naive_flags=flags[shown],
                               rest_mass=rest, naive_summary=summary)

    # ---- LSE against max ----
    def _lse(self, state, u, lse_u: float) -> LseData:
        """max(u), LSE(u) and max + log N while the scale sweeps SCALE_SWEEP.

        LSE(s z / T) depends on s / T only, so f(sigma) = LSE(sigma z) is
        computed once per logits over a wide sigma grid and each temperature
        reads it at sigma = s / T: a scale or temperature drag costs nothing here.
        """
        if state.lse_mode == "n_classes":
            return self._lse_over_n(state, u, lse_u)
        z = np.asarray(state.logits)
        n = z.size
        t = state.temperature
        lo, hi = SCALE_SWEEP
        if t == 0.0:        # the limit: u is infinite, LSE - max = log(ties)
            scales = np.logspace(math.log10(lo), math.log10(hi), 2)
            top = float(np.max(z))
            mx = np.full(2, 0.0 if top == 0 else math.copysign(math.inf, top))
            lse = mx + math.log(int(np.sum(z == top)))
        else:
            sig_lo, sig_hi = lo / t, hi / t          # finite: T is within [1e-300, 1e300]
            cached = self._sweep_key is state.logits and self._sweep is not None
            if not cached or sig_lo < self._sweep[0][0] * 0.999 or sig_hi > self._sweep[0][-1] * 1.001:
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
                self._sweep = (sig, f)
                self._sweep_key = state.logits
            sig, f = self._sweep
            keep = (sig >= sig_lo * 0.999) & (sig <= sig_hi * 1.001)
            scales = sig[keep] * t
            lse = f[keep]
            with np.errstate(over="ignore"):
                mx = scales / t * float(np.max(z))
        max_u = float(np.max(u))
        return LseData("scale", scales, mx, lse, mx + math.log(n), state.scale, max_u, lse_u,
                       max_u + math.log(n), "scale s (T fixed)")

    @staticmethod
    def _lse_over_n(state, u, lse_u: float) -> LseData:
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

    # ---- loss against the target's margin ----
    def _margin_span(self, cur: float) -> tuple[float, float]:
        """How far the loss panel's margin axis reaches, left and right, for the current margin.

        The first of MARGIN_REACHES beyond the margin (and 2 more) on each side;
        the last span is kept while it holds the margin and is at most 2.5 times
        the one needed, so that values that come and go (a spin box stepped back
        and forth, a drag there and back) do not move the axis every time.
        """
        need = ((_margin_reach(2.0 - cur), _margin_reach(cur + 2.0)) if math.isfinite(cur)
                else (MARGIN_REACHES[0], MARGIN_REACHES[0]))
        last = self._margin_last
        if last is not None and all(n <= r <= 2.5 * n for n, r in zip(need, last)):
            return last
        self._margin_last = need
        return need

    def _loss_curves(self, state, u, readout, rivals=None) -> LossCurveData:
        """The four losses against the target's margin, over _margin_span(current margin).

        ``rivals``: _rival_stats(u, target) when the caller has them (T > 0).
        """
        n = u.size
        y = state.target
        eps = state.epsilon
        if state.temperature == 0.0:
            uu = state.scaled_logits()                         # the direction of u
            rivals = None
        else:
            uu = u
        m_r, l_r, below = rivals if rivals is not None else _rival_stats(uu, y)
        if not math.isfinite(m_r):      # no rival, or none finite: the margin counts from 0
            m_r, l_r = 0.0, -math.inf
        over = l_r - m_r                # LSE of the rivals above their max: in [0, log(N - 1)]
        with np.errstate(over="ignore"):       # a margin beyond the float range is inf
            cur = float(uu[y] - m_r) if n > 1 else 0.0
        # the region around 0 is where the losses differ; include the current
        # margin when it is near (widened in steps of about a third, so that the
        # view does not move on every tick of a drag, nor often while a scale
        # drag grows the margin by 10 % a tick), otherwise the marker rests at the edge
        left, right = self._margin_span(cur)
        margin = np.linspace(-left, right, 241)
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

    # ---- loss surface over two logits: O(G^2 + N) ----
    @staticmethod
    def _surface(state, p, q) -> SurfaceData:
        z = np.asarray(state.logits)
        n = z.size
        i, j = state.surface_i, state.surface_j
        if i == j:
            j = (i + 1) % n if n > 1 else i
        s, t, eps, y = state.scale, state.temperature, state.epsilon, state.target
        tt = t if t > 0 else 1.0
        with np.errstate(over="ignore"):
            c = s / tt
        c = min(c, float(np.finfo(np.float64).max))     # du/dz beyond the floats: the direction stays
        fin = z[np.isfinite(z)]
        with np.errstate(over="ignore"):       # logits further apart than the float range: capped below
            spread = float(np.ptp(fin)) if fin.size else 1.0
        half = min(max(3.0, 0.75 * spread), 1e6)
        zi0 = z[i] if np.isfinite(z[i]) else (fin.min() if fin.size else 0.0)
        zj0 = z[j] if np.isfinite(z[j]) else (fin.min() if fin.size else 0.0)
        # logits so large that +-half is below their spacing: a grid of distinct points
        half = max(half, SURFACE_GRID * math.ulp(max(abs(float(zi0)), abs(float(zj0)))))
        edge = np.finfo(np.float64).max - half          # and one that stays within the floats
        zi0, zj0 = (min(max(float(v), -edge), edge) for v in (zi0, zj0))
        zi = np.linspace(zi0 - half, zi0 + half, SURFACE_GRID)
        zj = np.linspace(zj0 - half, zj0 + half, SURFACE_GRID)
        # u_i down the rows, u_j along the columns: kept as a column and a row and
        # broadcast, so that what varies along one axis only is computed once per grid line
        def u_of(v):            # u = s z / T (at T = 0 its direction s z)
            return effective_logits(v, s, t) if t > 0 else scaled_logits(v, s)

        ui, uj = u_of(zi)[:, None], u_of(zj)[None, :]
        loss = state.surface_loss
        with np.errstate(invalid="ignore", over="ignore"):
            cz = u_of(z)
            # O(N) once: the LSE and max of the rivals that stay; the grid costs O(G^2)
            drop = sorted({i, j, y})
            held = np.delete(cz, drop)
            lse_h = _lse_without(cz, p, drop) if t > 0 else float(stable.logsumexp(held))
            max_h = float(np.max(held)) if held.size else -np.inf
            if y in (i, j):         # the target moves on one axis, one rival on the other
                uy = ui if y == i else uj
                other_ij = uj if y == i else ui
                rival_lse = np.logaddexp(lse_h, other_ij)
                rival_max = np.maximum(max_h, other_ij)
            else:                   # both axes are rivals: the held ones joined to each row first
                uy = cz[y]
                rival_lse = _logaddexp_outer(np.logaddexp(lse_h, ui), uj)
                rival_max = np.maximum(np.maximum(max_h, ui), uj)
            if t == 0.0:
                vals = np.where(uy > rival_max, 0.0, np.inf)
            elif loss == "ce":
                vals = stable.softplus(rival_lse - uy)
            elif loss == "smoothed_ce":
                ce = stable.softplus(rival_lse - uy)
                if eps > 0:
                    sum_o = float(np.sum(cz)) - cz[i] - cz[j] if n > 2 else 0.0
                    lse_all = np.logaddexp(rival_lse, uy)
                    vals = (1 - eps) * ce + eps * (lse_all - (sum_o + ui + uj) / n)
                else:
                    vals = ce
            elif loss == "lse_hinge":
                vals = np.maximum(rival_lse - uy, 0.0)
            else:
                vals = np.maximum(rival_max - uy, 0.0)
        if vals.shape != (zi.size, zj.size):      # a loss flat along an axis: still a grid
            vals = np.broadcast_to(vals, (zi.size, zj.size)).copy()
        has_inf = bool(np.any(~np.isfinite(vals)))
        if has_inf:
            finite = vals[np.isfinite(vals)]
            with np.errstate(over="ignore"):
                cap = float(finite.max()) * 1.05 + 1.0 if finite.size else 1.0
            cap = min(cap, float(np.finfo(np.float64).max))     # drawn at the top of the floats
            vals = np.where(np.isfinite(vals), vals, cap)
        # the negative gradient of the chosen loss with respect to (z_i, z_j):
        # only its two entries are needed, each O(1) from p and q (O(N) for the hinges)
        gi = gj = 0.0
        if t > 0:
            if loss in ("ce", "smoothed_ce"):
                gi, gj = (c * (p[k] - (q[k] if loss == "smoothed_ce" else float(k == y))) for k in (i, j))
            elif n > 1:
                rivals = cz.copy()
                rivals[y] = -np.inf
                if loss == "lse_hinge":
                    lse_r = float(stable.logsumexp(rivals))
                    active = lse_r > cz[y]          # the margin's sign, without forming it

                    def share(k):           # a rival's part of the LSE
                        return math.exp(float(cz[k]) - lse_r)
                else:
                    k_max = int(np.argmax(rivals))
                    active = rivals[k_max] > cz[y]

                    def share(k):           # only the largest rival counts
                        return float(k == k_max)
                if active:
                    gi, gj = (c * (-1.0 if k == y else share(k)) for k in (i, j))
        neg = (float(-gi), float(-gj))
        # contours are traced on every second grid point: a quarter of the cost,
        # and straight where the loss is piecewise linear (the hinges); their
        # levels are quantiles of that grid
        traced = vals[::2, ::2]
        levels = _quantiles(traced, np.linspace(0.08, 0.92, SURFACE_CONTOURS))
        contours = contour_segments(traced, zi[::2], zj[::2], levels)
        return SurfaceData(state.surface_loss, i, j, zi, zj, vals, has_inf,
                           (float(zi0), float(zj0)), neg, levels, contours)

    # ---- gradients and the Jacobian ----
    @staticmethod
    def _gradient(state, p, grad, probabilities: ProbabilityData) -> GradientData:
        n = p.size
        y = state.target
        by_rank = n > BARS_ALL_UP_TO
        mag = np.abs(grad)
        if not by_rank:
            shown = np.arange(n)
        elif state.epsilon == 0:
            # |p - onehot| is p off the target: the top classes by p (with the
            # target), ordered by |p - q| -- no second O(N) partition
            top = probabilities.shown
            shown = top[np.argsort(-mag[top], kind="stable")]
        else:
            shown = _top(mag, TOP_BARS, y)
        # the Jacobian's classes: all of them in class order while they fit; else the
        # top ones by p (and y), the most probable first, as the bars rank them
        if n <= TOP_JACOBIAN:
            jac_classes = np.arange(n)
        elif by_rank:
            jac_classes = top_of(probabilities.shown, p, TOP_JACOBIAN, y)
        else:
            jac_classes = _top(p, TOP_JACOBIAN, y)
        jac = stable.jacobian_of_probabilities(p, jac_classes)
        return GradientData(shown, by_rank, grad[shown], jac_classes, jac)


def compute(state: ExplorerState) -> Bundle:
    """One-off computation (no caching across calls)."""
    return Computer().compute(state)
