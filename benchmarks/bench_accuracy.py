"""Worst error in ulps against a 60-digit reference, ours beside scipy and torch.

Run by hand:  python benchmarks/bench_accuracy.py
Inputs are the adversarial cases of the accuracy tests (tests/reference.py).
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from softmax_viewer import stable  # noqa: E402
from tests.reference import adversarial_inputs, max_ulp, reference  # noqa: E402

try:
    import scipy.special as sp
except ImportError:
    sp = None
try:
    import torch
except ImportError:
    torch = None


def _peers(name):
    out = {"ours": getattr(stable, name)}
    if sp is not None:
        out["scipy"] = getattr(sp, name)
    if torch is not None:
        f = {"softmax": lambda t: torch.softmax(t, 0), "log_softmax": lambda t: torch.log_softmax(t, 0),
             "logsumexp": lambda t: torch.logsumexp(t, 0)}[name]
        out["torch"] = lambda x: f(torch.from_numpy(np.ascontiguousarray(x))).numpy()
    return out


def main():
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")
    for dtype in (np.float64, np.float32):
        cases = adversarial_inputs(dtype)
        names = list(_peers("softmax"))
        print(f"\n{np.dtype(dtype).name}: worst error in ulps (inf: a wrong inf or NaN)")
        print(f"{'case':30} {'function':12} " + " ".join(f"{n:>10}" for n in names))
        for case, x in cases.items():
            p, lp, lse = reference(x)
            refs = {"softmax": p, "log_softmax": lp, "logsumexp": [lse]}
            for fname in ("softmax", "log_softmax", "logsumexp"):
                cells = []
                for _, fn in _peers(fname).items():
                    got = np.atleast_1d(np.asarray(fn(x), dtype=np.float64))
                    err = max_ulp(got, refs[fname], dtype)
                    cells.append(f"{err:10.3g}")
                print(f"{case:30} {fname:12} " + " ".join(cells))


if __name__ == "__main__":
    main()
