"""Throughput of softmax_viewer.stable beside scipy.special (and torch, if installed).

Run by hand, not a test:

    python benchmarks/bench_stable.py            # 1e3, 1e5, 1e7 elements
    python benchmarks/bench_stable.py --sizes 1000 100000

For each function, size and dtype the contenders are timed in interleaved
rounds on the same input (standard normal * 3, one 1-D distribution), and the
median time per call is printed with the throughput ratio ours/scipy
(> 1 means faster than scipy).  The accuracy that this speed keeps is printed
by benchmarks/bench_accuracy.py.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from softmax_viewer import stable  # noqa: E402

try:
    import scipy.special as sp
except ImportError:  # pragma: no cover - scipy is the peer; without it we only time ourselves
    sp = None
try:
    import torch
except ImportError:
    torch = None

FUNCS = ("softmax", "log_softmax", "logsumexp")


def _torch_fn(name):
    if torch is None:
        return None
    if name == "softmax":
        return lambda t: torch.softmax(t, dim=0)
    if name == "log_softmax":
        return lambda t: torch.log_softmax(t, dim=0)
    return lambda t: torch.logsumexp(t, dim=0)


def _time_round(fn, arg, number):
    t0 = time.perf_counter()
    for _ in range(number):
        fn(arg)
    return (time.perf_counter() - t0) / number


def bench(sizes, rounds):
    rng = np.random.default_rng(0)
    header = (f"{'n':>9} {'dtype':8} {'function':12} {'ours ms':>9} {'scipy ms':>9} "
              f"{'ours/scipy':>10}" + (f" {'torch ms':>9} {'ours/torch':>10}" if torch else ""))
    print(header)
    print("-" * len(header))
    if torch is not None:
        torch.set_num_threads(1)
    for n in sizes:
        for dtype in (np.float64, np.float32):
            x = (rng.standard_normal(n) * 3).astype(dtype)
            xt = torch.from_numpy(x) if torch is not None else None
            number = max(1, int(3e6 // n))
            for name in FUNCS:
                ours = getattr(stable, name)
                peer = getattr(sp, name) if sp is not None else None
                tfn = _torch_fn(name)
                times = {"ours": [], "scipy": [], "torch": []}
                for fn, a in ((ours, x), (peer, x), (tfn, xt)):
                    if fn is not None:
                        fn(a)                      # warm up
                for _ in range(rounds):
                    times["ours"].append(_time_round(ours, x, number))
                    if peer is not None:
                        times["scipy"].append(_time_round(peer, x, number))
                    if tfn is not None:
                        times["torch"].append(_time_round(tfn, xt, number))
                med = {k: statistics.median(v) for k, v in times.items() if v}
                line = f"{n:>9} {np.dtype(dtype).name:8} {name:12} {med['ours'] * 1e3:9.3f}"
                if "scipy" in med:
                    line += f" {med['scipy'] * 1e3:9.3f} {med['scipy'] / med['ours']:10.2f}"
                if "torch" in med:
                    line += f" {med['torch'] * 1e3:9.3f} {med['torch'] / med['ours']:10.2f}"
                print(line, flush=True)
    print("\nratio = peer time / our time: above 1.00 we are faster.")
    print("torch is held to one thread, as scipy runs; ours spreads arrays of 4 blocks or more")
    print("(>= 524,288 elements) over up to min(4, cores) threads, and is single-threaded below.")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000, 10_000_000])
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    bench(args.sizes, args.rounds)


if __name__ == "__main__":
    main()
