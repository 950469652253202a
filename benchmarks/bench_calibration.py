"""A batch open in the window: a temperature drag with the calibration lab shown, fitting T*, opening a file.

Run by hand (not a test):

    xvfb-run -a -s "-screen 0 1920x1080x24" python3 benchmarks/bench_calibration.py
    QT_QPA_PLATFORM=offscreen python3 benchmarks/bench_calibration.py

For batches of 10,000 x 100 and 10,000 x 1,000 (float32 logits, labels; a model
that is right about 70 % of the time) it times:

  drag     a temperature drag (10 of the slider's 1,000 steps a change, 120 changes)
           with the calibration lab docked and shown: from the change to the window
           and the lab repainted (as bench_window);
  peer     the same figures a plain numpy script computes per change: scipy.special's
           log_softmax, max and argmax, the Brier score and 15 bins by np.digitize
           (no window): what any calibration must at least do;
  fit      Calibrator.fit_temperature on the whole batch (T* to 1e-12 relative; the
           Calibrator, made once when the batch opens, timed apart), beside
           scipy.optimize.minimize_scalar on the NLL (its default tolerance, bounded);
  open     MainWindow.open_path of the .npy file: read, checked, the first row shown
           and the calibration lab drawn.

Targets: drag p95 <= 16 ms at 10,000 x 100 and <= 50 ms at 10,000 x 1,000; fit <= 200 ms
at 10,000 x 1,000; open <= 0.5 s at 10,000 x 1,000.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_window import CHANGES, _dispose, _percentile  # noqa: E402

SHAPES = ((10_000, 100), (10_000, 1_000))


def _batch(b, c, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, c, b)
    z = rng.normal(0.0, 1.0, (b, c))
    z[np.arange(b), y] += 2.5
    return (z * 2.0).astype(np.float32), y


def _peer(z, y, t, m=15):
    from scipy.special import log_softmax

    lp = log_softmax(z / t, axis=1)
    p = np.exp(lp)
    rows = np.arange(z.shape[0])
    conf, pred = p.max(axis=1), p.argmax(axis=1)
    nll = -lp[rows, y].mean()
    brier = (np.einsum("ij,ij->i", p, p) - 2 * p[rows, y] + 1).mean()
    k = np.clip(np.digitize(conf, np.arange(1, m) / m, right=True), 0, m - 1)
    n = np.bincount(k, minlength=m)
    acc = np.bincount(k, weights=(pred == y), minlength=m)
    cs = np.bincount(k, weights=conf, minlength=m)
    ok = n > 0
    ece = np.sum(np.abs(acc[ok] - cs[ok])) / z.shape[0]
    return nll, brier, ece


def bench(folder: Path) -> None:
    from scipy.optimize import minimize_scalar
    from scipy.special import log_softmax

    from softmax_viewer import calibration
    from softmax_viewer.qt.platform import ensure_app
    from softmax_viewer.qt.window import MainWindow

    app = ensure_app()
    print(f"platform: {app.platformName()}")
    print(f"{'batch':>14} {'case':28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for b, c in SHAPES:
        z, y = _batch(b, c)
        path = folder / f"logits-{b}x{c}.npz"
        np.savez(path, logits=z, labels=y)
        npy = folder / f"logits-{b}x{c}.npy"
        np.save(npy, z)
        shape = f"{b:,}x{c:,}"
        win = MainWindow(remember=False)
        win.resize(1800, 1000)
        win.show()
        app.processEvents()
        t0 = time.perf_counter()
        win.open_path(str(path), confirm=False)          # opens the calibration lab
        for _ in range(3):
            app.processEvents()
        opened = (time.perf_counter() - t0) * 1e3
        ctl = win.controls.temperature
        ctl.slider.setSliderDown(True)
        start = 300
        times = []
        for k in range(CHANGES):
            step = k if k < CHANGES // 2 else CHANGES - k
            t0 = time.perf_counter()
            ctl.slider.setValue(start + 10 * step)
            app.processEvents()
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1e3)
        ctl.slider.setSliderDown(False)
        ctl.drag_finished.emit()
        app.processEvents()
        print(f"{shape:>14} {'T drag, calibration shown':28} {statistics.median(times):8.2f} "
              f"{_percentile(times, 95):8.2f} {max(times):8.2f}", flush=True)
        zz = z.astype(np.float64)
        peer = []
        for k in range(40):
            t0 = time.perf_counter()
            _peer(zz, y, 0.8 + k / 60)
            peer.append((time.perf_counter() - t0) * 1e3)
        print(f"{shape:>14} {'peer: numpy + scipy figures':28} {statistics.median(peer):8.2f} "
              f"{_percentile(peer, 95):8.2f} {max(peer):8.2f}", flush=True)
        fits, made = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            cal = calibration.Calibrator(zz, y)        # what opening the batch makes, once
            t1 = time.perf_counter()
            cal.fit_temperature()                      # what the Fit button costs
            t2 = time.perf_counter()
            made.append((t1 - t0) * 1e3)
            fits.append((t2 - t1) * 1e3)
        rows = np.arange(b)
        t0 = time.perf_counter()
        minimize_scalar(lambda t: -log_softmax(zz / t, axis=1)[rows, y].mean(), bounds=(0.05, 20), method="bounded")
        scipy_fit = (time.perf_counter() - t0) * 1e3
        print(f"{shape:>14} {'fit T* (ours)':28} {statistics.median(fits):8.2f} {max(fits):8.2f} {max(fits):8.2f}")
        print(f"{shape:>14} {'Calibrator made (once)':28} {statistics.median(made):8.2f} {max(made):8.2f} "
              f"{max(made):8.2f}")
        print(f"{shape:>14} {'fit T (scipy minimize_scalar)':28} {scipy_fit:8.2f} {scipy_fit:8.2f} {scipy_fit:8.2f}")
        print(f"{shape:>14} {'open .npz, lab drawn':28} {opened:8.2f} {opened:8.2f} {opened:8.2f}")
        t0 = time.perf_counter()
        win.open_path(str(npy), confirm=False)
        app.processEvents()
        print(f"{shape:>14} {'open float32 .npy':28} {(time.perf_counter() - t0) * 1e3:8.2f}", flush=True)
        win.store.mark_saved()
        _dispose(app, win)


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="softmax-viewer-bench-") as d:
        import os

        os.environ["XDG_CONFIG_HOME"] = d
        bench(Path(d))
