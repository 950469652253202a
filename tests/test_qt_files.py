"""The window's files: open, save, drop, unsaved prompt, and exports of every gallery preset."""
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage
from PySide6.QtWidgets import QMessageBox

from softmax_viewer import presets
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState

PANELS = ("probabilities", "lse", "loss", "surface", "gradient", "window")


@pytest.fixture
def win(qtbot, monkeypatch):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.errors = []
    monkeypatch.setattr(w, "report_error", lambda title, text: w.errors.append(text))
    w.resize(1600, 900)
    w.show()                             # exports reflect the laid-out window, as on screen
    qtbot.waitExposed(w)
    w.store.flush()
    return w


def test_failed_load_leaves_the_state_untouched(win, tmp_path):
    before = win.store.state
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "softmax-viewer-preset", "version": 1, "logits": [1, NaN]}')
    assert not win.open_path(bad, confirm=False)
    assert win.store.state is before
    assert "NaN is not allowed" in win.errors[0] and str(bad) in win.errors[0]
    assert not win.open_path(tmp_path, confirm=False)
    assert win.store.state is before and "is a directory" in win.errors[1]


def test_open_shows_the_description_and_save_round_trips(win, tmp_path):
    g = presets.gallery()
    assert win.open_path(g["12-textbook-overflow"], confirm=False)
    st = win.store.state
    assert st.logits.tolist() == [10, 2, 10000, 4]
    assert "exp(10000) overflows" in win.description.text()
    assert not win.store.modified
    win.controls.scale.spin.setValue(2.0)
    assert win.store.modified and win.windowTitle().startswith(st.name + " *")
    out = tmp_path / "mine.json"
    assert win.save_to(out)
    assert not win.store.modified
    assert presets.load(out).same_as(win.store.state)
    win.store.undo()                   # loading a preset is itself undoable
    win.store.undo()
    assert win.store.state.logits.tolist() == [1, 2, 3, 4]


def test_presets_menu_lists_the_gallery(win):
    titles = [a.text() for a in win.presets_menu.actions()]
    assert len(titles) == len(presets.gallery())
    win.presets_menu.actions()[0].trigger()
    assert win.store.state.name == titles[0]


@pytest.mark.parametrize("answer,expect_open", [(QMessageBox.Discard, True), (QMessageBox.Cancel, False)])
def test_prompt_before_unsaved_changes_are_lost(qtbot, monkeypatch, answer, expect_open):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.controls.epsilon.spin.setValue(0.4)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    opened = w.open_path(presets.gallery()["01-scale-x1"])
    assert asked and opened is expect_open
    assert (w.store.state.epsilon == 0.4) is (not expect_open)


def test_dropping_a_file_opens_it(win):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(presets.gallery()["13-temperature-low"]))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    win.dropEvent(event)
    assert win.store.state.temperature == 0.001


def _check_file(path):
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".png":
        img = QImage(str(path))
        assert img.width() > 100
        colours = {img.pixel(x, y) for x in range(0, img.width(), 23) for y in range(0, img.height(), 23)}
        assert len(colours) > 5, "blank PNG"
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert data.count(b"<text") > 3            # text stays text
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    elif suffix == ".csv":
        lines = data.decode().splitlines()
        assert len(lines) > 1 and "," in lines[0]


@pytest.mark.parametrize("name", list(presets.gallery()))
def test_every_gallery_preset_exports_to_every_format(win, tmp_path, name):
    assert win.open_path(presets.gallery()[name], confirm=False)
    k = list(presets.gallery()).index(name)
    for j, suffix in enumerate((".png", ".svg", ".pdf", ".csv")):
        panel = PANELS[(k + j) % len(PANELS)]
        out = tmp_path / f"{panel}{suffix}"
        assert win.export_to(panel, out, scale=2.0 if suffix == ".png" else 1.0), win.errors
        _check_file(out)


