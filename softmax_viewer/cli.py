"""Command line of softmax-viewer: the window, and the same numbers without a screen.

    softmax-viewer [state options] [--screenshot FILE.png]
    softmax-viewer FILE [--row I]           (a preset, a gallery preset's name, or a file of logits)
    softmax-viewer compute [state options] [--dtype float16|float32|float64] [--json]
    softmax-viewer sample  [state options] [--n N] [--seed S] [--top-k K] [--top-p P] [--min-p M] [--json]
    softmax-viewer train   [state options] [--steps N] [--lr R] [--loss ce|smoothed_ce|hinge] [--json]
                           (the logits after every step, or the final ones past a million numbers)
    softmax-viewer calibrate --logits-file FILE [--labels-file FILE] [--bins M] [--equal-mass]
                           [--set scale=S] [--set temperature=T] [--fit] [--json]
    softmax-viewer export  [state options] --panel PANEL --out FILE [--pixel-ratio R]
    softmax-viewer presets
    softmax-viewer --version

compute, sample, train and calibrate print a short table, or with --json one JSON object.
State options: --preset NAME|FILE, --logits-file FILE [--row I] [--labels-file FILE],
--logits=Z1,Z2,..., --set KEY=VALUE (repeatable; KEY is scale, temperature, epsilon,
n_classes or target), applied in that order.
Any bad argument, value or file exits with status 2 and one line on stderr naming it.
"""
from __future__ import annotations

import argparse
import sys

from softmax_viewer import commands, names
from softmax_viewer.arguments import UsageError, add_state_options, batch_from_args, state_from_args
from softmax_viewer.lab_settings import SamplingSettings, TrainingSettings
from softmax_viewer.limits import one_line
from softmax_viewer.state import ExplorerState
from softmax_viewer.version import VERSION

COMMANDS = ("compute", "sample", "train", "calibrate", "export", "presets")


class _Parser(argparse.ArgumentParser):
    def error(self, message):          # one clear line, status 2, no usage dump
        if self.prog.endswith(" export") and "--scale" in message:
            message += " (a PNG's resolution is --pixel-ratio R; the softmax scale is --set scale=S)"
        raise UsageError(message)


