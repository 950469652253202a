"""Labels and losses (class axis last unless ``axis`` says otherwise) and entropy."""
from __future__ import annotations


import numpy as np

from softmax_viewer.stable._arrays import _as_float_array, _check_epsilon, _check_temperature
from softmax_viewer.stable._logsumexp import logsumexp
from softmax_viewer.stable._softmax import log_softmax, softmax

def _class_rows(logits, axis, name="logits") -> tuple[np.ndarray, np.ndarray, tuple]:
    """Move the class axis last; return (x2 (R, K), moved array, batch shape)."""
    a = _as_float_array(logits)
    if a.ndim == 0:
        raise ValueError(f"{name} must have a class axis, got a scalar")
    moved = np.moveaxis(a, axis, -1)
    k = moved.shape[-1]
    if k == 0:
        raise ValueError(f"{name} has an empty class axis (shape {a.shape})")
    x2 = np.ascontiguousarray(moved, dtype=np.float64).reshape(-1, k)
    return x2, moved, moved.shape[:-1]


def _target_rows(target, batch_shape, n_classes) -> np.ndarray:
    t = np.asarray(target)
    if t.dtype.kind == "f":
        if not np.all(np.isfinite(t)) or np.any(t != np.round(t)):
            raise ValueError(f"target must hold whole class indices, got {target!r}")
        t = t.astype(np.int64)
    elif t.dtype.kind not in "iub":
        raise ValueError(f"target must hold class indices, got {target!r}")
    t = np.broadcast_to(t, batch_shape).reshape(-1).astype(np.int64)
    if t.size and (t.min() < 0 or t.max() >= n_classes):
        bad = t[(t < 0) | (t >= n_classes)][0]
        raise ValueError(
            f"target {int(bad)} is out of range for {n_classes} classes (0..{n_classes - 1})")
    return t


def smooth_labels(target, n_classes, epsilon):
    """Label-smoothed target ``q = (1 - eps) * onehot(target) + eps / K``.

    ``target`` may be an int or an array of ints; the class axis is appended.
    """
    k = int(n_classes)
    if k < 1:
        raise ValueError(f"n_classes must be >= 1, got {n_classes!r}")
    eps = _check_epsilon(epsilon)
    tshape = np.shape(target)
    t = _target_rows(target, tshape, k)
    q = np.full((t.size, k), eps / k)
    q[np.arange(t.size), t] += 1.0 - eps
    return q.reshape(tshape + (k,))


def cross_entropy(logits, target, *, epsilon=0.0, temperature=1.0, axis=-1):
    """Softmax cross-entropy ``-sum_i q_i log softmax(logits / T)_i``.

    ``q`` is ``smooth_labels(target, K, epsilon)``; at ``epsilon = 0`` this is
    ``-log p_target``, computed as ``LSE(u) - u_target`` so that it stays exact
    when ``p_target`` is within 1e-13 of 1.

    Notes
    -----
    - A masked (``-inf``) class with ``q_i > 0`` gives ``+inf``: the model puts
      no mass where the target does.  With ``q_i = 0`` it contributes nothing.
    - ``T = 0`` gives the limit: 0 if the target is the unique argmax (and
      ``epsilon = 0``), ``log(ties)`` for a shared maximum, ``+inf`` otherwise.
    - Returns a float (1-D logits) or an array of the batch shape, float64.
    """
    eps = _check_epsilon(epsilon)
    t = _check_temperature(temperature)
    x2, _, batch = _class_rows(logits, axis)
    k = x2.shape[1]
    tgt = _target_rows(target, batch, k)
    lp = log_softmax(x2, axis=1, temperature=t)
    r = np.arange(x2.shape[0])
    with np.errstate(invalid="ignore", over="ignore"):
        loss = 0.0 - lp[r, tgt]            # 0.0 - x: no -0.0 for a perfect fit
        if eps > 0.0:
            total = -np.sum(lp, axis=1)
            # eps/K > 0 even where it underflows to 0: its share of an infinite total is infinite
            spread = np.where(np.isinf(total), total, (eps / k) * total)
            # at eps = 1 the target's own term weighs 0, even where it is infinite
            loss = spread if eps == 1.0 else (1.0 - eps) * loss + spread
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss


def _p_minus_q(p2: np.ndarray, tgt: np.ndarray, eps: float) -> np.ndarray:
    """p - q for rows of probabilities, the target entry kept exact near p_y = 1."""
    k = p2.shape[1]
    r = np.arange(p2.shape[0])
    g = p2 - eps / k
    others = p2.copy()
    others[r, tgt] = 0.0
    g[r, tgt] = (eps - eps / k) - np.sum(others, axis=1)
    return g


