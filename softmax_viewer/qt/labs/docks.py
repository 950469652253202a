"""The labs docked in the main window: one dock each, tabbed together beside the panels.

A dock stays in view while the main window's controls move (it follows the same
store), can be dragged out to float as a window of its own, and is made the first
time its lab is opened. Each lab plot's right-click menu exports the lab.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from softmax_viewer import names
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt import plotting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.labs import LAB_VIEWS


LAB_WIDTH = 660                  # a lab's dock, first shown: its two columns of plots readable


class LabDocks:
    """The lab views of ``window`` (a QMainWindow), following ``store``."""

    def __init__(self, window, store, export_cb=None, error_cb=None, made_cb=None):
        """``export_cb(key)``: what "Export this lab…" does; ``error_cb(text)``: where a refused setting is
        said; ``made_cb(view)``: called with each lab's view once made."""
        self.window = window
        self.store = store
        self.labs = {}                 # key -> its view (made all at once, the first time a lab opens)
        self.docks = {}                # key -> its dock
        self._export_cb = export_cb
        self._error_cb = error_cb
        self._made_cb = made_cb
        store.bundle_ready.connect(self._draw)

    def __getattr__(self, key):        # docks.labs["precision"], docks.labs["sampling"], docks.labs["overconfidence"]
        labs = self.__dict__.get("labs", {})
        if key in labs:
            return labs[key]
        raise AttributeError(key)

    def _make(self) -> None:
        first = None
        for key, view_type in LAB_VIEWS.items():
            view = view_type(self.store)
            dock = QDockWidget(tr(names.LABS[key]), self.window)
            dock.setObjectName(f"lab-{key}")           # (saveState finds it by this name)
            dock.setWidget(view)
            dock.setAllowedAreas(Qt.RightDockWidgetArea | Qt.BottomDockWidgetArea)
            self.window.addDockWidget(Qt.RightDockWidgetArea, dock)
            if first is None:
                first = dock
            else:
                self.window.tabifyDockWidget(first, dock)
            dock.hide()
            dock.visibilityChanged.connect(view.set_on_screen)
            if self._error_cb is not None:
                view.error.connect(self._error_cb)
            if self._export_cb is not None:
                for plot in view.plots():
                    menu = plotting.context_menu(plot)
                    menu.addSeparator()
                    menu.addAction(tr("Export this lab…")).triggered.connect(
                        lambda _=False, k=key: self._export_cb(k))
            self.labs[key] = view
            self.docks[key] = dock
            if self._made_cb is not None:
                self._made_cb(view)

    def show_lab(self, key: str):
        """Open lab ``key``'s dock (on top of the other labs) and return its view."""
        if not self.labs:
            self._make()
        dock, view = self.docks[key], self.labs[key]
        dock.show()
        dock.raise_()
        # room for its grid of plots; on a laptop's screen at most 45 % of the window (the
        # panels beside it reflow to fewer columns)
        width = min(LAB_WIDTH, int(self.window.width() * 0.45))
        if dock.width() < width and not dock.isFloating():
            self.window.resizeDocks([dock], [width], Qt.Horizontal)
        view.set_on_screen(True)
        view.draw(self.store.bundle)
        return view

    def _draw(self, bundle) -> None:
        for view in self.labs.values():
            view.draw(bundle)

    def export(self, key: str, path, scale: float = 1.0) -> None:
        """Export lab ``key`` as it is in the store's current state (brought up to it first)."""
        if not self.labs:
            self._make()
        view = self.labs[key]
        view.ensure_drawn()
        exporting.export_lab(view, key, path, scale)
