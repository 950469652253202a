"""'Start here': a guided tour through the five articles' experiments, docked in the main window.

Each step (``tour_steps.STEPS``) sets a state through the window's store (so Undo works
inside the tour), frames the panel to look at (raising it if it is tabbed or docked) or
opens a lab, asks the learner to predict, and shows the answer on "Show me". Back, Next
and Leave tour work at any step. Leaving, closing the tour's dock or closing the window
gives the learner back what they had: their state (the very object), their undo history
and what they could redo, their open batch and its row, and the labs they had open; a
state that was saved is not marked unsaved.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (QDockWidget, QGridLayout, QLabel, QPushButton, QScrollArea, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from softmax_viewer.qt.tour_steps import PLACES, STEPS

FRAME_COLOUR = "#ff7f0e"        # the frame round the panel to look at
FRAME_WIDTH = 4
DOCK_HEIGHT = 150               # the tour's strip under the panels, first shown (at 1366x768 too)


def _t(text: str) -> str:
    return QCoreApplication.translate("Tour", text)


class Frame(QWidget):
    """A coloured frame drawn over a widget (it lets the mouse through), following its size."""

    def __init__(self):
        super().__init__()
        self.setAttribute(Qt.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.NoFocus)
        self.target = None

    def attach(self, target: QWidget) -> None:
        self.detach()
        self.target = target
        self.setParent(target)
        target.installEventFilter(self)
        self.setGeometry(target.rect())
        self.show()
        self.raise_()

    def detach(self) -> None:
        if self.target is not None:
            self.target.removeEventFilter(self)
            self.target = None
        self.hide()
        self.setParent(None)

    def eventFilter(self, obj, event):
        if obj is self.target and event.type() in (QEvent.Resize, QEvent.ChildAdded):
            self.setGeometry(obj.rect())
            self.raise_()
        return False

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setPen(QPen(QColor(FRAME_COLOUR), FRAME_WIDTH))
        half = FRAME_WIDTH // 2
        painter.drawRoundedRect(QRect(half, half, self.width() - FRAME_WIDTH, self.height() - FRAME_WIDTH), 6, 6)


def bring_into_view(widget: QWidget) -> None:
    """Show the page, tab, dock or scrolled area that holds ``widget``."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QStackedWidget):          # a QTabWidget's pages are one
            parent.setCurrentWidget(child)
        elif isinstance(parent, QDockWidget):
            parent.show()
            parent.raise_()
        elif isinstance(parent, QScrollArea) and parent.widget() is not None:
            parent.ensureWidgetVisible(widget)
        child, parent = parent, parent.parentWidget()


@dataclass
class _Learner:
    """What the learner had when the tour began."""
    state: object
    history: object                # the store's history_mark() when the tour began
    batch: object
    row: int
    labs_open: frozenset


def _open_labs(window) -> frozenset:
    return frozenset(k for k, dock in window.lab_docks.docks.items() if not dock.isHidden())


