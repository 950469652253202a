"""The window's theme: light, dark, or the system's colour scheme (the default).

A theme is two things set together: the application's palette (Fusion's light
or dark one: window, base, text, highlight, disabled colours, tooltips) and the
plots' colour scheme (``plotting.LIGHT`` / ``plotting.DARK``: backgrounds, axes,
tick labels, titles, legends, labels, and the dark greys of the data), applied
to every plot already on screen and taken by every plot made afterwards.

"system" follows ``QStyleHints.colorScheme`` and its ``colorSchemeChanged``
signal (Qt 6.5+); a platform that does not say (offscreen: Unknown) counts as
light. The choice is kept in the settings under ``"theme"`` and applied at start
(``start_theme``). Exports are drawn light whatever the screen shows
(``printed``): a figure goes on white paper.
"""
from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from softmax_viewer.qt import platform, plotting
from softmax_viewer.qt.i18n import tr

THEMES = ("system", "light", "dark")
DEFAULT = "system"
SETTING = "theme"
ALL_ROLES = (1 << 64) - 1              # a palette's resolve mask with every role of every group set


def theme_titles() -> dict:
    """Each theme's name in the View menu, translated."""
    return {"system": tr("&System"), "light": tr("&Light"), "dark": tr("&Dark")}


def fusion_palette(dark: bool) -> QPalette:
    """Fusion's own palette, light or dark, as Qt makes it for a platform in that colour
    scheme (qt_fusionPalette), with tooltips to match."""
    window_text = QColor(240, 240, 240) if dark else QColor(Qt.black)
    window = QColor(50, 50, 50) if dark else QColor(239, 239, 239)
    light, mid = window.lighter(150), window.darker(130)
    base = window.darker(140) if dark else QColor(Qt.white)
    dark_ = window.darker(150)
    text = window_text if dark else QColor(Qt.black)
    highlight = QColor(48, 140, 198)
    disabled_text = QColor(130, 130, 130) if dark else QColor(190, 190, 190)
    shadow = dark_.darker(135)
    placeholder = QColor(text)
    placeholder.setAlpha(128)
    p = QPalette(window_text, window, light, dark_, mid, text, base)
    p.setColor(QPalette.Midlight, mid.lighter(110))
    p.setColor(QPalette.Button, window)
    p.setColor(QPalette.ButtonText, window_text)
    p.setColor(QPalette.Shadow, shadow)
    p.setColor(QPalette.HighlightedText, window_text if dark else QColor(Qt.white))
    p.setColor(QPalette.AlternateBase, base.lighter(115) if dark else QColor(247, 247, 247))
    p.setColor(QPalette.BrightText, QColor(255, 80, 80) if dark else QColor(Qt.white))
    p.setColor(QPalette.PlaceholderText, placeholder)
    p.setColor(QPalette.ToolTipBase, QColor(60, 60, 60) if dark else QColor(255, 255, 220))
    p.setColor(QPalette.ToolTipText, window_text)
    if dark:                       # a light blue reads on dark where Qt's default blue does not
        p.setColor(QPalette.Link, highlight)
        p.setColor(QPalette.LinkVisited, QColor(160, 120, 220))
    for group in (QPalette.Active, QPalette.Inactive):
        p.setColor(group, QPalette.Highlight, highlight)
        p.setColor(group, QPalette.Accent, highlight)
    disabled_highlight = QColor(145, 145, 145)
    p.setColor(QPalette.Disabled, QPalette.Highlight, disabled_highlight)
    p.setColor(QPalette.Disabled, QPalette.Accent, disabled_highlight)
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, disabled_text)
    p.setColor(QPalette.Disabled, QPalette.Base, window)
    p.setColor(QPalette.Disabled, QPalette.Dark, QColor(209, 209, 209).darker(110))
    p.setColor(QPalette.Disabled, QPalette.Shadow, shadow.lighter(150))
    return p


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.Window).lightness() < 128


