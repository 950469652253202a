"""What the hover readout says at a point of a panel's plot, and ``install_hover`` to attach it.

``hover_text(key, bundle, x, y, plot=0)`` is a pure function of the panel's key,
its last bundle and a point in the plot's view coordinates (``plot``: which of
the panel's plots, as ``panel.plots()`` lists them). It returns the text, or
None where there is nothing under the point. Every number is given in full
(the shortest repr that reads back as the same float) and comes either from
the bundle (a bar's p, log p, q, u, p − q, a Jacobian entry) or from one
evaluation through the stable core at that point (the LSE panel's curves at
that scale or class count, the losses at that margin, the surface's loss at
(z_i, z_j): computed there, not read off the curves or the image). One
evaluation is O(N).
"""
from __future__ import annotations

import math
import weakref
from functools import partial

import numpy as np

from softmax_viewer import stable
from softmax_viewer.derived.losses import rival_stats
from softmax_viewer.logits import effective_logits, scaled_logits
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting.hover import HoverReadout

#: the widest class count the LSE panel's N sweep is evaluated at under the cursor
N_HOVER_MAX = 1_000_000
#: the decades of a log axis (scale or N) a point is evaluated within
LOG_AXIS_REACH = 300.0


def full(v) -> str:
    """A number in full: the shortest text that reads back as the same float (∞, −∞, NaN spelled out)."""
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    return repr(v)


def _bar_at(x: float, n: int) -> int | None:
    """The bar nearest x among bars at 0 .. n - 1 (None beyond half a bar past the ends)."""
    k = math.floor(x + 0.5)
    return k if 0 <= k < n else None


def _class_name(st, c: int) -> str:
    """"cat (class 3)" for a named class, "class 3" for one without a name."""
    if c < len(st.labels) and st.labels[c]:
        return tr("{label} (class {index})").format(label=st.labels[c], index=c)
    return tr("class {index}").format(index=c)


def _class_line(st, c: int) -> str:
    if c == st.target:
        return tr("{name}, the target").format(name=_class_name(st, c))
    return _class_name(st, c)


# ---- probabilities: the bar under the cursor ----
def probability_text(bundle, x: float, y: float, plot: int = 0) -> str | None:
    d = bundle.probabilities
    k = _bar_at(x, d.shown.size)
    if k is None:
        return None
    c = int(d.shown[k])
    st = bundle.state
    p = bundle.p[c]
    rank = 1 + int(np.count_nonzero(bundle.p > p))
    return "\n".join([
        _class_line(st, c),
        tr("rank {rank} of {n} by p").format(rank=rank, n=f"{st.n_classes:,}"),
        tr("p = {value}").format(value=full(p)),
        tr("log p = {value}").format(value=full(bundle.log_p[c])),
        tr("q = {value}").format(value=full(bundle.q[c])),
        tr("u = {value}").format(value=full(bundle.u[c])),
    ])


# ---- LSE against max: the curves at that scale or class count ----
def lse_values(st, u: np.ndarray, ties: int = 1) -> tuple[float, float, float]:
    """(max u, LSE(u), max u + log N) of ``u`` (at T = 0 LSE is max + log(ties), as the sweep has it)."""
    with np.errstate(over="ignore", invalid="ignore"):
        mx = float(np.max(u))
        lse = float(stable.logsumexp(u)) if st.temperature > 0 else mx + math.log(ties)
        return mx, lse, mx + math.log(u.size)


