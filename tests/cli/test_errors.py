"""The command line against bad and hostile arguments: exit 2 with one line, never a traceback or a hang."""
import os

import pytest

from tests.cli.running import one_line, run, run_strict
from tests.preset_files import HEAD


@pytest.mark.parametrize("args,needle", [
    (["--set", "colour=1"], "unknown key 'colour'"),
    (["--set", "scale"], "expected KEY=VALUE"),
    (["--set", "temperature=-1"], "temperature must be >= 0"),
    (["--logits=1,x"], "item 2 ('x') is not a number"),
    (["--set", "target=9"], "target 9 is out of range"),
    (["--bogus"], "unrecognized arguments"),
    (["--screenshot", "a.jpg"], "must end in .png"),
])
def test_bad_arguments_exit_2_with_one_line(args, needle):
    r = run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("args,needle", [
    (["export", "--panel", "loss", "--out", "x.gif"], "must end in .png, .svg, .pdf or .csv"),
    (["export", "--panel", "nope", "--out", "x.png"], "invalid choice: 'nope'"),
    (["export", "--panel", "loss"], "the following arguments are required: --out"),
    (["export", "--panel", "loss", "--out", "/no/such/dir/x.png"], "does not exist"),
    (["compute", "--preset", "missing-preset", "--json"], "no gallery preset of that name"),
    (["compute", "--set", "epsilon=3", "--json"], "epsilon must be <= 1"),
    (["compute", "--logits=1,,x", "--json"], "is not a number"),
    (["export", "--panel", "loss", "--out", "x.png", "--scale", "2"], "unrecognized arguments: --scale 2"),
    (["export", "--panel", "loss", "--out", "x.png", "--pixel-ratio", "5"], "--pixel-ratio 5: must be from 1 to 4"),
    (["export", "--panel", "loss", "--out", "x.png", "--pixel-ratio", "0.5"], "--pixel-ratio 0.5: must be from 1"),
    (["export", "--panel", "loss", "--out", "x.svg", "--pixel-ratio", "2"], "'x.svg' is not a .png"),
    (["bogus"], "unknown command or file 'bogus'; commands: compute, sample, train, calibrate, export, presets"),
    (["comptue", "--json"], "unknown command or file 'comptue'; commands: compute, sample, train, calibrate, "
                            "export, presets (did you mean compute?)"),
    (["--set", "scale=2", "bogus"], "unknown command or file 'bogus'"),
    (["--preset", "/tmp"], "is a directory"),
])
def test_command_line_errors_exit_2_with_one_line(args, needle):
    r = run(*args)
    assert r.returncode == 2, (r.returncode, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr


@pytest.mark.parametrize("args,needle", [
    (["sample", "--n", "10", "--top-p", "2", "--json"], "--top-p 2: must be in (0, 1]"),
    (["sample", "--top-p", "1.5"], "--top-p 1.5: must be in (0, 1]"),
    (["sample", "--top-p", "nan"], "--top-p nan: must be in (0, 1]"),
    (["sample", "--top-k", "0"], "--top-k 0: must be >= 1"),
    (["sample", "--min-p", "-1"], "--min-p -1: must be in [0, 1]"),
    (["sample", "--n", "-5", "--json"], "--n -5: must be in 0..1e+15"),
    (["sample", "--n", "100000000000000000000", "--json"], "--n 100000000000000000000: must be in 0..1e+15"),
    (["sample", "--n", "5", "--seed", "-3", "--json"], "--seed -3: must be in 0..2147483647"),
    (["sample", "--n", "5", "--set", "temperature=0", "--json"], "nothing to sample"),
    (["sample", "--n", "5", "--logits=-inf,-inf", "--json"], "every class is masked"),
    (["train", "--steps", "10", "--lr", "-1", "--json"], "--lr -1: must be a number in (0, 1e300]"),
    (["train", "--lr", "inf"], "--lr inf: must be a number in (0, 1e300]"),
    (["train", "--steps", "10", "--lr", "1", "--mode", "linear", "--set", "n_classes=101", "--json"],
     "--mode linear takes at most 100 classes"),
    (["train", "--steps", "x", "--lr", "1", "--json"], "invalid int value: 'x'"),
    (["compute", "--dtype", "float8", "--json"], "invalid choice: 'float8'"),
])
def test_lab_command_errors(args, needle):
    r = run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], r.stderr


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
    one_line(run_strict(*args), needle)
    assert not os.path.exists("never.png")


def test_a_preset_that_is_a_fifo_does_not_hang_the_command_line(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    one_line(run_strict("compute", "--preset", str(fifo), "--json", timeout=60), "not a regular file")
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    one_line(run_strict("compute", "--preset", str(link), "--json", timeout=60), "not a regular file")


def test_a_nested_or_huge_preset_is_one_line(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text(HEAD + '"logits": ' + "[" * 1000 + "]" * 1000 + "}")
    one_line(run_strict("compute", "--preset", str(deep), "--json"), "")
    big = tmp_path / "big.json"
    big.write_text(HEAD + '"logits": [1, 2], "target": 1, "scale": 1' + "0" * 400 + "}")
    one_line(run_strict("compute", "--preset", str(big), "--json"), "scale")
