"""A batch's calibration at a scale and temperature, and the temperature that fits it. No Qt.

For logits z (B, C) and labels y (B,), the softmax sees u = s·z/T (the explorer's
scale and temperature), p = softmax(u) row by row, and:

- confidence c = max_i p_i, prediction = argmax_i p_i (the first index on ties);
- M equal-width bins, bin k holding k/M < c <= (k+1)/M (the edges computed as k/M),
  or M equal-mass bins (the samples sorted by confidence, split into M runs whose
  sizes differ by at most one);
- ECE = sum_k (n_k/n) |acc_k - conf_k|; MCE = max over the non-empty bins;
- Brier = mean over samples of sum_i (p_i - onehot_i)^2;
- NLL = mean of -log p_y, log p from log-sum-exp (finite wherever p_y > 0 in floats
  or not: log p = u_y - LSE(u) does not underflow); the smoothed NLL at eps is the
  mean of -sum_i q_i log p_i with q = (1 - eps) onehot + eps/C;
- top-5 accuracy: y among the five most probable classes (ties broken by index);
- per class (by predicted class): how many were predicted, the accuracy of those
  predictions and their mean confidence;
- the most confidently wrong rows, most confident first.

``fit_temperature`` finds T* = argmin_T NLL(s·z/T). The NLL is convex in
beta = 1/T with derivative mean_i(E_p[v_i] - v_{i,y}) (v = s·z) and second
derivative the mean variance of v under p: a Newton iteration kept inside a
bracket solves it to 1e-9 relative or better.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from softmax_viewer import stable
from softmax_viewer.batch_passes import NoMinimum, lse_and_square_sum, newton
from softmax_viewer.logits import scaled_logits

DEFAULT_BINS = 15
MAX_BINS = 1000
WORST = 20


class CalibrationError(ValueError):
    """Logits and labels that have no calibration, or no fitted temperature: one line."""


@dataclass(frozen=True)
class Bin:
    lower: float
    upper: float
    count: int
    accuracy: float        # NaN in an empty bin
    confidence: float      # NaN in an empty bin


@dataclass(frozen=True)
class ClassCalibration:
    predicted: int         # samples predicted as the class
    accuracy: float        # of those predictions (NaN when none)
    confidence: float      # their mean confidence (NaN when none)


@dataclass(frozen=True, eq=False)
class Calibration:
    """The calibration figures of a batch at one scale, temperature and eps."""
    n_samples: int
    n_classes: int
    scale: float
    temperature: float
    epsilon: float
    accuracy: float
    top5_accuracy: float
    nll: float
    smoothed_nll: float
    brier: float
    ece: float
    mce: float
    equal_mass: bool
    bins: tuple            # of Bin
    per_class: tuple       # of ClassCalibration, one per class
    confidence: np.ndarray   # (B,) max p
    predicted: np.ndarray    # (B,) argmax p
    correct: np.ndarray      # (B,) bool
    worst: np.ndarray        # rows predicted wrongly, most confident first (at most WORST)

    def as_dict(self) -> dict:
        return {
            "n_samples": self.n_samples, "n_classes": self.n_classes, "scale": self.scale,
            "temperature": self.temperature, "epsilon": self.epsilon, "accuracy": self.accuracy,
            "top5_accuracy": self.top5_accuracy, "nll": self.nll, "smoothed_nll": self.smoothed_nll,
            "brier": self.brier, "ece": self.ece, "mce": self.mce,
            "binning": "equal-mass" if self.equal_mass else "equal-width",
            "bins": [{"lower": b.lower, "upper": b.upper, "count": b.count,
                      "accuracy": b.accuracy if b.count else None,
                      "confidence": b.confidence if b.count else None} for b in self.bins],
        }


def check_batch(logits, labels) -> tuple[np.ndarray, np.ndarray]:
    """(z, y) as float64 (B, C) and int64 (B,), or CalibrationError saying what is wrong and where."""
    z = np.asarray(logits)
    if z.ndim == 1:
        z = z[None, :]
    if z.ndim != 2 or z.shape[0] == 0 or z.shape[1] == 0:
        raise CalibrationError(f"the logits must be a (samples, classes) array, got shape {tuple(z.shape)}")
    if z.dtype.kind not in "fiub":
        raise CalibrationError(f"the logits must be numbers, got dtype {z.dtype}")
    z = np.asarray(z, dtype=np.float64)
    bad = np.isnan(z) | (z == np.inf)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise CalibrationError(f"logit [{r}, {c}] is {z[r, c]}: a logit is a number or -inf (a masked class)")
    dead = ~np.isfinite(z).any(axis=1)
    if dead.any():
        raise CalibrationError(f"row {int(np.argmax(dead))} has no finite logit: every class is masked")
    if labels is None:
        raise CalibrationError("the calibration needs the true labels (one integer class per sample)")
    y = np.asarray(labels)
    if y.ndim != 1 or y.shape[0] != z.shape[0]:
        raise CalibrationError(f"{z.shape[0]} samples need {z.shape[0]} labels, got shape {tuple(y.shape)}")
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or np.any(y != np.round(y)):
            i = int(np.argmax(~np.isfinite(y) | (y != np.round(y))))
            raise CalibrationError(f"label {i} is {y[i]!r}: a label is a whole class index")
    elif y.dtype.kind not in "iub":
        raise CalibrationError(f"the labels must be integers, got dtype {y.dtype}")
    out = (y < 0) | (y >= z.shape[1])
    if out.any():
        i = int(np.argmax(out))
        raise CalibrationError(f"label {i} is {y[i]}, outside 0..{z.shape[1] - 1}")
    y = y.astype(np.int64)
    masked = ~np.isfinite(z[np.arange(z.shape[0]), y])
    if masked.any():
        i = int(np.argmax(masked))
        raise CalibrationError(f"sample {i}'s label {y[i]} is a masked class (logit -inf)")
    return z, y


def _scaled(z: np.ndarray, scale: float) -> np.ndarray:
    """s·z by the program's one scaling (z itself at s = 1), or CalibrationError where it overflows."""
    if scale == 1.0:
        return z
    v = scaled_logits(z, scale)
    if abs(scale) > 1.0 and np.count_nonzero(np.isinf(v)) > np.count_nonzero(np.isinf(z)):
        r, c = np.argwhere(np.isinf(v) & np.isfinite(z))[0]
        raise CalibrationError(f"s·z overflows at logit [{r}, {c}] ({z[r, c]!r} at s = {scale!r})")
    return v


