"""Instructions per change of the main window, counted by callgrind (repeatable on a noisy machine).

    python3 benchmarks/bench_instructions.py [--classes 1000] [--changes 40]

runs the window (offscreen) twice under ``valgrind --tool=callgrind``: once with a
few warm-up changes only, once with ``--changes`` more, and prints the difference
divided by the number of changes: the instructions one change costs, start-up
and warm-up excluded. A change is a temperature drag step (the slider held and
moved 10 of its 1,000 steps, as bench_window's drag), followed by the compute and
the repaint of every panel. ``--stock ITEM`` (repeatable) draws that kind of plot
item with stock pyqtgraph instead of the plotting layer's own, to measure what the
custom item saves (see benchmarks/README.md).

Run directly with ``--inside N`` it makes N changes without valgrind (what the
callgrind runs execute).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARMUP = 8


def inside(classes: int, changes: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import numpy as np

    from softmax_viewer.qt.platform import ensure_app
    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.state import ExplorerState

    app = ensure_app()
    z = np.random.default_rng(0).normal(0.0, 2.0, classes)
    win = MainWindow(ExplorerState(logits=z, target=0), remember=False)
    win.resize(1800, 1000)
    win.show()
    for _ in range(5):
        app.processEvents()
    slider = win.controls.temperature.slider
    slider.setSliderDown(True)
    start = 300
    for k in range(WARMUP + changes):
        step = k % 60
        slider.setValue(start + 10 * (step if (k // 60) % 2 == 0 else 60 - step))
        app.processEvents()          # timer -> compute -> panels updated
        app.processEvents()          # the posted update requests: paint
    slider.setSliderDown(False)
    win.close()


def _count(classes: int, changes: int, stock: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="softmax-viewer-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONHASHSEED="0", XDG_CONFIG_HOME=folder)
        if stock:
            env["SOFTMAX_VIEWER_STOCK_ITEMS"] = ",".join(stock)
        cmd = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/callgrind.out", sys.executable,
               __file__, "--inside", str(changes), "--classes", str(classes)]
        r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    m = re.search(r"Collected : (\d+)", r.stderr)
    if r.returncode != 0 or m is None:
        raise SystemExit(f"callgrind failed: {r.stderr[-2000:]}")
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--classes", type=int, default=1000)
    ap.add_argument("--changes", type=int, default=40)
    ap.add_argument("--inside", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--stock", action="append", default=[], help="a plot item drawn by stock pyqtgraph")
    args = ap.parse_args()
    if args.inside is not None:
        inside(args.classes, args.inside)
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:
        base, more = pool.map(lambda n: _count(args.classes, n, args.stock), (0, args.changes))
    per = (more - base) / args.changes
    label = f" (stock: {', '.join(args.stock)})" if args.stock else ""
    print(f"{args.classes} classes, temperature drag{label}: {per / 1e6:.2f} M instructions per change "
          f"({args.changes} changes; start-up {base / 1e9:.2f} G)")


if __name__ == "__main__":
    main()
