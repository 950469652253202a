"""Exports from the window: every panel and lab to PNG, SVG, PDF and CSV."""
import os
import xml.etree.ElementTree as ET

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtGui import QImage, QPen
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from softmax_viewer import presets
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt.plotting import Curve, Dots
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
