"""A loss over two logits, O(G^2 + N): the rest of the classes summed once."""
from __future__ import annotations

import math

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.bundle import SURFACE_CONTOURS, SURFACE_GRID, SurfaceData
from softmax_viewer.derived.contours import contour_segments, quantiles
from softmax_viewer.logits import effective_logits, scaled_logits

def lse_without(v: np.ndarray, p: np.ndarray, drop) -> float:
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


def logaddexp_outer(a: np.ndarray, b: np.ndarray) -> np.ndarray:
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


# ---- loss surface over two logits: O(G^2 + N) ----
def surface_of(state, p, q) -> SurfaceData:
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

    m = state.margin                # the target's logit is z_y - m wherever it is on the grid
    ui = u_of(zi - m if y == i and m else zi)[:, None]
    uj = u_of(zj - m if y == j and m else zj)[None, :]
    loss = state.surface_loss
    with np.errstate(invalid="ignore", over="ignore"):
        cz = u_of(state.margined_logits())
        # O(N) once: the LSE and max of the rivals that stay; the grid costs O(G^2)
        drop = sorted({i, j, y})
        held = np.delete(cz, drop)
        lse_h = lse_without(cz, p, drop) if t > 0 else float(stable.logsumexp(held))
        max_h = float(np.max(held)) if held.size else -np.inf
        if y in (i, j):         # the target moves on one axis, one rival on the other
            uy = ui if y == i else uj
            other_ij = uj if y == i else ui
            rival_lse = np.logaddexp(lse_h, other_ij)
            rival_max = np.maximum(max_h, other_ij)
        else:                   # both axes are rivals: the held ones joined to each row first
            uy = cz[y]
            rival_lse = logaddexp_outer(np.logaddexp(lse_h, ui), uj)
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
    levels = quantiles(traced, np.linspace(0.08, 0.92, SURFACE_CONTOURS))
    contours = contour_segments(traced, zi[::2], zj[::2], levels)
    return SurfaceData(state.surface_loss, i, j, zi, zj, vals, has_inf,
                       (float(zi0), float(zj0)), neg, levels, contours)