def _log_p(v: np.ndarray, temperature: float) -> np.ndarray:
    """log softmax(v / T) row by row: u - LSE(u), which neither overflows nor underflows."""
    t = float(temperature)
    if t == 0.0 or math.isinf(t):
        return stable.log_softmax(v, axis=-1, temperature=t)
    u = v / t if t != 1.0 else v
    with np.errstate(invalid="ignore"):
        return u - stable.logsumexp(u, axis=-1, keepdims=True)


def _bins(confidence: np.ndarray, correct: np.ndarray, m: int, equal_mass: bool) -> tuple:
    if equal_mass:
        order = np.argsort(confidence, kind="stable")
        groups = np.array_split(order, m)
        out = []
        for g in groups:
            if g.size == 0:
                continue
            c = confidence[g]
            out.append(Bin(float(c.min()), float(c.max()), int(g.size), float(correct[g].mean()), float(c.mean())))
        return tuple(out)
    edges = np.arange(m + 1) / m
    k = np.clip(np.searchsorted(edges, confidence, side="left") - 1, 0, m - 1)
    counts = np.bincount(k, minlength=m)
    hits = np.bincount(k, weights=correct.astype(np.float64), minlength=m)
    sums = np.bincount(k, weights=confidence, minlength=m)
    out = []
    with np.errstate(invalid="ignore", divide="ignore"):
        acc, conf = hits / counts, sums / counts
    for i in range(m):
        empty = counts[i] == 0
        out.append(Bin(float(edges[i]), float(edges[i + 1]), int(counts[i]),
                       math.nan if empty else float(acc[i]), math.nan if empty else float(conf[i])))
    return tuple(out)


def calibrate(logits, labels, *, scale=1.0, temperature=1.0, epsilon=0.0, bins=DEFAULT_BINS,
              equal_mass=False, worst=WORST) -> Calibration:
    """The calibration figures of ``logits`` against ``labels`` at u = s·z/T (see the module)."""
    return Calibrator(logits, labels).at(scale=scale, temperature=temperature, epsilon=epsilon, bins=bins,
                                         equal_mass=equal_mass, worst=worst)


def fit_temperature(logits, labels, *, scale=1.0, rtol=1e-12) -> float:
    """T* = argmin over T > 0 of the mean NLL of softmax(s·z/T) at ``labels``.

    Raises CalibrationError when there is no finite, non-zero minimum: every sample
    correct with a margin (the NLL falls as T -> 0), or labels no better than a
    uniform guess (the NLL falls as T -> infinity)."""
    return Calibrator(logits, labels).fit_temperature(scale=scale, rtol=rtol)


