"""The steps of the guided tour ("Start here"), as data: the five articles' experiments in their order.

Each step sets a state (a gallery preset, maybe changed), points at one panel or opens a lab,
asks the learner to predict, and shows the answer; a step may set a second state when the
answer is shown (the experiment's result, so that the prediction comes first). Every number
quoted here is what ``softmax_viewer.stable`` computes (tests/qt/test_tour.py checks each);
the articles' own printouts are not always right.

The texts are marked with QT_TRANSLATE_NOOP("Tour", ...) and translated where they are
shown (``QCoreApplication.translate("Tour", text)``), so a translation installed after
this module is imported still applies.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

from softmax_viewer import presets
from softmax_viewer.lab_settings import LabSettings, TrainingSettings
from softmax_viewer.logits import Generator
from softmax_viewer.qt.i18n import installed_language
from softmax_viewer.state import ExplorerState


@dataclass(frozen=True)
class Setting:
    """The state a step sets: a gallery preset (its file stem), with ``changes`` made to it."""
    preset: str
    changes: tuple = ()            # (field, value) pairs for ExplorerState.replace

    def state(self) -> ExplorerState:
        st = presets.load(presets.gallery()[self.preset], installed_language())
        return st.replace(**dict(self.changes)) if self.changes else st


@dataclass(frozen=True)
class Step:
    key: str                       # a short name (the tests find a step by it)
    title: str
    question: str                  # asked first: the learner predicts
    answer: str                    # shown after "Show me"
    state: Setting                 # set when the step begins
    panel: str = "probabilities"   # the panel pointed at (window.panel_widgets() key)
    lab: str | None = None         # or the lab opened and pointed at (names.LABS key)
    shown: Setting | None = None   # set with the answer: the experiment's result


#: what the tour calls the panels and the lab it points at
PLACES = {
    "probabilities": QT_TRANSLATE_NOOP("Tour", "Probabilities"),
    "lse": QT_TRANSLATE_NOOP("Tour", "LSE against max"),
    "loss": QT_TRANSLATE_NOOP("Tour", "Losses"),
    "surface": QT_TRANSLATE_NOOP("Tour", "Loss surface"),
    "gradient": QT_TRANSLATE_NOOP("Tour", "Gradient and Jacobian"),
    "readout": QT_TRANSLATE_NOOP("Tour", "the readout of numbers"),
    "overconfidence": QT_TRANSLATE_NOOP("Tour", "Overconfidence experiment"),
}

X1 = Setting("01-scale-x1")
SHIFTED = Setting("01-scale-x1", (("logits", (101.0, 102.0, 103.0, 104.0)), ("name", "[101, 102, 103, 104]"),
                                  ("description", "")))
T1 = Setting("14-temperature-1")
_SIMPLEX = (1.0,) + (-1.0 / 9,) * 9                # ten unit vectors as far apart as they go
_COSINE = (("logits", _SIMPLEX), ("cosine", True), ("target", 0), ("generator", Generator()),
           ("lse_mode", "scale"), ("name", "cos θ, N = 10"), ("description", ""))
COSINES = Setting("04-classes-10", _COSINE + (("scale", 1.0),))
COSINES_SCALED = Setting("04-classes-10", _COSINE + (("scale", 0.9 * math.log(9 * 0.9 / 0.1)),))
ONE_HOT = Setting("08-overconfidence")
SMOOTHED_RUN = Setting("08-overconfidence", (("epsilon", 0.1),
                                             ("labs", LabSettings(training=TrainingSettings(loss="smoothed_ce")))))

STEPS = (
    # -- softmax (3): softmax as a smoothed argmax, LSE as a smoothed max --
    Step("argmax", QT_TRANSLATE_NOOP("Tour", "Softmax is a smoothed argmax"),
         QT_TRANSLATE_NOOP("Tour", "The logits are z = [1, 2, 3, 4]. After exp, the largest is e³ ≈ 20 times the "
                                   "smallest. How close to 1 will its probability come: 0.99, 0.9, or less?"),
         QT_TRANSLATE_NOOP("Tour", "Less: p = [0.0321, 0.0871, 0.2369, 0.6439]. Softmax leans towards the argmax "
                                   "[0, 0, 0, 1], but at this spread of the logits it is far from it (the blue bars)."),
         X1),
    Step("lse", QT_TRANSLATE_NOOP("Tour", "Log-sum-exp is a smoothed max"),
         QT_TRANSLATE_NOOP("Tour", "max(z) = 4. Will LSE(z) = log Σ exp(z) come out below 4, at 4, or above it?"),
         QT_TRANSLATE_NOOP("Tour", "Above: LSE = 4.4402, 0.4402 over the max. It always lies between max(u) and "
                                   "max(u) + log N, here 4 and 5.3863: the three dots at s = 1."),
         X1, panel="lse"),
    Step("scale-10", QT_TRANSLATE_NOOP("Tour", "Ten times the logits"),
         QT_TRANSLATE_NOOP("Tour", "Multiply the logits by s = 10: u = [10, 20, 30, 40]. Will softmax come closer "
                                   "to one-hot, and the LSE closer to the max?"),
         QT_TRANSLATE_NOOP("Tour", "Both: p = [9.36e-14, 2.06e-09, 4.54e-05, 0.99995] is nearly one-hot, and "
                                   "LSE = 40.0000454 is only 4.54e-05 over the max."),
         X1, shown=Setting("02-scale-x10")),
    Step("scale-0.1", QT_TRANSLATE_NOOP("Tour", "A tenth of the logits"),
         QT_TRANSLATE_NOOP("Tour", "Now s = 0.1: u = [0.1, 0.2, 0.3, 0.4]. The largest logit is still 4 times the "
                                   "smallest. Will its probability still be about 4 times the smallest?"),
         QT_TRANSLATE_NOOP("Tour", "No: p = [0.2138, 0.2363, 0.2612, 0.2887], the largest only 1.35 times the "
                                   "smallest. LSE = 1.6425 is 1.2425 over the max of 0.4, near its ceiling "
                                   "log 4 = 1.3863. Neither approximation is good."),
         X1, panel="lse", shown=Setting("03-scale-x0.1")),
    Step("shift", QT_TRANSLATE_NOOP("Tour", "The spread decides, not the level"),
         QT_TRANSLATE_NOOP("Tour", "Add 100 to every logit: z = [101, 102, 103, 104]. Will p change? "
                                   "Will the LSE move?"),
         QT_TRANSLATE_NOOP("Tour", "p stays [0.0321, 0.0871, 0.2369, 0.6439]: softmax ignores a shift of all the "
                                   "logits. The LSE moves by exactly 100, to 104.4402, so LSE − max stays 0.4402. "
                                   "What decides how sharp p is, is the spread: var u = 1.25 here, 125 at s = 10 "
                                   "and 0.0125 at s = 0.1."),
         X1, panel="readout", shown=SHIFTED),
    Step("classes", QT_TRANSLATE_NOOP("Tour", "More classes over the same range"),
         QT_TRANSLATE_NOOP("Tour", "Ten logits evenly spaced over [−10, 10] give a top p of 0.8916 (the article "
                                   "prints 0.98). Keep the range and take 100 classes: will the top p rise or fall?"),
         QT_TRANSLATE_NOOP("Tour", "It falls: 0.1829 at N = 100, and 0.0393 at N = 500. LSE − max grows from "
                                   "0.1147 at N = 10 to 1.6987 and 3.2368, towards log N: the LSE panel sweeps N."),
         Setting("04-classes-10"), panel="lse", shown=Setting("05-classes-100")),
    Step("wide", QT_TRANSLATE_NOOP("Tour", "Many classes need a wider range"),
         QT_TRANSLATE_NOOP("Tour", "500 classes over [−10, 10] leave the top p at 0.0393. Spread the 500 logits "
                                   "over [−1000, 1000]: will softmax pick one class again?"),
         QT_TRANSLATE_NOOP("Tour", "Yes: the top p is 0.9818 and LSE − max only 0.0183. With many classes the "
                                   "logits must spread wider for softmax to approach the argmax, and LSE the max."),
         Setting("06-classes-500"), shown=Setting("07-classes-500-wide")),
    Step("cosine", QT_TRANSLATE_NOOP("Tour", "Cosine logits need a scale"),
         QT_TRANSLATE_NOOP("Tour", "Normalized features make every logit a cosine in [−1, 1], so only the scale s "
                                   "can sharpen softmax. Ten classes at their best (the target's cosine 1, every "
                                   "other −1/9) at s = 1: can the target reach p = 0.9?"),
         QT_TRANSLATE_NOOP("Tour", "No: p_y is only 0.2524. NormFace's bound, s ≥ ((N − 1)/N) log((N − 1) P/(1 − P)), "
                                   "asks for s = 3.9550 for P = 0.9 and 6.1131 for 0.99: the LSE panel marks both, and "
                                   "at s = 3.9550 p_y is 0.9000."),
         COSINES, panel="lse", shown=COSINES_SCALED),
    # -- softmax (2): hinge -> LSE-hinge -> softplus = cross-entropy --
    Step("hinge", QT_TRANSLATE_NOOP("Tour", "The hinge: one rival at a time"),
         QT_TRANSLATE_NOOP("Tour", "Target dog, with logits dog 2.0, cat 1.6, person 0.5. The hinge loss "
                                   "max(max rival − z_y, 0) looks only at the largest rival. When the margin is "
                                   "broken, how many logits get a gradient?"),
         QT_TRANSLATE_NOOP("Tour", "Two: the target and the largest rival, one pushed up and one down; the other "
                                   "rivals get none, so training is slow. Here dog already wins, so the hinge is "
                                   "0: the surface is flat wherever the target leads."),
         Setting("16-hinge"), panel="surface"),
    Step("lse-hinge", QT_TRANSLATE_NOOP("Tour", "The LSE-hinge: every rival counts"),
         QT_TRANSLATE_NOOP("Tour", "Replace the largest rival by the log-sum-exp of all the rivals: "
                                   "max(LSE(rivals) − z_y, 0). Is the loss still 0 here?"),
         QT_TRANSLATE_NOOP("Tour", "Yes, only just: LSE(1.6, 0.5) = 1.8873 is still below 2.0. The LSE is never "
                                   "below the max, so this margin is stricter, and once it is broken every rival "
                                   "gets a gradient."),
         Setting("17-lse-hinge"), panel="surface"),
    Step("implicit", QT_TRANSLATE_NOOP("Tour", "The margin the LSE asks for"),
         QT_TRANSLATE_NOOP("Tour", "The article asks, and leaves open, whether using the LSE is like adding some "
                                   "margin m. By how much must dog beat its best rival, cat, before the LSE-hinge "
                                   "is 0?"),
         QT_TRANSLATE_NOOP("Tour", "By LSE(rivals) − max(rivals) = 0.2873: an implicit margin, always between 0 "
                                   "(one rival far ahead) and log(N − 1) = 0.6931 (every rival equal). Dog leads "
                                   "by 0.4, more than that, so the loss is 0; the loss panel marks the implicit "
                                   "margin with a dotted green line. An explicit margin m (the Margin control, as "
                                   "in AM-Softmax) adds to it."),
         Setting("17-lse-hinge"), panel="loss"),
    Step("softplus", QT_TRANSLATE_NOOP("Tour", "Softplus: cross-entropy appears"),
         QT_TRANSLATE_NOOP("Tour", "Smooth max(x, 0) as well, into softplus log(1 + eˣ), of the same "
                                   "x = LSE(rivals) − z_y. Which familiar loss comes out, and what is its value?"),
         QT_TRANSLATE_NOOP("Tour", "Softmax cross-entropy: softplus(1.8873 − 2.0) = 0.6384 = −log p_dog, with "
                                   "p_dog = 0.5281. The loss panel draws the hinge, the LSE-hinge and CE against "
                                   "the margin: CE is the smooth one, and never exactly 0."),
         Setting("18-softplus-ce"), panel="loss"),
    # -- Softmax loss: overconfidence under one-hot labels, and label smoothing --
    Step("one-hot", QT_TRANSLATE_NOOP("Tour", "One-hot labels reward big logits"),
         QT_TRANSLATE_NOOP("Tour", "Logits [1.5, 1.2, 1.0] with target dog: p_dog = 0.4260 and CE = 0.8533. "
                                   "Scale all the logits by 5, which keeps their order: will the cross-entropy "
                                   "rise or fall?"),
         QT_TRANSLATE_NOOP("Tour", "It falls, to 0.2664, and p = [0.7662, 0.1710, 0.0629] is far more extreme. "
                                   "Under a one-hot label the loss only falls as the logits grow, so a model can "
                                   "lower it by inflating its weights alone: overconfidence."),
         ONE_HOT, panel="loss", shown=Setting("09-overconfidence-x5")),
    Step("smoothing", QT_TRANSLATE_NOOP("Tour", "Label smoothing: a finite best gap"),
         QT_TRANSLATE_NOOP("Tour", "Smooth the label with ε = 0.1: q = [0.9333, 0.0333, 0.0333]. Will the loss "
                                   "still keep falling as the logits grow?"),
         QT_TRANSLATE_NOOP("Tour", "No: the smoothed CE is smallest at a finite gap. With every rival equal, p = q "
                                   "there, log((1 − ε + ε/3)/(ε/3)) = 3.3322 above the rivals; on the orange "
                                   "curve (the rivals held apart) the minimum is near a margin of 2.95, and it "
                                   "rises past it. At s = 5 it is 0.3997."),
         Setting("09-overconfidence-x5"), panel="loss", shown=Setting("10-label-smoothing")),
    Step("lab", QT_TRANSLATE_NOOP("Tour", "The overconfidence lab"),
         QT_TRANSLATE_NOOP("Tour", "The lab runs 300 steps of gradient descent (learning rate 0.5) on these "
                                   "logits. With one-hot CE, will the target's logit gap settle, or keep growing?"),
         QT_TRANSLATE_NOOP("Tour", "It keeps growing: after 300 steps the gap is 6.08, max p 0.9955, and the loss "
                                   "(0.0045) is still falling. Now with label smoothing, ε = 0.1: the gap stops "
                                   "at 3.3320, under the bound 3.3322, and max p at 0.9333."),
         ONE_HOT, lab="overconfidence", shown=SMOOTHED_RUN),
    # -- You don't really know softmax: overflow, the max shift, log-softmax, the temperature --
    Step("overflow", QT_TRANSLATE_NOOP("Tour", "Overflow, and the max shift"),
         QT_TRANSLATE_NOOP("Tour", "Logits [10, 2, 40, 4]: exp(40) = 2.35e+17 fits in a float, and the textbook "
                                   "exp(z)/Σ exp(z) agrees with the stable softmax. Change 40 to 10000: what will "
                                   "the textbook formula give?"),
         QT_TRANSLATE_NOOP("Tour", "NaN: exp(10000) overflows to inf, and inf/inf is NaN (the red cross). "
                                   "Subtracting the max first computes exp(z − 10000) instead, which cannot "
                                   "overflow: p = [0, 0, 1, 0]. A shift changes nothing, so it is the same "
                                   "softmax."),
         Setting("11-no-overflow-yet"), shown=Setting("12-textbook-overflow")),
    Step("log-softmax", QT_TRANSLATE_NOOP("Tour", "Log-softmax stays finite"),
         QT_TRANSLATE_NOOP("Tour", "The stable softmax gives three classes p = 0 here. What is log p for them: "
                                   "−inf, or a finite number?"),
         QT_TRANSLATE_NOOP("Tour", "Finite: log(0) would be −inf, but log_softmax(z) = z − LSE(z) gives −9990, "
                                   "−9998 and −9996 (on the log axis). Losses are computed this way, never as "
                                   "log(softmax)."),
         Setting("12-textbook-overflow")),
    Step("cold", QT_TRANSLATE_NOOP("Tour", "Temperature: cold"),
         QT_TRANSLATE_NOOP("Tour", "The boy ___ to the market: goes 38, go 20, went 40, comes 39. At T = 1, "
                                   "went gets p = 0.6652. Which word wins at T = 0.001, and with what "
                                   "probability?"),
         QT_TRANSLATE_NOOP("Tour", "went, with p = 1: u = z/T puts went 1000 above comes, and exp(−1000) is 0 in "
                                   "a float. T → 0 is the argmax."),
         T1, shown=Setting("13-temperature-low")),
    Step("hot", QT_TRANSLATE_NOOP("Tour", "Temperature: hot"),
         QT_TRANSLATE_NOOP("Tour", "And at T = 100: will sampling still pick went 67% of the time?"),
         QT_TRANSLATE_NOOP("Tour", "No: p = [0.2587, 0.2161, 0.2639, 0.2613] is almost uniform, so samples become "
                                   "diverse. The temperature divides the logits, u = z/T, as a scale s = 1/T "
                                   "would."),
         T1, shown=Setting("15-temperature-high")),
    # -- softmax and cross-entropy: the gradient p - y --
    Step("gradient", QT_TRANSLATE_NOOP("Tour", "The gradient is p − y"),
         QT_TRANSLATE_NOOP("Tour", "For softmax cross-entropy, ∂CE/∂u = p − y. At z = [1, 2, 3, 4] with target "
                                   "class 3, which bars point down, and how long is the target's?"),
         QT_TRANSLATE_NOOP("Tour", "Only the target's: p₃ − 1 = −0.3561. The others are their own p (0.0321, "
                                   "0.0871, 0.2369) and point up; all four sum to 0. Training pushes the target "
                                   "up and each rival down by the probability it holds."),
         X1, panel="gradient"),
    Step("vanishing", QT_TRANSLATE_NOOP("Tour", "A confident answer barely trains"),
         QT_TRANSLATE_NOOP("Tour", "At s = 10 the target holds p = 0.99995. How big is the gradient now?"),
         QT_TRANSLATE_NOOP("Tour", "Tiny: the target's bar is −4.54e-05 and the smallest rival's 9.36e-14. A "
                                   "class whose p is almost 0 gets almost no gradient, and so does a right answer "
                                   "given with confidence: the Jacobian diag(p) − ppᵀ vanishes too."),
         Setting("02-scale-x10"), panel="gradient"),
)