def test_png_resolution_follows_the_scale(win, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    win.export_to("loss", a, 1.0)
    win.export_to("loss", b, 3.0)
    assert QImage(str(b)).width() == 3 * QImage(str(a)).width()


def test_csv_holds_the_panel_numbers(win, tmp_path):
    out = tmp_path / "p.csv"
    win.export_to("probabilities", out)
    rows = [line.split(",") for line in out.read_text().splitlines()]
    assert rows[0][:5] == ["class", "label", "logit_z", "u", "p"]
    p = np.array([float(r[4]) for r in rows[1:]])
    np.testing.assert_array_equal(p, win.store.bundle.p)


def test_unknown_export_format_is_reported(win, tmp_path):
    assert not win.export_to("loss", tmp_path / "x.gif")
    assert "unknown format .gif" in win.errors[0]


# ---- the command line ----

def _run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "softmax_viewer", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_compute_prints_the_window_numbers():
    import json
    r = _run("compute", "--preset", "14-temperature-1", "--set", "epsilon=0.1", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ("n_classes", "target", "scale", "temperature", "epsilon", "logits", "probabilities",
                "log_probabilities", "max", "logsumexp", "entropy", "cross_entropy", "hinge", "lse_hinge",
                "gradient"):
        assert key in d, key
    from softmax_viewer import stable
    z = np.array([38.0, 20.0, 40.0, 39.0])
    np.testing.assert_array_equal(d["probabilities"], stable.softmax(z))
    assert d["cross_entropy"] == stable.cross_entropy(z, 2)
    np.testing.assert_allclose(d["gradient"], stable.softmax(z) - stable.smooth_labels(2, 4, 0.1), atol=1e-16)


def test_compute_writes_infinities_as_strings():
    import json
    r = _run("compute", "--logits=1,-inf,2", "--json")
    d = json.loads(r.stdout)
    assert d["logits"][1] == "-inf" and d["probabilities"][1] == 0.0


def test_presets_lists_the_gallery():
    r = _run("presets")
    assert r.returncode == 0
    assert len(r.stdout.strip().splitlines()) == len(presets.gallery())


def test_export_command_writes_each_format(tmp_path):
    for panel, suffix in (("window", ".pdf"), ("lse", ".svg"), ("gradient", ".png"), ("surface", ".csv")):
        out = tmp_path / f"{panel}{suffix}"
        r = _run("export", "--preset", "10-label-smoothing", "--panel", panel, "--out", str(out))
        assert r.returncode == 0, r.stderr
        _check_file(out)


@pytest.mark.parametrize("args,needle", [
    (["export", "--panel", "loss", "--out", "x.gif"], "must end in .png, .svg, .pdf or .csv"),
    (["export", "--panel", "nope", "--out", "x.png"], "invalid choice: 'nope'"),
    (["export", "--panel", "loss"], "the following arguments are required: --out"),
    (["export", "--panel", "loss", "--out", "/no/such/dir/x.png"], "does not exist"),
    (["compute", "--preset", "missing-preset", "--json"], "no gallery preset of that name"),
    (["compute", "--set", "epsilon=3", "--json"], "epsilon must be <= 1"),
    (["compute", "--logits=1,,x", "--json"], "is not a number"),
    (["compute"], "the following arguments are required: --json"),
    (["--preset", "/tmp"], "is a directory"),
])
def test_command_line_errors_exit_2_with_one_line(args, needle):
    r = _run(*args)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr


def test_negative_logits_in_equals_form():
    import json
    r = _run("compute", "--logits=-1,-2.5,3", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["logits_z"] == [-1, -2.5, 3]


def test_window_svg_is_assembled_from_clipped_plots_and_widgets(win, tmp_path):
    """QSvgGenerator alone draws pyqtgraph's cosmetic pens fat and unclipped; the
    export nests pyqtgraph's own SVG for each plot beside the ordinary widgets."""
    out = tmp_path / "w.svg"
    assert win.export_to("window", out)
    root = ET.fromstring(out.read_bytes())
    ns = "{http://www.w3.org/2000/svg}"
    pieces = root.findall(f"{ns}svg")
    assert len(pieces) >= 8                      # 6 plots (the gradient panel has two) + widgets
    text = out.read_text()
    assert "clip-path" in text and "pyqtgraph" in text
    for piece in pieces:
        assert float(piece.get("x")) >= 0 and float(piece.get("y")) >= 0
        assert float(piece.get("x")) + float(piece.get("width")) <= win.width() + 1


def test_exports_draw_cached_items_afresh(win, tmp_path):
    """Axes and legends are pixmap-cached on screen; a PDF still gets their text as text,
    and the caches are back afterwards."""
    from PySide6.QtWidgets import QGraphicsItem
    win.show()
    axis = win.loss.plot.getAxis("left")
    assert axis.cacheMode() == QGraphicsItem.DeviceCoordinateCache
    out = tmp_path / "loss.pdf"
    assert win.export_to("loss", out, 1.0), win.errors
    data = out.read_bytes()
    assert b"/FontDescriptor" in data            # the axis labels are text, not pictures of it
    assert axis.cacheMode() == QGraphicsItem.DeviceCoordinateCache


def _run_across(img: QImage, x: int, colour) -> int:
    """The longest vertical run of pixels near ``colour`` in column x."""
    best = run = 0
    for y in range(img.height()):
        c = img.pixelColor(x, y)
        near = abs(c.red() - colour[0]) + abs(c.green() - colour[1]) + abs(c.blue() - colour[2]) < 60
        run = run + 1 if near else 0
        best = max(best, run)
    return best


def test_png_lines_keep_their_width_at_any_scale(qtbot, tmp_path):
    """A 3x PNG is the figure at three times the resolution: a 3 px curve is 9 pixels
    thick (one stroke of the pen, not the screen's thin strokes side by side), axes
    and markers thicken too, and the screen's pens are back afterwards."""
    import pyqtgraph as pg

    from softmax_viewer.qt import export as exporting
    from softmax_viewer.qt.plotting import Curve, Dots

    from PySide6.QtWidgets import QVBoxLayout, QWidget

    panel = QWidget()                    # exports take a panel: a widget holding the plot
    qtbot.addWidget(panel)
    w = pg.PlotWidget()
    QVBoxLayout(panel).addWidget(w)
    panel.resize(300, 200)
    panel.show()
    qtbot.waitExposed(panel)
    c = Curve(pg.mkPen((200, 30, 30), width=3), antialias=False)
    w.addItem(c)
    c.setData(np.array([0.0, 1.0]), np.array([0.5, 0.5]))
    d = Dots(size=10, pen=pg.mkPen("k", width=1.5))
    w.addItem(d)
    d.setData([0.9], [0.9])
    w.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    axis = w.getPlotItem().getAxis("left")
    pens = (c.opts["pen"], d._pen, axis._pen)
    for scale in (1.0, 3.0):
        out = tmp_path / f"c{scale:g}.png"
        exporting.render_png(panel, out, scale)
        img = QImage(str(out))
        thick = _run_across(img, img.width() // 2, (200, 30, 30))
        assert 3 * scale - 1 <= thick <= 3 * scale + 1, (scale, thick)
    assert (c.opts["pen"], d._pen, axis._pen) == pens and all(a is b for a, b in zip((c.opts["pen"], d._pen), pens))
    assert not Curve.exact
