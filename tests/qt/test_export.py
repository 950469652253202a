"""Exports from the window: every panel and lab to PNG, SVG, PDF and CSV."""
import os
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPen
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from softmax_viewer import presets
from softmax_viewer.logits import Generator
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt.plotting import Curve, Dots
from softmax_viewer.version import VERSION
from tests.exported import check_file
from tests.qt.checks import full_disk

PANELS = ("probabilities", "lse", "loss", "surface", "gradient", "window")


@pytest.fixture
def win(shown_window):
    return shown_window(1600, 900)       # exports reflect the laid-out window, as on screen


@pytest.mark.parametrize("name", list(presets.gallery()))
def test_every_gallery_preset_exports_to_every_format(win, tmp_path, name):
    assert win.open_path(presets.gallery()[name], confirm=False)
    k = list(presets.gallery()).index(name)
    for j, suffix in enumerate((".png", ".svg", ".pdf", ".csv")):
        panel = PANELS[(k + j) % len(PANELS)]
        out = tmp_path / f"{panel}{suffix}"
        assert win.export_to(panel, out, scale=2.0 if suffix == ".png" else 1.0), win.errors
        check_file(out)


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
    pens = (QPen(c.opts["pen"]), axis.pen())
    before = panel.grab().toImage()
    for scale in (1.0, 3.0):
        out = tmp_path / f"c{scale:g}.png"
        exporting.render_png(panel, out, scale)
        img = QImage(str(out))
        thick = _run_across(img, img.width() // 2, (200, 30, 30))
        assert 3 * scale - 1 <= thick <= 3 * scale + 1, (scale, thick)
    assert (c.opts["pen"], axis.pen()) == pens and not Curve.exact
    assert panel.grab().toImage() == before            # the screen's pens again, markers' too


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".csv"])
def test_an_export_to_a_full_disk_says_so_and_keeps_the_old_file(win, tmp_path, monkeypatch, suffix):
    out = tmp_path / f"X{suffix}"
    out.write_bytes(b"the old figure")
    with monkeypatch.context() as m:
        full_disk(m)
        assert not win.export_to("window" if suffix != ".csv" else "probabilities", out)
    assert out.read_bytes() == b"the old figure"
    assert os.listdir(tmp_path) == [out.name]
    assert "the disk is full" in win.errors[-1] and "Exported" not in win.statusBar().currentMessage()


def test_exporting_a_lab_with_no_run_says_so_at_once(win, tmp_path):
    win.store.set_state(win.store.state.replace(temperature=0.0))
    win.open_lab("overconfidence")
    assert not win.export_to("overconfidence", tmp_path / "x.csv")
    assert "no numbers to export" in win.errors[-1]
    assert win.export_to("overconfidence", tmp_path / "x.png")


# ---- what an exported figure records, and its one background ----

def _pdf_title(data: bytes) -> str:
    """The document's /Title, a literal string of UTF-16 with its escapes undone."""
    i = data.index(b"/Title (") + len(b"/Title (")
    out = bytearray()
    while data[i:i + 1] != b")":
        if data[i:i + 1] == b"\\":
            i += 1
        out += data[i:i + 1]
        i += 1
    return out.decode("utf-16")


def test_a_png_records_the_state_it_shows(win, tmp_path):
    out = tmp_path / "p.png"
    assert win.export_to("probabilities", out), win.errors
    img = QImage(str(out))
    assert "Probabilities" in img.text("Title") and "softmax viewer" in img.text("Title")
    assert img.text("Description") == "z = [1, 2, 3, 4]; s = 1, T = 1, ε = 0, target y = 3 (class 3)"
    assert img.text("Software") == f"softmax viewer {VERSION}"
    assert presets.parse(img.text(exporting.STATE_KEY)).same_as(win.store.state)


def test_a_generated_state_is_recorded_by_its_generator(win, tmp_path):
    st = win.store.state.with_generator(Generator(kind="gaussian", std=2.0, seed=7)).with_n_classes(1000)
    win.store.set_state(st.replace(scale=2.5, temperature=0.5, epsilon=0.1, target=9))
    out = tmp_path / "w.png"
    assert win.export_to("window", out), win.errors
    img = QImage(str(out))
    assert img.text("Description") == ("1000 Gaussian logits (mean 0, std 2, seed 7); s = 2.5, T = 0.5, ε = 0.1, "
                                       "target y = 9 (class 9)")
    state_json = img.text(exporting.STATE_KEY)
    assert '"n_classes": 1000' in state_json and len(state_json) < 4000     # not a thousand numbers
    assert presets.parse(state_json).same_as(win.store.state)


def test_an_svg_has_the_state_in_its_title_desc_and_metadata(win, tmp_path):
    out = tmp_path / "loss.svg"
    assert win.export_to("loss", out), win.errors
    ns = "{http://www.w3.org/2000/svg}"
    root = ET.fromstring(out.read_bytes())
    assert "Losses" in root.find(f"{ns}title").text
    assert "s = 1, T = 1, ε = 0, target y = 3" in root.find(f"{ns}desc").text
    assert presets.parse(root.find(f"{ns}metadata").text).same_as(win.store.state)
    assert root.find(f"{ns}rect").get("fill") == "#ffffff"         # one background, the plots'


def test_a_pdf_title_holds_the_state_and_its_creator_the_version(win, tmp_path):
    win.store.set_state(win.store.state.replace(temperature=0.25, name="sharp (T < 1)"))
    out = tmp_path / "g.pdf"
    assert win.export_to("gradient", out), win.errors
    data = out.read_bytes()
    title = _pdf_title(data)
    assert title.startswith("sharp (T < 1) — Gradient and Jacobian — softmax viewer: ")
    assert title.endswith("z = [1, 2, 3, 4]; s = 1, T = 0.25, ε = 0, target y = 3 (class 3)")
    assert f"softmax viewer {VERSION}".encode("utf-16-be") in data           # /Creator


@pytest.mark.parametrize("key", ["probabilities", "window"])
def test_an_exported_png_has_one_background_and_the_screen_is_unchanged(win, tmp_path, key):
    """The note strip under the probabilities plot and the margins were grey around a white
    plot: the whole figure is on the plots' background now, and the window looks as before."""
    widget = win.panel_widgets()[key]
    before, filled = win.grab().toImage(), widget.autoFillBackground()
    out = tmp_path / f"{key}.png"
    assert win.export_to(key, out, 2.0), win.errors
    img = QImage(str(out))
    w, h = img.width(), img.height()
    white = {img.pixelColor(x, y).name() for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))}
    assert white == {"#ffffff"}
    if key == "probabilities":          # the strip of the note, right of its text, and its margin
        assert {img.pixelColor(x, h - 6).name() for x in range(w - 40, w)} == {"#ffffff"}
    assert win.grab().toImage() == before and widget.autoFillBackground() == filled
