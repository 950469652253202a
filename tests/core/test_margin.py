"""The margins: the implicit one the LSE-hinge asks for, and an explicit additive margin m
(the target's logit z_y - m, as AM-Softmax and CosFace train), against mpmath at 50 digits."""
import math

import mpmath
import numpy as np
import pytest

from softmax_viewer import presets
from softmax_viewer.derived import compute
from softmax_viewer.limits import StateError
from softmax_viewer.state import ExplorerState

mpmath.mp.dps = 50

CASES = [([1.0, 2.0, 3.0, 4.0], 3, 1.0, 1.0, 0.0), ([1.0, 2.0, 3.0, 4.0], 3, 10.0, 1.0, 0.35),
         ([0.3, -0.2, 0.9, 0.1, 0.5], 2, 30.0, 1.0, 0.35), ([5.0, 5.0, 5.0, -1.0], 3, 1.0, 2.0, -1.5),
         (list(np.linspace(-10, 10, 10)), 0, 1.0, 0.5, 2.0)]


def _exact(z, y, s, t, m):
    zz = [mpmath.mpf(v) for v in z]
    zz[y] -= mpmath.mpf(m)
    u = [mpmath.mpf(s) * v / mpmath.mpf(t) for v in zz]
    rivals = [v for k, v in enumerate(u) if k != y]
    lse_r = mpmath.log(sum(mpmath.exp(v) for v in rivals))
    lse = mpmath.log(sum(mpmath.exp(v) for v in u))
    return {"implicit_margin": lse_r - max(rivals), "hinge": max(max(rivals) - u[y], 0),
            "lse_hinge": max(lse_r - u[y], 0), "cross_entropy": lse - u[y]}


@pytest.mark.parametrize("z,y,s,t,m", CASES)
def test_margins_and_losses_agree_with_mpmath(z, y, s, t, m):
    st = ExplorerState(logits=z, target=y, scale=s, temperature=t, margin=m)
    r = compute(st).readout
    for key, want in _exact(z, y, s, t, m).items():
        assert r[key] == pytest.approx(float(want), rel=1e-13, abs=1e-15), key
    assert r["margin"] == m
    assert r["implicit_margin_max"] == pytest.approx(math.log(len(z) - 1))
    assert 0.0 <= r["implicit_margin"] <= r["implicit_margin_max"] + 1e-15


def test_the_implicit_margin_spans_zero_to_log_n_minus_1():
    wide = compute(ExplorerState(logits=[0.0, 100.0, 0.0], target=0)).readout        # one rival far ahead
    assert wide["implicit_margin"] == pytest.approx(0.0, abs=1e-40)
    tied = compute(ExplorerState(logits=[0.0, 1.0, 1.0, 1.0, 1.0], target=0)).readout   # four equal rivals
    assert tied["implicit_margin"] == pytest.approx(math.log(4))
    cold = compute(ExplorerState(logits=[0.0, 1.0, 1.0, 0.5], target=0, temperature=0.0)).readout
    assert cold["implicit_margin"] == pytest.approx(math.log(2))    # T -> 0: log of the tied best rivals


def test_the_hinge_with_a_margin_is_the_textbook_one():
    z, m = [1.0, 2.0, 3.5, 4.0], 1.0
    r = compute(ExplorerState(logits=z, target=3, margin=m)).readout
    assert r["hinge"] == max(max(z[:3]) - z[3] + m, 0.0) == 0.5


def test_a_margin_is_saved_opened_and_refused_when_absurd(tmp_path):
    st = ExplorerState(margin=0.25)
    path = tmp_path / "m.json"
    presets.save(st, path)
    assert presets.load(path).margin == 0.25
    assert ExplorerState.from_dict({"logits": [1, 2]}).margin == 0.0          # older presets: no margin
    for bad in (math.inf, math.nan, 1e7, "x"):
        with pytest.raises(StateError, match="margin"):
            ExplorerState(margin=bad)


def test_the_surface_and_loss_curves_see_the_margin():
    plain = compute(ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=3, surface_i=3, surface_j=2))
    held = compute(ExplorerState(logits=[1.0, 2.0, 3.0, 4.0], target=3, surface_i=3, surface_j=2, margin=1.0))
    # the surface's axes stay in z; its loss at (z_3, z_2) is the loss with z_3 - 1
    assert np.array_equal(plain.surface.zi, held.surface.zi)
    shifted = compute(ExplorerState(logits=[1.0, 2.0, 3.0, 3.0], target=3, surface_i=3, surface_j=2))
    assert held.readout["cross_entropy"] == pytest.approx(shifted.readout["cross_entropy"], rel=1e-15)
    assert held.loss.current_margin == pytest.approx(plain.loss.current_margin - 1.0)


@pytest.mark.parametrize("n", [2, 10, 1000])
@pytest.mark.parametrize("p", [0.9, 0.99])
def test_the_cosine_scale_is_where_the_best_arrangement_reaches_p(n, p):
    """The simplex: the target's cosine 1, every other -1/(n - 1), at the smallest s reaches p_y = p."""
    z = np.full(n, -1.0 / (n - 1))
    z[0] = 1.0
    r0 = compute(ExplorerState(logits=z, target=0, cosine=True)).readout
    s = r0["cosine_scale_90" if p == 0.9 else "cosine_scale_99"]
    assert s == pytest.approx((n - 1) / n * math.log((n - 1) * p / (1 - p)), rel=1e-15)
    r = compute(ExplorerState(logits=z, target=0, cosine=True, scale=s)).readout
    assert r["p_target"] == pytest.approx(p, rel=1e-12)


def test_cosine_logits_outside_minus_one_to_one_are_refused_in_one_line():
    with pytest.raises(StateError, match=r"cosine logits lie in \[-1, 1\]; class 1 is 2"):
        ExplorerState(cosine=True)
    st = ExplorerState().as_cosines()
    assert st.cosine and st.logits.tolist() == [0.25, 0.5, 0.75, 1.0]
    assert ExplorerState.from_dict(st.to_dict()).cosine
