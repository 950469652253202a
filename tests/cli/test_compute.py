"""softmax-viewer compute: the window's numbers as JSON."""
import json
import math

import numpy as np
import pytest

from softmax_viewer import stable
from tests.cli.running import run, run_strict


def test_compute_prints_the_window_numbers():
    r = run("compute", "--preset", "14-temperature-1", "--set", "epsilon=0.1", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    for key in ("n_classes", "target", "scale", "temperature", "epsilon", "logits", "probabilities",
                "log_probabilities", "max", "logsumexp", "entropy", "cross_entropy", "hinge", "lse_hinge",
                "gradient"):
        assert key in d, key
    z = np.array([38.0, 20.0, 40.0, 39.0])
    np.testing.assert_array_equal(d["probabilities"], stable.softmax(z))
    assert d["cross_entropy"] == stable.cross_entropy(z, 2)
    np.testing.assert_allclose(d["gradient"], stable.softmax(z) - stable.smooth_labels(2, 4, 0.1), atol=1e-16)


def test_compute_writes_infinities_as_strings():
    r = run("compute", "--logits=1,-inf,2", "--json")
    d = json.loads(r.stdout)
    assert d["logits"][1] == "-inf" and d["probabilities"][1] == 0.0


def test_negative_logits_in_equals_form():
    r = run("compute", "--logits=-1,-2.5,3", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["logits_z"] == [-1, -2.5, 3]


def test_compute_with_dtype_gives_textbook_probabilities():
    r = run("compute", "--logits=10,2,10000,4", "--dtype", "float32", "--json")
    d = json.loads(r.stdout)
    assert d["naive_probabilities"] == [0.0, 0.0, "nan", 0.0]
    assert d["probabilities"] == [0.0, 0.0, 1.0, 0.0]


def test_compute_at_scale_zero_beside_a_masked_class_has_no_nan():
    r = run_strict("compute", "--logits=1,-inf,3", "--set", "scale=0", "--set", "target=0", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["probabilities"] == [0.5, 0.0, 0.5] and d["logits"] == [0.0, "-inf", 0.0]
    assert "nan" not in r.stdout


def test_compute_of_four_logits_near_the_float_range_warns_nothing():
    r = run_strict("compute", "--logits=1.7e308,1.7e308,1.7e308,1.7e308", "--set", "epsilon=0.5", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["probabilities"] == [0.25] * 4 and d["smoothed_cross_entropy"] == pytest.approx(math.log(4))


def test_compute_with_a_margin_agrees_with_a_50_digit_computation():
    import mpmath
    mpmath.mp.dps = 50
    r = run("compute", "--logits=0.9,0.2,-0.3,0.5", "--set", "target=0", "--set", "scale=16",
            "--set", "margin=0.35", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    z = [mpmath.mpf(v) for v in ("0.9", "0.2", "-0.3", "0.5")]
    z[0] -= mpmath.mpf("0.35")
    u = [16 * v for v in z]
    rivals = u[1:]
    lse_r = mpmath.log(sum(mpmath.exp(v) for v in rivals))
    assert d["margin"] == 0.35
    assert d["implicit_margin"] == pytest.approx(float(lse_r - max(rivals)), rel=1e-13)
    assert d["implicit_margin_max"] == pytest.approx(math.log(3))
    assert d["hinge"] == pytest.approx(float(max(max(rivals) - u[0], 0)), rel=1e-13)
    assert d["lse_hinge"] == pytest.approx(float(max(lse_r - u[0], 0)), rel=1e-13)
    lse = mpmath.log(sum(mpmath.exp(v) for v in u))
    assert d["cross_entropy"] == pytest.approx(float(lse - u[0]), rel=1e-13)
    bad = run("compute", "--logits=1,2", "--set", "margin=1e9", "--json")
    assert bad.returncode == 2 and "margin" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