def probability_gradient(p, target, *, epsilon=0.0):
    """``p - q`` (dCE/du) from probabilities already at hand, q smoothed by ``epsilon``.

    The same numbers as ``cross_entropy_grad`` with respect to u, without
    computing the softmax again; the target entry is
    ``(eps - eps/K) - sum_{i != y} p_i``.
    """
    eps = _check_epsilon(epsilon)
    p = np.asarray(p, dtype=np.float64)
    p2 = p.reshape(-1, p.shape[-1])
    tgt = _target_rows(target, p.shape[:-1], p.shape[-1])
    return _p_minus_q(p2, tgt, eps).reshape(p.shape)


def cross_entropy_grad(logits, target, *, epsilon=0.0, temperature=1.0, axis=-1):
    """Gradient of :func:`cross_entropy` with respect to the logits, ``(p - q) / T``.

    The target entry ``p_y - q_y`` is formed as ``(eps - eps/K) - sum_{i != y} p_i``
    so that it keeps its digits when ``p_y`` is within 1e-13 of 1.

    Notes
    -----
    ``T = 0`` gives the limit of ``(p - q) / T``: 0 where ``p == q`` and
    ``+-inf`` elsewhere.  The gradient with respect to ``u = logits / T`` is
    ``p - q`` (that is, this times T).
    """
    eps = _check_epsilon(epsilon)
    t = _check_temperature(temperature)
    x2, moved, batch = _class_rows(logits, axis)
    k = x2.shape[1]
    tgt = _target_rows(target, batch, k)
    g = _p_minus_q(softmax(x2, axis=1, temperature=t), tgt, eps)
    if t == 0.0:
        g = np.where(g == 0.0, 0.0, np.copysign(np.inf, g))
    elif t != 1.0:
        with np.errstate(over="ignore"):
            g = g / t
    return np.moveaxis(g.reshape(moved.shape), -1, axis)


def hinge_loss(logits, target, margin=0.0, *, axis=-1):
    """Multi-class hinge ``max(max_{i != y} z_i - z_y + margin, 0)``.

    The first, non-smooth step of the chain hinge -> LSE-hinge -> softmax CE.
    With a single class there is no rival and the loss is 0.
    """
    x2, _, batch = _class_rows(logits, axis)
    tgt = _target_rows(target, batch, x2.shape[1])
    r = np.arange(x2.shape[0])
    rivals = x2.copy()
    rivals[r, tgt] = -np.inf
    with np.errstate(invalid="ignore"):
        gap = np.max(rivals, axis=1) - x2[r, tgt] + float(margin)
        loss = np.maximum(gap, 0.0)
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss


def lse_hinge_loss(logits, target, *, axis=-1):
    """LSE-smoothed hinge ``max(LSE_{i != y} z_i - z_y, 0)``.

    The max over rivals replaced by their log-sum-exp; softplus of the same
    margin is the softmax cross-entropy.
    """
    x2, _, batch = _class_rows(logits, axis)
    tgt = _target_rows(target, batch, x2.shape[1])
    r = np.arange(x2.shape[0])
    rivals = x2.copy()
    rivals[r, tgt] = -np.inf
    with np.errstate(invalid="ignore"):
        gap = logsumexp(rivals, axis=1) - x2[r, tgt]
        loss = np.maximum(gap, 0.0)
    loss = loss.reshape(batch)
    return float(loss) if loss.ndim == 0 else loss




def entropy(logits, *, temperature=1.0, axis=-1):
    """Shannon entropy (nats) of ``softmax(logits / T)``: ``-sum p log p``.

    Computed as ``-sum p_i log_softmax_i``, so a ``p_max`` within 1e-13 of 1
    still gives a correct small entropy; masked classes contribute 0.
    """
    t = _check_temperature(temperature)
    x2, _, batch = _class_rows(logits, axis)
    p = softmax(x2, axis=1, temperature=t)
    lp = log_softmax(x2, axis=1, temperature=t)
    with np.errstate(invalid="ignore"):
        terms = np.where(p > 0.0, -p * lp, 0.0)
    terms = np.where(np.isnan(p), np.nan, terms)
    h = np.sum(terms, axis=1).reshape(batch)
    return float(h) if h.ndim == 0 else h
