"""The command line's state options: what state (and batch) --preset, --logits-file, --row,
--labels-file, --logits and --set ask for, and a FILE given alone. No Qt.

They apply in that order: a preset, then a file's logits (or one row of its batch),
then --logits, then each --set. A bad one raises UsageError: one line.
"""
from __future__ import annotations

import dataclasses

from softmax_viewer.limits import StateError
from softmax_viewer.logits import parse_logits
from softmax_viewer.state import SETTABLE_KEYS, ExplorerState


class UsageError(Exception):
    pass


def add_state_options(ap):
    ap.add_argument("--preset", metavar="NAME|FILE",
                    help="start from a gallery preset or a preset file (default: the default state; "
                         "for the window, the last run's)")
    ap.add_argument("--logits-file", metavar="FILE", help="a model's logits (.npy .npz .csv .tsv .txt .json "
                                                          ".safetensors .pt): a vector, or a batch (default: none)")
    ap.add_argument("--row", type=int, metavar="I", help="the row of a batch to show (default 0)")
    ap.add_argument("--labels-file", metavar="FILE",
                    help="the true labels of a batch (.npy .csv .txt) (default: the file's own, if any)")
    ap.add_argument("--logits", metavar="Z1,Z2,...",
                    help="the logits, comma separated (write --logits=-1,2 for negative ones) (default: the "
                         "preset's or the file's)")
    ap.add_argument("--set", metavar="KEY=VALUE", action="append", default=[],
                    help=f"set one of {', '.join(SETTABLE_KEYS)} (repeatable; default: the preset's or the "
                         f"default state's values)")


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
            st = presets.load(presets.resolve(args.preset), getattr(args, "language", None))
        except presets.PresetError as exc:
            raise UsageError(f"--preset {exc}") from None
    vector, batch = _opened(args)
    if vector is not None:           # the file's logits, the preset's (or default) settings
        from softmax_viewer.batch import with_logits

        st = with_logits(st, vector.logits, vector.target, vector.labels, vector.name)
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