def lse_text(bundle, x: float, y: float, plot: int = 0) -> str | None:
    d, st = bundle.lse, bundle.state
    if not abs(x) <= LOG_AXIS_REACH:
        return None
    value = 10.0 ** x
    s, t = st.scale, st.temperature
    z = np.asarray(st.margined_logits())           # the target's logit less the margin m, as u has it
    if d.mode == "scale":
        head = tr("s = {s} (T = {t})").format(s=full(value), t=full(t))
        top = float(np.max(z))
        mx, lse, bound = lse_values(st, effective_logits(z, value, t), ties=int(np.sum(z == top)))
    else:
        n = int(round(value))
        if not 1 <= n <= N_HOVER_MAX:
            return None
        g = st.generator
        head = tr("N = {n} (s = {s}, T = {t})").format(n=f"{n:,}", s=full(s), t=full(t))
        with np.errstate(over="ignore", invalid="ignore"):
            row = np.linspace(g.low, g.high, n)
        uu = effective_logits(row, s, t) if t > 0 else scaled_logits(row, s)
        mx, lse, bound = lse_values(st, uu)
    with np.errstate(invalid="ignore"):
        gap = lse - mx
    return "\n".join([
        head,
        tr("max(u) = {value}").format(value=full(mx)),
        tr("LSE(u) = {value}").format(value=full(lse)),
        tr("max(u) + log N = {value}").format(value=full(bound)),
        tr("LSE(u) − max(u) = {value}").format(value=full(gap)),
    ])


# ---- losses at a margin ----
def losses_at(st, u: np.ndarray, margin: float) -> dict:
    """The loss panel's four losses at ``margin`` = u_y − max of the rivals, the rivals held
    (the curves' own formulas, taken relative to the rivals' max: no u_y formed)."""
    n, y, eps = u.size, st.target, st.epsilon
    uu = st.scaled_logits() if st.temperature == 0.0 else u
    m_r, l_r, below, _over = rival_stats(uu, y)
    if not math.isfinite(m_r):
        m_r, l_r = 0.0, -math.inf
    with np.errstate(over="ignore", invalid="ignore"):
        over = l_r - m_r
        gap = over - margin
        hinge = max(-margin, 0.0) if n > 1 else 0.0
        lse_hinge = max(gap, 0.0)
        ce = float(stable.softplus(gap))
        big_l = float(np.logaddexp(over, margin))
        total = (below - (n - 1) * big_l) + (margin - big_l)
        spread = -total if math.isinf(total) else (eps / n) * -total
        smoothed = (1 - eps) * ce + spread if eps > 0 else ce
    if st.temperature == 0.0:                    # the T -> 0 limits, as the curves have them
        wins = 0.0 if margin > 0 else math.inf
        ce = lse_hinge = hinge = wins
        smoothed = wins if eps == 0 else math.inf
    return {"hinge": hinge, "lse_hinge": lse_hinge, "ce": ce, "smoothed_ce": smoothed}


def loss_names() -> dict:
    return {"ce": tr("softmax CE"), "smoothed_ce": tr("label-smoothed CE"), "lse_hinge": tr("LSE-hinge"),
            "hinge": tr("hinge")}


def loss_text(bundle, x: float, y: float, plot: int = 0) -> str | None:
    st = bundle.state
    values = losses_at(st, bundle.u, x)
    names = loss_names()
    lines = [tr("margin u_y − max rival = {value}").format(value=full(x))]
    lines += [tr("{name} = {value}").format(name=names[key], value=full(values[key]))
              for key in ("hinge", "lse_hinge", "ce", "smoothed_ce")]
    return "\n".join(lines)


# ---- the loss surface at (z_i, z_j) ----
def surface_loss(st, loss: str, z: np.ndarray) -> float:
    """The surface's ``loss`` of the logits ``z`` at the state's s, T, target, ε and margin m
    (the target's logit z_y - m in u)."""
    y, t = st.target, st.temperature
    if st.margin:
        z = np.array(z, dtype=np.float64)
        z[y] -= st.margin
    sz = scaled_logits(z, st.scale)
    if loss in ("ce", "smoothed_ce"):
        eps = st.epsilon if loss == "smoothed_ce" else 0.0
        return float(stable.cross_entropy(sz, y, epsilon=eps, temperature=t))
    if t == 0.0:                       # the limit: the target wins outright, or loses infinitely
        rivals = np.delete(sz, y)
        return 0.0 if rivals.size == 0 or sz[y] > np.max(rivals) else math.inf
    u = effective_logits(z, st.scale, t)
    with np.errstate(invalid="ignore", over="ignore"):
        return float(stable.lse_hinge_loss(u, y) if loss == "lse_hinge" else stable.hinge_loss(u, y))


