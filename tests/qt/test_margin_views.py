"""The margins and the cosine mode in the window: controls, readout, loss and LSE panels."""
import math

import numpy as np
import pytest

from softmax_viewer.qt.logit_table import LOGIT
from softmax_viewer.state import ExplorerState


@pytest.fixture
def w(shown_window):
    return shown_window(1600, 900)


def test_the_margin_control_is_an_undoable_change_and_the_readout_shows_it(w):
    w.controls.margin.spin.setValue(0.5)
    st = w.store.state
    assert st.margin == 0.5 and st.effective_logits()[3] == 3.5
    w.store.flush()
    assert "0.5" in w.readout.values["margin"].text()
    w.store.undo()
    assert w.store.state.margin == 0.0 and w.controls.margin.value() == 0.0


def test_the_loss_panel_marks_the_implicit_margin(w):
    r = w.store.bundle.readout
    assert w.loss.implicit.isVisible() and w.loss.implicit.value() == pytest.approx(r["implicit_margin"])
    assert 0 <= r["implicit_margin"] <= math.log(3)
    w.controls.temperature.spin.setValue(0.0)
    w.store.flush()
    assert not w.loss.implicit.isVisible()


def test_the_cosine_mode_divides_the_logits_and_the_lse_panel_marks_the_scales(w):
    assert not any(rule.isVisible() for rule in w.lse.cosine_rules)
    w.controls.cosine.setChecked(True)
    w.store.flush()
    st = w.store.state
    assert st.cosine and st.logits.tolist() == [0.25, 0.5, 0.75, 1.0]
    r = w.store.bundle.readout
    want = 3 / 4 * math.log(3 * 0.9 / 0.1)
    assert r["cosine_scale_90"] == pytest.approx(want)
    assert w.lse.cosine_rules[0].isVisible()
    assert 10 ** w.lse.cosine_rules[0].value() == pytest.approx(want)
    w.store.undo()
    assert not w.store.state.cosine and not w.controls.cosine.isChecked()


def test_a_cosine_state_refuses_a_logit_past_one_in_one_line(w):
    w.store.set_state(ExplorerState(logits=np.array([0.1, 0.5, -0.2]), target=0, cosine=True))
    before = w.store.state
    m = w.table.model
    assert not m.setData(m.index(1, LOGIT), "3")
    assert w.store.state is before
    assert "cosine logits lie in [-1, 1]; class 1 is 3" in w.statusBar().currentMessage()
