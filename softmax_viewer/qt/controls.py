"""Controls: logarithmic sliders with spin boxes, and the control panel that binds them."""
from __future__ import annotations

import math
import sys
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QValidator
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSlider, QSpinBox,
    QStackedWidget, QVBoxLayout, QWidget, QAbstractSpinBox,
)

from softmax_viewer.qt.backdrop import over_backdrop
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.sweep import PlayButton, Sweep
from softmax_viewer import names
from softmax_viewer.limits import LARGEST, MAX_CLASSES, MAX_MARGIN, MAX_SEED, StateError
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

SLIDER_STEPS = 1000
FLOAT_MAX = sys.float_info.max


@contextmanager
def signals_blocked(*widgets):
    """The widgets' signals blocked inside the block, and unblocked after it whatever
    happens there (an exception included): a widget never stays deaf."""
    blockers = [QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for b in blockers:
            b.unblock()


def format_value(v: float) -> str:
    """The shortest text that reads back as exactly ``v`` (1e-300, 0.37, 2.5, 100)."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


class NumberSpin(QDoubleSpinBox):
    """A spin box for one float that holds and shows every value of its range exactly.

    QDoubleSpinBox rounds to its decimals; at 323 decimals (its most) every value
    from 1e-300 up keeps all its digits, which is why the state takes no smaller
    nonzero value. The text is the shortest that reads back exactly (``format_value``).
    """

    def __init__(self, lo: float, hi: float, tooltip: str = "", parent=None):
        super().__init__(parent)
        self.setDecimals(323)
        self.setRange(lo, hi)
        self.setKeyboardTracking(False)
        self.setStepType(QAbstractSpinBox.AdaptiveDecimalStepType)
        self.setToolTip(tooltip)

    def textFromValue(self, v: float) -> str:
        return format_value(v)

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace("−", "-"))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        t = text.strip().replace("−", "-")
        try:
            v = float(t)
        except ValueError:
            ok = all(ch in "0123456789+-.eE" for ch in t)
            return (QValidator.Intermediate if ok else QValidator.Invalid), text, pos
        if math.isfinite(v) and self.minimum() <= v <= self.maximum():
            return QValidator.Acceptable, text, pos
        return QValidator.Intermediate, text, pos


class SliderSpin(QWidget):
    """A slider beside a spin box for one number.

    ``log=True`` maps the slider logarithmically over [lo, hi]; the spin box
    accepts any value in [spin_min, spin_max], also beyond the slider (which
    then rests at its end).  ``edited(value, transient)``: transient while the
    slider is being dragged; ``drag_finished`` on release.
    """

    edited = Signal(float, bool)
    drag_finished = Signal()

    def __init__(self, lo, hi, *, log, spin_min, spin_max, tooltip="", parent=None):
        super().__init__(parent)
        self._lo, self._hi, self._log = lo, hi, log
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setPageStep(SLIDER_STEPS // 20)
        self.spin = NumberSpin(spin_min, spin_max)
        self.spin.setMinimumWidth(90)
        self.spin.setMaximumWidth(120)
        for w in (self, self.slider, self.spin):
            w.setToolTip(tooltip)
        # a drag repaints the slider and the number alone, not the group box behind them
        over_backdrop(self.slider, self.spin)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.spin)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self.drag_finished)
        self.spin.valueChanged.connect(lambda v: self.edited.emit(float(v), False))

    def _to_value(self, pos: int) -> float:
        f = pos / SLIDER_STEPS
        if self._log:
            return 10 ** (math.log10(self._lo) + f * (math.log10(self._hi) - math.log10(self._lo)))
        return self._lo + f * (self._hi - self._lo)

    def _to_pos(self, v: float) -> int:
        if self._log:
            if v <= 0:
                return 0
            f = (math.log10(v) - math.log10(self._lo)) / (math.log10(self._hi) - math.log10(self._lo))
        else:
            f = (v - self._lo) / (self._hi - self._lo)
        return int(round(min(max(f, 0.0), 1.0) * SLIDER_STEPS))

    def _slider_moved(self, pos: int) -> None:
        v = float(f"{self._to_value(pos):.4g}")        # round numbers are easier to read
        self.spin.blockSignals(True)
        self.spin.setValue(v)
        self.spin.blockSignals(False)
        self.edited.emit(v, self.slider.isSliderDown())

    def value(self) -> float:
        return self.spin.value()

    def bounds(self) -> tuple:
        """The slider's range (lo, hi); the spin box may go beyond it."""
        return self._lo, self._hi

    def show_value(self, v: float) -> None:
        """Follow the state without emitting anything: the number, and the slider at its place
        (a value typed into the spin box moves the handle too; a handle held is left alone)."""
        with signals_blocked(self.slider, self.spin):
            if self.spin.value() != v:
                self.spin.setValue(v)
            if not self.slider.isSliderDown() and self.slider.value() != self._to_pos(v):
                self.slider.setValue(self._to_pos(v))


def _spin(lo, hi, tooltip, *, number=False):
    """A spin box for a whole number (QSpinBox) or, ``number``, any float (NumberSpin)."""
    if number:
        w = NumberSpin(lo, hi, tooltip)
    else:
        w = QSpinBox()
        w.setRange(lo, hi)
        w.setKeyboardTracking(False)
        w.setToolTip(tooltip)
    w.setMaximumWidth(130)
    return w


class ControlPanel(QWidget):
    """Scale, temperature, eps, class count and its generator, target, view options.

    Holds no truth: every edit asks the store for a new state, and every state
    change from elsewhere is shown with the widgets' signals blocked.
    """

    error = Signal(str)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)

        box = QGroupBox(self.tr("What the softmax sees:  u = s · z / T"))
        form = QFormLayout(box)
        self.scale = SliderSpin(0.01, 100, log=True, spin_min=0.0, spin_max=LARGEST, tooltip=self.tr(
            "Scale s multiplies every logit: u = s·z/T. Large s sharpens softmax towards argmax "
            "and LSE towards max; small s flattens p towards uniform and LSE towards max + log N."))
        self.temperature = SliderSpin(0.01, 100, log=True, spin_min=0.0, spin_max=LARGEST, tooltip=self.tr(
            "Temperature T divides the logits: u = s·z/T. T → 0 is argmax (type 0 in the box: "
            "one-hot, ties share); large T makes p uniform."))
        self.epsilon = SliderSpin(0.0, 1.0, log=False, spin_min=0.0, spin_max=1.0, tooltip=self.tr(
            "Label smoothing ε: q = (1 − ε)·onehot(y) + ε/N. ε > 0 bounds the target's logit gap "
            "at log((1 − ε + ε/N)/(ε/N)); ε = 1 makes q uniform."))
        self.plays = {}                # key -> its PlayButton (scale, temperature)
        for key, w, tip in (
                ("scale", self.scale, self.tr("Play: sweep s smoothly over the slider's range and back. "
                                              "Esc or the slider stops it.")),
                ("temperature", self.temperature, self.tr("Play: sweep T smoothly over the slider's range and "
                                                          "back. Esc or the slider stops it."))):
            sweep = Sweep(store, key, *w.bounds())
            self.plays[key] = PlayButton(sweep, tip)
            w.layout().insertWidget(0, self.plays[key])
            sweep.error.connect(self.error)
            # the user wins: pressing the slider or editing the value stops the sweep first
            w.slider.sliderPressed.connect(sweep.stop)
            w.edited.connect(lambda *_, s=sweep: s.stop())
        form.addRow(self.tr("Scale s"), self.scale)
        form.addRow(self.tr("Temperature T"), self.temperature)
        form.addRow(self.tr("Smoothing ε"), self.epsilon)
        self.margin = SliderSpin(-5.0, 5.0, log=False, spin_min=-MAX_MARGIN, spin_max=MAX_MARGIN, tooltip=self.tr(
            "Additive margin m (AM-Softmax, CosFace): the target's logit is z_y − m before scaling, in every "
            "loss. The LSE-hinge already asks for an implicit margin, LSE − max of the rivals (readout)."))
        form.addRow(self.tr("Margin m"), self.margin)
        self.cosine = QCheckBox(self.tr("logits are cosines in [−1, 1]"))
        self.cosine.setToolTip(self.tr("Normalized features: each logit a cosine, s scales them. Turning it on "
                                       "divides the logits by their largest size; the readout and the LSE panel "
                                       "show the smallest s at which p_y can reach 0.9 and 0.99."))
        form.addRow(self.tr("Cosine mode"), self.cosine)
        self.target = _spin(0, 0, self.tr("Target class y: the one-hot of q, and the class the losses reward."))
        self.target_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.target)
        row.addWidget(self.target_label, 1)
        form.addRow(self.tr("Target y"), row)
        lay.addWidget(box)

        gbox = QGroupBox(self.tr("Class count N and how new logits are made"))
        gform = QFormLayout(gbox)
        self.n_classes = _spin(1, MAX_CLASSES, (
            "Number of classes N. More classes at a fixed logit range flatten softmax "
            "(seed 000: the top p falls from 0.89 at N = 10); LSE − max grows up to log N."))
        self.generator = QComboBox()
        self.generator.addItems([self.tr("pad with a value (keep edited)"), self.tr("evenly spaced over a range"),
                                 self.tr("Gaussian with a seed")])
        self.generator.setToolTip(self.tr("How the logits are made when N changes."))
        self._kinds = ["pad", "linspace", "gaussian"]
        self.gen_stack = QStackedWidget()
        self.pad_value = _spin(-FLOAT_MAX, FLOAT_MAX, self.tr("Logit given to new classes."), number=True)
        pad_w = QWidget(); QHBoxLayout(pad_w).addWidget(self.pad_value)
        self.low = _spin(-FLOAT_MAX, FLOAT_MAX, self.tr("Lowest logit of the even spacing."), number=True)
        self.high = _spin(-FLOAT_MAX, FLOAT_MAX, self.tr("Highest logit of the even spacing."), number=True)
        lin_w = QWidget(); ll = QHBoxLayout(lin_w); ll.addWidget(QLabel(self.tr("from"))); ll.addWidget(self.low)
        ll.addWidget(QLabel(self.tr("to"))); ll.addWidget(self.high)
        self.mean = _spin(-FLOAT_MAX, FLOAT_MAX, self.tr("Mean of the Gaussian logits."), number=True)
        self.std = _spin(0.0, FLOAT_MAX, self.tr("Standard deviation of the Gaussian logits: their spread decides how "
                                         "sharp softmax is."), number=True)
        self.seed = _spin(0, MAX_SEED, self.tr("Random seed: the same seed gives the same logits."))
        g_w = QWidget(); gl = QGridLayout(g_w)          # two rows: the column fits a laptop's screen
        for k, (lab, w) in enumerate(((self.tr("mean"), self.mean), (self.tr("std"), self.std),
                                      (self.tr("seed"), self.seed))):
            gl.addWidget(QLabel(lab), k // 2, 2 * (k % 2))
            gl.addWidget(w, k // 2, 2 * (k % 2) + 1)
        for w in (pad_w, lin_w, g_w):
            w.layout().setContentsMargins(0, 0, 0, 0)
            self.gen_stack.addWidget(w)
        gform.addRow(self.tr("Classes N"), self.n_classes)
        gform.addRow(self.tr("New logits"), self.generator)
        gform.addRow("", self.gen_stack)
        lay.addWidget(gbox)

        vbox = QGroupBox(self.tr("Views"))
        vform = QFormLayout(vbox)
        self.prob_axis = QComboBox()
        self.prob_axis.addItems([self.tr("linear p"), self.tr("log p (log_softmax)")])
        self.prob_axis.setToolTip(self.tr("Probability axis: p, or log p from log_softmax (finite where p underflows)."))
        self.lse_mode = QComboBox()
        self.lse_mode.addItems([tr(t) for t in names.LSE_MODES.values()])
        self.lse_mode.setToolTip(self.tr("LSE panel: max(u) ≤ LSE(u) ≤ max(u) + log N while s or N sweeps."))
        self.surface_loss = QComboBox()
        self.surface_loss.addItems([tr(t) for t in names.LOSSES.values()])
        self._losses = list(names.LOSSES)
        self.surface_loss.setToolTip(self.tr("The loss drawn over two logits in the surface panel."))
        self.surface_i = _spin(0, 0, self.tr("First logit of the loss surface (x axis)."))
        self.surface_j = _spin(0, 0, self.tr("Second logit of the loss surface (y axis)."))
        ij = QHBoxLayout(); ij.addWidget(QLabel(self.tr("x: z"))); ij.addWidget(self.surface_i)
        ij.addWidget(QLabel(self.tr("y: z"))); ij.addWidget(self.surface_j)
        vform.addRow(self.tr("Probabilities"), self.prob_axis)
        vform.addRow(self.tr("LSE vs max"), self.lse_mode)
        vform.addRow(self.tr("Surface loss"), self.surface_loss)
        vform.addRow(self.tr("Surface over"), ij)
        lay.addWidget(vbox)

        # ---- UI -> state ----
        self.scale.edited.connect(lambda v, tr: self._ask(lambda s: s.replace(scale=v), tr))
        self.temperature.edited.connect(lambda v, tr: self._ask(lambda s: s.replace(temperature=v), tr))
        self.epsilon.edited.connect(lambda v, tr: self._ask(lambda s: s.replace(epsilon=v), tr))
        self.margin.edited.connect(lambda v, tr: self._ask(lambda s: s.replace(margin=v), tr))
        self.cosine.toggled.connect(lambda on: self._ask(lambda s: s.as_cosines() if on else s.replace(cosine=False)))
        for w in (self.scale, self.temperature, self.epsilon, self.margin):
            w.drag_finished.connect(store.end_drag)
        self.target.valueChanged.connect(lambda v: self._ask(lambda s: s.replace(target=int(v))))
        self.n_classes.valueChanged.connect(lambda v: self._ask(lambda s: s.with_n_classes(int(v))))
        self.generator.currentIndexChanged.connect(self._generator_edited)
        for w in (self.pad_value, self.low, self.high, self.mean, self.std, self.seed):
            w.valueChanged.connect(self._generator_edited)
        self.prob_axis.currentIndexChanged.connect(
            lambda i: self._ask(lambda s: s.replace(log_probabilities=bool(i))))
        self.lse_mode.currentIndexChanged.connect(
            lambda i: self._ask(lambda s: s.replace(lse_mode=list(names.LSE_MODES)[i])))
        self.surface_loss.currentIndexChanged.connect(
            lambda i: self._ask(lambda s: s.replace(surface_loss=self._losses[i])))
        self.surface_i.valueChanged.connect(lambda v: self._ask(lambda s: s.replace(surface_i=int(v))))
        self.surface_j.valueChanged.connect(lambda v: self._ask(lambda s: s.replace(surface_j=int(v))))

        # ---- state -> UI ----
        store.state_changed.connect(self.show_state)
        self.show_state(store.state)

    def stop_sweeps(self) -> None:
        """Stop any sweep that plays (its value is kept, one undo step)."""
        for button in self.plays.values():
            button.sweep.stop()

    @property
    def generator_kinds(self) -> tuple:
        """The generator kind of each entry of the generator combo box, in order."""
        return tuple(self._kinds)

    def _ask(self, change, transient=False):
        try:
            new = change(self.store.state)
        except StateError as exc:
            self.error.emit(str(exc))
            self.show_state(self.store.state)
            return
        self.store.set_state(new, transient=transient)

    def _generator_edited(self, *_):
        kind = self._kinds[self.generator.currentIndex()]
        self.gen_stack.setCurrentIndex(self.generator.currentIndex())
        try:
            gen = Generator(kind=kind, low=self.low.value(), high=self.high.value(), mean=self.mean.value(),
                            std=self.std.value(), seed=int(self.seed.value()), pad_value=self.pad_value.value())
        except StateError as exc:
            self.error.emit(str(exc))
            self.show_state(self.store.state)
            return
        self._ask(lambda s: s.with_generator(gen))

    def show_state(self, st: ExplorerState) -> None:
        """Follow the state, touching only widgets whose value differs.

        Setting a spin box's value or range, even to the same thing, repaints it
        and can relayout the whole column; during a drag only one value moves.
        """
        widgets = (self.target, self.n_classes, self.generator, self.pad_value, self.low, self.high,
                   self.mean, self.std, self.seed, self.prob_axis, self.lse_mode, self.surface_loss,
                   self.surface_i, self.surface_j, self.cosine)
        with signals_blocked(*widgets):
            if self.cosine.isChecked() != st.cosine:
                self.cosine.setChecked(st.cosine)
            for w, v in ((self.scale, st.scale), (self.temperature, st.temperature), (self.epsilon, st.epsilon),
                         (self.margin, st.margin)):
                w.show_value(v)                # (it touches only what differs)
            n = st.n_classes
            for w in (self.target, self.surface_i, self.surface_j):
                if w.maximum() != n - 1:
                    w.setMaximum(n - 1)
            g = st.generator
            kind = self._kinds.index(g.kind)
            for w, v in ((self.target, st.target), (self.n_classes, n), (self.pad_value, g.pad_value),
                         (self.low, g.low), (self.high, g.high), (self.mean, g.mean), (self.std, g.std),
                         (self.seed, g.seed), (self.surface_i, st.surface_i), (self.surface_j, st.surface_j)):
                if w.value() != v:
                    w.setValue(v)
            for w, i in ((self.generator, kind), (self.gen_stack, kind), (self.prob_axis, int(st.log_probabilities)),
                         (self.lse_mode, list(names.LSE_MODES).index(st.lse_mode)),
                         (self.surface_loss, self._losses.index(st.surface_loss))):
                if w.currentIndex() != i:
                    w.setCurrentIndex(i)
            label = st.label(st.target)
            if self.target_label.text() != label:
                self.target_label.setText(label)


class SpinUndoKeys(QObject):
    """Ctrl+Z and Ctrl+Shift+Z in a spin box undo and redo the state (a spin box would take
    them for its own text, just after a value was typed, and undo nothing the user sees)."""

    def eventFilter(self, obj, event):
        if (event.type() == QEvent.ShortcutOverride
                and (isinstance(obj, QAbstractSpinBox) or isinstance(obj.parent(), QAbstractSpinBox))
                and (event.matches(QKeySequence.Undo) or event.matches(QKeySequence.Redo)
                     or event.keyCombination().toCombined() == QKeySequence("Ctrl+Shift+Z")[0].toCombined())
                and obj.window() is self.parent().window()):
            event.ignore()                 # not the spin box's: the window's shortcut takes it
            return True
        return False


def install_spin_undo(root, keys: SpinUndoKeys) -> None:
    """``keys`` on every spin box of ``root`` (and its line edit): Ctrl+Z there undoes the state."""
    for box in root.findChildren(QAbstractSpinBox):
        box.installEventFilter(keys)
        box.lineEdit().installEventFilter(keys)
