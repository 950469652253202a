"""The three labs' numbers: precision, sampling, and the overconfidence experiment. No Qt.

Each takes the explorer's state (logits, scale, temperature, epsilon, target)
plus its own settings, and returns a frozen bundle for its panel.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from softmax_viewer import names, stable
from softmax_viewer.limits import MAX_SEED, brief
from softmax_viewer.logits import effective_logits
from softmax_viewer.state import ExplorerState

DTYPES = {name: getattr(np, name) for name in names.DTYPES}


# ---------------------------------------------------------------------------
# precision lab
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class PrecisionData:
    dtype: str
    u: np.ndarray                 # u = s z / T rounded to dtype (may overflow to inf)
    naive_p: np.ndarray           # textbook exp(u) / sum exp(u) in dtype
    stable_p: np.ndarray          # stable.softmax in dtype
    log_of_softmax: np.ndarray    # log(stable p) in dtype: -inf where p underflowed
    log_softmax: np.ndarray       # stable.log_softmax in dtype: finite
    flags: np.ndarray             # 0 ok, 1 exp overflowed to inf, 2 NaN, 3 underflowed to 0
    exp_threshold: float          # log(max finite of dtype): exp overflows above it
    ulp_naive: np.ndarray         # |naive p - reference| in ulps of dtype (inf where not finite)
    ulp_stable: np.ndarray        # same for the stable softmax
    # the stable softmax's worst error against the exact softmax of u as rounded
    # to dtype: what the algorithm adds to the rounding of its input
    stable_worst_of_rounded_u: float
    summary: str
    # classes whose u is a float64 but beyond dtype (rounded to ±inf): where every class
    # is, no softmax in dtype exists (its stable_p is NaN, and the summary says why)
    u_overflows: int = 0


def exp_overflow_threshold(dtype) -> float:
    """The largest x whose exp is finite in ``dtype``: about 11.09, 88.72, 709.78."""
    return float(np.log(np.finfo(dtype).max.astype(np.float64)))


def _ulps(values, ref64, dtype) -> np.ndarray:
    v = np.asarray(values, dtype=np.float64)
    ref_d = ref64.astype(dtype)
    spacing = np.spacing(np.abs(ref_d)).astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(v - ref64) / spacing
    return np.where(np.isfinite(v), err, np.inf)


def precision(state: ExplorerState, dtype: str = "float32", p=None) -> PrecisionData:
    """The textbook and the stable softmax of this state's u in ``dtype``, against float64.

    ``p``: the float64 softmax of this state's u when the caller has it already
    (the explorer's bundle does): the reference, one O(N) pass saved per tick.
    """
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {brief(dtype)}")
    dt = DTYPES[dtype]
    sz = state.scaled_logits()
    t = state.temperature
    u64 = state.effective_logits()
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        u = u64.astype(dt)
        ex = np.exp(u)
    naive = stable.naive_softmax(u)
    if t == 0:                           # the argmax limit of s·z as dtype holds it
        with np.errstate(over="ignore"):
            sz_dt = sz.astype(dt)
        stable_p, ls = stable.softmax(sz_dt, temperature=0), stable.log_softmax(sz_dt, temperature=0)
    elif np.any(np.isposinf(u)):          # u beyond dtype: its infinite classes share all the mass (the limit)
        stable_p, ls = stable.softmax(u, temperature=0), stable.log_softmax(u, temperature=0)
    else:
        stable_p, ls = stable.softmax_and_log_softmax(u)
    with np.errstate(divide="ignore"):
        log_of = np.log(stable_p)
    if p is None or np.shape(p) != sz.shape:
        p = stable.softmax(sz, temperature=t)
    ref = p                                            # float64 reference of the true p
    flags = np.zeros(u.size, dtype=np.int8)
    flags[np.isposinf(ex)] = 1
    flags[np.isnan(naive)] = 2
    flags[(naive == 0) & (ref > 0)] = 3
    over, nan_, under = int(np.sum(np.isposinf(ex))), int(np.sum(flags == 2)), int(np.sum(flags == 3))
    thr = exp_overflow_threshold(dt)
    ulp_stable = _ulps(stable_p, ref, dt)
    worst = worst_rounded = float(np.max(ulp_stable))
    rounded = dt is not np.float64                      # (float64: u is the reference's own u)
    if rounded:
        # u's own rounding to dtype moves p by up to about |u| ulps (a relative error
        # of |u|·2^-24 in exp(u) in float32): split it from the algorithm's error
        with np.errstate(over="ignore", invalid="ignore"):
            worst_rounded = float(np.max(_ulps(stable_p, stable.softmax(u.astype(np.float64)), dt)))
    summary = (f"{dtype}: exp overflows above u = {thr:.2f}. Textbook: {over} exp → inf, {nan_} NaN, "
               f"{under} underflowed to 0; stable worst error {worst:.3g} ulp")
    lost = int(np.sum(np.isinf(u) & np.isfinite(u64)))
    if lost:        # u itself is not a number of dtype: no softmax in dtype can be right
        summary += f" (u itself overflows {dtype} in {lost} classes: |u| > {float(np.finfo(dt).max):.5g})"
    elif rounded:
        summary += f" ({worst_rounded:.3g} against the exact softmax of u as rounded to {dtype})"
    return PrecisionData(dtype, u, naive, stable_p, log_of, ls, flags, thr, _ulps(naive, ref, dt),
                         ulp_stable, worst_rounded, summary, lost)


# ---------------------------------------------------------------------------
# sampling lab
# ---------------------------------------------------------------------------

ORDERS = tuple(names.SAMPLING_ORDERS)


@dataclass(frozen=True)
class SamplingData:
    p: np.ndarray                 # softmax(u): the model's distribution
    sample_p: np.ndarray          # the distribution actually sampled (truncated, renormalised)
    kept: np.ndarray              # bool: classes the truncation keeps
    counts: np.ndarray            # draws per class, class order
    n: int
    argmax: int
    gumbel_noise: np.ndarray      # g of the single Gumbel-max draw shown
    perturbed: np.ndarray         # log sample_p + g (-inf where truncated)
    sampled: int                  # argmax of perturbed: one draw from sample_p
    relaxed: np.ndarray           # Gumbel-softmax: softmax((log sample_p + g) / tau)
    order: str
    summary: str


def truncate(p: np.ndarray, top_k: int | None = None, top_p: float | None = None,
             min_p: float | None = None) -> np.ndarray:
    """Which classes survive top-k, top-p (nucleus) and min-p, applied together."""
    n = p.size
    keep = p > 0
    if top_k is not None:
        if top_k < 1:
            raise ValueError(f"top_k must be >= 1, got {top_k}")
        if top_k < n:
            k_mask = np.zeros(n, dtype=bool)
            k_mask[np.argpartition(-p, top_k - 1)[:top_k]] = True     # O(N), no full sort
            keep &= k_mask
    if top_p is not None:
        if not 0 < top_p <= 1:
            raise ValueError(f"top_p must be in (0, 1], got {top_p}")
        order = np.argsort(-p)
        cum = np.cumsum(p[order])
        # the smallest prefix whose mass reaches top_p
        last = int(np.searchsorted(cum, top_p * (1 - 1e-12)))
        p_mask = np.zeros(n, dtype=bool)
        p_mask[order[: last + 1]] = True
        keep &= p_mask
    if min_p is not None:
        if not 0 <= min_p <= 1:
            raise ValueError(f"min_p must be in [0, 1], got {min_p}")
        keep &= p >= min_p * p.max()
    if not keep.any():
        keep[int(np.argmax(p))] = True
    return keep


#: above this many Gumbel variates (draws x kept classes) the counts come from an exact
#: equivalent (200,000 float32 variates take about 1.5 ms: the lab stays inside a frame)
GUMBEL_BUDGET = 200_000


@lru_cache(maxsize=4)
def _gumbel_blocks(seed: int, n: int, m: int) -> tuple:
    """Gumbel(0, 1) noise for n draws over m classes from ``seed``'s stream, in blocks
    of rows (float32, read-only).

    It depends on the seed and the sizes alone, not on p: while a slider moves
    (p changes; the seed, n and the classes drawn from stay) it is made once,
    and each change costs the argmax only (0.3 ms instead of 0.7 ms for
    10,000 draws over 10 classes). The same numbers as drawing it afresh.
    """
    rng = np.random.default_rng(seed)
    chunk = max(1, GUMBEL_BUDGET // (4 * max(m, 1)))
    blocks, done = [], 0
    while done < n:
        c = min(chunk, n - done)
        # float32 is plenty for sampling noise and its logs are several times faster
        with np.errstate(divide="ignore"):
            g = -np.log(-np.log(rng.random((c, m), dtype=np.float32)))
        g.flags.writeable = False
        blocks.append(g)
        done += c
    return tuple(blocks)


@lru_cache(maxsize=2)
def _gumbel_noise(seed: int, size: int) -> np.ndarray:
    """The single draw's Gumbel noise over ``size`` classes: its own stream of the seed
    (float32, read-only; made once while only p changes)."""
    noise = np.random.default_rng([seed, 1])
    g = -np.log(-np.log(noise.random(size, dtype=np.float32)))
    g.flags.writeable = False
    return g


def _draw_counts(logq, sample_p, kept, n, seed) -> np.ndarray:
    """Draws per class: Gumbel-max over the kept classes, or its exact equivalent when large.

    Gumbel-max: each draw is argmax_i (log q_i + g_i) with g_i ~ Gumbel(0, 1).
    When n x (kept classes) exceeds GUMBEL_BUDGET, two exact equivalents:

    - more draws than classes: one multinomial draw. The counts of n
      independent draws from q have exactly that distribution, and numpy
      draws it class by class (conditional binomials) in O(kept classes),
      whatever n: 100,000 draws over 1,000 classes in 0.2 ms, not 3.5 ms;
    - otherwise the inverse CDF, with the n uniforms made already sorted
      (normalised partial sums of n + 1 exponentials), which costs O(N + n).
    """
    support = np.flatnonzero(kept & np.isfinite(logq))
    counts = np.zeros(logq.size, dtype=np.int64)
    m = support.size
    if n * m <= GUMBEL_BUDGET:
        lq = logq[support].astype(np.float32)
        for g in _gumbel_blocks(seed, n, m):
            winners = np.argmax(lq + g, axis=1)
            counts[support] += np.bincount(winners, minlength=m)
        return counts
    rng = np.random.default_rng(seed)
    if n > m:
        if m == logq.size:             # every class can be drawn: no gather, no scatter
            q = np.asarray(sample_p, dtype=np.float64)
            return rng.multinomial(n, q / q.sum()).astype(np.int64, copy=False)
        q = np.asarray(sample_p, dtype=np.float64)[support]
        counts[support] = rng.multinomial(n, q / q.sum())
        return counts
    cdf = np.cumsum(sample_p)
    cdf /= cdf[-1]
    e = np.cumsum(rng.standard_exponential(n + 1))
    uniforms = e[:-1] / e[-1]
    # each uniform u falls in the class i with cdf[i-1] <= u < cdf[i]: n searches in the
    # N-long cdf (cheaper than N searches among the n uniforms when N is the larger)
    classes = np.minimum(np.searchsorted(cdf, uniforms, side="right"), logq.size - 1)
    return np.bincount(classes, minlength=logq.size).astype(np.int64)


# numpy counts draws in 64-bit integers; a quadrillion draws is far beyond any use
MAX_DRAWS = 10**15


def sampling(state: ExplorerState, n: int = 1000, seed: int = 0, top_k: int | None = None,
             top_p: float | None = None, min_p: float | None = None, order: str = "temperature_first",
             gumbel_tau: float = 1.0, p=None, log_p=None) -> SamplingData:
    """Draw ``n`` samples from p (after truncation) with a seed.

    ``order``: "temperature_first" truncates the tempered p; "truncate_first"
    chooses the kept classes from p at T = 1 and then applies the temperature to
    them.  The draws are Gumbel-max (see ``_draw_counts`` for very large
    n x N); the single draw shown is a Gumbel-max draw with its noise, and the
    relaxed sample is Gumbel-softmax.

    ``p`` and ``log_p``: softmax and log_softmax of this state's u when the
    caller has them already (the explorer's bundle does), to save two O(N)
    passes on every tick of a drag.
    """
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, got {brief(order)}")
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 0 <= n <= MAX_DRAWS:
        raise ValueError(f"n must be a whole number in 0..{MAX_DRAWS:.0e}, got {brief(n)}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be a whole number in 0..{MAX_SEED}, got {brief(seed)}")
    if not gumbel_tau > 0:
        raise ValueError(f"the Gumbel-softmax temperature must be > 0, got {brief(gumbel_tau)}")
    sz = state.scaled_logits()
    t = state.temperature
    if p is None or np.shape(p) != sz.shape or log_p is None or np.shape(log_p) != sz.shape:
        p, log_p = stable.softmax_and_log_softmax(sz, temperature=t)
    if order == "temperature_first":
        kept = truncate(p, top_k, top_p, min_p)
        logq = log_p if kept.all() else np.where(kept, log_p, -np.inf)
    else:
        kept = truncate(stable.softmax(sz), top_k, top_p, min_p)
        logq = np.where(kept, sz, -np.inf)
        logq = stable.log_softmax(logq, temperature=t)
    sample_p = p if logq is log_p else stable.softmax(logq)     # nothing truncated: q = p
    counts = _draw_counts(logq, sample_p, kept, n, int(seed))
    # one Gumbel-max draw, shown with its noise (float32 noise: plenty for sampling,
    # and its two logs cost half as much at 100,000 classes). Its own stream of the
    # seed: how many numbers the K draws used (a multinomial draw uses more or fewer
    # as p changes) does not change it, so while a slider moves the noise holds still.
    g = _gumbel_noise(int(seed), int(p.size))
    with np.errstate(invalid="ignore"):
        perturbed = logq + g
    sampled = int(np.argmax(perturbed))
    relaxed = stable.softmax(np.where(np.isfinite(perturbed), perturbed, -np.inf), temperature=gumbel_tau)
    am = int(np.argmax(p))
    summary = (f"argmax: {state.label(am)} (p = {p[am]:.3g}); this draw: {state.label(sampled)} "
               f"(p = {p[sampled]:.3g}); {int(kept.sum())} of {p.size} classes kept")
    return SamplingData(p, sample_p, kept, counts, int(n), am, g, perturbed, sampled, relaxed, order, summary)


# ---------------------------------------------------------------------------
# the overconfidence experiment (seed 002)
# ---------------------------------------------------------------------------

LOSSES = tuple(names.TRAINING_LOSSES)
MODES = tuple(names.TRAINING_MODES)


def gap_bound(epsilon: float, n_classes: int) -> float:
    """With label smoothing the optimal logit gap is log((1 - eps + eps/K) / (eps/K))."""
    if epsilon <= 0:
        return math.inf
    k = n_classes
    return math.log((1 - epsilon + epsilon / k) / (epsilon / k))


def _loss_and_grad(u: np.ndarray, y: np.ndarray, loss: str, eps: float):
    """Mean loss over rows of u (R, K), its gradient with respect to u, and p.

    One log_softmax per call: p, the loss and the gradient all come from it.
    """
    r = np.arange(u.shape[0])
    k = u.shape[1]
    lp = stable.log_softmax(u, axis=1)
    p = np.exp(lp)
    if loss == "hinge":
        rivals = u.copy()
        rivals[r, y] = -np.inf
        j = np.argmax(rivals, axis=1)
        margin = rivals[r, j] - u[r, y]
        active = margin > 0
        g = np.zeros_like(u)
        g[r[active], j[active]] = 1.0
        g[r[active], y[active]] -= 1.0
        return float(np.mean(np.maximum(margin, 0.0))), g / u.shape[0], p
    e = eps if loss == "smoothed_ce" else 0.0
    q = np.full(u.shape, e / k)
    q[r, y] += 1 - e
    loss_v = float(np.mean(-np.sum(np.where(q > 0, q * lp, 0.0), axis=1)))
    return loss_v, (p - q) / u.shape[0], p


def blobs(n_classes: int, per_class: int = 30, seed: int = 0):
    """2-D points in n_classes Gaussian blobs around a circle (the linear mode's data)."""
    rng = np.random.default_rng(seed)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes
    centres = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    x = np.concatenate([c + 0.6 * rng.standard_normal((per_class, 2)) for c in centres])
    y = np.repeat(np.arange(n_classes), per_class)
    return x, y


@dataclass(frozen=True)
class TrainingRun:
    mode: str
    loss_name: str
    steps: np.ndarray             # 0..S
    loss: np.ndarray              # per step (after each update; loss[0] at the start)
    norm: np.ndarray              # ||u|| (logits mode) or mean ||W x + b|| (linear mode)
    gap: np.ndarray               # u_y - max rival (mean over points in linear mode)
    max_p: np.ndarray             # p of the predicted class (mean over points)
    logits: np.ndarray            # (S + 1, K) the logits z after each step (logits mode)
    bound: float                  # the label-smoothing gap bound (inf without smoothing)


# The linear mode trains on 30 points per class, so a step costs about 30 K^2:
# 7 ms at 100 classes, 0.7 s at 1,000.  Past this many classes it is refused.
MAX_LINEAR_CLASSES = 100
MAX_STEPS = 100_000


def training_work(steps: int, n_classes: int, mode: str) -> float:
    """About how many numbers a run touches: a logits step costs about 4,000 + K
    (its fixed part is some 150 µs here, a class about 40 ns), a linear step about
    8,000 + 17 K^2. On this machine 5e8 of them take some 20 seconds."""
    k = float(n_classes)
    per_step = 4000.0 + k if mode == "logits" else 8000.0 + 17.0 * k * k
    return (steps + 1) * per_step


class Descent:
    """Gradient descent from the current logits (or a linear classifier of 2-D points),
    computed a few steps at a time: ``advance`` until ``done``, then ``run()``.

    The softmax sees u = s z / T as everywhere else; the gradient with respect to
    z is (s / T) dL/du.  Under a one-hot target the gap grows without bound; with
    eps > 0 and the smoothed loss it settles at ``gap_bound(eps, K)``.

    ``keep_logits``: keep the logits after every step (logits mode), (steps + 1) x K
    numbers; the lab does without them.
    """

    def __init__(self, state: ExplorerState, steps: int = 200, lr: float = 0.5, loss: str = "ce",
                 mode: str = "logits", seed: int = 0, keep_logits: bool = True):
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {', '.join(LOSSES)}, got {brief(loss)}")
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {brief(mode)}")
        if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 0 <= steps <= MAX_STEPS:
            raise ValueError(f"steps must be a whole number in 0..{MAX_STEPS}, got {brief(steps)}")
        if isinstance(lr, bool) or not isinstance(lr, (int, float, np.floating)) or not (
                0 < lr <= 1e300 and math.isfinite(lr)):
            raise ValueError(f"lr must be a number in (0, 1e300], got {brief(lr)}")
        if state.temperature == 0:
            raise ValueError("training needs a temperature > 0 (at T = 0 the gradient is 0 or infinite)")
        k = state.n_classes
        if mode == "linear" and k > MAX_LINEAR_CLASSES:
            raise ValueError(f"the linear classifier mode takes at most {MAX_LINEAR_CLASSES} classes "
                             f"(30 points each), got {k}: train the logits themselves, or use fewer classes")
        self.mode, self.loss_name, self.steps, self.lr = mode, loss, int(steps), float(lr)
        self.eps = state.epsilon
        self.scale, self.temperature = state.scale, state.temperature
        with np.errstate(over="ignore"):       # du/dz = s/T beyond the floats: capped, its sign kept
            self.c = min(state.scale / state.temperature, float(np.finfo(np.float64).max))
        # |z| within this keeps s·z and u = s·z/T floats (a quarter of their range, or as far
        # as the state's own logits reach): a step beyond it saturates instead of overflowing
        z0 = np.asarray(state.logits)
        reach = float(np.max(np.abs(z0[np.isfinite(z0)])))
        self.u_safe = 0.25 * float(np.finfo(np.float64).max) / max(1.0, state.scale, self.c)
        self.z_limit = max(self.u_safe, reach)
        self.k = k
        self.bound = gap_bound(self.eps, k) if loss == "smoothed_ce" else math.inf
        self.out = {key: np.empty(self.steps + 1) for key in ("loss", "norm", "gap", "max_p")}
        self.i = 0                                     # the next step to record
        if mode == "logits":
            self.z = np.array(state.logits, dtype=np.float64)     # a masked class stays masked (-inf)
            self.y = np.array([state.target])
            self.target = state.target
            self.others = np.arange(k) != state.target
            self.hist = np.empty((self.steps + 1, k) if keep_logits else (0, k))
        else:
            self.x, self.y = blobs(k, seed=seed)
            self.x_max = float(np.max(np.abs(self.x)))
            rng = np.random.default_rng(seed + 1)
            self.w = 0.01 * rng.standard_normal((2, k))
            self.b = np.zeros(k)
            self.r = np.arange(self.y.size)
            self.hist = np.zeros((0, k))

    @property
    def done(self) -> bool:
        return self.i > self.steps

    def advance(self, seconds: float = math.inf) -> bool:
        """Compute steps until they are all done or ``seconds`` have passed (at
        least one step); True when done."""
        deadline = time.perf_counter() + seconds
        step = self._logits_step if self.mode == "logits" else self._linear_step
        # logits near the float range: a loss, norm or gap past it is inf, as the math says
        with np.errstate(over="ignore", invalid="ignore"):
            while not self.done:
                step()
                self.i += 1
                if time.perf_counter() >= deadline:
                    break
        return self.done

    def _logits_step(self):
        i, c, out = self.i, self.c, self.out
        u = effective_logits(self.z, self.scale, self.temperature)[None, :]
        lv, g, p = _loss_and_grad(u, self.y, self.loss_name, self.eps)
        out["loss"][i] = lv
        finite = u[0][np.isfinite(u[0])]
        out["norm"][i] = stable.norm(finite) if finite.size == u.shape[1] or not np.any(np.isposinf(u)) \
            else math.inf
        out["gap"][i] = float(u[0, self.target] - u[0, self.others].max()) if self.k > 1 else 0.0
        out["max_p"][i] = float(p.max())
        if self.hist.shape[0]:
            self.hist[i] = self.z
        if i < self.steps:
            with np.errstate(over="ignore", invalid="ignore"):
                new = self.z - self.lr * (c * g[0])
            # a masked class (z = -inf) stays masked; the others stay where s·z and u are floats
            self.z = np.where(np.isneginf(self.z), -np.inf, np.clip(new, -self.z_limit, self.z_limit))

    def _linear_step(self):
        i, c, out, r, y = self.i, self.c, self.out, self.r, self.y
        u = effective_logits(self.x @ self.w + self.b, self.scale, self.temperature)
        lv, g, p = _loss_and_grad(u, y, self.loss_name, self.eps)
        rivals = u.copy()
        rivals[r, y] = -np.inf
        out["loss"][i] = lv
        out["norm"][i] = float(np.mean(np.linalg.norm(u, axis=1)))
        out["gap"][i] = float(np.mean(u[r, y] - rivals.max(axis=1))) if self.k > 1 else 0.0
        out["max_p"][i] = float(np.mean(p.max(axis=1)))
        if i < self.steps:
            gz = c * g
            # a step beyond the floats saturates: every logit x·w + b stays within z_limit
            bound = self.u_safe / (2.0 * self.x_max + 1.0)
            self.w = np.clip(np.nan_to_num(self.w - self.lr * (self.x.T @ gz), nan=0.0), -bound, bound)
            self.b = np.clip(np.nan_to_num(self.b - self.lr * gz.sum(axis=0), nan=0.0), -bound, bound)

    @property
    def logits(self) -> np.ndarray:
        """The logits z after the steps computed so far (logits mode)."""
        return self.z.copy() if self.mode == "logits" else np.zeros(0)

    def run(self) -> TrainingRun:
        """The steps computed so far (all of them once ``done``)."""
        n = self.i
        o = self.out
        return TrainingRun(self.mode, self.loss_name, np.arange(n), o["loss"][:n], o["norm"][:n], o["gap"][:n],
                           o["max_p"][:n], self.hist[:n], self.bound)


def train(state: ExplorerState, steps: int = 200, lr: float = 0.5, loss: str = "ce",
          mode: str = "logits", seed: int = 0) -> TrainingRun:
    """The whole run of gradient descent (see ``Descent``)."""
    d = Descent(state, steps, lr, loss, mode, seed)
    d.advance()
    return d.run()
