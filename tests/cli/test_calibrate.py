"""softmax-viewer calibrate, and --logits-file / --row / --labels-file on every command."""
import json

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.special import log_softmax, softmax

from tests.cli.running import one_line, run_strict


@pytest.fixture
def batch(tmp_path):
    rng = np.random.default_rng(7)
    y = rng.integers(0, 5, 1200)
    z = rng.normal(0, 1, (1200, 5))
    z[np.arange(1200), y] += 1.2
    z *= 4.0
    np.save(tmp_path / "z.npy", z)
    np.save(tmp_path / "y.npy", y)
    return tmp_path, z, y


def test_calibrate_json_agrees_with_scipy_to_1e9(batch):
    folder, z, y = batch
    r = run_strict("calibrate", "--logits-file", str(folder / "z.npy"), "--labels-file", str(folder / "y.npy"),
                   "--set", "temperature=1.5", "--fit", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["n_samples"] == 1200 and out["n_classes"] == 5 and out["temperature"] == 1.5
    lp = log_softmax(z / 1.5, axis=1)
    p = np.exp(lp)
    rows = np.arange(1200)
    assert out["nll"] == pytest.approx(-lp[rows, y].mean(), rel=1e-9)
    assert out["accuracy"] == pytest.approx((p.argmax(1) == y).mean(), rel=1e-12)
    assert out["brier"] == pytest.approx(((p - np.eye(5)[y]) ** 2).sum(1).mean(), rel=1e-9)
    conf, correct = p.max(1), p.argmax(1) == y
    ece = sum(abs(correct[m].mean() - conf[m].mean()) * m.sum() / 1200
              for m in ((conf > k / 15) & (conf <= (k + 1) / 15) for k in range(15)) if m.any())
    assert out["ece"] == pytest.approx(ece, rel=1e-9)
    assert [b["count"] for b in out["bins"]] == [int(((conf > k / 15) & (conf <= (k + 1) / 15)).sum())
                                                for k in range(15)]
    want = 1 / brentq(lambda b: np.mean((softmax(z * b, 1) * z).sum(1) - z[rows, y]), 1e-3, 1e3,
                      xtol=1e-15, rtol=1e-15)
    assert out["fitted_temperature"] == pytest.approx(want, rel=1e-9)
    assert out["fitted"]["nll"] < out["nll"] or out["fitted_temperature"] == pytest.approx(1.5)


def test_calibrate_prints_a_table_without_json(batch):
    folder, _z, _y = batch
    r = run_strict("calibrate", "--logits-file", str(folder / "z.npy"), "--labels-file", str(folder / "y.npy"),
                   "--bins", "5", "--equal-mass", "--fit")
    assert r.returncode == 0, r.stderr
    assert "ECE" in r.stdout and "(T*)" in r.stdout and "equal-mass" in r.stdout
    assert len([line for line in r.stdout.splitlines() if ".." in line]) == 5


@pytest.mark.parametrize("labels,needle", [
    (None, "has no labels: give them with --labels-file"),
    (np.arange(3), "--labels-file"),
    (np.full(1200, 9), "outside the classes 0..4"),
])
def test_bad_labels_exit_2_in_one_line(batch, labels, needle):
    folder, _z, _y = batch
    args = ["calibrate", "--logits-file", str(folder / "z.npy"), "--json"]
    if labels is not None:
        np.save(folder / "bad.npy", labels)
        args += ["--labels-file", str(folder / "bad.npy")]
    one_line(run_strict(*args), needle)


def test_calibrate_without_a_batch_says_what_it_needs():
    one_line(run_strict("calibrate", "--json"), "needs --logits-file")


def test_compute_shows_one_row_of_a_batch_with_its_label_as_target(tmp_path):
    z = np.array([[0.0, 1.0, 2.0], [5.0, -1.0, 0.5]])
    np.savez(tmp_path / "b.npz", logits=z, labels=np.array([2, 1]), class_names=np.array(["a", "b", "c"]))
    r = run_strict("compute", "--logits-file", str(tmp_path / "b.npz"), "--row", "1", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["logits_z"] == [5.0, -1.0, 0.5] and out["target"] == 1 and out["labels"] == ["a", "b", "c"]
    r = run_strict("compute", "--logits-file", str(tmp_path / "b.npz"), "--row", "1")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert r.stdout.splitlines()[0] == "3 classes, target 1 (b), s = 1, T = 1, eps = 0"
    assert r.stdout.splitlines()[2].split() == ["0", "a", "5", "5", "0.986594", "-0.0134963", "predicted"]
    one_line(run_strict("compute", "--logits-file", str(tmp_path / "b.npz"), "--row", "2", "--json"),
             "--row 2: the batch's rows are 0..1")


def test_a_vector_file_is_the_explorers_logits(tmp_path):
    (tmp_path / "v.csv").write_text("1,2,3,4\n")
    r = run_strict("compute", "--logits-file", str(tmp_path / "v.csv"), "--set", "target=0", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["logits_z"] == [1.0, 2.0, 3.0, 4.0]


def test_a_pickled_file_is_refused_by_the_command_line(tmp_path):
    np.save(tmp_path / "o.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    one_line(run_strict("compute", "--logits-file", str(tmp_path / "o.npy"), "--json"), "Python objects")
