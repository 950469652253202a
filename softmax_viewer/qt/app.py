"""The composition root: the one place that builds the main window, connects it to
the platform (settings, the state of the last run) and runs it, on a screen or
offscreen to render a screenshot or an export."""
from __future__ import annotations

import os

from softmax_viewer.qt import export as exporting
from softmax_viewer.qt import platform
from softmax_viewer.qt.platform import ensure_app
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


def _headless_window(state: ExplorerState, size=(1800, 1000)):
    """The real window in ``state``, laid out and drawn, offscreen when there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_app()
    win = MainWindow(state, remember=False)
    win.resize(*size)
    win.show()
    for _ in range(3):
        app.processEvents()
    win.store.flush()
    app.processEvents()
    return app, win


def screenshot(state: ExplorerState, path: str, size=(1800, 1000)) -> None:
    """Build the window in ``state``, render it to ``path`` (PNG) and close it."""
    _app, win = _headless_window(state, size)
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


def open_main_window(state: ExplorerState | None):
    """The main window, shown, in ``state`` or else in the state of the last run.

    A remembered state that cannot be restored (a damaged file, or one an older
    version accepted) is dropped: the window starts on the default state and its
    status bar says why.
    """
    ensure_app()
    platform.remove_stale_temporaries()
    problem = None
    remembered = state is None
    if remembered:
        state, problem = platform.remembered_state()
    try:
        win = MainWindow(state or ExplorerState())
    except Exception as exc:      # a last resort: what the loader accepts, the window shows
        if not remembered or state is None:
            raise
        problem = f"{type(exc).__name__}: {exc}"
        win = MainWindow(ExplorerState())
    if problem is not None:
        platform.forget_state()
        win.show_error(f"The state from the last run could not be restored: {problem}. "
                       "The window starts on the default state.")
    win.show()
    return win


def run(state: ExplorerState | None) -> int:
    app = ensure_app()
    win = open_main_window(state)
    code = app.exec()
    del win
    return code
