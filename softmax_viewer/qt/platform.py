"""Settings and application start-up: a leaf that every Qt module may import.

The settings are UI preferences only (the window's geometry, recent files, the
last folder) in ``settings.json``, and the state of the last run as a preset in
``last-state.json``, both in the configuration folder and both written through
``files.write_atomic`` (a full disk never leaves half a file). Reading them
never fails: a damaged or unreadable file counts as empty, and says why.
"""
from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from softmax_viewer import files, presets
from softmax_viewer.state import ExplorerState

APP_NAME = "softmax-viewer"
SETTINGS_FILE = "settings.json"
LAST_STATE_FILE = "last-state.json"
MAX_SETTINGS_BYTES = 1 << 20


def config_dir() -> Path:
    """$XDG_CONFIG_HOME/softmax-viewer (~/.config/softmax-viewer by default)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / APP_NAME


class Settings:
    """UI preferences as a small JSON object; ``setValue`` writes the file at once.

    ``value(key, default)`` and ``setValue(key, value)`` take JSON values; bytes
    (a saved geometry) are kept as base64. A write that fails is reported by
    ``setValue``'s return value (the message), never raised.
    """

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else config_dir()
        self.path = self.folder / SETTINGS_FILE
        self._data = {}
        try:
            data = json.loads(files.read_limited(self.path, MAX_SETTINGS_BYTES, "settings file"))
            if isinstance(data, dict):
                self._data = data
        except (files.FileError, ValueError, RecursionError):
            pass

    def value(self, key: str, default=None):
        v = self._data.get(key, default)
        if isinstance(v, dict) and set(v) == {"base64"} and isinstance(v["base64"], str):
            try:
                return base64.b64decode(v["base64"], validate=True)
            except ValueError:
                return default
        return v

    def setValue(self, key: str, value) -> str | None:
        if isinstance(value, (bytes, bytearray, memoryview)):
            value = {"base64": base64.b64encode(bytes(value)).decode("ascii")}
        self._data[key] = value
        return self._write()

    def clear(self) -> str | None:
        self._data = {}
        return self._write()

    def _write(self) -> str | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            files.write_atomic(self.path, json.dumps(self._data, indent=1, ensure_ascii=False), "settings file")
        except Exception as exc:      # a preference not kept is said, never raised
            return str(exc)
        return None


def settings() -> Settings:
    return Settings()


def remember_state(state: ExplorerState) -> str | None:
    """Keep ``state`` for the next start (a preset file); the problem if it could not be."""
    path = config_dir() / LAST_STATE_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        presets.save(state, path)
    except Exception as exc:          # closing the window must go on whatever happens here
        return str(exc)
    return None


def forget_state() -> None:
    path = config_dir() / LAST_STATE_FILE
    try:
        if path.is_dir() and not path.is_symlink():
            path.rmdir()               # an empty folder in its place; a full one is left alone
        else:
            path.unlink()
    except OSError:
        pass


def remembered_state() -> tuple[ExplorerState | None, str | None]:
    """The state of the last run, or (None, why it could not be restored).

    No file is (None, None): nothing was remembered.
    """
    path = config_dir() / LAST_STATE_FILE
    if not path.exists() and not path.is_symlink():
        return None, None
    try:
        return presets.load(path), None
    except presets.PresetError as exc:
        return None, exc.problem


def remove_stale_temporaries() -> None:
    """Temporary files that a killed save left behind, in the folders this program writes to."""
    s = settings()
    folders = {config_dir(), Path(str(s.value("last_folder", "") or config_dir()))}
    recent = s.value("recent", [])
    if isinstance(recent, list):
        folders.update(Path(str(p)).parent for p in recent[:8])
    for folder in folders:
        files.remove_stale_temporaries(folder)       # a folder that is gone or no name at all: nothing


#: what Qt prints that says nothing to a user (the offscreen platform's remark on every window)
QT_NOISE = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


def _qt_message(mode, context, message) -> None:
    if message in QT_NOISE:
        return
    sys.stderr.write(message + "\n")


def ensure_app():
    """The QApplication, made once, with Qt's own remarks that say nothing to a user dropped."""
    qInstallMessageHandler(_qt_message)
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(APP_NAME)
    return app


def fit_on_screen(window) -> None:
    """Clamp ``window`` (its first or remembered geometry) to the screen's available area."""
    from PySide6.QtGui import QGuiApplication

    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    w = min(window.width(), area.width() - extra_w)
    h = min(window.height(), area.height() - extra_h)
    if (w, h) != (window.width(), window.height()):
        window.resize(max(w, 200), max(h, 200))
    x = min(max(window.x(), area.left()), max(area.left(), area.right() - window.frameGeometry().width() + 1))
    y = min(max(window.y(), area.top()), max(area.top(), area.bottom() - window.frameGeometry().height() + 1))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


WIDE_LEFT = 580                  # the control column on a wide screen
MIN_LEFT = 440                   # the control column at its narrowest (it scrolls inside)


def share_width(split, width: int) -> None:
    """The first split of a window ``width`` wide: WIDE_LEFT for the control column on a wide
    screen (1,700 px and more), 28 % of it (but MIN_LEFT at least) on a laptop's."""
    left = WIDE_LEFT if width >= 1700 else max(MIN_LEFT, int(width * 0.28))
    split.setSizes([left, max(1, width - left)])
