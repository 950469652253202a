"""softmax_viewer.show and softmax_viewer.figure: logits from Python, a window or an inline figure."""
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import softmax_viewer as sv
from softmax_viewer.interactive import state_and_batch
from softmax_viewer.qt import app


class Tensorish:
    """What a torch tensor offers: detach().cpu().numpy(), and no __array__."""

    def __init__(self, a):
        self._a = np.asarray(a)

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self._a


def test_figure_renders_a_panel_inline_and_saves_it(tmp_path):
    f = sv.figure([1.0, 2.0, 3.0, 4.0], panel="probabilities", temperature=0.5)
    assert f._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n" and f._repr_svg_() is None
    assert f.save(tmp_path / "p.png").read_bytes() == f.data
    svg = sv.figure([1.0, 2.0, 3.0, 4.0], panel="loss", fmt="svg")
    assert svg._repr_svg_().startswith("<?xml") and "<svg" in svg._repr_svg_()
    with pytest.raises(ValueError, match="saved as .svg"):
        svg.save(tmp_path / "wrong.png")


def test_a_tensor_batch_with_labels_renders_its_calibration_without_importing_torch():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, (200, 5))
    y = z.argmax(axis=1)
    y[:40] = (y[:40] + 1) % 5
    f = sv.figure(Tensorish(z), labels=Tensorish(y), class_names=list("abcde"), panel="calibration")
    assert f.data[:4] == b"\x89PNG" and len(f.data) > 10_000
    code = ("import sys, numpy as np, softmax_viewer as sv\n"
            "class T:\n def __init__(s, a): s.a = np.asarray(a)\n def detach(s): return s\n"
            " def cpu(s): return s\n def numpy(s): return s.a\n"
            "sv.figure(T([1.0, 2.0, 3.0]), panel='probabilities')\n"
            "sys.exit(1 if 'torch' in sys.modules or 'jax' in sys.modules else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr[-2000:]


@pytest.mark.parametrize("kwargs,needle", [
    ({"panel": "nope"}, "panel must be one of"),
    ({"fmt": "jpg"}, "fmt must be one of"),
    ({"bogus": 1}, "unknown setting 'bogus'"),
    ({"temperature": -1}, "temperature"),
    ({"labels": [0, 1]}, "labels are for a batch"),
])
def test_bad_arguments_say_what_is_wrong(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        sv.figure([1.0, 2.0], **kwargs)


def test_show_returns_at_once_beside_a_running_loop(qtbot):
    z = np.array([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]])
    st, batch = state_and_batch(z, labels=[2, 0], temperature=2.0)
    win = app.show(st, batch, block=False)
    qtbot.addWidget(win)
    assert win.isVisible() and win.store.batch.n_samples == 2 and win.store.state.temperature == 2.0
    np.testing.assert_array_equal(win.store.state.logits, z[0])


def test_show_from_a_script_blocks_until_the_window_closes(tmp_path):
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent("""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        import softmax_viewer as sv
        from softmax_viewer.qt.platform import ensure_app
        ensure_app()
        QTimer.singleShot(300, lambda: [w.close() for w in QApplication.topLevelWidgets()])
        print("returned", sv.show([1.0, 2.0, 3.0], scale=2.0))
    """))
    env = {"XDG_CONFIG_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                       env={**__import__("os").environ, **env})
    assert r.returncode == 0, r.stderr[-2000:]
    assert "returned None" in r.stdout
