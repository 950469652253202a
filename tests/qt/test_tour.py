"""The guided tour ("Start here"): its steps, the numbers it quotes, Back / Next / Leave, and the
learner's own state, undo history and batch coming back when it ends."""
import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator

from softmax_viewer import labs, names, stable
from softmax_viewer.batch import Batch
from softmax_viewer.qt.tour import Tour, start_tour
from softmax_viewer.qt.tour_steps import STEPS, Setting, Step


def _orange_minimum() -> float:
    """Where the smoothed CE of the label-smoothing preset is least against the target's margin
    (its rivals held where they are), to 1e-4."""
    from softmax_viewer import presets
    st = presets.load(presets.gallery()["10-label-smoothing"])
    u, y = st.effective_logits(), st.target
    rivals = np.delete(u, y)
    xs = np.linspace(2.0, 4.0, 20001)
    loss = [stable.cross_entropy(np.insert(rivals, y, rivals.max() + x), y, epsilon=st.epsilon) for x in xs]
    return float(xs[int(np.argmin(loss))])

Z4 = np.array([1.0, 2.0, 3.0, 4.0])
DOG = np.array([2.0, 1.6, 0.5])
SIMPLEX = np.array([1.0] + [-1.0 / 9] * 9)
COS90 = 0.9 * math.log(9 * 0.9 / 0.1)
OVER = np.array([1.5, 1.2, 1.0])
WORDS = np.array([38.0, 20.0, 40.0, 39.0])
p = stable.softmax
lse = stable.logsumexp


def _top(n, low=-10.0, high=10.0):
    x = np.linspace(low, high, n)
    return p(x).max(), lse(x) - x.max()


def _runs():
    base = STEPS[[s.key for s in STEPS].index("lab")].state.state()
    one_hot = labs.train(base, steps=300, lr=0.5, loss="ce")
    smoothed = labs.train(base.replace(epsilon=0.1), steps=300, lr=0.5, loss="smoothed_ce")
    return one_hot, smoothed


