"""The softmax Jacobian, its diagonal kept exact where p is near 1."""
from __future__ import annotations


import numpy as np

from softmax_viewer.stable._arrays import _as_float_array, _check_temperature
from softmax_viewer.stable._softmax import softmax

def softmax_jacobian(x, *, temperature=1.0):
    """Jacobian ``d softmax(x / T) / d x = (diag(p) - p p^T) / T``.

    ``x`` has its classes on the last axis; the result has shape
    ``x.shape + (K,)``.  It is symmetric and its rows sum to zero.  At ``T = 0``
    it is the limit: 0 where ``diag(p) - p p^T`` is 0 (a unique maximum), +-inf
    where ties make it non-zero.

    Notes
    -----
    The diagonal ``p_i (1 - p_i)`` is formed as ``p_i * sum_{j != i} p_j``: where
    ``p_i`` is near 1, ``1 - p_i`` rounded would lose every digit (the diagonal of
    ``[1, 2, 3, 4] * 37`` is 8.5e-17 at the top class, not 0). Each entry is
    within a few ulps of the exact Jacobian of the exact softmax.
    """
    t = _check_temperature(temperature)
    a = _as_float_array(x)
    if a.ndim == 0 or a.shape[-1] == 0:
        raise ValueError(f"x must have a non-empty class axis, got shape {a.shape}")
    p = softmax(a.astype(np.float64), axis=-1, temperature=t)
    jac = jacobian_of_probabilities(p)
    if t == 0.0:
        jac = np.where(jac == 0.0, 0.0, np.copysign(np.inf, jac))
    elif t != 1.0:
        with np.errstate(over="ignore"):
            jac /= t
    return jac


def jacobian_of_probabilities(p, classes=None):
    """``diag(p) - p p^T`` over ``classes`` (all by default) from probabilities at hand.

    ``p`` holds every class on its last axis: the diagonal ``p_i (1 - p_i)`` takes
    ``1 - p_i`` as the sum of the other classes' p where p_i > 1/2 (there 1 - p_i
    would cancel; at most one class a row is such), and as ``1 - p_i`` elsewhere,
    where it keeps its digits. That sum runs over every class, shown or not.
    """
    p = np.asarray(p, dtype=np.float64)
    sel = p if classes is None else p[..., classes]
    rest = 1.0 - sel
    big = np.argwhere(sel > 0.5)
    if big.size:
        rows = p.reshape(-1, p.shape[-1])
        flat = rest.reshape(-1, rest.shape[-1])
        cls = np.arange(p.shape[-1]) if classes is None else np.asarray(classes)
        for idx in big:
            r = int(np.ravel_multi_index(tuple(idx[:-1]), p.shape[:-1])) if p.ndim > 1 else 0
            k = int(cls[idx[-1]])
            flat[r, idx[-1]] = np.sum(rows[r, :k]) + np.sum(rows[r, k + 1:])
        rest = flat.reshape(rest.shape)
    jac = -sel[..., :, None] * sel[..., None, :]
    idx = np.arange(sel.shape[-1])
    jac[..., idx, idx] = sel * rest
    return jac
