"""Command line of softmax-viewer."""
from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="softmax-viewer",
        description="Explore softmax, log-sum-exp, cross-entropy and their gradients.")
    return ap


def main(argv=None) -> int:
    build_parser().parse_args(argv)
    print("softmax-viewer: the explorer window is not built yet; "
          "the numerical core is softmax_viewer.stable.", file=sys.stderr)
    return 0
