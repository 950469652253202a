"""The recent-files list of the File menu, kept in the settings (shipped files are not listed)."""
from __future__ import annotations

from pathlib import Path

from softmax_viewer import batch, presets
from softmax_viewer.qt.platform import settings

KEPT = 8


def is_shipped(path) -> bool:
    """A gallery preset or a shipped example: opened from their menus, not listed as recent."""
    try:
        folder = Path(path).resolve().parent
        return folder in (presets.gallery_dir().resolve(), batch.examples_dir().resolve())
    except OSError:
        return False


class RecentFiles:
    """The files last opened or saved, newest first, in ``menu``; ``open_cb(path)`` opens one."""

    def __init__(self, menu, open_cb, remember: bool = True):
        self.menu = menu
        self.open_cb = open_cb
        self.remember = remember
        self.fill()

    def paths(self) -> list:
        recent = settings().value("recent") if self.remember else []
        return [p for p in recent if isinstance(p, str)][:KEPT] if isinstance(recent, list) else []

    def add(self, path) -> None:
        """``path`` was opened or saved: first in the list, and its folder the next dialog's."""
        if not self.remember or is_shipped(path):
            return
        s = settings()
        s.setValue("recent", [str(path)] + [p for p in self.paths() if p != str(path)][:KEPT - 1])
        s.setValue("last_folder", str(Path(path).parent))
        self.fill()

    def fill(self) -> None:
        self.menu.clear()
        recent = self.paths()
        for p in recent:
            self.menu.addAction(p).triggered.connect(lambda _=False, path=p: self.open_cb(path))
        self.menu.setEnabled(bool(recent))
