"""The theme: light, dark, or the system's; the palette and every plot follow it, live."""
from __future__ import annotations

import json

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from softmax_viewer.qt import export, platform, plotting, theme
from softmax_viewer.qt.plotting import schemes
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


@pytest.fixture(autouse=True)
def _own_settings_and_light_after(tmp_path, monkeypatch):
    """Each test keeps its settings in its own folder and leaves the application light."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    yield
    theme.themes().follow_system(Qt.ColorScheme.Unknown)
    theme.apply_theme("system")
    assert plotting.current_scheme() is plotting.LIGHT


def views_of(widget) -> list:
    return widget.findChildren(pg.GraphicsView)


def lightness(colour) -> int:
    return QColor(colour).lightness()


def assert_plots_in(widget, scheme) -> None:
    views = views_of(widget)
    assert views
    for view in views:
        assert view.backgroundBrush().color() == QColor(scheme.background)
        for item in view.scene().items():
            if isinstance(item, pg.AxisItem):
                assert item.pen().color() == QColor(scheme.foreground)
                assert item.textPen().color() == QColor(scheme.foreground)


# ---- the colours ----

def test_the_data_colours_read_on_both_backgrounds_and_keep_their_colour():
    for c in (plotting.BLUE, plotting.ORANGE, plotting.GREEN, plotting.RED, plotting.GREY, plotting.PURPLE):
        assert schemes.contrast(c, plotting.DARK.background) >= schemes.GRAPHICS_CONTRAST
        assert schemes.ink(c, plotting.DARK) == QColor(c)
        assert schemes.ink(c, plotting.LIGHT) == QColor(c)


def test_dark_greys_turn_light_on_dark_and_white_boxes_turn_dark():
    for c in ("k", "#000", "#222", "#333", "#444", "#555"):
        assert schemes.contrast(schemes.ink(c, plotting.DARK), plotting.DARK.background) >= 4.5
        assert schemes.ink(c, plotting.LIGHT) == pg.mkColor(c)
    assert schemes.ink("w", plotting.DARK) == QColor("white")          # a white outline on an image stays
    box = schemes.paper((255, 255, 255, 220), plotting.DARK)
    assert box.alpha() == 220 and box.rgb() == QColor(plotting.DARK.background).rgb()
    assert schemes.contrast("#100010", plotting.DARK.background) < 3
    assert schemes.contrast(schemes.ink("#100010", plotting.DARK), plotting.DARK.background) >= 3


def test_the_palettes_are_fusions_light_and_dark():
    dark, light = theme.fusion_palette(True), theme.fusion_palette(False)
    assert lightness(dark.color(QPalette.Window)) < 80 and lightness(dark.color(QPalette.WindowText)) > 200
    assert lightness(dark.color(QPalette.Base)) < lightness(dark.color(QPalette.Window))
    assert lightness(dark.color(QPalette.Text)) > 200
    assert lightness(dark.color(QPalette.ToolTipBase)) < 100 and lightness(dark.color(QPalette.ToolTipText)) > 200
    disabled = dark.color(QPalette.Disabled, QPalette.Text)
    assert 100 < lightness(disabled) < lightness(dark.color(QPalette.Active, QPalette.Text))
    assert dark.color(QPalette.Highlight) == QColor(48, 140, 198)
    assert lightness(light.color(QPalette.Window)) > 200 and light.color(QPalette.Text) == QColor("black")


# ---- a window switching ----

def test_switching_colours_every_plots_background_axes_and_palette(win):
    theme.apply_theme("dark")
    assert theme.shown_theme() == "dark"
    assert lightness(QApplication.palette().color(QPalette.Window)) < 80
    assert_plots_in(win, plotting.DARK)
    theme.apply_theme("light")
    assert lightness(QApplication.palette().color(QPalette.Window)) > 200
    assert_plots_in(win, plotting.LIGHT)


def test_titles_legends_labels_and_dark_lines_follow_and_come_back_as_written(win):
    lse = win.lse
    legend = lse.plot.legend
    marker_pen = pg.mkPen(lse.marker.opts["pen"]).color()
    theme.apply_theme("dark")
    fg = plotting.DARK.foreground
    assert QColor(fg).name()[1:] in lse.plot.titleLabel.item.toHtml().lower()
    for _sample, label in legend.items:
        assert QColor(fg).name()[1:] in label.item.toHtml().lower()
    assert lightness(pg.mkPen(lse.marker.opts["pen"]).color()) > 200        # the black outline turns light
    assert pg.mkPen(win.lse.lse_curve.opts["pen"]).color() == QColor(plotting.BLUE)   # data keeps its colour
    for _ in range(3):
        theme.apply_theme("light")
        theme.apply_theme("dark")
    theme.apply_theme("light")
    assert pg.mkPen(lse.marker.opts["pen"]).color() == marker_pen          # as written, no drift
    assert QColor(plotting.LIGHT.foreground).name()[1:] in legend.items[0][1].item.toHtml().lower()


def test_plots_made_after_the_switch_are_dark_too(win, qtbot):
    theme.apply_theme("dark")
    lab = win.open_lab("precision")            # a lab's view is made when first opened
    qtbot.waitUntil(lambda: lab is not None)
    assert_plots_in(lab, plotting.DARK)
    labels = [i for v in views_of(lab) for i in v.scene().items() if isinstance(i, pg.TextItem)]
    assert labels
    for label in labels:
        if label.fill.style() != Qt.NoBrush:   # the overflow threshold's label: on a dark box
            assert lightness(label.fill.color()) < 60
    theme.apply_theme("light")
    assert_plots_in(lab, plotting.LIGHT)


def test_the_steady_notes_are_drawn_light_on_a_dark_palette(win):
    note = win.probabilities.note
    note.setText("a note of text")
    note.resize(300, note.height())
    theme.apply_theme("dark")
    image = note.grab().toImage()
    brightest = max(QColor(image.pixel(x, y)).lightness()
                    for x in range(0, image.width(), 2) for y in range(image.height()))
    assert brightest > 180


# ---- exports ----

def test_an_export_is_drawn_light_while_the_screen_stays_dark(shown_window):
    win = shown_window(1400, 900)
    theme.apply_theme("dark")
    QApplication.processEvents()               # (the application's palette reaches its widgets by events)
    panel = win.probabilities
    with theme.printed(panel):
        assert_plots_in(panel, plotting.LIGHT)
        assert lightness(panel.palette().color(QPalette.Window)) > 200
    assert_plots_in(panel, plotting.DARK)
    assert not panel.testAttribute(Qt.WA_SetPalette)          # inherits the application's palette again
    assert lightness(panel.palette().color(QPalette.Window)) < 80


# ---- remembered ----

def test_the_choice_is_remembered_across_a_settings_reload(tmp_path):
    assert theme.choose_theme("dark") is None
    assert platform.Settings().value("theme") == "dark"
    assert json.loads((platform.config_dir() / platform.SETTINGS_FILE).read_text())["theme"] == "dark"
    theme.apply_theme("light")
    assert theme.start_theme() is None         # the next start
    assert theme.chosen_theme() == "dark" and theme.shown_theme() == "dark"
    assert plotting.current_scheme() is plotting.DARK


def test_a_damaged_theme_setting_is_one_line_and_the_system_theme(capsys):
    platform.settings().setValue("theme", ["purple"])
    problem = theme.start_theme()
    assert problem is not None and "\n" not in problem
    assert "theme" in problem and "settings.json" in problem and "purple" in problem
    assert theme.chosen_theme() == "system"
    assert capsys.readouterr().err == ""


def test_a_setting_that_cannot_be_written_still_shows_the_theme(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "file"))     # a file where a folder should be
    problem = theme.choose_theme("dark")
    assert problem is not None and "\n" not in problem
    assert theme.shown_theme() == "dark"


# ---- the system's scheme ----

def test_system_follows_the_systems_colour_scheme_as_it_changes(win):
    hints = QGuiApplication.styleHints()
    theme.apply_theme("system")
    assert theme.shown_theme() == "light"      # offscreen says Unknown: light
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert theme.shown_theme() == "dark"
    assert_plots_in(win, plotting.DARK)
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert_plots_in(win, plotting.LIGHT)
    theme.apply_theme("light")                 # a theme chosen holds whatever the system does
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert_plots_in(win, plotting.LIGHT)
    theme.apply_theme("system")
    assert_plots_in(win, plotting.DARK)


def test_an_unknown_theme_is_refused():
    with pytest.raises(ValueError, match="unknown theme 'blue'"):
        theme.apply_theme("blue")


# ---- the menu ----

def test_the_theme_menu_offers_three_exclusive_choices_and_keeps_the_one_taken(win):
    menu = QMenu("View", win)
    sub = theme.theme_menu(win, menu)
    assert sub.title().replace("&", "") == "Theme"
    assert [a.text().replace("&", "") for a in sub.actions()] == ["System", "Light", "Dark"]
    assert theme.checked_theme(sub) == "system"
    dark = sub.actions()[2]
    dark.trigger()
    assert theme.checked_theme(sub) == "dark" and theme.shown_theme() == "dark"
    assert platform.Settings().value("theme") == "dark"
    assert_plots_in(win, plotting.DARK)
    sub.actions()[2].trigger()                 # exclusive: the checked one stays checked
    assert theme.checked_theme(sub) == "dark"
    theme.apply_theme("light")                 # chosen elsewhere: the menu follows
    assert theme.checked_theme(sub) == "light"


def test_a_png_exported_in_the_dark_is_on_white(shown_window):
    win = shown_window(1400, 900)
    theme.apply_theme("dark")
    QApplication.processEvents()
    panel = win.lse
    with theme.printed(panel):
        data = export.png_bytes(panel)
    image = QImage.fromData(data)
    pixels = [QColor(image.pixel(x, y)) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    assert sum(c.lightness() > 250 for c in pixels) > 0.6 * len(pixels)
    assert sum(c.lightness() < 40 for c in pixels) < 0.1 * len(pixels)


def test_back_to_light_every_plot_looks_as_it_did(shown_window):
    win = shown_window(1400, 900)
    plotting.restyle(win, plotting.LIGHT)      # (titles set again fit their plot's width of now)
    QApplication.processEvents()
    before = [v.grab().toImage() for v in views_of(win)]
    theme.apply_theme("dark")
    QApplication.processEvents()
    assert [v.grab().toImage() for v in views_of(win)] != before
    theme.apply_theme("light")
    QApplication.processEvents()
    assert [v.grab().toImage() for v in views_of(win)] == before


def test_a_window_made_in_the_dark_is_dark_throughout(qtbot):
    platform.settings().setValue("theme", "dark")
    assert theme.start_theme() is None         # as at start, before the window is made
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.store.flush()
    assert_plots_in(w, plotting.DARK)
    texts = [i for v in views_of(w) for i in v.scene().items() if isinstance(i, pg.TextItem)]
    assert all(schemes.contrast(t.color, plotting.DARK.background) >= 3 for t in texts)
