"""Drawing 100,000 samples: the sampling lab beside numpy's own samplers.

Run by hand, not a test:

    python benchmarks/bench_sampling.py
    python benchmarks/bench_sampling.py --draws 10000 --classes 10 1000

For N classes (logits standard normal * 3) it times, in interleaved rounds:

  lab draws     labs.sampling_draws: the K draws as counts per class (Gumbel-max, or
                the inverse CDF past GUMBEL_BUDGET variates), what a lab update draws;
  lab update    labs.sampling: the draws plus one Gumbel-max draw with its noise,
                the truncation and the Gumbel-softmax sample (what the lab shows);
  choice        numpy Generator.choice(N, K, p=p) counted with bincount;
  multinomial   numpy Generator.multinomial(K, p): counts directly.

and prints the median time per call. The goal (issue 5): drawing 100,000 samples
takes well under a frame's worth of compute (16 ms at 60 Hz) per update.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from softmax_viewer import labs, stable  # noqa: E402
from softmax_viewer.state import ExplorerState  # noqa: E402


def _time(fn, rounds):
    times = []
    for k in range(rounds):
        t0 = time.perf_counter()
        fn(k)
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--classes", type=int, nargs="+", default=[10, 1000, 100_000])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args(argv)
    k = args.draws
    print(f"{k:,} draws; median ms per call over {args.rounds} interleaved rounds")
    print(f"{'classes':>9} {'lab draws':>10} {'lab update':>11} {'choice':>8} {'multinomial':>12}")
    for n in args.classes:
        z = np.random.default_rng(0).standard_normal(n) * 3.0
        st = ExplorerState(logits=z, target=0)
        p = stable.softmax(z)
        log_p = stable.log_softmax(z)
        kept = np.ones(n, dtype=bool)
        contenders = {
            "lab draws": lambda s: labs.sampling_draws(log_p, p, kept, k, np.random.default_rng(s)),
            "lab update": lambda s: labs.sampling(st, n=k, seed=s, p=p, log_p=log_p),
            "choice": lambda s: np.bincount(np.random.default_rng(s).choice(n, size=k, p=p), minlength=n),
            "multinomial": lambda s: np.random.default_rng(s).multinomial(k, p),
        }
        times = {name: [] for name in contenders}
        for r in range(args.rounds):                 # interleaved: a busy moment hits all alike
            for name, fn in contenders.items():
                times[name].append(_time(lambda s, f=fn, r=r: f(r * 1000 + s), 1))
        med = {name: statistics.median(ts) for name, ts in times.items()}
        print(f"{n:>9,} {med['lab draws']:>10.2f} {med['lab update']:>11.2f} {med['choice']:>8.2f} "
              f"{med['multinomial']:>12.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
