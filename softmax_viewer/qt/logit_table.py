"""The logit table: one row per class (target, label, logit z, p, log p)."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QLineF, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QTableView, QVBoxLayout, QWidget,
)

from softmax_viewer.qt.arrays import qt_array
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.table_copy import install_copy
from softmax_viewer.limits import StateError, one_line, parse_logit
from softmax_viewer.batch import Batch
from softmax_viewer.logit_checks import LogitFileError, check_logits
from softmax_viewer.logits import parse_logit_rows

TARGET, LABEL, LOGIT, PROB, LOGPROB = range(5)
# shown through tr (the symbols y, p and log p are the same in every language)
HEADERS = ("y", QT_TRANSLATE_NOOP("", "Label"), QT_TRANSLATE_NOOP("", "Logit z"), "p", "log p")
TIPS = (
    QT_TRANSLATE_NOOP("", "The target class y (click to choose): q puts 1 − ε + ε/N on it."),
    QT_TRANSLATE_NOOP("", "A name for the class (editable)."),
    QT_TRANSLATE_NOOP("", "The base logit z (editable). The softmax sees u = s·z/T. -inf masks the class (p = 0)."),
    QT_TRANSLATE_NOOP("", "p = softmax(u), from the stable formula."),
    QT_TRANSLATE_NOOP("", "log p = log_softmax(u): finite even where p underflows to 0."),
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
        self._shown = None            # the state whose logits, labels and target the view shows
        self._text = {}               # (row, column) -> formatted p or log p of the current bundle
        self.visible_rows = None      # set by the view: () -> (first, last) rows on screen
        store.state_changed.connect(self._state_changed)
        store.bundle_ready.connect(self._bundle_ready)

    # ---- following the store ----
    def _state_changed(self, st):
        if st.n_classes != self._n:
            self.beginResetModel()
            self._n = st.n_classes
            self.endResetModel()

    def _bundle_ready(self, bundle):
        # one notification per computed state; while s, T or eps move only p and
        # log p change, and only their cells are asked for again
        self._text = {}
        if not self._n:
            return
        st, old = bundle.state, self._shown
        self._shown = st
        same = (old is not None and old.logits is st.logits and old.labels == st.labels
                and old.target == st.target)
        if not same:
            self.dataChanged.emit(self.index(0, 0), self.index(self._n - 1, LOGPROB), self._DISPLAY_ONLY)
            return
        # Only p and log p changed, and only the rows on screen are announced:
        # Qt repaints just the cells of the announced block that it shows (the
        # labels, logits and checkboxes beside them are not asked for again).
        # Rows off screen are asked for their new values when they scroll in.
        first, last = self.visible_rows() if self.visible_rows is not None else (0, self._n - 1)
        first, last = max(0, first), min(self._n - 1, last)
        if last >= first:
            self.dataChanged.emit(self.index(first, PROB), self.index(last, LOGPROB), self._DISPLAY_ONLY)

    # ---- Qt model API ----
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else self._n

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal:
            if role == Qt.DisplayRole:
                return tr(HEADERS[section])
            if role == Qt.ToolTipRole:
                return tr(TIPS[section])
        elif role == Qt.DisplayRole:
            return str(section)
        return None

    # computed once: Qt's enums are Python objects and combining them per call
    # costs more than the rest of flags() and data() (views call both per cell)
    _BASE = Qt.ItemIsEnabled | Qt.ItemIsSelectable
    _FLAGS = (_BASE | Qt.ItemIsUserCheckable, _BASE | Qt.ItemIsEditable, _BASE | Qt.ItemIsEditable, _BASE, _BASE)
    _RIGHT = int(Qt.AlignRight | Qt.AlignVCenter)
    _DISPLAY, _EDIT, _CHECK, _ALIGN = (int(r) for r in (Qt.DisplayRole, Qt.EditRole, Qt.CheckStateRole,
                                                        Qt.TextAlignmentRole))
    _ROLES = frozenset((_DISPLAY, _EDIT, _CHECK, _ALIGN))
    _DISPLAY_ONLY = [Qt.DisplayRole]

    def flags(self, index):
        return self._FLAGS[index.column()]

    def data(self, index, role=Qt.DisplayRole):
        role = int(role)
        if role not in self._ROLES or not index.isValid():   # views ask for many roles per cell
            return None
        r, c = index.row(), index.column()
        if r >= self._n:
            return None
        if role == self._ALIGN:
            return self._RIGHT if c != LABEL and c != TARGET else None
        if c == TARGET:
            return (Qt.Checked if r == self.store.state.target else Qt.Unchecked) if role == self._CHECK else None
        if role == self._CHECK:
            return None
        if c >= PROB:                                         # the cells that change every tick
            return self.number_text(r, c)
        st = self.store.state
        if c == LABEL:
            return st.label(r) if role == self._DISPLAY else (st.labels[r] if r < len(st.labels) else "")
        v = float(st.logits[r])
        return format_number(v, 10) if role == self._DISPLAY else repr(v)

    def number_text(self, r: int, c: int) -> str:
        """The p (c = PROB) or log p cell of row r, formatted once per bundle."""
        text = self._text.get((r, c))
        if text is None:
            b = self.store.bundle
            if b is None or r >= b.p.size:               # rows added, their p not computed yet
                return ""
            text = self._text[(r, c)] = format_number(float(b.p[r] if c == PROB else b.log_p[r]))
        return text

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
            self.error.emit(one_line(self.tr("Row {0} ({1}): {2}; the old value is kept.").format(r, st.label(r), exc)))
            return False
        self.store.set_state(new)
        return True


class NumberDelegate(QStyledItemDelegate):
    """Paints the p and log p cells with one call per cell.

    The standard delegate asks the model for eight roles of every cell it
    paints, each a call into Python; these two columns are repainted on every
    tick of a drag, so they draw their text directly, with Qt's flags and
    colours looked up once rather than per cell (combining Qt's enums in
    Python costs microseconds a time).
    """

    _SELECTED = QStyle.State_Selected.value
    _ALIGN = int((Qt.AlignRight | Qt.AlignVCenter).value)

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self._text = model.number_text
        self._palette = None           # (palette key, text pen colour, highlight brush, highlighted pen)

    def colours(self, palette):
        """(key, text colour, highlight brush, highlighted text colour) of ``palette``'s current group."""
        key = (palette.cacheKey(), palette.currentColorGroup())
        if self._palette is None or self._palette[0] != key:
            self._palette = (key, palette.text().color(), palette.highlight(), palette.highlightedText().color())
        return self._palette

    def paint_cells(self, painter, cells, colours) -> None:
        """Paint ``cells``, each (x, y, width, height, row, column, selected), in ``colours``.

        Text never leaves its cell (drawText clips to the rectangle it is
        given), so the cells are painted in two passes, one pen for each.
        """
        _key, text_colour, highlight, highlighted = colours
        text, align = self._text, self._ALIGN
        for pen, chosen in ((text_colour, False), (highlighted, True)):
            painter.setPen(pen)
            for x, y, w, h, row, column, selected in cells:
                if selected is chosen:
                    if selected:
                        painter.fillRect(x, y, w, h, highlight)
                    painter.drawText(x + 3, y, w - 6, h, align, text(row, column))

    def paint(self, painter, option, index):
        r = option.rect
        cell = (r.x(), r.y(), r.width(), r.height(), index.row(), index.column(),
                bool(option.state.value & self._SELECTED))
        self.paint_cells(painter, (cell,), self.colours(option.palette))


