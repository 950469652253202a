"""The shipped example logits (assets/examples, made by scripts/make_examples.py)."""

from pathlib import Path

import numpy as np
import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"
SIZES = {"validation": 397, "test": 400}
FILES = [(model, split) for model in ("onehot", "smoothed") for split in SIZES]


def load(model, split):
    with np.load(EXAMPLES / f"digits-{model}-{split}.npz", allow_pickle=False) as data:
        return {key: data[key] for key in data.files}


@pytest.mark.parametrize("model,split", FILES)
def test_keys_shapes_dtypes(model, split):
    data = load(model, split)
    assert sorted(data) == ["class_names", "labels", "logits"]
    n = SIZES[split]
    assert data["logits"].dtype == np.float32 and data["logits"].shape == (n, 10)
    assert data["labels"].dtype == np.int64 and data["labels"].shape == (n,)
    assert data["class_names"].dtype == np.dtype("<U1")
    assert data["class_names"].tolist() == [str(k) for k in range(10)]
    assert data["labels"].min() >= 0 and data["labels"].max() <= 9
    assert np.isfinite(data["logits"]).all()


@pytest.mark.parametrize("model,split", FILES)
def test_small(model, split):
    assert (EXAMPLES / f"digits-{model}-{split}.npz").stat().st_size < 100_000


def test_onehot_test_split_accurate_and_overconfident():
    data = load("onehot", "test")
    z = data["logits"].astype(np.float64)
    shifted = z - z.max(axis=1, keepdims=True)
    p = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    accuracy = (p.argmax(axis=1) == data["labels"]).mean()
    assert accuracy > 0.85
    assert p.max(axis=1).mean() > accuracy