def figures():
    """Every number each step quotes, as written, and what stable computes for it; beside them the
    numbers a step takes as given (its inputs and its choices)."""
    x1, x10, x01 = p(Z4), p(10 * Z4), p(0.1 * Z4)
    n10, n100, n500, wide = _top(10), _top(100), _top(500), _top(500, -1000.0, 1000.0)
    rivals = lse(DOG[1:])
    q = stable.smooth_labels(0, 3, 0.1)
    one_hot, smoothed = _runs()
    t1, t100 = p(WORDS), p(WORDS / 100)
    g1, g10 = stable.cross_entropy_grad(Z4, 3), stable.cross_entropy_grad(10 * Z4, 3)
    quoted = {
        "argmax": [("20", np.exp(3))] + list(zip(("0.0321", "0.0871", "0.2369", "0.6439"), x1)),
        "lse": [("4.4402", lse(Z4)), ("0.4402", lse(Z4) - 4), ("5.3863", 4 + np.log(4))],
        "scale-10": list(zip(("9.36e-14", "2.06e-09", "4.54e-05", "0.99995"), x10))
        + [("40.0000454", lse(10 * Z4)), ("4.54e-05", lse(10 * Z4) - 40)],
        "scale-0.1": list(zip(("0.2138", "0.2363", "0.2612", "0.2887"), x01))
        + [("1.35", x01[3] / x01[0]), ("1.6425", lse(0.1 * Z4)), ("1.2425", lse(0.1 * Z4) - 0.4),
           ("1.3863", np.log(4))],
        "shift": list(zip(("0.0321", "0.0871", "0.2369", "0.6439"), p(Z4 + 100)))
        + [("100", lse(Z4 + 100) - lse(Z4)), ("104.4402", lse(Z4 + 100)), ("0.4402", lse(Z4 + 100) - 104),
           ("1.25", np.var(Z4)), ("125", np.var(10 * Z4)), ("0.0125", np.var(0.1 * Z4))],
        "classes": [("0.8916", n10[0]), ("0.1829", n100[0]), ("0.0393", n500[0]), ("0.1147", n10[1]),
                    ("1.6987", n100[1]), ("3.2368", n500[1])],
        "wide": [("0.0393", n500[0]), ("0.9818", wide[0]), ("0.0183", wide[1])],
        "hinge": [("0", stable.hinge_loss(DOG, 0))],
        "lse-hinge": [("1.8873", rivals), ("0", stable.lse_hinge_loss(DOG, 0))],
        "softplus": [("1.8873", rivals), ("0.6384", stable.softplus(rivals - 2.0)),
                     ("0.6384", stable.cross_entropy(DOG, 0)), ("0.5281", p(DOG)[0])],
        "one-hot": [("0.4260", p(OVER)[0]), ("0.8533", stable.cross_entropy(OVER, 0)),
                    ("0.2664", stable.cross_entropy(5 * OVER, 0))] + list(zip(("0.7662", "0.1710", "0.0629"),
                                                                               p(5 * OVER))),
        "smoothing": list(zip(("0.9333", "0.0333", "0.0333"), q))
        + [("3.3322", labs.gap_bound(0.1, 3)), ("2.95", _orange_minimum()),
           ("0.3997", stable.cross_entropy(5 * OVER, 0, epsilon=0.1))],
        "lab": [("6.08", one_hot.gap[-1]), ("0.9955", one_hot.max_p[-1]), ("0.0045", one_hot.loss[-1]),
                ("3.3320", smoothed.gap[-1]), ("3.3322", smoothed.bound), ("0.9333", smoothed.max_p[-1])],
        "overflow": [("2.35e+17", np.exp(40))] + list(zip("0010", p(np.array([10.0, 2.0, 1e4, 4.0])))),
        "log-softmax": list(zip(("−9990", "−9998", "−9996"),
                                np.delete(stable.log_softmax(np.array([10.0, 2.0, 1e4, 4.0])), 2)))
        + [("0", p(np.array([10.0, 2.0, 1e4, 4.0]))[0])],
        "cold": [("0.6652", t1[2]), ("1", p(WORDS / 0.001)[2]),
                 ("1000", -stable.log_softmax(WORDS / 0.001)[3]), ("−1000", stable.log_softmax(WORDS / 0.001)[3]),
                 ("0", p(WORDS / 0.001)[3])],
        "hot": [("67", 100 * t1[2])] + list(zip(("0.2587", "0.2161", "0.2639", "0.2613"), t100)),
        "gradient": [("−0.3561", g1[3])] + list(zip(("0.0321", "0.0871", "0.2369"), g1[:3]))
        + [("0", g1.sum())],
        "vanishing": [("0.99995", p(10 * Z4)[3]), ("−4.54e-05", g10[3]), ("9.36e-14", g10[0])],
        "implicit": [("0.2873", lse(DOG[1:]) - DOG[1]), ("0.6931", math.log(2)), ("0.4", DOG[0] - DOG[1])],
        "cosine": [("0.2524", p(SIMPLEX)[0]), ("3.9550", COS90), ("6.1131", 0.9 * math.log(9 * 0.99 / 0.01)),
                   ("0.9000", p(COS90 * SIMPLEX)[0])],
    }
    given = {
        "argmax": "1 2 3 4 1 0.99 0.9 0 0 0 1", "lse": "4 4 4 4 1", "scale-10": "10 10 20 30 40",
        "scale-0.1": "0.1 0.1 0.2 0.3 0.4 4 0.4 4 4", "shift": "100 101 102 103 104 10 0.1",
        "classes": "−10 10 0.98 100 100 500 10",           # 0.98: what the article prints
        "wide": "500 −10 10 500 −1000 1000",
        "hinge": "2.0 1.6 0.5 0", "lse-hinge": "0 1.6 0.5 2.0", "softplus": "0 1 2.0 0",
        "one-hot": "1.5 1.2 1.0 5", "smoothing": "0.1 1 3 3 5", "lab": "300 0.5 300 0.1",
        "overflow": "10 2 40 4 40 40 10000 10000 10000", "log-softmax": "0", "cold": "38 20 40 39 1 0.001 0",
        "hot": "100 1 1", "gradient": "3 1 2 3 4 1 0", "vanishing": "10 0",
        "implicit": "0 0 1 0 0", "cosine": "−1 1 1 −1 9 1 0.9 1 1 1 0.9 0.99 3.9550",
    }
    return quoted, given


