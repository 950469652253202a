"""The control panel: each widget sets the state, and follows it."""
import math

import numpy as np
import pytest
from PySide6.QtWidgets import QSpinBox

from softmax_viewer.qt.controls import SLIDER_STEPS, signals_blocked
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState


# ---- UI -> state ----

@pytest.mark.parametrize("name,value", [("scale", 2.5), ("temperature", 0.0), ("temperature", 250.0),
                                        ("epsilon", 0.25)])
def test_spin_boxes_set_the_state(win, name, value):
    getattr(win.controls, name).spin.setValue(value)
    assert getattr(win.store.state, name) == value


def test_log_slider_maps_to_the_value(win):
    win.controls.scale.slider.setValue(1000)
    assert win.store.state.scale == 100.0
    win.controls.scale.slider.setValue(0)
    assert win.store.state.scale == 0.01
    win.controls.scale.slider.setValue(500)
    assert win.store.state.scale == pytest.approx(1.0)


def test_class_count_and_generators(win):
    c = win.controls
    c.n_classes.setValue(7)
    assert win.store.state.n_classes == 7
    np.testing.assert_array_equal(win.store.state.logits, [1, 2, 3, 4, 0, 0, 0])
    c.generator.setCurrentIndex(1)            # evenly spaced
    c.low.setValue(-10.0)
    c.high.setValue(10.0)
    c.n_classes.setValue(10)
    np.testing.assert_allclose(win.store.state.logits, np.linspace(-10, 10, 10))
    c.generator.setCurrentIndex(2)            # gaussian
    c.seed.setValue(3)
    c.std.setValue(2.0)
    expected = 2.0 * np.random.default_rng(3).standard_normal(10)
    np.testing.assert_allclose(win.store.state.logits, expected)
    assert win.table.model.rowCount() == 10


def test_target_and_view_options(win):
    c = win.controls
    c.target.setValue(1)
    assert win.store.state.target == 1
    c.prob_axis.setCurrentIndex(1)
    assert win.store.state.log_probabilities
    c.lse_mode.setCurrentIndex(1)
    assert win.store.state.lse_mode == "n_classes"
    c.surface_loss.setCurrentIndex(3)
    assert win.store.state.surface_loss == "hinge"
    c.surface_i.setValue(2)
    c.surface_j.setValue(3)
    assert (win.store.state.surface_i, win.store.state.surface_j) == (2, 3)


# ---- state -> UI ----

def test_widgets_follow_the_state(win):
    st = ExplorerState(logits=[1.0, 2.0, 3.0, 4.0, 5.0], target=4, scale=3.0, temperature=0.5, epsilon=0.2,
                       generator=Generator(kind="linspace", low=-3, high=3), log_probabilities=True,
                       lse_mode="n_classes", surface_loss="lse_hinge", surface_i=3, surface_j=4)
    emitted = []
    win.store.state_changed.connect(lambda s: emitted.append(s))
    win.store.set_state(st)
    c = win.controls
    # the log slider over 0.01 .. 100 rests where 3.0 lies on it
    assert c.scale.spin.value() == 3.0
    assert c.scale.slider.value() == round(SLIDER_STEPS * (math.log10(3.0) + 2) / 4)
    assert c.temperature.spin.value() == 0.5
    assert c.epsilon.spin.value() == 0.2
    assert c.target.value() == 4 and c.n_classes.value() == 5
    assert c.generator.currentIndex() == 1 and c.low.value() == -3 and c.high.value() == 3
    assert c.prob_axis.currentIndex() == 1 and c.lse_mode.currentIndex() == 1
    assert c.surface_loss.currentIndex() == 2 and c.surface_j.value() == 4
    assert win.table.model.rowCount() == 5
    assert emitted == [st]                    # following it did not feed back a new state


def test_a_widget_update_that_fails_leaves_no_signal_blocked(qtbot):
    a, b = QSpinBox(), QSpinBox()
    qtbot.addWidget(a)
    qtbot.addWidget(b)
    with pytest.raises(RuntimeError), signals_blocked(a, b):
        assert a.signalsBlocked() and b.signalsBlocked()
        raise RuntimeError("boom")
    assert not a.signalsBlocked() and not b.signalsBlocked()
