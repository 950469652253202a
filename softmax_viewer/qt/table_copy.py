"""Ctrl+C on the logit table: the selected cells as tab-separated text, every number in full.

A row a line, the selected cells of each row in column order, separated by
tabs: what a spreadsheet pastes as cells and ``numpy.loadtxt(delimiter="\\t")``
reads (the numeric columns). Numbers are the shortest text that reads back as
the same float (``repr``: 0.6439142598879722, inf, -inf), not the table's six
digits; the target column is 1 on the target's row and 0 elsewhere; a label is
the name the table shows (tabs and line breaks in it turned into spaces).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence


def cell_text(store, columns: tuple, row: int, column: int) -> str:
    """The cell in full. ``columns``: the table's column numbers of (target, label, logit, p, log p)."""
    target, label, logit, prob, log_prob = columns
    st = store.state
    if column == target:
        return "1" if row == st.target else "0"
    if column == label:
        return " ".join(st.label(row).split())
    if column == logit:
        return repr(float(st.logits[row]))
    b = store.bundle
    if column in (prob, log_prob) and b is not None and row < b.p.size:
        return repr(float(b.p[row] if column == prob else b.log_p[row]))
    return ""


def selected_text(view, store, columns: tuple) -> str:
    """The view's selected cells as tab-separated lines ("" when none is selected)."""
    model = view.selectionModel()
    if model is None:
        return ""
    cells = {}                          # row -> the selected columns (ranges, not one index a cell)
    for rng in model.selection():
        wanted = range(rng.left(), rng.right() + 1)
        for r in range(rng.top(), rng.bottom() + 1):
            cells.setdefault(r, set()).update(wanted)
    n = store.state.n_classes
    return "\n".join("\t".join(cell_text(store, columns, r, c) for c in sorted(cells[r]))
                     for r in sorted(cells) if r < n)


def install_copy(view, store, columns: tuple) -> QAction:
    """Ctrl+C (the platform's Copy) on ``view`` puts its selected cells on the clipboard."""
    action = QAction(QCoreApplication.translate("LogitTable", "Copy cells"), view)
    action.setShortcut(QKeySequence.Copy)
    action.setShortcutContext(Qt.WidgetWithChildrenShortcut)

    def copy():
        text = selected_text(view, store, columns)
        if text:
            QGuiApplication.clipboard().setText(text)
    action.triggered.connect(copy)
    view.addAction(action)
    return action