class Calibrator:
    """One batch's calibration at any scale and temperature, for a slider that moves.

    What the order of the logits decides (the prediction, top-5, accuracy) does not
    change with s > 0 or T > 0 and is found once; s·z and its row maxima once per
    scale; a new temperature then costs one log-sum-exp of the batch and one pass
    for the Brier score. (Ties: the first index among equal logits.)
    """

    def __init__(self, logits, labels):
        self.z, self.y = check_batch(logits, labels)
        b, c = self.z.shape
        rows = np.arange(b)
        self.predicted = np.argmax(self.z, axis=1)
        self.correct = self.predicted == self.y
        zy = self.z[rows, self.y]
        ahead = (self.z > zy[:, None]).sum(axis=1)
        tied = (self.z == zy[:, None]).sum(axis=1) - 1
        close = (ahead < 5) & (ahead + tied >= 5)          # where ties decide top-5: broken by index
        if close.any():
            k = np.flatnonzero(close)
            ahead[k] += ((self.z[k] == zy[k, None]) & (np.arange(c)[None, :] < self.y[k, None])).sum(axis=1)
        self.top5 = float(np.mean(ahead < 5))
        self.accuracy = float(np.mean(self.correct))
        self.counts = np.bincount(self.predicted, minlength=c)
        self.hits = np.bincount(self.predicted, weights=self.correct.astype(np.float64), minlength=c)
        self._scaled = None                                 # (s, v, row max, v at the label, row mean)
        self.masked = not np.isfinite(self.z).all()
        for a in (self.predicted, self.correct):
            a.setflags(write=False)

    def _at_scale(self, scale: float):
        if self._scaled is None or self._scaled[0] != scale:
            v = _scaled(self.z, scale)
            rows = np.arange(v.shape[0])
            self._scaled = (scale, v, v.max(axis=1), v[rows, self.y], v.mean(axis=1))
        return self._scaled

    def at(self, *, scale=1.0, temperature=1.0, epsilon=0.0, bins=DEFAULT_BINS, equal_mass=False,
           worst=WORST) -> Calibration:
        bins = int(bins)
        if not 1 <= bins <= MAX_BINS:
            raise CalibrationError(f"the number of bins must be 1 to {MAX_BINS}, got {bins}")
        eps = float(epsilon)
        if not 0.0 <= eps <= 1.0:
            raise CalibrationError(f"epsilon must be within 0..1, got {epsilon!r}")
        s, t = float(scale), float(temperature)
        b, c = self.z.shape
        if not (s > 0.0 and 0.0 < t < math.inf):
            return self._limit(s, t, eps, bins, bool(equal_mass), worst)
        _s, v, v_max, v_y, v_mean = self._at_scale(s)
        lse, square = lse_and_square_sum(v, t)
        with np.errstate(under="ignore"):
            confidence = np.exp(v_max / t - lse)
            nll_i = lse - v_y / t
            p_y = np.exp(-nll_i)
        nll = float(np.mean(nll_i))
        smoothed = float(np.mean((1.0 - eps) * nll_i + eps * (lse - v_mean / t))) if eps > 0.0 else nll
        brier = float(np.mean(square - 2.0 * p_y + 1.0))
        return self._made(s, t, eps, bins, bool(equal_mass), worst, confidence, self.predicted, self.correct,
                          self.accuracy, self.top5, nll, smoothed, brier, self.counts, self.hits)

    def _limit(self, s, t, eps, bins, equal_mass, worst) -> Calibration:
        """s = 0, T = 0 or T infinite: p is uniform or the argmax (ties sharing), from the stable core."""
        b, c = self.z.shape
        rows = np.arange(b)
        log_p = _log_p(_scaled(self.z, s), t)
        with np.errstate(under="ignore"):
            p = np.exp(log_p)
        predicted = np.argmax(p, axis=1)
        confidence = p[rows, predicted]
        correct = predicted == self.y
        nll_i = -log_p[rows, self.y]
        nll = float(np.mean(nll_i))
        smoothed = float(np.mean((1.0 - eps) * nll_i - eps * np.sum(log_p, axis=1) / c)) if eps > 0.0 else nll
        p_y = p[rows, self.y]
        brier = float(np.mean(np.einsum("ij,ij->i", p, p) - 2.0 * p_y + 1.0))
        ahead = (p > p_y[:, None]).sum(axis=1) + ((p == p_y[:, None]) & (np.arange(c)[None, :] < self.y[:, None])).sum(axis=1)
        counts = np.bincount(predicted, minlength=c)
        hits = np.bincount(predicted, weights=correct.astype(np.float64), minlength=c)
        return self._made(s, t, eps, bins, equal_mass, worst, confidence, predicted, correct,
                          float(np.mean(correct)), float(np.mean(ahead < 5)), nll, smoothed, brier, counts, hits)

    def _made(self, s, t, eps, bins, equal_mass, worst, confidence, predicted, correct, accuracy, top5, nll,
              smoothed, brier, counts, hits) -> Calibration:
        b, c = self.z.shape
        bin_list = _bins(confidence, correct, bins, equal_mass)
        gaps = [(bn.count, abs(bn.accuracy - bn.confidence)) for bn in bin_list if bn.count]
        ece = float(sum(n * g for n, g in gaps) / b)
        mce = float(max(g for _n, g in gaps))
        sums = np.bincount(predicted, weights=confidence, minlength=c)
        with np.errstate(invalid="ignore", divide="ignore"):
            acc_k, conf_k = hits / counts, sums / counts
        per_class = tuple(ClassCalibration(int(n), float(a), float(m)) if n else ClassCalibration(0, math.nan, math.nan)
                          for n, a, m in zip(counts.tolist(), acc_k.tolist(), conf_k.tolist()))
        wrong = np.flatnonzero(~correct)
        order = wrong[np.argsort(-confidence[wrong], kind="stable")][:max(0, int(worst))]
        for a in (confidence, order):
            a.setflags(write=False)
        return Calibration(b, c, s, t, eps, accuracy, top5, nll, smoothed, brier, ece, mce, equal_mass, bin_list,
                           per_class, confidence, predicted, correct, order)

    # ---- the temperature that fits ----
    def fit_temperature(self, *, scale=1.0, rtol=1e-12) -> float:
        """T* (see ``fit_temperature``): Newton on the slope of the NLL in beta = 1/T, kept in a
        bracket; first on a sample of the rows, then on all of them from there."""
        s, v, v_max, v_y, v_mean = self._at_scale(float(scale))
        if self.masked:                # the uniform guess spreads over the finite classes only
            finite = np.isfinite(v)
            v_mean = np.where(finite, v, 0.0).sum(axis=1) / finite.sum(axis=1)
        at_zero = float(np.mean(v_mean - v_y))
        if at_zero >= 0.0:
            raise CalibrationError("the labels are no better than a uniform guess at these logits: "
                                   "the NLL falls as T grows, with no finite minimum")
        if float(np.mean(v_max - v_y)) <= 0.0:
            raise CalibrationError("every sample is classified correctly with a margin: the NLL falls as T -> 0, "
                                   "with no minimum at T > 0")
        b = v.shape[0]
        beta = 1.0
        if b > 8192:                   # a close start from a sample: then a step or two on every row
            pick = np.sort(np.random.default_rng(0).choice(b, 4096, replace=False))
            try:
                beta = newton(v[pick], v_max[pick], v_y[pick], 1.0, 1e-6, self.masked)
            except NoMinimum:
                beta = 1.0                 # the sample has none: start the whole batch from T = 1
        try:
            return 1.0 / newton(v, v_max, v_y, beta, rtol, self.masked)
        except NoMinimum as exc:
            raise CalibrationError(str(exc)) from None


