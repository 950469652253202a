"""The sampling lab's numbers: Gumbel-max draws, truncation, a Gumbel-softmax sample."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from softmax_viewer import names, stable
from softmax_viewer.limits import MAX_SEED, brief
from softmax_viewer.state import ExplorerState

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
    share: np.ndarray             # counts / n: the share of the draws each class got
    log_sample_p: np.ndarray      # log of sample_p (-inf where truncated or underflowed)


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


def draw_counts(logq, sample_p, kept, n, seed) -> np.ndarray:
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
    them.  The draws are Gumbel-max (see ``draw_counts`` for very large
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
    counts = draw_counts(logq, sample_p, kept, n, int(seed))
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
    share = counts / max(int(n), 1)
    log_sample_p = log_p if logq is log_p else stable.log_softmax(logq)      # log of the renormalised p
    return SamplingData(p, sample_p, kept, counts, int(n), am, g, perturbed, sampled, relaxed, order, summary,
                        share, log_sample_p)