NUMBER = re.compile(r"(?<![\w.])[−-]?\d+(?:\.\d+)?(?:e[+-]\d+)?")


def _agrees(text: str, value: float) -> bool:
    """``text`` is ``value`` rounded to the digits it shows."""
    mantissa, _, exponent = text.replace("−", "-").partition("e")
    digits = len(mantissa.partition(".")[2])
    unit = 10.0 ** (int(exponent or 0) - digits)
    return abs(float(text.replace("−", "-")) - value) <= unit / 2 * (1 + 1e-9)


def test_every_number_a_step_quotes_is_what_stable_computes():
    quoted, given = figures()
    assert set(quoted) == {s.key for s in STEPS} == set(given)
    for step in STEPS:
        text = f"{step.question} {step.answer}"
        for written, value in quoted[step.key]:
            assert written in text, (step.key, written)
            assert _agrees(written, float(value)), (step.key, written, float(value))
        # and no number in the step's text goes unchecked
        left = NUMBER.findall(text)
        for written in [w for w, _v in quoted[step.key]] + given[step.key].split():
            if written in left:
                left.remove(written)
        assert not left, (step.key, left)


def test_each_step_sets_its_state_and_frames_an_existing_panel(win):
    tour = start_tour(win)
    assert isinstance(tour, Tour) and tour.index == 0
    for k, step in enumerate(STEPS):
        assert tour.index == k
        assert win.store.state.same_as(step.state.state())
        if step.lab is not None:
            assert tour.pointed_at is win.lab_docks.labs[step.lab]
            assert not win.lab_docks.docks[step.lab].isHidden()
        else:
            assert step.panel in names.PANELS or step.panel == names.READOUT
            assert tour.pointed_at is win.panel_widgets()[step.panel]
        assert tour.frame.parentWidget() is tour.pointed_at and not tour.frame.isHidden()
        assert tour.counter.text() == f"Step {k + 1} of {len(STEPS)}"
        assert tour.question.text() == step.question and step.answer not in tour.answer.text()
        tour.show_button.click()
        assert tour.answer.text() == step.answer and not tour.show_button.isEnabled()
        if step.shown is not None:
            assert win.store.state.same_as(step.shown.state())
        if k < len(STEPS) - 1:
            tour.next_button.click()
    assert tour.next_button.text() == "Finish"


def test_back_next_and_leave(win):
    start = win.store.state
    tour = start_tour(win)
    assert not tour.back_button.isEnabled()
    tour.next_button.click()
    tour.next_button.click()
    assert tour.index == 2 and tour.back_button.isEnabled()
    tour.back_button.click()
    assert tour.index == 1 and win.store.state.same_as(STEPS[1].state.state())
    assert start_tour(win) is tour                      # one tour at a time
    tour.leave_button.click()
    assert tour.left and win.store.state is start and not win.findChildren(Tour, options=Qt.FindDirectChildrenOnly)
    tour.next_button.click()                            # a tour that has ended does nothing
    assert win.store.state is start


def test_finish_on_the_last_step_leaves(win):
    start = win.store.state
    tour = start_tour(win)
    tour.go(len(STEPS) - 1)
    tour.next_button.click()
    assert tour.left and win.store.state is start


def test_undo_inside_the_tour_goes_back_a_step(win):
    tour = start_tour(win)
    tour.show_button.click()
    tour.next_button.click()                            # step 2 (its state is step 1's too)
    tour.next_button.click()                            # step 3: x1, then x10 on Show me
    tour.show_button.click()
    win.store.undo()
    assert win.store.state.same_as(STEPS[2].state.state())


def test_leaving_gives_back_the_learners_state_undo_history_and_saved_mark(win):
    store = win.store
    first = store.state
    second = first.replace(temperature=2.0)
    third = second.replace(scale=3.0)
    store.set_state(second)
    store.set_state(third)
    store.undo()                                        # the learner is at `second`, `third` to redo
    store.mark_saved()
    tour = start_tour(win)
    for _ in range(4):
        tour.show_button.click()
        tour.next_button.click()
    store.undo()
    tour.leave()
    assert store.state is second and not store.modified and "*" not in win.windowTitle()
    store.redo()
    assert store.state is third and not store.can_redo()
    store.undo()
    store.undo()
    assert store.state is first and not store.can_undo()


