"""The window shows every state the fuzzed preset loader accepts, and its controls keep working."""
import warnings

from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState
from tests.fuzz_cases import SEED, accepted_states


def test_the_window_shows_every_fuzzed_state_the_loader_accepts(qtbot):
    w = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(w)
    w.resize(1400, 860)
    w.show()
    accepted, _ = accepted_states(1200, SEED + 2)
    for text, st in accepted[:200]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            w.store.reset(st)
            w.store.flush()
            c = w.controls
            assert (c.scale.value(), c.temperature.value(), c.epsilon.value(), c.target.value(),
                    c.seed.value(), c.low.value()) == (st.scale, st.temperature, st.epsilon, st.target,
                                                       st.generator.seed, st.generator.low), text
            c.n_classes.setValue(st.n_classes + 1)      # the controls still work
            assert w.store.state.n_classes == st.n_classes + 1, text
