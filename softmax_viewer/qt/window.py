"""The explorer's main window: controls and table on the left, six panels on the right."""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout, QLabel, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget,
)

from softmax_viewer.qt.controls import ControlPanel
from softmax_viewer.qt.panels import (
    GradientPanel, LossPanel, LsePanel, ProbabilityPanel, ReadoutPanel, SurfacePanel,
)
from softmax_viewer.qt.store import Store
from softmax_viewer.qt.table import LogitTable
from softmax_viewer.state import ExplorerState, StateError

FORMULA = ("<b>u = s·z / T</b> &nbsp;·&nbsp; <b>p = softmax(u)</b> &nbsp;·&nbsp; "
           "q = (1 − ε)·onehot(y) + ε/N &nbsp;·&nbsp; losses are of u &nbsp;·&nbsp; "
           "gradient shown: <b>∂CE/∂u = p − q</b>")


def settings() -> QSettings:
    """UI preferences only: geometry and the last state."""
    return QSettings("softmax-viewer", "softmax-viewer")


def last_state() -> ExplorerState | None:
    raw = settings().value("last_state")
    if not raw:
        return None
    try:
        return ExplorerState.from_dict(json.loads(str(raw)))
    except (ValueError, TypeError, StateError):
        return None


class MainWindow(QMainWindow):
    def __init__(self, state: ExplorerState | None = None, *, remember: bool = True):
        super().__init__()
        self.setWindowTitle("softmax viewer")
        self.remember = remember
        self.store = Store(state if state is not None else ExplorerState(), self)

        self.formula = QLabel(FORMULA)
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setToolTip("What every panel shows is computed from these formulas.")
        self.formula.setStyleSheet("font-size: 11pt; padding: 4px;")

        self.controls = ControlPanel(self.store)
        self.table = LogitTable(self.store)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.controls)
        ll.addWidget(self.table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(560)

        self.probabilities = ProbabilityPanel()
        self.lse = LsePanel()
        self.loss = LossPanel()
        self.surface = SurfacePanel()
        self.gradient = GradientPanel()
        self.readout = ReadoutPanel()
        self.panels = [self.probabilities, self.lse, self.loss, self.surface, self.gradient, self.readout]
        grid_w = QWidget()
        grid = QGridLayout(grid_w)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        for k, panel in enumerate(self.panels):
            grid.addWidget(panel, k // 3, k % 3)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.formula)
        rl.addWidget(grid_w, 1)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([580, 1220])
        self.setCentralWidget(split)

        self._build_menus()
        for source in (self.controls, self.table):
            source.error.connect(self.show_error)
        self.store.bundle_ready.connect(self._draw)
        self.store.history_changed.connect(self._update_actions)
        self.store.state_changed.connect(lambda _s: self._update_title())
        self.resize(1800, 1000)
        if remember:
            geo = settings().value("geometry")
            if isinstance(geo, QByteArray):
                self.restoreGeometry(geo)
        self.store.flush()
        self._update_actions()
        self._update_title()

    # ---- menus ----
    def _build_menus(self):
        file_menu = self.menuBar().addMenu("&File")
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))     # StandardKey.Quit is empty on some platforms
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.file_menu = file_menu
        edit = self.menuBar().addMenu("&Edit")
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.undo_action.triggered.connect(self.store.undo)
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setShortcuts([QKeySequence.Redo, QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(self.store.redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        self.addActions([quit_action, self.undo_action, self.redo_action])

    def _update_actions(self):
        self.undo_action.setEnabled(self.store.can_undo())
        self.redo_action.setEnabled(self.store.can_redo())

    def _update_title(self):
        st = self.store.state
        name = st.name or "untitled"
        self.setWindowTitle(f"{name}{' *' if self.store.modified else ''} — softmax viewer")

    # ---- drawing ----
    def _draw(self, bundle):
        for panel in self.panels:
            panel.update_bundle(bundle)
        if bundle.notes:
            self.statusBar().showMessage("; ".join(bundle.notes), 4000)

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    # ---- lifetime ----
    def closeEvent(self, event):
        if self.remember:
            s = settings()
            s.setValue("geometry", self.saveGeometry())
            s.setValue("last_state", json.dumps(self.store.state.to_dict()))
        super().closeEvent(event)