def test_leaving_a_fresh_window_leaves_nothing_to_undo(win):
    before = win.store.state
    tour = start_tour(win)
    tour.next_button.click()
    tour.leave()
    assert win.store.state is before and not win.store.can_undo()
    assert not win.store.can_redo()                 # the tour's states are not what Redo brings back


def test_leaving_gives_back_the_open_batch_and_its_row(win):
    logits = np.array([[1.0, 2.0, 0.5], [3.0, 0.0, 1.0], [0.2, 0.1, 4.0]])
    batch = Batch(logits, np.array([1, 0, 2]), ("a", "b", "c"), "three.npy")
    win.show_batch(batch, row=0)
    win.row_picker.choose(2)
    mine = win.store.state
    tour = start_tour(win)
    assert win.store.batch is None and not win.row_picker.isVisibleTo(win)
    tour.leave()
    assert win.store.batch is batch and win.row_picker.row == 2 and win.store.state is mine


def test_the_lab_step_opens_its_lab_and_leaving_closes_it_again(win):
    tour = start_tour(win)
    tour.go([s.key for s in STEPS].index("lab"))
    dock = win.lab_docks.docks["overconfidence"]
    assert not dock.isHidden() and tour.pointed_at is win.lab_docks.labs["overconfidence"]
    tour.show_button.click()
    assert win.store.state.labs.training.loss == "smoothed_ce" and win.store.state.epsilon == 0.1
    tour.next_button.click()                            # a step of the panels: the lab makes room for them
    assert tour.pointed_at is win.panel_widgets()["probabilities"] and dock.isHidden()
    tour.back_button.click()
    assert not dock.isHidden()
    tour.leave()
    assert dock.isHidden()


def test_a_lab_the_learner_had_open_stays_open(win):
    win.open_lab("overconfidence")
    tour = start_tour(win)
    tour.go([s.key for s in STEPS].index("lab") + 1)
    tour.leave()
    assert not win.lab_docks.docks["overconfidence"].isHidden()


def test_closing_the_dock_or_the_window_gives_the_state_back(win):
    start = win.store.state
    tour = start_tour(win)
    tour.next_button.click()
    tour.dock.close()
    assert tour.left and win.store.state is start
    again = start_tour(win)
    assert again is not tour
    again.go(5)
    win.close()
    assert again.left and win.store.state is start


class _Marked(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        return f"«{source}»" if context == "Tour" else None


@pytest.fixture
def marked():
    translator = _Marked()
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_every_string_the_tour_shows_goes_through_the_translation(win, marked):
    tour = start_tour(win)
    tour.go([s.key for s in STEPS].index("lab"))
    tour.show_button.click()
    tour.go(len(STEPS) - 1)
    texts = [tour.dock.windowTitle(), tour.counter.text(), tour.title.text(), tour.question.text(),
             tour.look.text(), tour.answer.text()] + [b.text() for b in (tour.show_button, tour.back_button,
                                                                         tour.next_button, tour.leave_button)]
    for text in texts:
        assert text.startswith("«"), text
    assert "«Gradient and Jacobian»" in tour.look.text()


def test_the_tour_fits_beside_the_panels_on_a_laptop_screen(shown_window, qtbot):
    win = shown_window(1366, 768)
    tour = start_tour(win)
    qtbot.waitUntil(lambda: tour.isVisible())
    for k in (0, [s.key for s in STEPS].index("lab"), len(STEPS) - 1):
        tour.go(k)
        tour.show_button.click()
        QCoreApplication.processEvents()
        assert win.width() <= 1366 and win.height() <= 768
        for label in (tour.question, tour.answer):
            assert label.height() >= label.heightForWidth(label.width()), (k, label.text())
        assert tour.pointed_at.height() > 100
    tour.leave()


def test_a_step_whose_preset_is_gone_says_so_in_one_line_and_keeps_the_state(win):
    start = win.store.state
    tour = Tour(win, steps=(Step("gone", "A title", "A question?", "An answer.", Setting("no-such-preset")),))
    message = win.statusBar().currentMessage()
    assert "no gallery preset no-such-preset" in message and "\n" not in message
    assert win.store.state is start
    tour.leave()
    assert win.store.state is start