class LogitTableView(QTableView):
    """The table view, which repaints the p and log p columns in one call.

    On a drag tick only those two columns change. Qt's own repaint calls into
    Python four times for each of their cells on screen (the row and column
    counts, the flags, the delegate), which cost more than the drawing; when
    the region to repaint lies within the two columns, this view paints what
    Qt would there (the cells through the delegate's own drawing, then the
    grid lines) in one Python call. Any other repaint is Qt's.
    """

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.numbers = NumberDelegate(model, self)
        for col in (PROB, LOGPROB):
            self.setItemDelegateForColumn(col, self.numbers)
        self._grid = None                  # (style, grid pen)

    def _grid_pen(self) -> QPen:
        style = self.style()
        if self._grid is None or self._grid[0] is not style:
            opt = QStyleOptionViewItem()
            self.initViewItemOption(opt)
            rgba = style.styleHint(QStyle.SH_Table_GridLineColor, opt, self) & 0xFFFFFFFF
            self._grid = (style, QPen(QColor.fromRgba(rgba), 1, self.gridStyle()))
        return self._grid[1]

    def _selected(self, first: int, last: int) -> set:
        """The selected (row, column) cells of p and log p in rows ``first`` .. ``last``."""
        model = self.selectionModel()
        cells = set()
        if model is None:
            return cells
        for rng in model.selection():
            top, bottom = max(rng.top(), first), min(rng.bottom(), last)
            for c in range(max(rng.left(), PROB), min(rng.right(), LOGPROB) + 1):
                cells.update((r, c) for r in range(top, bottom + 1))
        return cells

    def paintEvent(self, event):
        if not self._paint_numbers(event):
            super().paintEvent(event)

    def _paint_numbers(self, event) -> bool:
        """Paint ``event`` here if it lies within the p and log p columns; False if not."""
        area = event.rect()
        if (event.region().rectCount() != 1 or not self.isEnabled() or not self.showGrid()
                or self.isRightToLeft() or self.alternatingRowColors()):
            return False
        x0 = self.columnViewportPosition(PROB)
        x_end = self.columnViewportPosition(LOGPROB) + self.columnWidth(LOGPROB)
        if area.left() < x0 or area.right() >= x_end:
            return False
        vh, hh = self.verticalHeader(), self.horizontalHeader()
        first, last = vh.visualIndexAt(area.top()), vh.visualIndexAt(area.bottom())
        if (first < 0 or last < 0 or vh.sectionsHidden() or vh.sectionsMoved() or hh.sectionsHidden()
                or hh.sectionsMoved()):
            return False
        columns = [(c, self.columnViewportPosition(c), self.columnWidth(c) - 1) for c in (PROB, LOGPROB)]
        columns = [(c, x, w) for c, x, w in columns if x <= area.right() and x + w >= area.left()]
        rows = [(r, self.rowViewportPosition(r), self.rowHeight(r) - 1) for r in range(first, last + 1)]
        selected = self._selected(first, last)
        palette = QPalette(self.palette())     # as Qt paints an enabled view's cells: the active colours
        palette.setCurrentColorGroup(QPalette.Active)
        painter = QPainter(self.viewport())
        self.numbers.paint_cells(painter, [(x, y, w, h, r, c, (r, c) in selected)
                                           for r, y, h in rows for c, x, w in columns],
                                 self.numbers.colours(palette))
        painter.setPen(self._grid_pen())       # Qt draws the grid after the cells, on each cell's far edges
        grid = [(area.left(), y + h, area.right(), y + h) for _r, y, h in rows]
        grid += [(x + w, area.top(), x + w, area.bottom()) for _c, x, w in columns]
        if grid:
            lines = np.array(grid, dtype=np.float64) + 0.5         # on the pixels' centres, as Qt draws it
            painter.drawLines(qt_array(lines, QLineF), len(lines))  # one call, not one a line
        painter.end()
        return True


