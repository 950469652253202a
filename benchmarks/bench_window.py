"""Time from a control change to the window repainted, and cold start to first paint.

Run by hand (a real X server is closest to a user's screen):

    xvfb-run -a -s "-screen 0 1920x1080x24" python3 benchmarks/bench_window.py
    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_window.py

For N = 10, 1,000 and 100,000 classes it makes 120 changes of each of scale,
temperature and epsilon, in two patterns:

  drag   the slider held down and moved 10 of its 1,000 steps per change, 60
         changes one way and 60 back (a brisk hand: s or T change by 10 %
         (0.04 of a decade), eps by 0.01, per frame);
  jump   the spin box set to 0.8, 1.1, 1.5, 2.0, 0.8, ... (eps 0.5 .. 0.8):
         every change a big one, so that no axis or colour scale can stay put.

and times, for each, the control's new value -> store -> compute -> every panel updated ->
the window's dirty regions painted: the event loop is run until the store's
timer has fired and Qt's pending update requests have been painted, as
happens between two frames of a real drag.  (--full-repaint instead forces a
synchronous repaint of the whole window, static widgets included: an upper
bound.)  Cold start is the
wall time from launching a fresh interpreter to the first painted window.
Targets: p95 <= 16 ms for N <= 1,000, <= 50 ms at N = 100,000; cold start <= 1.5 s.
A second table repeats the temperature drag with each lab docked in the main
window (the labs follow every change too).

The peer, timed after each table: a bare pyqtgraph window of the
same size with five plots of one 241-point curve each, every curve given new data
per change and the window repainted (the least a five-plot pyqtgraph window does
per change). This machine's speed drifts during a run; the peer's figures show
by how much, beside the window's.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHANGES = 120
SLIDER_STEPS = 1000


def _percentile(xs, q):
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(q / 100 * (len(xs) - 1)))))
    return xs[k]


def _dispose(app, *windows):
    """Close and delete ``windows`` now: with no event loop running, deleteLater
    alone would leave them (and their plots) alive for the rest of the run."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for w in windows:
        if w is not None:
            w.close()
            w.deleteLater()
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete.value)


def _changes(app, win, ctl, name, pattern, full_repaint):
    """Times of CHANGES changes of one control, in ms."""
    times = []
    if pattern == "drag":
        start = ctl.slider.value()
        start = min(max(start, 0), SLIDER_STEPS - 600)
        ctl.slider.setSliderDown(True)
        positions = [start + 10 * (k + 1) for k in range(CHANGES // 2)]
        positions += positions[-2::-1] + [start]
    else:
        values = [0.5, 0.6, 0.7, 0.8] if name == "epsilon" else [0.8, 1.1, 1.5, 2.0]
        positions = [values[k % len(values)] + (k // len(values)) * 1e-3 for k in range(CHANGES)]
    for v in positions[:CHANGES]:
        t0 = time.perf_counter()
        if pattern == "drag":
            ctl.slider.setValue(v)            # the slider moved under the mouse
        else:
            ctl.spin.setValue(v)              # a value typed or stepped
        app.processEvents()                   # timer -> compute -> panels updated
        if full_repaint:
            win.repaint()                     # the whole window painted now
        else:
            app.processEvents()               # the posted update requests: paint
        times.append((time.perf_counter() - t0) * 1e3)
        assert getattr(win.store.bundle.state, name) == ctl.value()
    if pattern == "drag":
        ctl.slider.setSliderDown(False)
        ctl.drag_finished.emit()
        app.processEvents()
    return times


def bench_changes(full_repaint=False, lab=None, controls=("scale", "temperature", "epsilon"),
                  patterns=("drag", "jump"), sizes=(10, 1000, 100_000)):
    """``lab``: with that lab open too, docked in the window (it follows every change)."""
    from softmax_viewer.qt.platform import ensure_app
    from softmax_viewer.qt.window import MainWindow
    from softmax_viewer.logits import Generator
    from softmax_viewer.state import ExplorerState

    app = ensure_app()
    if lab is None:
        print(f"platform: {app.platformName()}")
        print(f"{'N':>8} {'control':24} {'change':6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for n in sizes:
        st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n)
        win = MainWindow(st, remember=False)
        win.resize(1800, 1000)
        win.show()
        for _ in range(5):
            app.processEvents()
        win.repaint()
        if lab is not None:
            win.open_lab(lab)                 # docked beside the panels
            for _ in range(5):
                app.processEvents()
        for name in controls:
            ctl = getattr(win.controls, name)
            for pattern in patterns:
                times = _changes(app, win, ctl, name, pattern, full_repaint)
                where = f"{name} +{lab}" if lab else name
                print(f"{n:>8} {where:24} {pattern:6} {statistics.median(times):8.2f} "
                      f"{_percentile(times, 95):8.2f} {max(times):8.2f}", flush=True)
        _dispose(app, win)


def bench_peer():
    import numpy as np
    import pyqtgraph as pg
    from softmax_viewer.qt.platform import ensure_app

    app = ensure_app()
    w = pg.GraphicsLayoutWidget()
    w.resize(1800, 1000)
    x = np.linspace(-6.0, 6.0, 241)
    curves = []
    for k in range(5):
        plot = w.addPlot(row=k // 3, col=k % 3)
        plot.setRange(xRange=(-6, 6), yRange=(0, 25), padding=0)
        curves.append(plot.plot(pen=pg.mkPen("#1f77b4", width=2)))
    w.show()
    for _ in range(5):
        app.processEvents()
    times = []
    for i in range(CHANGES):
        s = 0.5 + (i % 60) / 20.0
        t0 = time.perf_counter()
        y = np.log1p(np.exp(s * x))
        for c in curves:
            c.setData(x, y)
        app.processEvents()
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1e3)
    print(f"{'peer':>8} {'bare pyqtgraph':24} {'curves':6} {statistics.median(times):8.2f} "
          f"{_percentile(times, 95):8.2f} {max(times):8.2f}", flush=True)
    _dispose(app, w)


COLD = r"""
import sys, time
from softmax_viewer.qt.platform import ensure_app
from softmax_viewer.qt.window import MainWindow
app = ensure_app()
w = MainWindow(remember=False)
w.show()
app.processEvents()
w.repaint()
print("PAINTED", flush=True)
"""


def bench_cold_start(runs=5):
    times = []
    env = dict(os.environ)
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-c", COLD], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)
        for line in p.stdout:
            if line.startswith("PAINTED"):
                times.append(time.perf_counter() - t0)
                break
        p.wait()
    print(f"cold start to first painted window: median {statistics.median(times):.3f} s, "
          f"max {max(times):.3f} s over {runs} runs")


if __name__ == "__main__":
    bench_cold_start()
    full = "--full-repaint" in sys.argv
    bench_changes(full_repaint=full)
    bench_peer()
    if "--no-labs" not in sys.argv:
        print("with a lab docked in the window (temperature drag):")
        for lab in ("precision", "sampling", "overconfidence"):
            bench_changes(full_repaint=full, lab=lab, controls=("temperature",))
        bench_peer()
        bench_peer()
