"""Everything that imports PySide6 or pyqtgraph lives under this package."""
