"""The readout's numbers, the bars' classes and the gradient's."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.bundle import BARS_ALL_UP_TO, TOP_BARS, TOP_JACOBIAN, GradientData, ProbabilityData
from softmax_viewer.derived.losses import rival_stats

def top_of(ranked: np.ndarray, p: np.ndarray, k: int, must: int) -> np.ndarray:
    """The k most probable classes, most probable first, always including ``must``,
    from ``ranked`` (classes in order of p, at least k of them): no O(N) pass."""
    idx = ranked[:k]
    if must not in idx:
        idx = np.append(idx[:-1], must)
    return idx[np.argsort(-p[idx], kind="stable")]


def top_by(values: np.ndarray, k: int, must: int) -> np.ndarray:
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


def readout_of(state, u, p, log_p, rivals=None) -> dict:
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
        m_r, l_r, _below, implicit = rivals if rivals is not None else rival_stats(u, y)
        # beyond the float range: inf
        with np.errstate(invalid="ignore", over="ignore"):
            hinge = max(float(m_r - u[y]), 0.0)
            lse_hinge = max(l_r - float(u[y]), 0.0)
        # (implicit: the margin the LSE-hinge asks of the target, LSE - max of the rivals)
    elif n > 1:     # T = 0: the target wins outright or loses infinitely
        hinge = 0.0 if k == y and np.sum(p == p[k]) == 1 else math.inf
        lse_hinge = hinge
        rivals_sz = np.delete(state.scaled_logits(), y)       # the limit of LSE - max: log(ties at the max)
        implicit = math.log(int(np.sum(rivals_sz == np.max(rivals_sz))))
    else:
        hinge = lse_hinge = implicit = 0.0
    return {
        "n_classes": n, "max": max_u, "lse": lse_u, "lse_minus_max": lse_minus_max,
        "log_n": math.log(n), "entropy": h, "perplexity": math.exp(h),
        "mean": mean, "variance": var, "norm": norm,
        "predicted": k, "predicted_label": state.label(k),
        "p_target": float(p[y]), "cross_entropy": ce, "smoothed_cross_entropy": sce,
        "hinge": hinge, "lse_hinge": lse_hinge,
        "margin": state.margin, "implicit_margin": implicit,
        "implicit_margin_max": math.log(n - 1) if n > 1 else 0.0,
        "cosine": state.cosine,
        "cosine_scale_90": cosine_scale(n, 0.9), "cosine_scale_99": cosine_scale(n, 0.99),
    }


def cosine_scale(n: int, p: float) -> float:
    """The smallest scale s at which n classes of cosine logits can reach p_y = p:
    s >= ((n - 1) / n) * log((n - 1) p / (1 - p)) (NormFace, Wang et al. 2017); 0 for one class."""
    if n < 2:
        return 0.0
    return (n - 1) / n * math.log((n - 1) * p / (1.0 - p))

# ---- probabilities ----
def bars_of(state, u, p, log_p, q, ranked) -> ProbabilityData:
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
                           rest_mass=rest, naive_summary=summary, naive_counts=(n_over, n_nan, n_under))


# ---- gradients and the Jacobian ----
def gradient_of(state, p, grad, probabilities: ProbabilityData) -> GradientData:
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
        shown = top_by(mag, TOP_BARS, y)
    # the Jacobian's classes: all of them in class order while they fit; else the
    # top ones by p (and y), the most probable first, as the bars rank them
    if n <= TOP_JACOBIAN:
        jac_classes = np.arange(n)
    elif by_rank:
        jac_classes = top_of(probabilities.shown, p, TOP_JACOBIAN, y)
    else:
        jac_classes = top_by(p, TOP_JACOBIAN, y)
    jac = stable.jacobian_of_probabilities(p, jac_classes)
    return GradientData(shown, by_rank, grad[shown], jac_classes, jac)