class Tour(QWidget):
    """The tour's view; ``start_tour(window)`` makes it and docks it in ``window``."""

    def __init__(self, window, steps=STEPS):
        super().__init__()
        self.main_window = window      # (not self.window: that is QWidget.window())
        self.store = window.store
        self.steps = tuple(steps)
        self.index = -1
        self.answer_shown = False
        self.pointed_at = None         # the widget framed now
        self.left = False
        self.frame = Frame()
        self._learner = self._keep_learner()

        self.counter = QLabel()
        self.counter.setStyleSheet("color: #555;")
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.question = QLabel()
        self.look = QLabel()
        self.look.setStyleSheet(f"color: {FRAME_COLOUR}; font-weight: bold;")
        self.answer = QLabel()
        self.answer.setStyleSheet("background: #fff6ea; padding: 4px;")
        for label in (self.question, self.answer, self.look, self.title):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.answer.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.show_button = QPushButton(self.tr("Show me"))
        self.show_button.setToolTip(self.tr("Show the answer (and the experiment's result) once you have guessed."))
        self.back_button = QPushButton(self.tr("Back"))
        self.next_button = QPushButton(self.tr("Next"))
        self.leave_button = QPushButton(self.tr("Leave tour"))
        self.leave_button.setToolTip(self.tr("End the tour: your own state, undo history and batch come back."))
        self.show_button.clicked.connect(self.show_answer)
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.leave_button.clicked.connect(self.leave)

        text = QVBoxLayout()
        text.setSpacing(3)
        for w in (self.counter, self.title, self.question, self.look):
            text.addWidget(w)
        text.addStretch(1)
        buttons = QVBoxLayout()
        buttons.setSpacing(3)
        for b in (self.show_button, self.back_button, self.next_button, self.leave_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QGridLayout(self)
        lay.setContentsMargins(6, 4, 6, 4)
        lay.addLayout(text, 0, 0)
        lay.addWidget(self.answer, 0, 1, Qt.AlignTop)
        lay.addLayout(buttons, 0, 2)
        lay.setColumnStretch(0, 1)
        lay.setColumnStretch(1, 1)

        self.dock = QDockWidget(self.tr("Start here: a guided tour"), window)
        self.dock.setObjectName("tour")
        self.dock.setAllowedAreas(Qt.BottomDockWidgetArea | Qt.RightDockWidgetArea)
        self.dock.setWidget(self)
        window.addDockWidget(Qt.BottomDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [DOCK_HEIGHT], Qt.Vertical)
        self.dock.installEventFilter(self)
        window.installEventFilter(self)
        self.go(0)

    # ---- the learner's own state ----
    def _keep_learner(self) -> _Learner:
        store = self.store
        row = self.main_window.row_picker.row if store.batch is not None else 0
        mark = store.history_mark()            # the state, and every undo and redo step around it
        return _Learner(mark.current, mark, store.batch, row, _open_labs(self.main_window))

    def _give_back(self) -> None:
        store, learner = self.store, self._learner
        if store.dragging:
            store.end_drag()
        if learner.batch is not None:
            store.set_batch(learner.batch, learner.row)
        elif store.batch is not None:
            store.set_batch(None)
        store.rewind(learner.history)          # the tour's states are neither undone nor redone to
        for key in _open_labs(self.main_window) - learner.labs_open:
            self.main_window.lab_docks.docks[key].hide()
        store.flush()

    # ---- moving through the steps ----
    @property
    def step(self):
        return self.steps[self.index]

    def go(self, index: int) -> None:
        """Begin step ``index``: its state, its panel or lab framed, its question asked."""
        if self.left:
            return
        self.index = max(0, min(index, len(self.steps) - 1))
        step = self.step
        self._set(step.state)
        for key in _open_labs(self.main_window) - self._learner.labs_open - {step.lab}:
            self.main_window.lab_docks.docks[key].hide()        # a lab the tour opened: room for the panels again
        if step.lab is not None:
            target = self.main_window.open_lab(step.lab)
            place = PLACES[step.lab]
        else:
            target = self.main_window.panel_widgets()[step.panel]
            place = PLACES[step.panel]
        bring_into_view(target)
        self.frame.attach(target)
        self.pointed_at = target
        self.answer_shown = False
        self.counter.setText(self.tr("Step {n} of {total}").format(n=self.index + 1, total=len(self.steps)))
        self.title.setText(_t(step.title))
        self.question.setText(_t(step.question))
        if step.lab is not None:
            self.look.setText(self.tr("Look at the framed lab: {place}.").format(place=_t(place)))
        else:
            self.look.setText(self.tr("Look at the framed panel: {place}.").format(place=_t(place)))
        self.answer.setText(self.tr("Guess first, then press Show me."))
        self.answer.setStyleSheet("color: #777; padding: 4px;")
        self.show_button.setEnabled(True)
        self.back_button.setEnabled(self.index > 0)
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        self.next_button.setToolTip(self.tr("End the tour and go back to your own state.") if last else
                                    self.tr("The next experiment."))

    def show_answer(self) -> None:
        """The answer, and the state of the experiment's result if the step has one."""
        if self.left or self.answer_shown:
            return
        step = self.step
        if step.shown is not None:
            self._set(step.shown)
        self.answer_shown = True
        self.answer.setText(_t(step.answer))
        self.answer.setStyleSheet("background: #fff6ea; color: #000; padding: 4px;")
        self.show_button.setEnabled(False)

    def next(self) -> None:
        if self.index == len(self.steps) - 1:
            self.leave()
        else:
            self.go(self.index + 1)

    def back(self) -> None:
        if self.index > 0:
            self.go(self.index - 1)

    def _set(self, setting) -> None:
        """Set the state of ``setting``; one that cannot be made is said in the status bar."""
        try:
            state = setting.state()
        except (KeyError, ValueError) as exc:          # a gallery preset gone or damaged (PresetError)
            if isinstance(exc, KeyError):
                text = self.tr("This step of the tour cannot set its state: no gallery preset {0}").format(setting.preset)
            else:
                text = self.tr("This step of the tour cannot set its state: {problem}").format(problem=str(exc))
            self.main_window.show_error(text)
            return
        store = self.store
        if store.batch is not None:
            store.set_batch(None)
        store.reset(state)             # as File > Open sets a preset: one undo step

    # ---- leaving ----
    def leave(self) -> None:
        """End the tour: everything the learner had comes back, and the dock goes."""
        if self.left:
            return
        self.left = True
        self.frame.detach()
        self.pointed_at = None
        self.main_window.removeEventFilter(self)
        self.dock.removeEventFilter(self)
        self._give_back()
        self.dock.hide()
        self.main_window.removeDockWidget(self.dock)
        self.dock.deleteLater()
        self.frame.deleteLater()

    def eventFilter(self, obj: QObject, event) -> bool:
        # before the window's own closeEvent (which remembers the state and asks about saving)
        if event.type() == QEvent.Close and obj in (self.main_window, self.dock):
            self.leave()
        return False


def start_tour(window) -> Tour:
    """Start the guided tour in ``window`` (a MainWindow), or bring back the one running; the Tour."""
    for tour in window.findChildren(Tour):
        if not tour.left:
            tour.dock.show()
            tour.dock.raise_()
            return tour
    return Tour(window)
