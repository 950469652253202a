"""The six panels' grid: three columns where there is room, fewer (scrolling down) where not.

A lab docked beside the panels on a laptop's screen, or 200 % scaling, leaves the panels a
few hundred pixels: three columns of them would be too narrow to read, so they reflow to
two columns, or one, each at least MIN_PANEL_HEIGHT tall, in a scroll area.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QWidget

COLUMN_WIDTH = 300               # a panel narrower than this is not readable: fewer columns
MIN_PANEL_HEIGHT = 240           # a panel's height when the grid scrolls


class PanelGrid(QScrollArea):
    def __init__(self, panels, parent=None):
        super().__init__(parent)
        self.panels = list(panels)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        inner = QWidget()
        self.grid = QGridLayout(inner)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(4)
        self.setWidget(inner)
        self.columns = 0
        self._place(3)

    def columns_for(self, width: int) -> int:
        return max(1, min(3, width // COLUMN_WIDTH))

    def _place(self, columns: int) -> None:
        if columns == self.columns:
            return
        self.columns = columns
        for panel in self.panels:
            self.grid.removeWidget(panel)
        for k, panel in enumerate(self.panels):
            self.grid.addWidget(panel, k // columns, k % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        rows = -(-len(self.panels) // columns)
        for r in range(6):
            self.grid.setRowStretch(r, 1 if r < rows else 0)
        # three columns fill the height; fewer scroll, each panel tall enough to read
        height = MIN_PANEL_HEIGHT if columns < 3 else 0
        for panel in self.panels:
            panel.setMinimumHeight(height)

    def resizeEvent(self, event):
        self._place(self.columns_for(event.size().width()))
        super().resizeEvent(event)
