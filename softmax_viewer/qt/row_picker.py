"""The row picker: which sample of the open batch the explorer shows (spin box, slider, PgUp/PgDn)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QSpinBox, QWidget

from softmax_viewer.qt.controls import signals_blocked


class RowPicker(QWidget):
    """Shown while a batch is open; a row chosen is shown by the store (one undo step)."""

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.spin = QSpinBox()
        self.spin.setToolTip(self.tr("The sample of the batch the explorer shows (PgUp / PgDn step through them)."))
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip(self.spin.toolTip())
        self.info = QLabel()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("Sample")))
        lay.addWidget(self.spin)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.info)
        self.row = 0
        self.spin.valueChanged.connect(self.choose)
        self.slider.valueChanged.connect(self.choose)
        for key, step in ((QKeySequence.MoveToPreviousPage, -1), (QKeySequence.MoveToNextPage, 1)):
            shortcut = QShortcut(key, parent if parent is not None else self)
            shortcut.setContext(Qt.WindowShortcut)
            shortcut.activated.connect(lambda s=step: self.step(s))
        store.batch_changed.connect(self.show_batch)
        store.row_shown.connect(lambda row: self._show(row) if row != self.row else None)
        self.show_batch(store.batch)

    def show_batch(self, batch) -> None:
        self.setVisible(batch is not None)
        if batch is None:
            return
        with signals_blocked(self.spin, self.slider):
            self.spin.setRange(0, batch.n_samples - 1)
            self.slider.setRange(0, batch.n_samples - 1)
        self.row = -1
        self._show(0)

    def _show(self, row: int) -> None:
        batch = self.store.batch
        with signals_blocked(self.spin, self.slider):
            self.spin.setValue(row)
            self.slider.setValue(row)
        self.row = row
        if batch.labels is None:
            self.info.setText(self.tr("of {0:,}").format(batch.n_samples))
        else:
            self.info.setText(self.tr("of {0:,}  label {1}").format(batch.n_samples,
                                                                    self._name(batch, int(batch.labels[row]))))

    @staticmethod
    def _name(batch, k: int) -> str:
        return batch.class_names[k] if batch.class_names else str(k)

    def choose(self, row: int) -> None:
        """Show sample ``row`` of the batch in the explorer."""
        batch = self.store.batch
        if batch is None or row == self.row or not 0 <= row < batch.n_samples:
            return
        self._show(row)
        self.store.show_row(row)

    def step(self, by: int) -> None:
        if self.store.batch is not None:
            self.choose(min(max(self.row + by, 0), self.store.batch.n_samples - 1))
