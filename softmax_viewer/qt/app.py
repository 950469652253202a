"""Starting the window, and rendering it to a file."""
from __future__ import annotations

import os
import sys

from softmax_viewer.state import ExplorerState


def ensure_app():
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("softmax-viewer")
        app.setOrganizationName("softmax-viewer")
    return app


def settings():
    """UI preferences only (geometry, the last state, the last folder), shared by both windows."""
    from PySide6.QtCore import QSettings

    return QSettings("softmax-viewer", "softmax-viewer")


def _headless_window(state: ExplorerState, size=(1800, 1000)):
    """The real window in ``state``, laid out and drawn, offscreen when there is no display."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_app()
    from softmax_viewer.qt.window import MainWindow

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
    image = win.grab()
    if not image.save(path, "PNG"):
        raise OSError(f"could not write the screenshot to {path}")
    win.close()


def export_file(state: ExplorerState, panel: str, path: str, scale: float = 1.0) -> None:
    """The same export as the window's File > Export, without a screen."""
    from softmax_viewer.qt import export as exporting

    _app, win = _headless_window(state)
    try:
        exporting.export(win.panel_widgets()[panel], win.store.bundle, panel, path, scale)
    finally:
        win.close()


def run(state: ExplorerState | None) -> int:
    app = ensure_app()
    from softmax_viewer.qt.window import MainWindow, last_state

    win = MainWindow(state if state is not None else (last_state() or ExplorerState()), separate_labs=True)
    win.show()
    return app.exec()
