"""--help says every option's default, --version, and what a word alone on the command line is."""
import re

import numpy as np
import pytest
from PySide6.QtGui import QImage

from softmax_viewer.version import VERSION
from tests.cli.running import one_line, run, run_strict

COMMANDS = ("compute", "sample", "train", "calibrate", "export")


def _options(help_text):
    """{option: its help text} of an argparse --help."""
    options, current = {}, None
    for line in help_text.split("options:", 1)[1].splitlines():
        m = re.match(r"  (-\S+)", line)
        if m:
            current = m.group(1).rstrip(",")
            options[current] = line
        elif current is not None:
            options[current] += " " + line.strip()
    return {k: " ".join(v.split()) for k, v in options.items()}


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_option_says_its_default_in_help(command):
    r = run_strict(*([command] if command else []), "--help")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    options = _options(r.stdout)
    assert "--preset" in options and len(options) > 6
    for option, text in options.items():
        if option in ("-h", "--version"):
            continue
        assert "default" in text or "(required)" in text, text


def test_help_gives_the_defaults_of_sample_and_train():
    assert "(default 10,000)" in _options(run("sample", "--help").stdout)["--n"]
    train = _options(run("train", "--help").stdout)
    assert "(default 300)" in train["--steps"] and "(default 0.5)" in train["--lr"]
    assert "from 1 to 4" in _options(run("export", "--help").stdout)["--pixel-ratio"]


def test_version():
    r = run_strict("--version")
    assert r.returncode == 0 and r.stdout == f"softmax-viewer {VERSION}\n" and r.stderr == ""


def test_an_unknown_word_lists_the_commands():
    one_line(run_strict("bogus"), "unknown command or file 'bogus'; commands: compute, sample, train, calibrate, "
                                  "export, presets")
    one_line(run_strict("sampel", "--n", "5"), "(did you mean sample?)")
    one_line(run_strict("no/such/file.npy", "--screenshot", "x.png"), "unknown command or file 'no/such/file.npy'")


def test_a_gallery_preset_or_a_file_alone_still_opens(tmp_path):
    for name, target in (("14-temperature-1", "shot-preset.png"), ("logits.npy", "shot-file.png")):
        if name.endswith(".npy"):
            np.save(tmp_path / name, np.array([1.0, 2.0, 3.0]))
        out = tmp_path / target
        r = run_strict(name, "--screenshot", str(out), cwd=tmp_path)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        assert QImage(str(out)).width() > 1000
