"""The logit table: one row per class (target, label, logit z, p, log p)."""
from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget,
)

from softmax_viewer.state import StateError, parse_logit, parse_logits

TARGET, LABEL, LOGIT, PROB, LOGPROB = range(5)
HEADERS = ("y", "Label", "Logit z", "p", "log p")
TIPS = (
    "The target class y (click to choose): q puts 1 − ε + ε/N on it.",
    "A name for the class (editable).",
    "The base logit z (editable). The softmax sees u = s·z/T. -inf masks the class (p = 0).",
    "p = softmax(u), from the stable formula.",
    "log p = log_softmax(u): finite even where p underflows to 0.",
)


def format_number(v: float, digits: int = 6) -> str:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    return f"{v:.{digits}g}"


class LogitTableModel(QAbstractTableModel):
    """Rows are classes; edits become new states through the store."""

    error = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self._n = store.state.n_classes
        store.state_changed.connect(self._state_changed)
        store.bundle_ready.connect(self._bundle_ready)

    # ---- following the store ----
    def _state_changed(self, st):
        if st.n_classes != self._n:
            self.beginResetModel()
            self._n = st.n_classes
            self.endResetModel()

    def _bundle_ready(self, _bundle):
        # one notification per computed state: logits, labels, target, p and log p
        if self._n:
            self.dataChanged.emit(self.index(0, 0), self.index(self._n - 1, LOGPROB))

    # ---- Qt model API ----
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._n

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole:
                return HEADERS[section]
            if role == Qt.ToolTipRole:
                return TIPS[section]
        elif role == Qt.DisplayRole:
            return str(section)
        return None

    def flags(self, index):
        f = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if index.column() in (LABEL, LOGIT):
            f |= Qt.ItemIsEditable
        if index.column() == TARGET:
            f |= Qt.ItemIsUserCheckable
        return f

    _ROLES = (Qt.DisplayRole, Qt.EditRole, Qt.CheckStateRole, Qt.TextAlignmentRole)

    def data(self, index, role=Qt.DisplayRole):
        if role not in self._ROLES or not index.isValid():   # views ask for many roles per cell
            return None
        st = self.store.state
        r, c = index.row(), index.column()
        if r >= st.n_classes:
            return None
        if c == TARGET:
            return (Qt.Checked if r == st.target else Qt.Unchecked) if role == Qt.CheckStateRole else None
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter) if c != LABEL else None
        if role == Qt.CheckStateRole:
            return None
        if c == LABEL:
            return st.label(r) if role == Qt.DisplayRole else (st.labels[r] if r < len(st.labels) else "")
        if c == LOGIT:
            v = float(st.logits[r])
            return format_number(v, 10) if role == Qt.DisplayRole else repr(v)
        b = self.store.bundle
        return format_number(float(b.p[r] if c == PROB else b.log_p[r]))

    def setData(self, index, value, role=Qt.EditRole):
        r, c = index.row(), index.column()
        st = self.store.state
        try:
            if c == TARGET and role == Qt.CheckStateRole:
                new = st.replace(target=r)
            elif c == LABEL and role == Qt.EditRole:
                new = st.with_label(r, str(value))
            elif c == LOGIT and role == Qt.EditRole:
                new = st.with_logit(r, parse_logit(value))
            else:
                return False
        except StateError as exc:
            self.error.emit(f"Row {r} ({st.label(r)}): {exc}; the old value is kept.")
            return False
        self.store.set_state(new)
        return True


class LogitTable(QWidget):
    """The table with its buttons: add, remove, paste a row of numbers."""

    error = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.model = LogitTableModel(store, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.view.verticalHeader().setDefaultSectionSize(22)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        hh.setStretchLastSection(True)
        for col, w in ((TARGET, 28), (LABEL, 90), (LOGIT, 90), (PROB, 90)):
            self.view.setColumnWidth(col, w)
        self.view.setToolTip("Double-click or type to edit a label or logit; Ctrl+V pastes a row of numbers.")
        self.add_button = QPushButton("Add class")
        self.add_button.setToolTip("Append a class with logit 0 (undoable).")
        self.remove_button = QPushButton("Remove selected")
        self.remove_button.setToolTip("Remove the selected classes (at least one stays).")
        self.paste_button = QPushButton("Paste logits")
        self.paste_button.setToolTip("Replace the logits by numbers from the clipboard: comma, space or tab "
                                     "separated, brackets allowed (as numpy and torch print them).")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.paste_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        paste = QAction("Paste logits", self.view)
        paste.setShortcut(QKeySequence.Paste)
        paste.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        paste.triggered.connect(self.paste_clipboard)
        self.view.addAction(paste)
        self.add_button.clicked.connect(self.add_class)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.model.error.connect(self.show_error)
        store.state_changed.connect(lambda _s: self.message.clear())

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        self.error.emit(text)

    def add_class(self):
        st = self.store.state
        try:
            self.store.set_state(st.insert_class(st.n_classes, st.generator.pad_value))
        except StateError as exc:
            self.show_error(str(exc))

    def remove_selected(self):
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows:
            self.show_error("Select the rows to remove first.")
            return
        try:
            self.store.set_state(self.store.state.remove_classes(rows))
        except StateError as exc:
            self.show_error(str(exc))

    def paste_text(self, text: str) -> bool:
        try:
            values = parse_logits(text)
        except StateError as exc:
            self.show_error(f"Paste refused: {exc}. The logits are unchanged.")
            return False
        st = self.store.state
        n = values.size
        self.store.set_state(st.replace(logits=values, labels=st.labels[:n], target=min(st.target, n - 1)))
        return True

    def paste_clipboard(self):
        return self.paste_text(QGuiApplication.clipboard().text())
