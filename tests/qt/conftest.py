import pytest

from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


@pytest.fixture
def win(qtbot):
    """A main window of the default state (not shown), its first bundle drawn."""
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.store.flush()
    return w