def surface_text(bundle, x: float, y: float, plot: int = 0) -> str | None:
    d, st = bundle.surface, bundle.state
    z = np.array(st.logits, dtype=np.float64)
    z[d.i], z[d.j] = x, y
    value = surface_loss(st, d.loss, z)
    return "\n".join([
        tr("z{i} ({label}) = {value}").format(i=d.i, label=st.label(d.i), value=full(x)),
        tr("z{j} ({label}) = {value}").format(j=d.j, label=st.label(d.j), value=full(y)),
        tr("{name} = {value}").format(name=loss_names()[d.loss], value=full(value)),
    ])


# ---- the gradient: a bar's p − q, or an entry of the Jacobian ----
def gradient_text(bundle, x: float, y: float, plot: int = 0) -> str | None:
    st = bundle.state
    d = bundle.gradient
    if plot == 0:
        k = _bar_at(x, d.shown.size)
        if k is None:
            return None
        c = int(d.shown[k])
        return "\n".join([
            _class_line(st, c),
            tr("p − q = {value}").format(value=full(bundle.grad[c])),
            tr("p = {value}").format(value=full(bundle.p[c])),
            tr("q = {value}").format(value=full(bundle.q[c])),
        ])
    k = d.jac_classes.size
    col, row = _bar_at(x, k), _bar_at(k - 1 - y, k)      # class 0 (or #1) in the top row
    if col is None or row is None:
        return None
    a, b = int(d.jac_classes[row]), int(d.jac_classes[col])
    if a == b:
        formula = tr("∂p_{a}/∂u_{a} = p_{a}(1 − p_{a}) = {value}").format(a=a, value=full(d.jacobian[row, col]))
    else:
        formula = tr("∂p_{a}/∂u_{b} = −p_{a}·p_{b} = {value}").format(a=a, b=b, value=full(d.jacobian[row, col]))
    return "\n".join([
        formula,
        tr("row: {name}").format(name=_class_name(st, a)),
        tr("column: {name}").format(name=_class_name(st, b)),
        tr("p_{a} = {pa}, p_{b} = {pb}").format(a=a, b=b, pa=full(bundle.p[a]), pb=full(bundle.p[b]))
        if a != b else tr("p_{a} = {pa}").format(a=a, pa=full(bundle.p[a])),
    ])


TEXTS = {"probabilities": probability_text, "lse": lse_text, "loss": loss_text, "surface": surface_text,
         "gradient": gradient_text}


def hover_text(key: str, bundle, x: float, y: float, plot: int = 0) -> str | None:
    """The readout at (x, y) of plot ``plot`` of panel ``key`` showing ``bundle`` (None: nothing there)."""
    text_of = TEXTS.get(key)
    if text_of is None or bundle is None or not (math.isfinite(x) and math.isfinite(y)):
        return None
    return text_of(bundle, x, y, plot)


# ---- attaching it to the window ----
_READOUTS = weakref.WeakKeyDictionary()        # a plot -> its HoverReadout


def _panel_text(key: str, panel, plot: int, x: float, y: float) -> str | None:
    return hover_text(key, panel.bundle, x, y, plot)


def _refresh(readouts, _bundle=None) -> None:
    for readout in readouts:
        if readout.text():                        # a new state under a still cursor: its numbers
            readout.refresh()


def install_hover(window) -> dict:
    """A hover readout on every plot of the window's panels: {(panel key, plot index): HoverReadout}.
    Installing again returns the readouts already there."""
    found, made = {}, []
    for key, panel in window.panel_widgets().items():
        if key not in TEXTS or not hasattr(panel, "plots"):
            continue
        for index, plot in enumerate(panel.plots()):
            readout = _READOUTS.get(plot)
            if readout is None:
                readout = _READOUTS[plot] = HoverReadout(plot, partial(_panel_text, key, panel, index), panel)
                made.append(readout)
            found[(key, index)] = readout
    if made:
        window.store.bundle_ready.connect(partial(_refresh, made))
    return found
