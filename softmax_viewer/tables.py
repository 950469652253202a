"""The command line's readable tables: what compute, sample and train print without --json. No Qt.

A few aligned lines with the key numbers, in the spirit of ``calibration.report``: a line
saying what was computed, the classes that matter most (at most ``SHOWN`` of them, and the
target), and the summary figures. ``--json`` gives every number.
"""
from __future__ import annotations

import math

import numpy as np

SHOWN = 10                 # classes (or training steps) a table shows at most
LABEL_WIDTH = 14


def _num(v, width: int = 13) -> str:
    """A number in ``width`` characters: six significant digits, infinities and NaN as words."""
    v = float(v)
    if math.isnan(v):
        text = "nan"
    elif math.isinf(v):
        text = "inf" if v > 0 else "-inf"
    else:
        text = f"{v:.6g}"
    return f"{text:>{width}}"


def _label(text: str) -> str:
    """A class's label in one cell: control characters as spaces, a long one cut."""
    text = "".join(c if c.isprintable() else " " for c in str(text))
    if len(text) > LABEL_WIDTH:
        text = text[: LABEL_WIDTH - 1] + "…"
    return f"{text:<{LABEL_WIDTH}}"


def _classes(order_by: np.ndarray, target: int | None = None) -> list[int]:
    """The ``SHOWN`` classes with the largest ``order_by`` (largest first, ties by class), and
    ``target`` last if it is not among them."""
    v = np.nan_to_num(np.asarray(order_by, dtype=np.float64), nan=-np.inf)
    idx = [int(i) for i in np.argsort(-v, kind="stable")[:SHOWN]]
    if target is not None and target not in idx:
        idx.append(int(target))
    return idx


def _class_cells(state, i) -> str:
    """The class and label cells of a row (no label column when the state names no class)."""
    if i == "class":
        return f"{'class':>7}  " + (_label("label") if any(state.labels) else "")
    own = int(i) < len(state.labels) and state.labels[int(i)]
    return f"{int(i):>7}  " + (_label(state.labels[int(i)] if own else "") if any(state.labels) else "")


def _named(state, i: int) -> str:
    """Class ``i``, with its label when the state gives it one: "2 (went)"."""
    i = int(i)
    own = i < len(state.labels) and state.labels[i]
    return f"{i} ({_label(state.label(i)).rstrip()})" if own else str(i)


def _shown_note(idx: list[int], n_classes: int, what: str, target: int | None = None) -> list[str]:
    if len(idx) >= n_classes:
        return []
    also = ", and the target" if target is not None and idx.index(target) >= SHOWN else ""
    return [f"(the {SHOWN} {what} of {n_classes:,} classes{also}; --json gives every class)"]


def _pairs(items) -> list[str]:
    """(title, text) pairs two to a line, aligned."""
    cells = [f"{title:<22}{text:<16}" for title, text in items]
    return ["".join(cells[i:i + 2]).rstrip() for i in range(0, len(cells), 2)]


