"""Logits typed or pasted as text: the formats read, and what is refused."""
import numpy as np
import pytest

from softmax_viewer.limits import StateError
from softmax_viewer.logits import parse_logits


@pytest.mark.parametrize("text,expected", [
    ("1,2,3", [1, 2, 3]),
    ("1 2\t3", [1, 2, 3]),
    ("[1., 2.5, -3.]", [1, 2.5, -3]),
    ("tensor([1.0000, 2.0000, 3.0000])", [1, 2, 3]),
    ("array([ 1.5, -2. ])", [1.5, -2]),
    ("[[0.1, 0.2]]", [0.1, 0.2]),
    ("1, -inf, 2", [1, -np.inf, 2]),
    ("tensor([1., 2.], dtype=torch.float64)", [1, 2]),
])
def test_parse_logits(text, expected):
    np.testing.assert_array_equal(parse_logits(text), expected)


@pytest.mark.parametrize("text,match", [
    ("1, x, 3", r"item 2 \('x'\) is not a number"),
    ("1, nan", "item 2 is nan: only finite numbers or -inf"),
    ("inf 1", "item 1 is inf"),
    ("  ", "no numbers"),
])
def test_parse_logits_refuses(text, match):
    with pytest.raises(StateError, match=match):
        parse_logits(text)


def test_a_logit_beyond_the_float_range_is_refused_not_masked():
    with pytest.raises(StateError, match="beyond the float range"):
        parse_logits("-1e400, 1")
    assert np.isneginf(parse_logits("-inf, 1")[0])
