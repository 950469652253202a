"""The command line against hostile arguments: exit 0 with a right answer, or exit 2 with one line."""
import json
import math
import os
import subprocess
import sys

import pytest

HEAD = '{"format": "softmax-viewer-preset", "version": 1, '


def _run(*args, timeout=120):
    env = dict(os.environ, PYTHONWARNINGS="error")
    return subprocess.run([sys.executable, "-m", "softmax_viewer", *args], capture_output=True, text=True,
                          timeout=timeout, env=env)


def _one_line(r, needle):
    assert r.returncode == 2, (r.returncode, r.stdout[-300:], r.stderr[-1000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("softmax-viewer: ") and needle in lines[0], r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("args,needle", [
    (["compute", "--logits=0,0", "--set", "temperature=1e-320", "--json"], "temperature must be 0 or at least 1e-300"),
    (["compute", "--logits=0,0", "--set", "scale=1e-320", "--set", "temperature=5e-324", "--json"],
     "scale must be 0 or at least 1e-300"),
    (["--logits=0,0", "--set", "temperature=1e-320", "--screenshot", "never.png"], "temperature must be 0"),
    (["compute", "--logits=0,-inf", "--set", "epsilon=5e-324", "--json"], "epsilon must be 0 or at least 1e-300"),
    (["compute", "--logits=-inf,-inf", "--json"], "every class is masked"),
    (["sample", "--logits=-inf,-inf", "--n", "5", "--json"], "every class is masked"),
    (["compute", "--set", "n_classes=" + "9" * 400, "--json"], "n_classes must be a whole number in range"),
    (["compute", "--set", "scale=1" + "0" * 400, "--json"], "scale is beyond the float range (±1.8e308), got '1000000"),
    (["train", "--steps", "1000000", "--lr", "1", "--json"], "--steps 1000000: must be in 0..100,000"),
    (["train", "--steps", "100000", "--lr", "1", "--set", "n_classes=100", "--mode", "linear", "--json"],
     "over the 5e+08 one run does"),
    (["sample", "--n", "5", "--seed", "2147483648", "--json"], "--seed 2147483648: must be in 0..2147483647"),
])
def test_hostile_arguments_exit_2_with_one_line(args, needle):
    _one_line(_run(*args), needle)
    assert not os.path.exists("never.png")


def test_train_near_the_float_range_prints_whole_json():
    r = _run("train", "--logits=1e308,-1e308", "--steps", "1", "--lr", "1", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["loss"] == ["inf", "inf"] and d["gap"][0] == "-inf" and d["max_p"] == [1.0, 1.0]
    assert d["norm"][0] == pytest.approx(math.sqrt(2) * 1e308)


def test_compute_at_scale_zero_beside_a_masked_class_has_no_nan():
    r = _run("compute", "--logits=1,-inf,3", "--set", "scale=0", "--set", "target=0", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["probabilities"] == [0.5, 0.0, 0.5] and d["logits"] == [0.0, "-inf", 0.0]
    assert "nan" not in r.stdout


def test_compute_of_four_logits_near_the_float_range_warns_nothing():
    r = _run("compute", "--logits=1.7e308,1.7e308,1.7e308,1.7e308", "--set", "epsilon=0.5", "--json")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    d = json.loads(r.stdout)
    assert d["probabilities"] == [0.25] * 4 and d["smoothed_cross_entropy"] == pytest.approx(math.log(4))


def test_a_preset_that_is_a_fifo_does_not_hang_the_command_line(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _one_line(_run("compute", "--preset", str(fifo), "--json", timeout=60), "not a regular file")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    _one_line(_run("compute", "--preset", str(link), "--json", timeout=60), "not a regular file")


def test_a_nested_or_huge_preset_is_one_line(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(HEAD + '"logits": ' + "[" * 1000 + "]" * 1000 + "}")
    _one_line(_run("compute", "--preset", str(deep), "--json"), "")
    big = tmp_path / "big.json"
    big.write_text(HEAD + '"logits": [1, 2], "target": 1, "scale": 1' + "0" * 400 + "}")
    _one_line(_run("compute", "--preset", str(big), "--json"), "scale")


def test_an_error_is_one_line_with_nothing_from_qt_or_libpng(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "a.png"
    out.mkdir()                                   # a directory where the file would go
    _one_line(_run("export", "--panel", "window", "--out", str(out)), "is a directory")
    r = _run("export", "--panel", "probabilities", "--out", str(tmp_path / "ok.png"))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = _run("--screenshot", str(tmp_path / "shot.png"))
    assert r.returncode == 0 and r.stderr == "", r.stderr


def test_ctrl_c_ends_with_one_line():
    import signal
    import time

    p = subprocess.Popen([sys.executable, "-m", "softmax_viewer", "train", "--steps", "100000", "--lr", "1",
                          "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    p.send_signal(signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130 and err.strip().splitlines() == ["softmax-viewer: interrupted"] and out == ""
