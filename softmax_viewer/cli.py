"""Command line of softmax-viewer: the window, and the same numbers without a screen.

    softmax-viewer [state options] [--screenshot FILE.png]
    softmax-viewer export  [state options] --panel PANEL --out FILE [--scale K]
    softmax-viewer compute [state options] --json
    softmax-viewer presets

State options: --preset NAME|FILE, --logits=Z1,Z2,..., --set KEY=VALUE (repeatable;
KEY is scale, temperature, epsilon, n_classes or target), applied in that order.
Any bad argument, value or file exits with status 2 and one line on stderr.
"""
from __future__ import annotations

import argparse
import json
import sys

from softmax_viewer.state import SETTABLE_KEYS, ExplorerState, StateError, parse_logits

PANELS = ("probabilities", "lse", "loss", "surface", "gradient", "window")
EXPORT_SUFFIXES = (".png", ".svg", ".pdf", ".csv")
COMMANDS = ("export", "compute", "presets")


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):          # one clear line, status 2, no usage dump
        raise UsageError(message)


def _state_options(ap):
    ap.add_argument("--preset", metavar="NAME|FILE", help="start from a gallery preset or a preset file")
    ap.add_argument("--logits", metavar="Z1,Z2,...",
                    help="the logits, comma separated (write --logits=-1,2 for negative ones)")
    ap.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                    help=f"set one of {', '.join(SETTABLE_KEYS)} (repeatable)")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    if command == "export":
        ap = _Parser(prog="softmax-viewer export", description="Export a panel or the window to a file.")
        _state_options(ap)
        ap.add_argument("--panel", required=True, choices=PANELS)
        ap.add_argument("--out", required=True, metavar="FILE", help="ends in .png, .svg, .pdf or .csv")
        ap.add_argument("--scale", type=float, default=1.0, help="PNG resolution as a multiple of the screen's")
        return ap
    if command == "compute":
        ap = _Parser(prog="softmax-viewer compute", description="Print the numbers the window shows.")
        _state_options(ap)
        ap.add_argument("--json", action="store_true", required=True, help="as one JSON object")
        return ap
    if command == "presets":
        return _Parser(prog="softmax-viewer presets", description="List the preset gallery.")
    ap = _Parser(prog="softmax-viewer",
                 description="Explore softmax, log-sum-exp, cross-entropy and their gradients. "
                             f"Commands: {', '.join(COMMANDS)} (see softmax-viewer COMMAND --help).")
    _state_options(ap)
    ap.add_argument("--screenshot", metavar="FILE.png", help="render the window in that state to FILE.png and exit")
    return ap


def state_from_args(args) -> ExplorerState | None:
    """The state the options ask for, or None when they ask for nothing."""
    if args.preset is None and args.logits is None and not args.set:
        return None
    st = ExplorerState()
    if args.preset is not None:
        from softmax_viewer import presets

        try:
            st = presets.load(presets.resolve(args.preset))
        except presets.PresetError as exc:
            raise UsageError(f"--preset {exc}") from None
    if args.logits is not None:
        try:
            z = parse_logits(args.logits)
        except StateError as exc:
            raise UsageError(f"--logits: {exc}") from None
        st = st.replace(logits=z, target=min(st.target, z.size - 1), labels=st.labels[: z.size],
                        surface_i=min(st.surface_i, z.size - 1), surface_j=min(st.surface_j, z.size - 1))
    for item in args.set:
        if "=" not in item:
            raise UsageError(f"--set {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        try:
            st = st.with_setting(key.strip(), value)
        except StateError as exc:
            raise UsageError(f"--set {item}: {exc}") from None
    return st


def _compute(args) -> int:
    from softmax_viewer.derived import compute
    from softmax_viewer.tables import compute_json

    st = state_from_args(args) or ExplorerState()
    json.dump(compute_json(compute(st)), sys.stdout, allow_nan=False)
    sys.stdout.write("\n")
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
    if out.suffix.lower() not in EXPORT_SUFFIXES:
        raise UsageError(f"--out {args.out!r}: the file must end in .png, .svg, .pdf or .csv")
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
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv and argv[0] in COMMANDS else None
    try:
        args = build_parser(command).parse_args(argv[1:] if command else argv)
        if command == "compute":
            return _compute(args)
        if command == "presets":
            return _presets()
        if command == "export":
            return _export(args)
        state = state_from_args(args)
        if args.screenshot is not None and not args.screenshot.lower().endswith(".png"):
            raise UsageError(f"--screenshot {args.screenshot!r}: the file must end in .png")
    except UsageError as exc:
        print(f"softmax-viewer: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"softmax-viewer: {exc}", file=sys.stderr)
        return 2
    from softmax_viewer.qt import app

    if args.screenshot is not None:
        try:
            app.screenshot(state if state is not None else ExplorerState(), args.screenshot)
        except OSError as exc:
            print(f"softmax-viewer: {exc}", file=sys.stderr)
            return 2
        return 0
    return app.run(state)
