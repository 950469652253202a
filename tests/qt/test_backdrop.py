"""Widgets drawn over a kept picture of what lies behind them."""
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QGroupBox, QHBoxLayout, QSlider, QTabWidget, QVBoxLayout, QWidget

from softmax_viewer.qt.backdrop import over_backdrop
from softmax_viewer.qt.plotting import SteadyText


def _pixels(widget):
    im = widget.grab().toImage().convertToFormat(QImage.Format_RGB32)
    return np.frombuffer(im.constBits(), np.uint8).reshape(im.height(), -1, 4)[:, : im.width(), :3].copy()


def _form(backdrop: bool):
    """A tab page holding a group box with a slider and a spin box, and a line of text."""
    tabs = QTabWidget()
    page = QWidget()
    box = QGroupBox("a group box with a title")
    row = QHBoxLayout(box)
    slider, spin = QSlider(Qt.Horizontal), QDoubleSpinBox()
    slider.setRange(0, 100)
    row.addWidget(slider, 1)
    row.addWidget(spin)
    lay = QVBoxLayout(page)
    lay.addWidget(box)
    note = SteadyText(lines=2)
    lay.addWidget(note)
    tabs.addTab(page, "page")
    if backdrop:
        over_backdrop(slider, spin)
    else:                          # SteadyText has its backdrop built in: take it away for the twin
        note.removeEventFilter(note.backdrop)
        note.setAttribute(Qt.WA_OpaquePaintEvent, False)
    tabs.resize(420, 200)
    return tabs, box, slider, spin, note


def test_a_widget_over_its_backdrop_looks_the_same(qtbot):
    app = QApplication.instance()
    shown, box, slider, spin, note = _form(True)
    plain = _form(False)[0]
    for w in (shown, plain):
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
    # the style clears the attribute as it polishes sliders and spin boxes: set again after
    assert all(w.testAttribute(Qt.WA_OpaquePaintEvent) for w in (slider, spin, note))
    for value, text in ((30, "first"), (70, "a longer second line of text")):
        slider.setValue(value)
        spin.setValue(value / 10)
        note.setText(text)
        plain.findChild(QSlider).setValue(value)
        plain.findChild(QDoubleSpinBox).setValue(value / 10)
        plain.findChild(SteadyText).setText(text)
        app.processEvents()
        assert np.array_equal(_pixels(shown), _pixels(plain))


def test_the_backdrop_is_made_again_when_the_widget_moves_or_resizes(qtbot):
    shown, box, slider, spin, note = _form(True)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    QApplication.instance().processEvents()
    shown.resize(520, 260)                    # what lies behind the widgets moves: a new picture of it
    QApplication.instance().processEvents()
    note.repaint()
    plain = _form(False)[0]
    qtbot.addWidget(plain)
    plain.resize(520, 260)
    plain.show()
    qtbot.waitExposed(plain)
    plain.findChild(SteadyText).setText(note.text())
    QApplication.instance().processEvents()
    assert np.array_equal(_pixels(shown), _pixels(plain))
