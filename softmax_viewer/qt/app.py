"""The composition root: the one place that builds the main window, connects it to
the platform (settings, the state of the last run) and runs it, on a screen or
offscreen to render a screenshot or an export."""
from __future__ import annotations

import os

from softmax_viewer import names
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt import platform, theme
from softmax_viewer.qt.labs import LAB_VIEWS
from softmax_viewer.qt.i18n import install as install_language
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.platform import ensure_app
from softmax_viewer.qt.tour import start_tour
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


TOUR_OFFERED = "tour_offered"      # the settings' mark: the first start's tour was shown


def start_app():
    """The QApplication, speaking the user's language (View > Language, or the system's)."""
    app = ensure_app()
    install_language(app)
    return app


def _headless_window(state: ExplorerState, size=(1800, 1000), batch=None, row: int = 0):
    """The real window in ``state``, laid out and drawn, offscreen when there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = start_app()
    win = MainWindow(state, remember=False)
    if batch is not None:
        win.show_batch(batch, row=row)
    win.resize(*size)
    win.show()
    for _ in range(3):
        app.processEvents()
    win.store.flush()
    app.processEvents()
    return app, win


def screenshot(state: ExplorerState, path: str, size=(1800, 1000), batch=None, row: int = 0) -> None:
    """Build the window in ``state`` (with ``batch`` open at ``row``), render it to ``path`` (PNG) and close it."""
    _app, win = _headless_window(state, size, batch, row)
    try:
        exporting.save_screenshot(win, path)
    finally:
        win.close()


def export_file(state: ExplorerState, panel: str, path: str, scale: float = 1.0) -> None:
    """The same export as the window's File > Export, without a screen."""
    _app, win = _headless_window(state)
    try:
        exporting.export(win.panel_widgets()[panel], win.store.bundle, panel, path, scale)
    finally:
        win.close()


def open_main_window(state: ExplorerState | None, batch=None, row: int = 0):
    """The main window, shown, in ``state`` or else in the state of the last run.

    A remembered state that cannot be restored (a damaged file, or one an older
    version accepted) is dropped: the window starts on the default state and its
    status bar says why.
    """
    start_app()
    platform.remove_stale_temporaries()
    theme_problem = theme.start_theme()
    problem = None
    remembered = state is None
    if remembered:
        state, problem = platform.remembered_state()
    first_start = remembered and state is None and problem is None and batch is None \
        and not platform.settings().value(TOUR_OFFERED, False)
    try:
        win = MainWindow(state or ExplorerState())
    except Exception as exc:      # a last resort: what the loader accepts, the window shows
        if not remembered or state is None:
            raise
        problem = f"{type(exc).__name__}: {exc}"
        win = MainWindow(ExplorerState())
    if batch is not None:
        win.show_batch(batch, row=row)
    if problem is not None:
        platform.forget_state()
        win.show_error(tr("The state from the last run could not be restored: {0}. "
                          "The window starts on the default state.").format(problem))
    if theme_problem is not None:
        win.show_error(theme_problem)
    if first_start:                 # the very first start: the guided tour, once (leaving it gives the default back)
        platform.settings().setValue(TOUR_OFFERED, True)
        start_tour(win)
    win.show()
    return win


def run(state: ExplorerState | None, batch=None, row: int = 0) -> int:
    app = start_app()
    win = open_main_window(state, batch, row)
    code = app.exec()
    del win
    return code


def figure_bytes(state: ExplorerState, panel: str, fmt: str, batch=None, scale: float = 1.0,
                 size=(1800, 1000)) -> bytes:
    """One panel (or lab, or the whole window) rendered offscreen as PNG or SVG bytes."""
    _app, win = _headless_window(state, size, batch)
    try:
        if panel in names.LABS:      # the lab on its own, at a figure's size (not squeezed in a dock)
            widget = LAB_VIEWS[panel](win.store)
            widget.resize(1100, 800)
            widget.show()
            widget.set_on_screen(True)
            _app.processEvents()
            widget.ensure_drawn()
            _app.processEvents()
        else:
            widget = win.panel_widgets()[panel]
        return exporting.png_bytes(widget, scale) if fmt == "png" else exporting.svg_document(widget)
    finally:
        win.close()


_KEPT = []           # the windows show() returned at once: alive as long as the session


def show(state: ExplorerState, batch=None, block: bool | None = None):
    """The window in ``state`` (with ``batch``): blocks until it closes, unless an event loop
    already runs (IPython's ``%gui qt``), where it returns the window at once."""
    app = start_app()
    theme.start_theme()
    win = MainWindow(state, remember=False)
    if batch is not None:
        win.show_batch(batch)
    win.show()
    if block is None:
        block = not _event_loop_running()
    if not block:
        _KEPT.append(win)
        win.destroyed.connect(lambda *_: _KEPT.remove(win) if win in _KEPT else None)
        return win
    app.exec()
    return None


def _event_loop_running() -> bool:
    """IPython with ``%gui qt`` (its input hook runs Qt's events), or a Qt loop already running."""
    try:
        from IPython import get_ipython
    except ImportError:
        get_ipython = None
    ip = get_ipython() if get_ipython is not None else None
    if ip is not None and getattr(ip, "active_eventloop", None) in ("qt", "qt5", "qt6"):
        return True
    return False
