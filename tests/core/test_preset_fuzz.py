"""A bounded fuzz of the preset loader, with a fixed seed: a state or one PresetError,
and every state accepted saves, opens again and computes without NaN."""
import math
import warnings

import numpy as np

from softmax_viewer import derived, presets
from tests.fuzz_cases import CASE_SECONDS, SEED, accepted_states, deadline


def test_the_preset_loader_fuzz_gives_a_state_or_one_error_and_every_state_round_trips():
    accepted, refused = accepted_states(3000, SEED)
    assert len(accepted) > 300 and refused > 300, (len(accepted), refused)
    for text, st in accepted:
        with deadline(CASE_SECONDS), warnings.catch_warnings():
            warnings.simplefilter("error")
            back = presets.parse(presets.dumps(st))
            assert back.same_as(st) and np.array_equal(back.logits, st.logits), text
            b = derived.compute(st)
        assert not np.any(np.isnan(b.p)) and not np.any(np.isnan(b.log_p)), text
        for key in ("lse", "entropy", "cross_entropy", "smoothed_cross_entropy", "hinge", "lse_hinge"):
            assert not math.isnan(b.readout[key]), (key, text)
        assert not np.any(np.isnan(b.lse.lse_curve)) and not np.any(np.isnan(b.gradient.jacobian)), text
