"""The precision lab's numbers: the textbook formula against the stable one, in each dtype."""
import numpy as np
import pytest

from softmax_viewer import labs, stable
from softmax_viewer.derived import compute
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

SEED3 = ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2)


@pytest.mark.parametrize("dtype,threshold", [("float16", 11.09), ("float32", 88.72), ("float64", 709.78)])
def test_exp_overflow_thresholds(dtype, threshold):
    assert labs.exp_overflow_threshold(labs.DTYPES[dtype]) == pytest.approx(threshold, abs=0.01)


def test_precision_flags_the_textbook_overflow():
    for dtype in labs.DTYPES:
        d = labs.precision(SEED3, dtype)
        assert np.isnan(d.naive_p[2]) and d.flags[2] == 2
        assert d.stable_p[2] == 1 and d.stable_p.dtype == labs.DTYPES[dtype]
        assert np.isneginf(d.log_of_softmax[0])                 # log of an underflowed p
        assert np.isfinite(d.log_softmax).all()                  # log_softmax stays finite
        assert d.log_softmax[0] == pytest.approx(-9990, rel=1e-3)
        assert d.ulp_stable.max() <= 1.0


def test_float16_overflows_where_float64_does_not():
    st = ExplorerState(logits=[12.0, 1.0, 0.0], target=0)
    assert labs.precision(st, "float16").flags[0] == 2          # exp(12) = inf in float16
    assert (labs.precision(st, "float64").flags == 0).all()
    d = labs.precision(st, "float16")
    np.testing.assert_allclose(d.stable_p.astype(float), stable.softmax([12.0, 1.0, 0.0]), rtol=1e-3)


@pytest.mark.parametrize("dtype", ["float16", "float32"])
def test_precision_splits_the_rounding_of_u_from_the_algorithms_error(dtype):
    """Against the exact p the stable float32 softmax of 1,000 spread logits is several
    ulps off; against the exact softmax of u as rounded to float32 it is within one:
    the rest is the rounding of u, not the algorithm."""
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(1000)
    d = labs.precision(st, dtype)
    assert d.ulp_stable.max() > 2
    assert d.stable_worst_of_rounded_u <= 1.0
    u = d.u.astype(np.float64)
    worst = np.max(np.abs(d.stable_p.astype(np.float64) - stable.softmax(u))
                   / np.spacing(stable.softmax(u).astype(labs.DTYPES[dtype])).astype(np.float64))
    assert d.stable_worst_of_rounded_u == pytest.approx(worst)
    assert f"against the exact softmax of u as rounded to {dtype}" in d.summary
    d64 = labs.precision(st, "float64")
    assert d64.stable_worst_of_rounded_u == d64.ulp_stable.max() and "rounded" not in d64.summary


def test_precision_says_when_u_itself_overflows_the_dtype():
    st = ExplorerState(logits=[1.0, 2.0, 3.0], target=0, scale=40_000.0)     # u up to 120,000
    d = labs.precision(st, "float16")
    assert "u itself overflows float16 in 2 classes: |u| > 65504" in d.summary
    assert "rounded" not in d.summary
    assert "itself" not in labs.precision(st, "float32").summary


def test_precision_rejects_unknown_dtype():
    with pytest.raises(ValueError, match="dtype must be one of"):
        labs.precision(SEED3, "float8")


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_precision_with_the_bundles_p_is_the_same(dtype):
    """The Qt lab hands over the explorer's float64 p as the reference: nothing changes."""

    for st in (ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2),
               ExplorerState(logits=[1.0, -np.inf, 3.0, 2.5], target=0, temperature=0.3, scale=7.0)):
        a = labs.precision(st, dtype)
        b = labs.precision(st, dtype, p=compute(st).p)
        for field in ("u", "naive_p", "stable_p", "log_softmax", "flags", "ulp_naive", "ulp_stable"):
            np.testing.assert_array_equal(getattr(a, field), getattr(b, field))
        assert a.summary == b.summary
