"""Command line of softmax-viewer: the window, and the same numbers without a screen.

    softmax-viewer [state options] [--screenshot FILE.png]
    softmax-viewer export  [state options] --panel PANEL --out FILE [--scale K]
    softmax-viewer compute [state options] [--dtype float16|float32|float64] --json
    softmax-viewer sample  [state options] --n N --seed S [--top-k K] [--top-p P] [--min-p M] --json
    softmax-viewer train   [state options] --steps N --lr R [--loss ce|smoothed_ce|hinge] --json
                           (the logits after every step, or the final ones past 10 million numbers)
    softmax-viewer calibrate --logits-file FILE [--labels-file FILE] [--bins M] [--equal-mass]
                           [--set scale=S] [--set temperature=T] [--fit] [--json]
    softmax-viewer presets
    softmax-viewer FILE [--row I]           (a preset, or a file of logits: .npy .npz .csv ...)

State options: --preset NAME|FILE, --logits-file FILE [--row I] [--labels-file FILE],
--logits=Z1,Z2,..., --set KEY=VALUE (repeatable; KEY is scale, temperature, epsilon,
n_classes or target), applied in that order.
Any bad argument, value or file exits with status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys

from softmax_viewer import names
from softmax_viewer.limits import MAX_SEED, StateError, brief, one_line
from softmax_viewer.logits import parse_logits
from softmax_viewer.state import SETTABLE_KEYS, ExplorerState

COMMANDS = ("export", "compute", "sample", "train", "calibrate", "presets")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):          # one clear line, status 2, no usage dump
        raise UsageError(message)


def _state_options(ap):
    ap.add_argument("--preset", metavar="NAME|FILE", help="start from a gallery preset or a preset file")
    ap.add_argument("--logits-file", metavar="FILE", help="a model's logits (.npy .npz .csv .tsv .txt .json "
                                                          ".safetensors .pt): a vector, or a batch")
    ap.add_argument("--row", type=int, metavar="I", help="the row of a batch to show (default 0)")
    ap.add_argument("--labels-file", metavar="FILE", help="the true labels of a batch (.npy .csv .txt)")
    ap.add_argument("--logits", metavar="Z1,Z2,...",
                    help="the logits, comma separated (write --logits=-1,2 for negative ones)")
    ap.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                    help=f"set one of {', '.join(SETTABLE_KEYS)} (repeatable)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    if command == "export":
        ap = _Parser(prog="softmax-viewer export", description="Export a panel or the window to a file.")
        _state_options(ap)
        ap.add_argument("--panel", required=True, choices=list(names.EXPORT_TARGETS))
        ap.add_argument("--out", required=True, metavar="FILE", help="ends in .png, .svg, .pdf or .csv")
        ap.add_argument("--scale", type=float, default=1.0, help="PNG resolution as a multiple of the screen's")
        return ap
    if command == "compute":
        ap = _Parser(prog="softmax-viewer compute", description="Print the numbers the window shows.")
        _state_options(ap)
        ap.add_argument("--dtype", choices=names.DTYPES,
                        help="also give the textbook formula's probabilities in this dtype")
        ap.add_argument("--json", action="store_true", required=True, help="as one JSON object")
        return ap
    if command == "sample":
        ap = _Parser(prog="softmax-viewer sample", description="Draw samples from p with a seed.")
        _state_options(ap)
        ap.add_argument("--n", type=int, required=True, help="number of draws")
        ap.add_argument("--seed", type=int, default=0)
        ap.add_argument("--top-k", type=int, help="keep the k most probable classes")
        ap.add_argument("--top-p", type=float, help="nucleus: the smallest set reaching mass p")
        ap.add_argument("--min-p", type=float, help="keep classes with p >= min_p * p_max")
        ap.add_argument("--order", choices=list(names.SAMPLING_ORDERS), default="temperature_first")
        ap.add_argument("--json", action="store_true", required=True)
        return ap
    if command == "train":
        ap = _Parser(prog="softmax-viewer train", description="Gradient descent on the logits.")
        _state_options(ap)
        ap.add_argument("--steps", type=int, required=True)
        ap.add_argument("--lr", type=float, required=True)
        ap.add_argument("--loss", choices=list(names.TRAINING_LOSSES), default="ce")
        ap.add_argument("--mode", choices=list(names.TRAINING_MODES), default="logits")
        ap.add_argument("--json", action="store_true", required=True)
        return ap
    if command == "calibrate":
        ap = _Parser(prog="softmax-viewer calibrate",
                     description="A batch's calibration: accuracy, NLL, Brier, ECE, MCE, the reliability bins.")
        _state_options(ap)
        ap.add_argument("--bins", type=int, default=15, help="number of confidence bins (default 15)")
        ap.add_argument("--equal-mass", action="store_true", help="bins of equal counts instead of equal width")
        ap.add_argument("--fit", action="store_true", help="also fit the temperature T* that minimizes the NLL")
        ap.add_argument("--json", action="store_true", help="as one JSON object")
        return ap
    if command == "presets":
        return _Parser(prog="softmax-viewer presets", description="List the preset gallery.")
    ap = _Parser(prog="softmax-viewer",
                 description="Explore softmax, log-sum-exp, cross-entropy and their gradients. "
                             f"Commands: {', '.join(COMMANDS)} (see softmax-viewer COMMAND --help).")
    ap.add_argument("file", nargs="?", metavar="FILE", help="a preset or a file of logits to open")
    _state_options(ap)
    ap.add_argument("--screenshot", metavar="FILE.png", help="render the window in that state to FILE.png and exit")
    return ap


def batch_from_args(args):
    """The batch of ``--logits-file`` (None without one, or when the file is a vector)."""
    return _opened(args)[1]


def _opened(args):
    """(state, batch) of --logits-file and --labels-file, each None where absent; cached on args."""
    if getattr(args, "_opened", None) is None:
        state = batch = None
        if args.labels_file is not None and args.logits_file is None:
            raise UsageError("--labels-file needs --logits-file")
        if args.logits_file is not None:
            from softmax_viewer.batch import LogitFileError, open_logits

            from softmax_viewer.logit_files import read_labels

            try:
                state, batch = open_logits(args.logits_file)
            except LogitFileError as exc:
                raise UsageError(f"--logits-file {exc}") from None
            if args.labels_file is not None:
                if batch is None:
                    raise UsageError("--labels-file needs --logits-file with a (samples, classes) batch")
                try:
                    labels = read_labels(args.labels_file, batch.n_samples, batch.n_classes)
                except LogitFileError as exc:
                    raise UsageError(f"--labels-file {exc}") from None
                batch = dataclasses.replace(batch, labels=labels)
        if args.row is not None and batch is None:
            raise UsageError("--row needs --logits-file with a (samples, classes) batch")
        args._opened = (state, batch)
    return args._opened


def state_from_args(args) -> ExplorerState | None:
    """The state the options ask for, or None when they ask for nothing."""
    if getattr(args, "file", None) is not None:
        _open_positional(args)
    if args.preset is None and args.logits is None and not args.set and args.logits_file is None:
        return None
    st = ExplorerState()
    if args.preset is not None:
        from softmax_viewer import presets

        try:
            st = presets.load(presets.resolve(args.preset))
        except presets.PresetError as exc:
            raise UsageError(f"--preset {exc}") from None
    vector, batch = _opened(args)
    if vector is not None:
        st = vector
    elif batch is not None:
        row = 0 if args.row is None else args.row
        if not 0 <= row < batch.n_samples:
            raise UsageError(f"--row {row}: the batch's rows are 0..{batch.n_samples - 1}")
        st = batch.row_state(row, st)
    if args.logits is not None:
        try:
            z = parse_logits(args.logits)
            st = st.replace(logits=z, target=min(st.target, z.size - 1), labels=st.labels[: z.size],
                            surface_i=min(st.surface_i, z.size - 1), surface_j=min(st.surface_j, z.size - 1))
        except StateError as exc:
            raise UsageError(f"--logits: {exc}") from None
    for item in args.set:
        if "=" not in item:
            raise UsageError(f"--set {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        try:
            st = st.with_setting(key.strip(), value)
        except StateError as exc:
            raise UsageError(f"--set {item}: {exc}") from None
    return st


def _open_positional(args) -> None:
    """``softmax-viewer FILE``: a preset (.json with a "format") or a file of logits."""
    from softmax_viewer.batch import is_preset_json
    from softmax_viewer.logit_files import is_logit_file

    path, args.file = args.file, None
    if path.lower().endswith(".json") and is_preset_json(path) or not is_logit_file(path):
        if args.preset is not None:
            raise UsageError(f"{path}: give one preset, not {path} and --preset")
        args.preset = path
    else:
        if args.logits_file is not None:
            raise UsageError(f"{path}: give one file of logits, not {path} and --logits-file")
        args.logits_file = path


def _compute(args) -> int:
    from softmax_viewer.derived import compute
    from softmax_viewer.panel_data import compute_json

    st = state_from_args(args) or ExplorerState()
    out = compute_json(compute(st))
    if args.dtype is not None:
        from softmax_viewer import labs

        d = labs.precision(st, args.dtype)
        out["dtype"] = args.dtype
        out["naive_probabilities"] = d.naive_p.astype(float)
        out["dtype_probabilities"] = d.stable_p.astype(float)
        out["exp_overflow_threshold"] = d.exp_threshold
        out["u_overflows_dtype"] = d.u_overflows
    _print_json(out)
    return 0


def _print_json(obj) -> None:
    """One JSON object, written whole: composed first (every number through
    ``json_plain``, so nothing can stop it half-way), then written at once."""
    from softmax_viewer.panel_data import json_plain

    text = json.dumps(json_plain(obj), allow_nan=False) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()


def _sample(args) -> int:
    from softmax_viewer import labs

    st = state_from_args(args) or ExplorerState()
    if args.n < 0:
        raise UsageError(f"--n {args.n}: must be >= 0")
    if not 0 <= args.seed <= MAX_SEED:
        raise UsageError(f"--seed {brief(args.seed)}: must be in 0..{MAX_SEED}")
    if st.temperature == 0:
        raise UsageError("--set temperature=0 is argmax: there is nothing to sample")
    try:
        d = labs.sampling(st, n=args.n, seed=args.seed, top_k=args.top_k, top_p=args.top_p,
                          min_p=args.min_p, order=args.order)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _print_json({"n": d.n, "seed": args.seed, "counts": d.counts, "kept": d.kept,
                 "probabilities": d.p, "sampled_probabilities": d.sample_p,
                 "argmax": d.argmax, "order": d.order})
    return 0


# The train command prints the logits after every step up to this many numbers
# (about 20 MB of JSON); past it, the final logits only ("logits_steps" says which).
KEPT_LOGITS = 1_000_000
# The most work one train command does (see labs.training_work): some 20 s here.
MAX_TRAIN_WORK = 5e8
PROGRESS_AFTER_S = 1.0          # a longer run shows its progress on stderr (a terminal only)


def _train(args) -> int:
    import time

    from softmax_viewer import labs

    st = state_from_args(args) or ExplorerState()
    if not 0 <= args.steps <= labs.MAX_STEPS:
        raise UsageError(f"--steps {args.steps}: must be in 0..{labs.MAX_STEPS:,}")
    work = labs.training_work(args.steps, st.n_classes, args.mode)
    if work > MAX_TRAIN_WORK:
        raise UsageError(f"--steps {args.steps} at {st.n_classes:,} classes ({args.mode} mode) is about "
                         f"{work:.1e} operations, over the {MAX_TRAIN_WORK:.0e} one run does (some 20 s): "
                         f"use fewer steps or classes")
    # every step's logits while they fit KEPT_LOGITS numbers, else the final ones
    every_step = (args.steps + 1) * st.n_classes <= KEPT_LOGITS
    try:
        d = labs.Descent(st, steps=args.steps, lr=args.lr, loss=args.loss, mode=args.mode, keep_logits=every_step)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    start = time.perf_counter()
    shown = False
    while not d.advance(seconds=0.25):
        if sys.stderr.isatty() and time.perf_counter() - start > PROGRESS_AFTER_S:
            sys.stderr.write(f"\rtraining: step {d.i:,} of {args.steps:,}")
            sys.stderr.flush()
            shown = True
    if shown:
        sys.stderr.write("\r" + " " * 60 + "\r")
    r = d.run()
    out = {"mode": r.mode, "loss_name": r.loss_name, "steps": args.steps, "lr": args.lr,
           "loss": r.loss, "norm": r.norm, "gap": r.gap, "max_p": r.max_p, "gap_bound": r.bound}
    if r.mode == "logits":
        out["logits"] = r.logits if every_step else d.logits[None, :]
        out["logits_steps"] = list(range(args.steps + 1)) if every_step else [args.steps]
    _print_json(out)
    return 0


def _calibrate(args) -> int:
    from softmax_viewer import calibration

    state = state_from_args(args)
    batch = batch_from_args(args)
    if batch is None:
        raise UsageError("calibrate needs --logits-file FILE: a (samples, classes) batch of logits")
    if batch.labels is None:
        raise UsageError(f"{batch.source} has no labels: give them with --labels-file FILE")
    try:
        c = calibration.calibrate(batch.logits, batch.labels, scale=state.scale, temperature=state.temperature,
                                  epsilon=state.epsilon, bins=args.bins, equal_mass=args.equal_mass)
        fitted = None
        if args.fit:
            t = calibration.fit_temperature(batch.logits, batch.labels, scale=state.scale)
            fitted = calibration.calibrate(batch.logits, batch.labels, scale=state.scale, temperature=t,
                                           epsilon=state.epsilon, bins=args.bins, equal_mass=args.equal_mass)
    except calibration.CalibrationError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        out = c.as_dict()
        if fitted is not None:
            out["fitted_temperature"] = fitted.temperature
            out["fitted"] = fitted.as_dict()
        _print_json(out)
    else:
        sys.stdout.write(calibration.report(c, fitted))
    return 0


def _presets() -> int:
    from softmax_viewer import presets

    for name, path in presets.gallery().items():
        st = presets.load(path)
        first = st.description.split(". ")[0]
        print(f"{name:24} {st.name}: {first}")
    return 0


def _export(args) -> int:
    from pathlib import Path

    out = Path(args.out)
    if out.suffix.lower() not in names.EXPORT_FORMATS:
        raise UsageError(f"--out {args.out!r}: the file must end in {names.one_of(names.EXPORT_FORMATS)}")
    if out.is_dir():
        raise UsageError(f"--out {args.out!r} is a directory")
    if not out.parent.exists() and str(out.parent):
        raise UsageError(f"--out {args.out!r}: the folder {out.parent} does not exist")
    if not 0.1 <= args.scale <= 10:
        raise UsageError(f"--scale {args.scale}: must be between 0.1 and 10")
    st = state_from_args(args) or ExplorerState()
    from softmax_viewer.qt import app

    app.export_file(st, args.panel, str(out), args.scale)
    return 0


def main(argv=None) -> int:
    """The command line; Ctrl+C ends it with one line and status 130."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("softmax-viewer: interrupted", file=sys.stderr)
        return 130


def _main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        args = build_parser(command).parse_args(argv[1:] if command else argv)
        if command == "compute":
            return _compute(args)
        if command == "presets":
            return _presets()
        if command == "sample":
            return _sample(args)
        if command == "train":
            return _train(args)
        if command == "calibrate":
            return _calibrate(args)
        if command == "export":
            return _export(args)
        state = state_from_args(args)
        if args.screenshot is not None and not args.screenshot.lower().endswith(".png"):
            raise UsageError(f"--screenshot {args.screenshot!r}: the file must end in .png")
    except (UsageError, OSError) as exc:
        return _fail(exc)
    from softmax_viewer.qt import app

    if args.screenshot is not None:
        try:
            app.screenshot(state if state is not None else ExplorerState(), args.screenshot)
        except OSError as exc:
            return _fail(exc)
        return 0
    return app.run(state)


def _fail(exc) -> int:
    """One line on stderr (a value too long to read is cut), exit status 2.

    A closed standard output (``... | head``) ends the program quietly instead.
    """
    if isinstance(exc, BrokenPipeError):
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 2
    print(f"softmax-viewer: {one_line(exc)}", file=sys.stderr)
    return 2
