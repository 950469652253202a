"""The explorer's main window: controls and table on the left, six panels on the right."""
from __future__ import annotations

import time
from html import escape
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget

from softmax_viewer import batch as batch_files
from softmax_viewer import names, presets
from softmax_viewer.qt import dialogs, menus, platform
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt.controls import ControlPanel, SpinUndoKeys, install_spin_undo
from softmax_viewer.qt.labs.docks import LabDocks
from softmax_viewer.qt.i18n import installed_language
from softmax_viewer.qt.platform import settings
from softmax_viewer.qt.panels import GradientPanel, LossPanel, LsePanel, ProbabilityPanel, ReadoutPanel, SurfacePanel
from softmax_viewer.qt.recent import RecentFiles, is_shipped
from softmax_viewer.qt.row_picker import RowPicker
from softmax_viewer.qt.store import Store
from softmax_viewer.qt.logit_table import LogitTable
from softmax_viewer.qt.panel_grid import PanelGrid
from softmax_viewer.qt.panels.hover_text import install_hover
from softmax_viewer.derived import BARS_ALL_UP_TO, TOP_BARS
from softmax_viewer.limits import one_line
from softmax_viewer.state import ExplorerState, StateError

SETTLE_MS = 300                  # changes closer than this follow each other quickly

FORMULA = QT_TRANSLATE_NOOP("MainWindow", "<b>u = s·z / T</b> &nbsp;·&nbsp; <b>p = softmax(u)</b> &nbsp;·&nbsp; "
                            "q = (1 − ε)·onehot(y) + ε/N &nbsp;·&nbsp; losses are of u &nbsp;·&nbsp; "
                            "gradient shown: <b>∂CE/∂u = p − q</b>")