def split(n: int, fraction: float = 0.5, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Rows to fit on and rows to report on: a seeded shuffle of range(n), ``fraction`` of it first."""
    if not 0.0 < fraction < 1.0:
        raise CalibrationError(f"the fitting fraction must be between 0 and 1, got {fraction!r}")
    order = np.random.default_rng(seed).permutation(n)
    k = min(max(int(round(fraction * n)), 1), n - 1)
    if n < 2:
        raise CalibrationError("a split needs at least two samples")
    return np.sort(order[:k]), np.sort(order[k:])


def report(c: Calibration, fitted: Calibration | None = None) -> str:
    """A short table of ``c`` (and of ``fitted``, the same batch at T*), as the command line prints it."""
    cols = [("", c)] + ([("at T*", fitted)] if fitted is not None else [])
    lines = [f"{c.n_samples:,} samples, {c.n_classes:,} classes, s = {c.scale:g}, eps = {c.epsilon:g}, "
             f"{len(c.bins)} {'equal-mass' if c.equal_mass else 'equal-width'} bins"]
    lines.append(f"{'':16}" + "".join(f"{(f'T = {x.temperature:.6g}' + (' (T*)' if n else '')):>18}"
                                        for n, x in cols))
    rows = [("accuracy", "accuracy"), ("top5_accuracy", "top-5 accuracy"), ("nll", "NLL")]
    if c.epsilon > 0:
        rows.append(("smoothed_nll", f"NLL at eps={c.epsilon:g}"))
    for key, title in rows + [("brier", "Brier"), ("ece", "ECE"), ("mce", "MCE")]:
        lines.append(f"{title:16}" + "".join(f"{getattr(x, key):18.6f}" for _n, x in cols))
    lines.append("")
    lines.append(f"{'bin':>15} {'count':>7} {'accuracy':>9} {'confidence':>11}   (at T = {c.temperature:.6g})")
    for b in c.bins:
        acc = "" if b.count == 0 else f"{b.accuracy:9.4f}"
        conf = "" if b.count == 0 else f"{b.confidence:11.4f}"
        lines.append(f"{b.lower:7.4f}..{b.upper:6.4f} {b.count:7d} {acc:>9} {conf:>11}")
    return "\n".join(lines) + "\n"
