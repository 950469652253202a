"""The data behind each panel and lab as CSV text, and the numbers of `compute --json`. No Qt."""
from __future__ import annotations

import csv
import io

import numpy as np

from softmax_viewer import names
from softmax_viewer.derived import Bundle



def _fmt(v) -> str:
    if isinstance(v, (float, np.floating)):
        v = float(v)
        if v != v:
            return "nan"
        if v in (float("inf"), float("-inf")):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    return str(v)


def _write(header, rows) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for row in rows:
        w.writerow([_fmt(v) for v in row])
    return buf.getvalue()


def panel_csv(bundle: Bundle, panel: str) -> str:
    """The numbers a panel draws (for 'window': every class), as CSV with a header row."""
    st = bundle.state
    if panel in ("probabilities", "window"):
        if panel == "window":
            idx = np.arange(st.n_classes)
            naive = None
        else:
            idx = bundle.probabilities.shown
            naive = bundle.probabilities.naive_p
        rows = []
        for k, i in enumerate(idx):
            row = [int(i), st.label(int(i)), float(st.logits[i]), float(bundle.u[i]), float(bundle.p[i]),
                   float(bundle.log_p[i]), float(bundle.q[i]), float(bundle.grad[i])]
            if naive is not None:
                row.append(float(naive[k]))
            rows.append(row)
        header = ["class", "label", "logit_z", "u", "p", "log_p", "q", "grad_p_minus_q"]
        if naive is not None:
            header.append("textbook_p")
        return _write(header, rows)
    if panel == "lse":
        d = bundle.lse
        return _write([d.mode if d.mode == "scale" else "n_classes", "max_u", "lse_u", "max_u_plus_log_n"],
                      zip(d.x, d.max_curve, d.lse_curve, d.bound_curve))
    if panel == "loss":
        d = bundle.loss
        return _write(["margin", "hinge", "lse_hinge", "cross_entropy", "smoothed_cross_entropy"],
                      zip(d.margin, d.hinge, d.lse_hinge, d.ce, d.smoothed_ce))
    if panel == "surface":
        d = bundle.surface
        rows = ((d.zi[a], d.zj[b], d.values[a, b]) for a in range(d.zi.size) for b in range(d.zj.size))
        return _write([f"z{d.i}", f"z{d.j}", d.loss], rows)
    if panel == "gradient":
        d = bundle.gradient
        return _write(["class", "label", "grad_p_minus_q"],
                      ((int(i), st.label(int(i)), float(g)) for i, g in zip(d.shown, d.grad)))
    raise ValueError(f"unknown panel {panel!r}: use one of {names.one_of(names.EXPORT_TARGETS)}")


def json_number(v):
    """A float for JSON: infinities and NaN become the strings "inf", "-inf", "nan"."""
    v = float(v)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    return v


def json_plain(obj):
    """``obj`` with every number a JSON number (numpy scalars and arrays turned into
    Python ones, infinities and NaN into strings, as ``json_number``): what
    ``json.dumps(..., allow_nan=False)`` always takes."""
    if isinstance(obj, dict):
        return {str(k): json_plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_plain(v) for v in obj]
    if isinstance(obj, np.ndarray) and obj.dtype.kind == "f" and obj.ndim == 1:
        out = obj.astype(np.float64).tolist()          # a million numbers: no Python call each
        for i in np.flatnonzero(~np.isfinite(obj)).tolist():
            out[i] = json_number(out[i])
        return out
    if isinstance(obj, np.ndarray):
        return [json_plain(v) for v in obj.tolist()]
    if isinstance(obj, (bool, np.bool_)):
        return bool(obj)
    if isinstance(obj, (int, np.integer)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        return json_number(obj)
    return obj


def compute_json(bundle: Bundle) -> dict:
    """The numbers the window shows, for `softmax-viewer compute --json`.

    JSON has no infinities or NaN: those are written as the strings "inf", "-inf", "nan".
    """
    st = bundle.state
    r = bundle.readout

    num = json_number

    def arr(a):
        return json_plain(np.asarray(a, dtype=np.float64).ravel())

    return {
        "n_classes": st.n_classes, "target": st.target, "scale": st.scale, "temperature": st.temperature,
        "epsilon": st.epsilon, "labels": [st.label(i) for i in range(st.n_classes)],
        "logits_z": arr(st.logits), "logits": arr(bundle.u),
        "probabilities": arr(bundle.p), "log_probabilities": arr(bundle.log_p), "target_distribution": arr(bundle.q),
        "max": num(r["max"]), "logsumexp": num(r["lse"]), "lse_minus_max": num(r["lse_minus_max"]),
        "entropy": num(r["entropy"]), "perplexity": num(r["perplexity"]),
        "cross_entropy": num(r["cross_entropy"]), "smoothed_cross_entropy": num(r["smoothed_cross_entropy"]),
        "hinge": num(r["hinge"]), "lse_hinge": num(r["lse_hinge"]), "predicted": r["predicted"],
        "margin": st.margin, "implicit_margin": num(r["implicit_margin"]),
        "implicit_margin_max": num(r["implicit_margin_max"]), "cosine": st.cosine,
        "cosine_scale_90": num(r["cosine_scale_90"]), "cosine_scale_99": num(r["cosine_scale_99"]),
        "gradient": arr(bundle.grad),
    }




def lab_csv(kind: str, data, state) -> str:
    """The numbers behind a lab, as CSV (ValueError when the lab has none: a run that
    cannot be made, such as training at T = 0)."""
    if data is None:
        raise ValueError(f"the {kind} lab has no numbers to export in this state")
    if kind == "precision":
        return _write(["class", "label", "u", "textbook_p", "stable_p", "log_of_softmax", "log_softmax",
                       "flag", "ulp_textbook", "ulp_stable"],
                      ((i, state.label(i), float(data.u[i]), float(data.naive_p[i]), float(data.stable_p[i]),
                        float(data.log_of_softmax[i]), float(data.log_softmax[i]), int(data.flags[i]),
                        float(data.ulp_naive[i]), float(data.ulp_stable[i])) for i in range(data.u.size)))
    if kind == "sampling":
        return _write(["class", "label", "p", "sampled_p", "kept", "draws", "gumbel_perturbed", "relaxed"],
                      ((i, state.label(i), float(data.p[i]), float(data.sample_p[i]), int(data.kept[i]),
                        int(data.counts[i]), float(data.perturbed[i]), float(data.relaxed[i]))
                       for i in range(data.p.size)))
    if kind == "overconfidence":
        return _write(["step", "loss", "norm", "gap", "max_p"],
                      zip(data.steps.tolist(), data.loss, data.norm, data.gap, data.max_p))
    if kind == "calibration":
        return _write(["bin_lower", "bin_upper", "count", "accuracy", "confidence"],
                      ((b.lower, b.upper, b.count, b.accuracy, b.confidence) for b in data.bins))
    raise ValueError(f"unknown lab {kind!r}: use one of {names.one_of(names.LABS)}")
