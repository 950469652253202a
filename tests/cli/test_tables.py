"""compute, sample and train without --json: a short aligned table of the key numbers; their defaults."""
import json

import numpy as np

from softmax_viewer import stable
from softmax_viewer.lab_settings import SamplingSettings, TrainingSettings
from tests.cli.running import run_strict


def _ok(r):
    assert r.returncode == 0 and r.stderr == "", r.stderr
    return r.stdout.splitlines()


def _row(lines, first):
    """The table row whose first cell is ``first``, split into cells."""
    rows = [line.split() for line in lines[1:] if line.split()[:1] == [first]]
    assert len(rows) == 1, (first, lines)
    return rows[0]


def test_compute_without_json_prints_a_short_table_of_the_readout():
    lines = _ok(run_strict("compute", "--preset", "14-temperature-1", "--set", "epsilon=0.1"))
    assert lines[0] == "4 classes, target 2 (went), s = 1, T = 1, eps = 0.1"
    assert len(lines) < 15
    z = np.array([38.0, 20.0, 40.0, 39.0])
    p = stable.softmax(z)
    went = _row(lines, "2")
    assert went[1] == "went" and float(went[4]) == float(f"{p[2]:.6g}") and went[-1] == "predicted"
    assert [line.split()[0] for line in lines[2:6]] == ["2", "3", "0", "1"]       # most probable first
    text = "\n".join(lines)
    assert f"cross-entropy         {stable.cross_entropy(z, 2):.6g}" in text
    assert "CE at eps = 0.1" in text and "logsumexp" in text and "entropy" in text
    header = lines[1]
    for line in lines[2:6]:                          # the numbers' columns end where their titles end
        assert line[len(header) - 1] != " " and line[len(header):len(header) + 1] in ("", " "), line


def test_compute_table_of_many_classes_shows_the_most_probable_and_the_target():
    lines = _ok(run_strict("compute", "--set", "n_classes=5000", "--set", "target=4321"))
    assert len(lines) < 25
    assert _row(lines, "4321")[-1] == "target"
    assert any("the 10 most probable of 5,000 classes, and the target; --json gives every class" in line
               for line in lines)


def test_compute_table_with_a_dtype_shows_the_textbook_overflow():
    lines = _ok(run_strict("compute", "--logits=10,2,10000,4", "--dtype", "float32"))
    assert "textbook p" in lines[1] and "stable p" in lines[1]
    big = _row(lines, "2")
    assert big == ["2", "10000", "10000", "1", "0", "nan", "1", "predicted"]
    assert any(line.startswith("textbook p and stable p in float32, where exp(u) overflows past u = 88.72")
               for line in lines)


def test_sample_without_json_prints_the_draws():
    lines = _ok(run_strict("sample", "--preset", "14-temperature-1", "--n", "5000", "--seed", "9",
                           "--top-p", "0.95"))
    assert lines[0] == "5,000 draws, seed 9, top-p 0.95, temperature_first: 3 of 4 classes kept"
    d = json.loads(run_strict("sample", "--preset", "14-temperature-1", "--n", "5000", "--seed", "9",
                              "--top-p", "0.95", "--json").stdout)
    draws = {int(line.split()[0]): int(line.split()[4].replace(",", "")) for line in lines[2:6]}
    assert draws == dict(enumerate(d["counts"]))
    assert _row(lines, "1")[-1] == "cut" and lines[-1] == "argmax 2 (went)"


def test_train_without_json_prints_a_few_steps_and_the_final_logits():
    args = ("train", "--logits=1.5,1.2,1.0", "--set", "target=0", "--set", "epsilon=0.1", "--steps", "500",
            "--lr", "1", "--loss", "smoothed_ce")
    lines = _ok(run_strict(*args))
    d = json.loads(run_strict(*args, "--json").stdout)
    assert lines[0] == "500 steps of smoothed_ce at lr 1, logits mode, 3 classes, target 0"
    steps = [int(line.split()[0].replace(",", "")) for line in lines[2:13]]
    assert steps == list(range(0, 501, 50))
    last = _row(lines, "500")
    assert [float(v) for v in last[1:]] == [float(f"{d[k][-1]:.6g}") for k in ("loss", "norm", "gap", "max_p")]
    assert lines[-2].startswith(f"gap bound: {d['gap_bound']:.6g}")
    assert lines[-1] == "final logits z: " + ", ".join(f"{v:.6g}" for v in d["logits"][-1])
    assert len(lines) < 20


def test_sample_and_train_have_the_labs_defaults():
    s = json.loads(run_strict("sample", "--json").stdout)
    assert s["n"] == SamplingSettings().n == sum(s["counts"]) and s["seed"] == 0
    t = json.loads(run_strict("train", "--json").stdout)
    assert t["steps"] == TrainingSettings().steps and t["lr"] == TrainingSettings().lr
    assert t["loss_name"] == "ce" and len(t["loss"]) == t["steps"] + 1


def test_the_tables_are_written_at_the_limits_without_a_warning():
    lines = _ok(run_strict("compute", "--logits=1e308,-inf,3", "--set", "temperature=0"))
    assert _row(lines, "1")[1:] == ["-inf", "-inf", "0", "-inf"]
    _ok(run_strict("sample", "--n", "0", "--logits=1,2"))
    _ok(run_strict("train", "--logits=1e308,-1e308", "--steps", "1", "--lr", "1"))
    _ok(run_strict("train", "--steps", "0", "--mode", "linear", "--set", "n_classes=3"))
