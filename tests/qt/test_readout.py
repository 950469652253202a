"""The readout: numbers level with their names and formulas, repainted without a relayout."""
import numpy as np
from PySide6.QtCore import QRect

from softmax_viewer import stable
from softmax_viewer.derived import compute
from softmax_viewer.qt.panels.readout import ROWS, ReadoutPanel
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


def _beside(panel, r):
    """The widgets the number of row ``r`` is level with: its name, and its formula when beside it."""
    return panel.row_widgets(ROWS[r][0])


def test_readout_numbers_sit_level_with_their_names(qtbot):
    panel = ReadoutPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 700)
    panel.show()
    qtbot.waitExposed(panel)
    panel.draw(compute(ExplorerState(logits=[1.0, 2.0, 3.0], target=2)))
    column = panel.value_column
    for r, (key, _name, _formula) in enumerate(ROWS):
        name_label = _beside(panel, r)[0]
        centre = column.mapTo(name_label.parentWidget(), column.row_rect(r).center()).y()
        assert name_label.geometry().top() <= centre <= name_label.geometry().bottom(), key
        assert panel.values[key].text() != ""
    assert column.row_at(column.row_rect(3).center().y()) == 3


def test_readout_values_repaint_without_relayout(win):
    win.store.set_state(ExplorerState(logits=[1.0, 2.0, 3.0], target=2))
    win.store.flush()
    cell = win.readout.values["cross_entropy"]
    assert cell.text() == f"{stable.cross_entropy(np.array([1.0, 2.0, 3.0]), 2):.6g}"
    column = win.readout.value_column
    size = column.size()
    win.store.set_state(win.store.state.replace(scale=1e-7))
    win.store.flush()
    assert column.size() == size and cell.text() != ""


def test_readout_rows_follow_a_relayout(qtbot):
    """The value column keeps its rows' rects between layouts; when a narrower
    panel wraps a formula, the rows below move and the rects follow."""
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.resize(1800, 1000)                  # wide: no formula wraps yet
    w.show()
    qtbot.waitExposed(w)
    column = w.readout.value_column

    def fresh(r):
        widgets = _beside(w.readout, r)
        top = min(x.geometry().top() for x in widgets)
        bottom = max(x.geometry().bottom() for x in widgets)
        return QRect(0, top - column.y(), column.width(), bottom - top + 1)

    rows = range(len(ROWS))
    assert [column.row_rect(r) for r in rows] == [fresh(r) for r in rows]
    before = column.row_rect(len(ROWS) - 1)
    w.readout.setFixedWidth(260)          # formulas wrap: the rows grow and move down
    qtbot.waitUntil(lambda: fresh(len(ROWS) - 1) != before, timeout=2000)
    qtbot.wait(10)
    assert [column.row_rect(r) for r in rows] == [fresh(r) for r in rows]
