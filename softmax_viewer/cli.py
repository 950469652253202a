"""Command line of softmax-viewer.

    softmax-viewer [--logits=1,2,3] [--set KEY=VALUE ...] [--screenshot FILE.png]

KEY is one of scale, temperature, epsilon, n_classes, target.  A bad argument
exits with status 2 and one line on stderr that says what is wrong.
"""
from __future__ import annotations

import argparse
import sys

from softmax_viewer.state import SETTABLE_KEYS, ExplorerState, StateError, parse_logits


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message):          # one clear line, status 2, no usage dump
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    ap = _Parser(
        prog="softmax-viewer",
        description="Explore softmax, log-sum-exp, cross-entropy and their gradients.")
    ap.add_argument("--logits", metavar="Z1,Z2,...",
                    help="the logits, comma separated (write --logits=-1,2 for negative ones)")
    ap.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                    help=f"set one of {', '.join(SETTABLE_KEYS)} (repeatable)")
    ap.add_argument("--screenshot", metavar="FILE.png",
                    help="render the window in that state to FILE.png and exit")
    return ap


def state_from_args(args) -> ExplorerState | None:
    """The state the options ask for, or None when they ask for nothing."""
    if args.logits is None and not args.set:
        return None
    st = ExplorerState()
    if args.logits is not None:
        try:
            z = parse_logits(args.logits)
        except StateError as exc:
            raise UsageError(f"--logits: {exc}") from None
        st = st.replace(logits=z, target=min(st.target, z.size - 1), labels=())
    for item in args.set:
        if "=" not in item:
            raise UsageError(f"--set {item!r}: expected KEY=VALUE")
        key, value = item.split("=", 1)
        try:
            st = st.with_setting(key.strip(), value)
        except StateError as exc:
            raise UsageError(f"--set {item}: {exc}") from None
    return st


def main(argv=None) -> int:
    try:
        args = build_parser().parse_args(argv)
        state = state_from_args(args)
        if args.screenshot is not None and not args.screenshot.lower().endswith(".png"):
            raise UsageError(f"--screenshot {args.screenshot!r}: the file must end in .png")
    except UsageError as exc:
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
