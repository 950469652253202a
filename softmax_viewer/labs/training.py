"""The overconfidence experiment (seed 002): gradient descent under one-hot and smoothed targets."""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from softmax_viewer import lab_settings, names, stable
from softmax_viewer.limits import brief
from softmax_viewer.logits import effective_logits
from softmax_viewer.state import ExplorerState

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
MAX_STEPS = lab_settings.MAX_STEPS


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