class LogitTable(QWidget):
    """The table with its buttons: add, remove, paste a row of numbers."""

    error = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.model = LogitTableModel(store, self)
        self.view = LogitTableView(self.model)
        self.model.visible_rows = self._visible_rows
        self.view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
                                  | QAbstractItemView.AnyKeyPressed)
        self.view.verticalHeader().setDefaultSectionSize(22)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        hh.setStretchLastSection(True)
        for col, w in ((TARGET, 28), (LABEL, 90), (LOGIT, 90), (PROB, 90)):
            self.view.setColumnWidth(col, w)
        self.view.setToolTip(self.tr("Double-click or type to edit a label or logit; Ctrl+V pastes a row of numbers."))
        self.add_button = QPushButton(self.tr("Add class"))
        self.add_button.setToolTip(self.tr("Append a class with logit 0 (undoable)."))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.setToolTip(self.tr("Remove the selected classes (at least one stays)."))
        self.paste_button = QPushButton(self.tr("Paste logits"))
        self.paste_button.setToolTip(self.tr("Replace the logits by numbers from the clipboard: comma, space or tab "
                                             "separated, brackets allowed (as numpy and torch print them)."))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #e04646;")      # 3.5:1 on the light window, 3.1:1 on the dark
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.paste_button):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        paste = QAction(self.tr("Paste logits"), self.view)
        paste.setShortcut(QKeySequence.Paste)
        paste.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        paste.triggered.connect(self.paste_clipboard)
        self.view.addAction(paste)
        install_copy(self.view, store, (TARGET, LABEL, LOGIT, PROB, LOGPROB))   # Ctrl+C: the cells, in full
        self.add_button.clicked.connect(self.add_class)
        self.remove_button.clicked.connect(self.remove_selected)
        self.paste_button.clicked.connect(self.paste_clipboard)
        self.model.error.connect(self.show_error)
        store.state_changed.connect(self._clear_message)

    def _visible_rows(self) -> tuple[int, int]:
        vp = self.view.viewport()
        first = self.view.rowAt(0)
        last = self.view.rowAt(vp.height() - 1)
        n = self.model.rowCount()
        return (0 if first < 0 else first, n - 1 if last < 0 else last)

    def _clear_message(self, _state) -> None:
        if self.message.text():          # clearing an empty label still relayouts the table
            self.message.clear()

    def show_error(self, text: str) -> None:
        text = one_line(text)
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
            self.show_error(self.tr("Select the rows to remove first."))
            return
        try:
            self.store.set_state(self.store.state.remove_classes(rows))
        except StateError as exc:
            self.show_error(str(exc))

    def paste_text(self, text: str) -> bool:
        """Logits as numpy, torch or a spreadsheet print them: a row replaces the logits,
        several rows open as a batch (the first shown). Refused in one line, nothing changed."""
        st = self.store.state
        try:
            values = parse_logit_rows(text)
            if values.ndim == 2:
                check_logits("the pasted rows", values, "the batch")
                self.store.set_batch(Batch(values, None, None, self.tr("pasted rows")))
                return True
            n = values.size
            new = st.replace(logits=values, labels=st.labels[:n], target=min(st.target, n - 1))
        except (StateError, LogitFileError) as exc:
            problem = str(exc).removeprefix("the pasted rows: ")       # (the check's English)
            self.show_error(self.tr("Paste refused: {0}. The logits are unchanged.").format(problem))
            return False
        self.store.set_state(new)
        return True

    def paste_clipboard(self):
        return self.paste_text(QGuiApplication.clipboard().text())