def compute_table(state, bundle, precision=None) -> str:
    """What ``compute`` prints without --json: the state, the most probable classes and the readout's numbers."""
    r = bundle.readout
    st = state
    lines = [f"{st.n_classes:,} classes, target {_named(st, st.target)}, "
             f"s = {st.scale:g}, T = {st.temperature:g}, eps = {st.epsilon:g}"
             + (f", margin m = {st.margin:g} (u uses z_y - m)" if st.margin else "")
             + (", cosine logits" if st.cosine else "")]
    head = f"{_class_cells(st, 'class')}{'z':>13}{'u = s·z/T':>13}{'p':>13}{'log p':>13}"
    if precision is not None:
        head += f"{'textbook p':>13}{'stable p':>13}"
    lines.append(head)
    idx = _classes(bundle.p, st.target)
    for i in idx:
        row = (f"{_class_cells(st, i)}{_num(st.logits[i])}{_num(bundle.u[i])}"
               f"{_num(bundle.p[i])}{_num(bundle.log_p[i])}")
        if precision is not None:
            row += f"{_num(precision.naive_p[i])}{_num(precision.stable_p[i])}"
        marks = [m for m, on in (("target", i == st.target), ("predicted", i == r["predicted"])) if on]
        lines.append(row + ("   " + ", ".join(marks) if marks else ""))
    lines += _shown_note(idx, st.n_classes, "most probable", st.target)
    lines.append("")
    items = [("max u", _num(r["max"], 0)), ("logsumexp", _num(r["lse"], 0)),
             ("LSE - max", _num(r["lse_minus_max"], 0)), ("entropy", _num(r["entropy"], 0)),
             ("perplexity", _num(r["perplexity"], 0)), ("cross-entropy", _num(r["cross_entropy"], 0))]
    if st.epsilon > 0:
        items.append((f"CE at eps = {st.epsilon:g}", _num(r["smoothed_cross_entropy"], 0)))
    items += [("hinge", _num(r["hinge"], 0)), ("LSE hinge", _num(r["lse_hinge"], 0)),
              ("implicit margin", _num(r["implicit_margin"], 0)),
              ("  its bound log(N-1)", _num(r["implicit_margin_max"], 0))]
    if st.cosine:
        items += [("s for p_y = 0.9", _num(r["cosine_scale_90"], 0)), ("s for p_y = 0.99", _num(r["cosine_scale_99"], 0))]
    items += [("predicted", _named(st, r["predicted"]))]
    lines += _pairs(items)
    if precision is not None:
        lines.append(f"textbook p and stable p in {precision.dtype}, where exp(u) overflows past "
                     f"u = {precision.exp_threshold:.6g}"
                     + (f"; {precision.u_overflows:,} classes' u do not fit {precision.dtype}"
                        if precision.u_overflows else ""))
    return "\n".join(lines) + "\n"


def sample_table(state, d, seed: int, truncation: dict) -> str:
    """What ``sample`` prints without --json: the draws of the most probable classes."""
    cut = ", ".join(f"{k} {v:g}" for k, v in truncation.items() if v is not None) or "no truncation"
    kept = int(np.count_nonzero(d.kept))
    lines = [f"{d.n:,} draws, seed {seed}, {cut}, {d.order}: {kept:,} of {d.p.size:,} classes kept"]
    lines.append(f"{_class_cells(state, 'class')}{'p':>13}{'sampled p':>13}{'draws':>13}{'share':>13}")
    idx = _classes(d.p)
    for i in idx:
        share = d.counts[i] / d.n if d.n else 0.0
        lines.append(f"{_class_cells(state, i)}{_num(d.p[i])}{_num(d.sample_p[i])}"
                     f"{int(d.counts[i]):>13,}{_num(share)}" + ("" if d.kept[i] else "   cut"))
    lines += _shown_note(idx, d.p.size, "most probable")
    lines.append(f"argmax {_named(state, d.argmax)}")
    return "\n".join(lines) + "\n"


def train_table(state, r, steps: int, lr: float, final_logits=None) -> str:
    """What ``train`` prints without --json: the loss, norm, gap and max p at a few steps, the final logits."""
    lines = [f"{steps:,} steps of {r.loss_name} at lr {lr:g}, {r.mode} mode, {state.n_classes:,} classes"
             + (f", target {state.target}" if r.mode == "logits" else "")]
    lines.append(f"{'step':>7}{'loss':>13}{'norm':>13}{'gap':>13}{'max p':>13}")
    for i in sorted({int(round(k)) for k in np.linspace(0, steps, min(steps, SHOWN) + 1)}):
        lines.append(f"{i:>7,}{_num(r.loss[i])}{_num(r.norm[i])}{_num(r.gap[i])}{_num(r.max_p[i])}")
    if math.isfinite(r.bound):
        lines.append(f"gap bound: {r.bound:.6g}, where smoothed CE at eps = {state.epsilon:g} stops the gap")
    if final_logits is not None:
        z = np.asarray(final_logits, dtype=np.float64)
        shown = ", ".join(_num(v, 0) for v in z[:SHOWN])
        more = f", … ({z.size:,} in all; --json gives them)" if z.size > SHOWN else ""
        lines.append(f"final logits z: {shown}{more}")
    return "\n".join(lines) + "\n"