class Themes(QObject):
    """The theme chosen and the one shown: ``chosen_changed(theme)`` when the choice changes,
    ``changed(shown)`` ("light" or "dark") when what is shown does."""

    changed = Signal(str)
    chosen_changed = Signal(str)

    def __init__(self, app):
        super().__init__(app)
        self.chosen = DEFAULT
        self.shown = None
        # the palette Qt started with: the light theme keeps it when it is light (a
        # platform's own light colours), else Fusion's
        start = QPalette(app.palette())
        self._light = start if not _is_dark(start) else fusion_palette(False)
        hints = QGuiApplication.styleHints()
        self.system = hints.colorScheme()
        hints.colorSchemeChanged.connect(self.follow_system)

    def follow_system(self, scheme) -> None:
        """The system's colour scheme changed to ``scheme``: shown at once under "system"."""
        self.system = scheme
        if self.chosen == "system":
            self.show_theme()

    def wanted(self) -> str:
        """"light" or "dark": what the chosen theme shows now."""
        if self.chosen == "system":
            return "dark" if self.system == Qt.ColorScheme.Dark else "light"
        return self.chosen

    def palette(self, shown: str) -> QPalette:
        """The palette of ``shown`` ("light" or "dark"), every colour of it set: one that
        holds on a widget (an export's) against the dark palette it would inherit."""
        if shown == "dark":
            return fusion_palette(True)
        p = QPalette(self._light)
        p.setResolveMask(ALL_ROLES)
        return p

    def show_theme(self) -> None:
        shown = self.wanted()
        if shown == self.shown:
            return
        self.shown = shown
        QApplication.setPalette(self.palette(shown))
        plotting.set_scheme(plotting.SCHEMES[shown], *QApplication.topLevelWidgets())
        self.changed.emit(shown)


def themes() -> Themes:
    """The application's one Themes (made with it)."""
    app = platform.ensure_app()
    found = app.findChild(Themes)
    return found if found is not None else Themes(app)


def apply_theme(theme: str) -> None:
    """Show ``theme`` (one of THEMES) in every window and plot, now and from now on."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}: one of {', '.join(THEMES)}")
    t = themes()
    if theme != t.chosen:
        t.chosen = theme
        t.chosen_changed.emit(theme)
    t.show_theme()


def chosen_theme() -> str:
    return themes().chosen


def shown_theme() -> str:
    """"light" or "dark": what is on screen."""
    return themes().wanted()


def saved_theme(settings=None) -> tuple[str, str | None]:
    """The theme kept in the settings, and what was wrong with it if it could not be used."""
    s = settings if settings is not None else platform.settings()
    value = s.value(SETTING, DEFAULT)
    if value in THEMES:
        return value, None
    return DEFAULT, tr("Settings {0}: the theme {1} is not one of system, light, dark; "
                       "the system's is used.").format(s.path, repr(value)[:60])


def choose_theme(theme: str) -> str | None:
    """Show ``theme`` and keep it for the next start; what went wrong keeping it, if anything."""
    apply_theme(theme)
    problem = platform.settings().setValue(SETTING, theme)
    if problem is not None:
        return tr("The theme is shown but could not be kept for the next start: {0}").format(problem)
    return None


def start_theme() -> str | None:
    """Apply the kept theme (at start); a line saying what was wrong with the setting, if anything."""
    theme, problem = saved_theme()
    apply_theme(theme)
    return problem


def theme_menu(window, menu):
    """A "Theme" submenu of ``menu``: System, Light, Dark, the chosen one checked.

    A choice is shown at once and kept; a setting that cannot be written is said
    through ``window.show_error`` (the theme is shown all the same).
    """
    sub = menu.addMenu(tr("&Theme"))
    sub.setToolTipsVisible(True)
    group = ThemeActions(sub)
    tips = {"system": tr("Follow the system's light or dark colour scheme."),
            "light": tr("Dark text on light windows and white plots."),
            "dark": tr("Light text on dark windows and dark plots.")}
    current = chosen_theme()
    for key, title in theme_titles().items():
        a = QAction(title, sub)
        a.setCheckable(True)
        a.setChecked(key == current)
        a.setData(key)
        a.setStatusTip(tips[key])
        a.setToolTip(tips[key])
        group.addAction(a)
        sub.addAction(a)

    def chosen(action):
        problem = choose_theme(action.data())
        if problem is not None and hasattr(window, "show_error"):
            window.show_error(problem)
    group.triggered.connect(chosen)
    themes().chosen_changed.connect(group.show_chosen)     # (disconnected when the menu goes)
    return sub


class ThemeActions(QActionGroup):
    """The Theme submenu's exclusive actions, each holding its theme's key."""

    def __init__(self, parent):
        super().__init__(parent)
        self.setExclusive(True)

    def show_chosen(self, theme: str) -> None:
        for a in self.actions():
            if a.data() == theme and not a.isChecked():
                a.setChecked(True)


def checked_theme(sub) -> str | None:
    """Which theme ``theme_menu``'s submenu shows checked."""
    return next((a.data() for a in sub.actions() if a.isChecked()), None)


@contextmanager
def printed(widget: QWidget):
    """``widget`` drawn light while the block runs (an export), whatever the screen shows."""
    t = themes()
    if t.shown != "dark":
        yield
        return
    had_palette = widget.testAttribute(Qt.WA_SetPalette)
    own = QPalette(widget.palette())
    widget.setPalette(t.palette("light"))
    plotting.restyle(widget, plotting.LIGHT)
    try:
        yield
    finally:
        widget.setPalette(own if had_palette else QPalette())
        plotting.restyle(widget, plotting.current_scheme())
