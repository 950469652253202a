"""A bounded fuzz of the command line, with a fixed seed.

Every case must end in exit 0 with a right answer or exit 2 with one line:
never a traceback, a hang, a warning, or NaN where the math has a value.
"""
import contextlib
import io
import json
import random
import warnings

import numpy as np
import pytest

from softmax_viewer import cli, presets
from tests.fuzz_cases import CASE_SECONDS, SEED, deadline

NUMBERS = ["0", "1", "-1", "2.5", "-0.0", "1e-320", "5e-324", "1e-300", "1e300", "1e308", "-1e308",
           "1.7976931348623157e308", "1e400", "-inf", "inf", "nan", "3", "40", "10000", "0.001", "2147483648",
           "9" * 30, "1" + "0" * 400, "", "x", "1,2", "１", "−2", "0x10", "1e", "--1", "猫"]


def _state_options(rng):
    args = []
    if rng.random() < 0.15:
        args += ["--preset", rng.choice(list(presets.gallery()) + ["nope", "/dev/null", "/tmp"])]
    if rng.random() < 0.7:
        k = rng.choice([1, 1, 2, 3, 4, 6])
        args.append("--logits=" + ",".join(rng.choice(NUMBERS[:20]) if rng.random() < 0.9 else rng.choice(NUMBERS)
                                           for _ in range(k)))
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        key = rng.choice(["scale", "temperature", "epsilon", "target", "n_classes", "bogus", ""])
        value = rng.choice(NUMBERS) if key != "n_classes" else rng.choice(["1", "3", "70", "0", "-2", "x", "2000",
                                                                            "1000001", "9" * 30])
        args += ["--set", f"{key}={value}" if rng.random() < 0.95 else key]
    return args


def _argv(rng):
    command = rng.choice(["compute"] * 5 + ["sample"] * 3 + ["train"] * 3 + ["presets"])
    argv = [command] + (_state_options(rng) if command != "presets" else [])
    if command == "compute":
        if rng.random() < 0.3:
            argv += ["--dtype", rng.choice(["float16", "float32", "float64", "float8"])]
        argv.append("--json")
    elif command == "sample":
        argv += ["--n", rng.choice(["0", "1", "50", "1000", "-1", "x", "1000000000000000", "1e3", "9" * 20])]
        for flag, pool in (("--seed", ["0", "7", "-1", "2147483647", "2147483648"]),
                           ("--top-k", ["1", "2", "0", "-3", "100"]), ("--top-p", ["0.9", "0", "1", "nan", "2"]),
                           ("--min-p", ["0.1", "0", "1", "-1", "nan", "inf"])):
            if rng.random() < 0.3:
                argv += [flag, rng.choice(pool)]
        argv.append("--json")
    elif command == "train":
        argv += ["--steps", rng.choice(["0", "1", "5", "30", "-1", "x", "1000000"]),
                 "--lr", rng.choice(["0.5", "1", "1e300", "1e308", "0", "-1", "nan", "inf", "1e-300"])]
        if rng.random() < 0.4:
            argv += ["--loss", rng.choice(["ce", "smoothed_ce", "hinge", "mse"])]
        if rng.random() < 0.2:
            argv += ["--mode", rng.choice(["logits", "linear"])]
        argv.append("--json")
    if command != "presets" and rng.random() < 0.2:
        argv.remove("--json")                       # the short table instead
    return argv


def _no_nan(obj, where):
    if isinstance(obj, dict):
        for k, v in obj.items():
            # the textbook formula's NaN is what it shows; a dtype that cannot hold u has no softmax
            if k != "naive_probabilities" and not (k == "dtype_probabilities" and obj.get("u_overflows_dtype")):
                _no_nan(v, f"{where}.{k}")
    elif isinstance(obj, list):
        for v in obj:
            _no_nan(v, where)
    else:
        assert obj != "nan", where


def _check_cli_case(argv):
    out, err = io.StringIO(), io.StringIO()
    with deadline(CASE_SECONDS), warnings.catch_warnings(), \
            contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        warnings.simplefilter("error")
        rc = cli.main(list(argv))
    stdout, stderr = out.getvalue(), err.getvalue()
    assert rc in (0, 2), (argv, rc, stderr)
    if rc == 2:
        lines = stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("softmax-viewer: ") and stdout == "", (argv, stderr)
        return None
    assert stderr == "", (argv, stderr)
    if argv[0] == "presets":
        return None
    if "--json" not in argv:
        lines = stdout.splitlines()
        assert 2 < len(lines) < 30 and all(len(line) < 200 for line in lines), (argv, stdout)
        return {"table": lines}
    d = json.loads(stdout, parse_constant=lambda c: pytest.fail(f"{argv}: {c} in the JSON"))
    _no_nan(d, " ".join(argv))
    if argv[0] == "compute":
        p = np.array(d["probabilities"], dtype=float)
        assert abs(p.sum() - 1.0) < 1e-9 and np.all(p >= 0), argv
    elif argv[0] == "sample":
        assert sum(d["counts"]) == d["n"] and all(c == 0 for c, k in zip(d["counts"], d["kept"]) if not k), argv
    return d


def test_the_command_line_fuzz_ends_in_a_right_answer_or_one_line():
    rng = random.Random(SEED)
    outcomes = {0: 0, 2: 0}
    for case in range(2500):
        argv = _argv(rng)
        try:
            d = _check_cli_case(argv)
        except AssertionError:
            raise
        except BaseException as exc:                 # a traceback, a warning as error, a hang
            raise AssertionError(f"case {case}: {argv}: {type(exc).__name__}: {exc}") from exc
        outcomes[0 if d is not None or argv[0] == "presets" else 2] += 1
    # the fuzz reaches both ends: plenty of answers and plenty of refusals
    assert outcomes[0] > 400 and outcomes[2] > 400, outcomes


def test_the_command_line_fuzz_exports_too(tmp_path):
    rng = random.Random(SEED + 1)
    for case in range(24):
        suffix = [".csv", ".png", ".svg", ".pdf"][case % 4]
        argv = ["export", *_state_options(rng), "--panel",
                rng.choice(["probabilities", "lse", "loss", "surface", "gradient", "window"]),
                "--out", str(tmp_path / f"f{case}{suffix}")]
        out, err = io.StringIO(), io.StringIO()
        with deadline(120), warnings.catch_warnings(), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err):
            warnings.simplefilter("error")
            rc = cli.main(argv)
        assert rc in (0, 2), (argv, err.getvalue())
        if rc == 2:
            assert len(err.getvalue().splitlines()) == 1, (argv, err.getvalue())
        else:
            assert err.getvalue() == "" and (tmp_path / f"f{case}{suffix}").stat().st_size > 0, argv
