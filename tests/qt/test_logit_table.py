"""The logit table: edits, pastes, rows, and the p and log p columns it paints itself."""
import numpy as np
import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QRegion

from softmax_viewer import stable
from softmax_viewer.qt.logit_table import LABEL, LOGIT, LOGPROB, PROB, TARGET, format_number
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState


def test_table_edits(win):
    m = win.table.model
    assert m.setData(m.index(1, LOGIT), "7.5")
    assert win.store.state.logits[1] == 7.5
    assert m.setData(m.index(0, LABEL), "goes")
    assert win.store.state.label(0) == "goes"
    assert m.setData(m.index(2, TARGET), Qt.Checked, Qt.CheckStateRole)
    assert win.store.state.target == 2
    assert m.setData(m.index(3, LOGIT), "-inf")
    assert win.store.state.logits[3] == -np.inf


@pytest.mark.parametrize("text", ["abc", "nan", "inf", "+inf", ""])
def test_bad_cell_is_refused_with_a_message(win, text):
    m = win.table.model
    before = win.store.state
    assert not m.setData(m.index(1, LOGIT), text)
    assert win.store.state is before
    assert "Row 1" in win.table.message.text() and "old value is kept" in win.table.message.text()


def test_paste_a_row_of_numbers(win):
    assert win.table.paste_text("tensor([0.5000, -1.0000, 2.0000])")
    np.testing.assert_array_equal(win.store.state.logits, [0.5, -1.0, 2.0])
    assert win.store.state.target == 2
    before = win.store.state
    assert not win.table.paste_text("1, two, 3")
    assert win.store.state is before and "item 2" in win.table.message.text()


def test_add_and_remove_rows(win):
    win.table.add_class()
    assert win.store.state.n_classes == 5
    win.table.view.selectRow(0)
    win.table.remove_selected()
    assert win.store.state.n_classes == 4
    np.testing.assert_array_equal(win.store.state.logits, [2, 3, 4, 0])


def test_a_long_number_in_a_message_is_cut(win):
    win.table.paste_text("1" + "0" * 400 + "1, x")
    text = win.table.message.text()
    assert len(text) < 200 and "…" in text


def test_table_rows_off_screen_show_new_p_when_scrolled_to(win):
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    win.store.set_state(st)
    win.store.flush()
    win.store.set_state(win.store.state.replace(temperature=0.37))
    win.store.flush()
    model = win.table.model
    p = stable.softmax(win.store.state.logits / 0.37)
    win.table.view.scrollToBottom()
    assert model.data(model.index(990, PROB)) == format_number(float(p[990]))


def _shown_table(qtbot, n, rows_selected=(), current=None, scroll=0):
    w = MainWindow(ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(n), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    w.store.flush()
    view = w.table.view
    for r in rows_selected:
        view.selectionModel().select(view.model().index(r, PROB),
                                     view.selectionModel().SelectionFlag.Select
                                     | view.selectionModel().SelectionFlag.Rows)
    if current is not None:
        view.setCurrentIndex(view.model().index(current, PROB))
        view.setFocus()
    view.verticalScrollBar().setValue(scroll)
    qtbot.wait(10)
    return w, view


@pytest.mark.parametrize("n,rows_selected,current,scroll", [
    (1000, (2,), 2, 0),             # a selected row, the current cell in the p column, focus
    (10, (1, 2, 3), None, 0),       # a block of rows; fewer rows than the view is high
    (1000, (500, 503), 503, 497),   # scrolled down, two rows apart selected
])
def test_the_number_columns_repaint_as_qt_paints_them(qtbot, monkeypatch, n, rows_selected, current, scroll):
    """On a drag tick the table paints its p and log p cells itself, all in one call of its
    delegate's paint_cells; what it paints must be what Qt paints there (as it does for
    a repaint that reaches beyond those two columns), pixel for pixel."""
    w, view = _shown_table(qtbot, n, rows_selected, current, scroll)
    w.store.set_state(w.store.state.replace(temperature=0.37))
    w.store.flush()
    vp = view.viewport()
    first = view.rowAt(0)
    last = view.rowAt(vp.height() - 1)
    last = view.model().rowCount() - 1 if last < 0 else last
    x0 = view.columnViewportPosition(PROB)
    region = QRect(x0, 0, view.columnViewportPosition(LOGPROB) + view.columnWidth(LOGPROB) - x0,
                   view.rowViewportPosition(last) + view.rowHeight(last))
    assert first >= 0 and region.height() > 5 * 22

    def image(area: QRegion) -> QImage:
        """The pixels in ``region`` of the viewport repainted in ``area``."""
        im = QImage(vp.size(), QImage.Format_ARGB32)
        im.fill(0xFF123456)
        vp.render(im, area.boundingRect().topLeft(), area)
        return im.copy(region)

    painted = []                               # the cells each call of paint_cells painted
    paint_cells = view.numbers.paint_cells
    monkeypatch.setattr(view.numbers, "paint_cells",
                        lambda painter, cells, colours: (painted.append(len(cells)), paint_cells(painter, cells, colours)))
    ours = image(QRegion(region))
    assert painted == [2 * (last - first + 1)]             # every cell on screen, in one call
    painted.clear()
    qts = image(QRegion(region) + QRegion(0, 0, 1, 1))     # a pixel of another column too: Qt's repaint
    assert len(painted) > 1 and set(painted) == {1}        # its delegate, one cell a call
    assert ours == qts