def _table_or_json(ap) -> None:
    ap.add_argument("--json", action="store_true", help="print one JSON object with every number "
                                                        "(default: a short table)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    sampling, training = SamplingSettings(), TrainingSettings()
    if command == "export":
        ap = _Parser(prog="softmax-viewer export", description="Export a panel or the window to a file.")
        add_state_options(ap)
        ap.add_argument("--panel", required=True, choices=list(names.EXPORT_TARGETS),
                        help="what to export (required)")
        ap.add_argument("--out", required=True, metavar="FILE",
                        help="the file to write, ending in .png, .svg, .pdf or .csv (required)")
        ap.add_argument("--pixel-ratio", type=float, metavar="R",
                        help="a PNG's resolution as a multiple of the screen's, from 1 to 4 as in the window's "
                             "export (default 1)")
        return ap
    if command == "compute":
        ap = _Parser(prog="softmax-viewer compute", description="Print the numbers the window shows.")
        add_state_options(ap)
        ap.add_argument("--dtype", choices=names.DTYPES,
                        help="also give the textbook formula's probabilities in this dtype (default: none)")
        _table_or_json(ap)
        return ap
    if command == "sample":
        ap = _Parser(prog="softmax-viewer sample", description="Draw samples from p with a seed.")
        add_state_options(ap)
        ap.add_argument("--n", type=int, default=sampling.n, help=f"number of draws (default {sampling.n:,})")
        ap.add_argument("--seed", type=int, default=sampling.seed,
                        help=f"the random seed, 0 to 2**31 - 1 (default {sampling.seed})")
        ap.add_argument("--top-k", type=int, metavar="K", help="keep the k most probable classes (default: all)")
        ap.add_argument("--top-p", type=float, metavar="P",
                        help="nucleus: the smallest set reaching mass p (default: off)")
        ap.add_argument("--min-p", type=float, metavar="M",
                        help="keep classes with p >= min_p * p_max (default: off)")
        ap.add_argument("--order", choices=list(names.SAMPLING_ORDERS), default=sampling.order,
                        help=f"temperature before or after the truncation (default {sampling.order})")
        _table_or_json(ap)
        return ap
    if command == "train":
        ap = _Parser(prog="softmax-viewer train", description="Gradient descent on the logits.")
        add_state_options(ap)
        ap.add_argument("--steps", type=int, default=training.steps, help=f"gradient steps (default {training.steps})")
        ap.add_argument("--lr", type=float, default=training.lr, help=f"learning rate (default {training.lr:g})")
        ap.add_argument("--loss", choices=list(names.TRAINING_LOSSES), default=training.loss,
                        help=f"the loss descended (default {training.loss})")
        ap.add_argument("--mode", choices=list(names.TRAINING_MODES), default=training.mode,
                        help=f"train the logits themselves, or a linear classifier of 2-D points "
                             f"(default {training.mode})")
        _table_or_json(ap)
        return ap
    if command == "calibrate":
        ap = _Parser(prog="softmax-viewer calibrate",
                     description="A batch's calibration: accuracy, NLL, Brier, ECE, MCE, the reliability bins.")
        add_state_options(ap)
        ap.add_argument("--bins", type=int, default=15, help="number of confidence bins (default 15)")
        ap.add_argument("--equal-mass", action="store_true",
                        help="bins of equal counts (default: bins of equal width)")
        ap.add_argument("--fit", action="store_true",
                        help="also fit the temperature T* that minimizes the NLL (default: no fit)")
        _table_or_json(ap)
        return ap
    if command == "presets":
        return _Parser(prog="softmax-viewer presets", description="List the preset gallery.")
    ap = _Parser(prog="softmax-viewer",
                 description="Explore softmax, log-sum-exp, cross-entropy and their gradients. "
                             f"Commands: {', '.join(COMMANDS)} (see softmax-viewer COMMAND --help).")
    ap.add_argument("file", nargs="?", metavar="FILE",
                    help="a preset (a file or a gallery name) or a file of logits to open (default: the last state)")
    add_state_options(ap)
    ap.add_argument("--screenshot", metavar="FILE.png",
                    help="render the window in that state to FILE.png and exit (default: open the window)")
    ap.add_argument("--version", action="version", version=f"softmax-viewer {VERSION}")
    return ap


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
        if command is None and argv and not argv[0].startswith("-"):
            _check_file_or_command(argv[0])      # before its options: "comptue --json" is a slip of compute
        args = build_parser(command).parse_args(argv[1:] if command else argv)
        if command == "compute":
            return commands.compute(args)
        if command == "presets":
            return commands.presets()
        if command == "sample":
            return commands.sample(args)
        if command == "train":
            return commands.train(args)
        if command == "calibrate":
            return commands.calibrate(args)
        if command == "export":
            return commands.export(args)
        if args.file is not None:
            _check_file_or_command(args.file)
        from softmax_viewer.qt.i18n import chosen_language
        args.language = chosen_language()          # a preset's name and description, as the window speaks
        state = state_from_args(args)
        batch = batch_from_args(args)
        if args.screenshot is not None and not args.screenshot.lower().endswith(".png"):
            raise UsageError(f"--screenshot {args.screenshot!r}: the file must end in .png")
    except (UsageError, OSError) as exc:
        return _fail(exc)
    from softmax_viewer.qt import app

    if args.screenshot is not None:
        try:
            app.screenshot(state if state is not None else ExplorerState(), args.screenshot, batch=batch,
                           row=args.row or 0)
        except OSError as exc:
            return _fail(exc)
        return 0
    if not _has_display():
        print("softmax-viewer: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset); "
              "without a screen, render it with --screenshot FILE.png, or use the export, compute and "
              "calibrate commands", file=sys.stderr)
        return 2
    return app.run(state, batch, args.row or 0)


def _check_file_or_command(word: str) -> None:
    """``softmax-viewer WORD`` opens WORD when it is a file or a gallery preset; otherwise
    UsageError, listing the commands (and the one WORD is likely a slip of)."""
    import os

    from softmax_viewer import presets

    if os.path.lexists(word) or word in presets.gallery():
        return
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise UsageError(f"unknown command or file {word!r}; commands: {', '.join(COMMANDS)}{hint}")


def _has_display() -> bool:
    import os

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


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
