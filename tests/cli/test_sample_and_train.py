"""softmax-viewer sample and train: the labs' numbers as JSON."""
import json
import math
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from softmax_viewer import cli, commands
from tests.cli.running import run, run_strict


def test_sample_command_is_reproducible():
    args = ("sample", "--preset", "14-temperature-1", "--n", "5000", "--seed", "9", "--top-p", "0.95", "--json")
    a, b = run(*args), run(*args)
    assert a.returncode == 0, a.stderr
    da = json.loads(a.stdout)
    assert da["counts"] == json.loads(b.stdout)["counts"] and sum(da["counts"]) == 5000
    assert len(da["counts"]) == 4


def test_train_command_prints_logits_and_loss():
    r = run("train", "--logits=1.5,1.2,1.0", "--set", "target=0", "--set", "epsilon=0.1", "--steps", "500",
            "--lr", "1", "--loss", "smoothed_ce", "--json")
    d = json.loads(r.stdout)
    assert len(d["loss"]) == 501 and len(d["logits"]) == 501 and len(d["logits"][0]) == 3
    z = np.array(d["logits"][-1])
    assert z[0] - z[1:].max() == pytest.approx(d["gap_bound"], rel=1e-4)


def test_train_command_prints_the_final_logits_when_every_step_would_not_fit(monkeypatch, capsys):
    args = ["train", "--logits=1.5,1.2,1.0", "--set", "target=0", "--steps", "40", "--lr", "1", "--json"]
    assert cli.main(args) == 0
    every = json.loads(capsys.readouterr().out)
    assert every["logits_steps"] == list(range(41)) and len(every["logits"]) == 41
    monkeypatch.setattr(commands, "KEPT_LOGITS", 40 * 3)     # one step short of the whole history
    assert cli.main(args) == 0
    final = json.loads(capsys.readouterr().out)
    assert final["logits_steps"] == [40] and final["logits"] == every["logits"][-1:]
    assert final["loss"] == every["loss"]


def test_train_near_the_float_range_prints_whole_json():
    r = run_strict("train", "--logits=1e308,-1e308", "--steps", "1", "--lr", "1", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["loss"] == ["inf", "inf"] and d["gap"][0] == "-inf" and d["max_p"] == [1.0, 1.0]
    assert d["norm"][0] == pytest.approx(math.sqrt(2) * 1e308)


def test_ctrl_c_ends_with_one_line():
    # a run of some 18 s (900 classes, 100,000 steps), interrupted after 3
    p = subprocess.Popen([sys.executable, "-m", "softmax_viewer", "train", "--steps", "100000", "--lr", "1",
                          "--set", "n_classes=900", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130 and err.strip().splitlines() == ["softmax-viewer: interrupted"] and out == ""