class MainWindow(QMainWindow):
    def __init__(self, state: ExplorerState | None = None, *, remember: bool = True):
        super().__init__()
        self.setWindowTitle(self.tr("softmax viewer"))
        self.remember = remember
        self.store = Store(state if state is not None else ExplorerState(), self)
        self.lab_docks = LabDocks(self, self.store, export_cb=self.export_dialog, error_cb=self.show_error,
                                  made_cb=lambda view: install_spin_undo(view, self.spin_keys))

        self.formula = QLabel(self.tr(FORMULA))
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setWordWrap(True)       # on a narrow screen it takes two lines, not the width
        self.formula.setToolTip(self.tr("What every panel shows is computed from these formulas."))
        self.formula.setStyleSheet("font-size: 11pt; padding: 4px;")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("font-size: 10pt; padding: 0 4px 4px 4px;")
        self.description.setToolTip(self.tr("What this preset shows (File > Open, or the Presets menu)."))

        self.controls = ControlPanel(self.store)
        self.table = LogitTable(self.store)
        self.row_picker = RowPicker(self.store, self)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 4, 4)
        ll.addWidget(self.row_picker)
        ll.addWidget(self.controls)
        ll.addWidget(self.table, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        scroll.setMinimumWidth(platform.MIN_LEFT)

        self.probabilities = ProbabilityPanel()
        self.lse = LsePanel()
        self.loss = LossPanel()
        self.surface = SurfacePanel()
        self.gradient = GradientPanel()
        self.readout = ReadoutPanel()
        self.panels = [self.probabilities, self.lse, self.loss, self.surface, self.gradient, self.readout]
        self.panel_grid = PanelGrid(self.panels)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.formula)
        rl.addWidget(self.description)
        rl.addWidget(self.panel_grid, 1)

        split = QSplitter(Qt.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        self.split, self._split_shared = split, False
        self.setCentralWidget(split)

        menus.build_menus(self)
        self.recent = RecentFiles(self.recent_menu, self.open_path, self.remember)
        for source in (self.controls, self.table):
            source.error.connect(self.show_error)
        self.store.bundle_ready.connect(self._draw)
        self.store.drag_ended.connect(self.surface.settle)
        # Changes that follow each other within SETTLE_MS (a slider held, a spin
        # box stepped by a held key) are "moving": views that would otherwise
        # refit on every one of them hold still, and fit again once they stop.
        self._last_draw = 0.0
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.surface.settle)
        self.store.history_changed.connect(self._update_actions)
        self.store.batch_changed.connect(lambda b: self.labels_action.setEnabled(b is not None))
        self.labels_action.setEnabled(self.store.batch is not None)
        self.store.state_changed.connect(lambda _s: self._update_title())
        self.path: Path | None = None
        self._last_note = ""
        self.setAcceptDrops(True)
        menus.add_panel_menus(self)
        self.hover = install_hover(self)       # after the panels draw: a still cursor reads the new numbers
        self.resize(1800, 1000)
        if remember:
            geo = settings().value("geometry")
            if isinstance(geo, bytes):
                self.restoreGeometry(QByteArray(geo))
        platform.fit_on_screen(self)
        self.spin_keys = SpinUndoKeys(self)
        install_spin_undo(self, self.spin_keys)
        self.store.flush()
        self._update_actions()
        self._update_title()

    def panel_widgets(self) -> dict:
        return {"probabilities": self.probabilities, "lse": self.lse, "loss": self.loss,
                "surface": self.surface, "gradient": self.gradient, "readout": self.readout, "window": self}

    # ---- labs ----
    def open_lab(self, key: str):
        """Open lab ``key`` in its dock beside the panels; its view."""
        return self.lab_docks.show_lab(key)

    # ---- presets: open, save, recent, drop ----
    def report_error(self, title: str, text: str) -> None:
        self.show_error(text)
        dialogs.warn(self, title, text)

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are lost; True to go on."""
        if not self.store.modified:
            return True
        answer = dialogs.ask_save_changes(self)
        if answer == "save":
            return self.save()
        return answer == "discard"

    def open_dialog(self):
        if not self.confirm_discard():
            return
        folder = str(settings().value("last_folder", "") or presets.gallery_dir())
        path = dialogs.ask_open_file(self, folder)
        if path:
            self.open_path(path, confirm=False)

    def open_path(self, path, *, confirm=True) -> bool:
        """Load a preset or a file of logits; on any error the current state stays as it was."""
        if confirm and not self.confirm_discard():
            return False
        if batch_files.is_logit_path(path):
            return self.open_logits(path)
        try:
            state = presets.load(path, installed_language())
        except presets.PresetError as exc:
            self.report_error(self.tr("Cannot open preset"), str(exc))
            return False
        self.store.set_batch(None)
        self.store.reset(state)
        self.store.mark_saved()
        self.path = Path(path)
        self.recent.add(self.path)
        self._update_title()
        return True

    def open_logits(self, path, labels_path=None) -> bool:
        """A vector of logits opens as the explorer's; a (samples, classes) batch opens its first
        row, with the row picker, and the calibration lab when it has labels."""
        try:
            state, batch = batch_files.open_logits(path, labels_path, self.store.state)
        except batch_files.LogitFileError as exc:
            self.report_error(self.tr("Cannot open logits"), str(exc))
            return False
        self.show_batch(batch, state)
        self.path = None
        self.recent.add(Path(path))
        self._update_title()
        return True

    def show_batch(self, batch, state=None, row: int = 0) -> None:
        """Show ``batch`` (its ``row``), or ``state`` with no batch."""
        self.store.set_batch(batch, row)
        if batch is None:
            self.store.reset(state)
        elif batch.labels is not None:
            self.open_lab("calibration")
        self.store.flush()

    def save(self) -> bool:
        if self.path is None or is_shipped(self.path):
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        """Ask where to save (beside this state's own file, or in the folder last used)."""
        if self.path is not None and not is_shipped(self.path):
            folder, name = self.path.parent, self.path.stem
        else:
            folder = Path(str(settings().value("last_folder", "") or Path.home()))
            name = dialogs.file_name(self.store.state.name) or "preset"
        path = dialogs.ask_save_preset(self, folder / f"{name}.json")
        return path is not None and self.save_to(Path(path), rename=True)

    def save_to(self, path, *, rename: bool = False) -> bool:
        """Save the state to ``path``; ``rename``: a state named after the preset it came from
        (or unnamed) takes the new file's name."""
        path = Path(path)
        st = self.store.state
        if rename and (not st.name or st.name == self.store.saved_state.name) and st.name != path.stem:
            try:
                st = st.replace(name=path.stem)
            except StateError:
                pass                                    # a name the state cannot hold: it keeps its own
        try:
            presets.save(st, path)
        except presets.PresetError as exc:
            self.report_error(self.tr("Cannot save preset"), str(exc))
            return False
        if st is not self.store.state:
            self.store.set_state(st)
        self.path = path
        self.store.mark_saved()
        self.recent.add(self.path)
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {0}").format(path), 4000)
        return True

    def dragEnterEvent(self, event):
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_path(files[0])

    # ---- export ----
    def export_dialog(self, key: str) -> bool:
        chosen = dialogs.ask_export(self, key, settings().value("last_folder", "") or Path.home())
        return chosen is not None and self.export_to(key, *chosen)

    def export_to(self, key: str, path, scale: float = 1.0) -> bool:
        self.store.flush()
        try:
            if key in names.LABS:
                self.lab_docks.export(key, path, scale)
            else:
                exporting.export(self.panel_widgets()[key], self.store.bundle, key, path, scale)
        except (OSError, ValueError) as exc:
            self.report_error(self.tr("Cannot export"), str(exc))
            return False
        settings().setValue("last_folder", str(Path(path).parent))
        self.statusBar().showMessage(self.tr("Exported {0}").format(path), 4000)
        return True

    # ---- the batch's labels, the state's name ----
    def open_labels_dialog(self) -> bool:
        batch = self.store.batch
        if batch is None:
            return False
        path = dialogs.ask_labels_file(self, Path(batch.source).parent)
        return path is not None and self.open_labels(path)

    def open_labels(self, path) -> bool:
        """The open batch's true labels from ``path``: the calibration lab opens on them."""
        try:
            batch = batch_files.with_labels(self.store.batch, path)
        except batch_files.LogitFileError as exc:
            self.report_error(self.tr("Cannot open labels"), str(exc))
            return False
        self.show_batch(batch, row=max(self.row_picker.row, 0))
        return True

    def edit_description(self) -> bool:
        st = self.store.state
        got = dialogs.ask_name_description(self, st.name, st.description)
        if got is None or got == (st.name, st.description):
            return False
        try:
            self.store.set_state(st.replace(name=got[0], description=got[1]))
        except StateError as exc:
            self.report_error(self.tr("Cannot rename"), str(exc))
            return False
        self._update_title()
        return True

    def _update_actions(self):
        self.undo_action.setEnabled(self.store.can_undo())
        self.redo_action.setEnabled(self.store.can_redo())

    def _update_title(self):
        st = self.store.state
        name = st.name or (self.path.stem if self.path else self.tr("untitled"))
        self.setWindowTitle(self.tr("{0}{1} — softmax viewer").format(name, " *" if self.store.modified else ""))
        text = f"<b>{escape(st.name)}</b> — {escape(st.description)}" if st.description else ""
        if not text and self.store.saved_state.description:
            text = self.tr("<b>{0}</b> — changed since it was opened: its description no longer applies "
                           "(Edit &gt; Name and description… to write one).").format(escape(st.name or ""))
        if self.description.text() != text:
            self.description.setText(text)
        self.description.setVisible(bool(text))

    # ---- drawing ----
    def _draw(self, bundle):
        now = time.monotonic()
        moving = self.store.dragging or now - self._last_draw < SETTLE_MS / 1000
        self._last_draw = now
        self.surface.moving = moving
        if moving:
            self._settle.start()
        for panel in self.panels:
            panel.draw(bundle)
        n = bundle.state.n_classes                 # (bundle.notes says the same in the derived layer's English)
        note = self.tr("{0:,} classes: the bar panels show the top {1} (by p, and by |p − q|)").format(
            n, TOP_BARS) if n > BARS_ALL_UP_TO else ""
        if note and note != self._last_note:            # once, not on every tick of a drag
            self.statusBar().showMessage(note, 4000)
        self._last_note = note

    def show_error(self, text: str) -> None:
        self.statusBar().showMessage(one_line(text), 8000)

    # ---- lifetime ----
    def showEvent(self, event):
        super().showEvent(event)
        if not self._split_shared:         # the first show, at the width it has: narrower controls on a laptop
            self._split_shared = True
            platform.share_width(self.split, self.width())

    def closeEvent(self, event):
        # without a file the state is remembered in the settings: nothing is lost; with a
        # file and changes, Save keeps them, Discard goes back to the file's state
        kept = self.store.state
        if self.remember and self.path is not None and self.store.modified:
            answer = dialogs.ask_save_changes(self)
            if answer == "cancel" or answer == "save" and not self.save():
                event.ignore()
                return
            if answer == "discard":
                kept = self.store.saved_state
        if self.remember:
            settings().setValue("geometry", bytes(self.saveGeometry()))
            platform.remember_state(kept)
        super().closeEvent(event)

    def new_state(self) -> bool:
        """File > New: the default state, no file, no batch (after asking about unsaved changes)."""
        if not self.confirm_discard():
            return False
        self.store.set_batch(None)
        self.store.reset(ExplorerState())
        self.store.mark_saved()
        self.path = None
        self._update_title()
        return True
