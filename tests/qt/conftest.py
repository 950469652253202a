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


@pytest.fixture
def shown_window(qtbot, monkeypatch):
    """shown_window(width, height): a main window of the default state shown at that size (laid
    out as on screen), its first bundle drawn; what it reports goes to its ``errors`` list, not a dialog."""
    def make(width=1800, height=1000):
        w = MainWindow(ExplorerState(), remember=False)
        qtbot.addWidget(w)
        w.errors = []
        monkeypatch.setattr(w, "report_error", lambda title, text: w.errors.append(text))
        w.resize(width, height)
        w.show()
        qtbot.waitExposed(w)
        w.store.flush()
        return w
    return make
