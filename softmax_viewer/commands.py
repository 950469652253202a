"""What each command of the command line does: compute, sample, train, calibrate, presets, export.

Each takes the parsed arguments, prints its answer (a short table, or with --json one
JSON object composed whole before it is written) and returns the exit status; a bad
value raises UsageError naming the option.
"""
from __future__ import annotations

import json
import sys

from softmax_viewer import names
from softmax_viewer.arguments import UsageError, batch_from_args, state_from_args
from softmax_viewer.limits import MAX_SEED, brief
from softmax_viewer.state import ExplorerState


def compute(args) -> int:
    from softmax_viewer.derived import compute

    st = state_from_args(args) or ExplorerState()
    bundle = compute(st)
    d = None
    if args.dtype is not None:
        from softmax_viewer import labs

        d = labs.precision(st, args.dtype)
    if not args.json:
        from softmax_viewer.tables import compute_table

        sys.stdout.write(compute_table(st, bundle, d))
        return 0
    from softmax_viewer.panel_data import compute_json

    out = compute_json(bundle)
    if d is not None:
        out["dtype"] = args.dtype
        out["naive_probabilities"] = d.naive_p.astype(float)
        out["dtype_probabilities"] = d.stable_p.astype(float)
        out["exp_overflow_threshold"] = d.exp_threshold
        out["u_overflows_dtype"] = d.u_overflows
    print_json(out)
    return 0


def print_json(obj) -> None:
    """One JSON object, written whole: composed first (every number through
    ``json_plain``, so nothing can stop it half-way), then written at once."""
    from softmax_viewer.panel_data import json_plain

    text = json.dumps(json_plain(obj), allow_nan=False) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()


def sample(args) -> int:
    from softmax_viewer import labs

    st = state_from_args(args) or ExplorerState()
    _check("--n", args.n, 0 <= args.n <= labs.MAX_DRAWS, f"must be in 0..{labs.MAX_DRAWS:.0e}")
    _check("--seed", args.seed, 0 <= args.seed <= MAX_SEED, f"must be in 0..{MAX_SEED}")
    if args.top_k is not None:
        _check("--top-k", args.top_k, args.top_k >= 1, "must be >= 1")
    if args.top_p is not None:
        _check("--top-p", args.top_p, 0 < args.top_p <= 1, "must be in (0, 1]")
    if args.min_p is not None:
        _check("--min-p", args.min_p, 0 <= args.min_p <= 1, "must be in [0, 1]")
    if st.temperature == 0:
        raise UsageError("--set temperature=0 is argmax: there is nothing to sample")
    try:
        d = labs.sampling(st, n=args.n, seed=args.seed, top_k=args.top_k, top_p=args.top_p,
                          min_p=args.min_p, order=args.order)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not args.json:
        from softmax_viewer.tables import sample_table

        sys.stdout.write(sample_table(st, d, args.seed, {"top-k": args.top_k, "top-p": args.top_p,
                                                          "min-p": args.min_p}))
        return 0
    print_json({"n": d.n, "seed": args.seed, "counts": d.counts, "kept": d.kept,
                 "probabilities": d.p, "sampled_probabilities": d.sample_p,
                 "argmax": d.argmax, "order": d.order})
    return 0


def _check(flag: str, value, ok: bool, rule: str) -> None:
    """UsageError naming ``flag`` and ``value`` unless ``ok``: "--top-p 1.5: must be in (0, 1]"."""
    if not ok:
        text = repr(value) if isinstance(value, float) else brief(value)
        raise UsageError(f"{flag} {text[:-2] if text.endswith('.0') else text}: {rule}")


# The train command prints the logits after every step up to this many numbers
# (about 20 MB of JSON); past it, the final logits only ("logits_steps" says which).
KEPT_LOGITS = 1_000_000
# The most work one train command does (see labs.training_work): some 20 s here.
MAX_TRAIN_WORK = 5e8
PROGRESS_AFTER_S = 1.0          # a longer run shows its progress on stderr (a terminal only)


def train(args) -> int:
    import time

    from softmax_viewer import labs

    st = state_from_args(args) or ExplorerState()
    _check("--steps", args.steps, 0 <= args.steps <= labs.MAX_STEPS, f"must be in 0..{labs.MAX_STEPS:,}")
    _check("--lr", args.lr, 0 < args.lr <= 1e300, "must be a number in (0, 1e300]")
    if args.mode == "linear" and st.n_classes > labs.MAX_LINEAR_CLASSES:
        raise UsageError(f"--mode linear takes at most {labs.MAX_LINEAR_CLASSES} classes (30 points each), "
                         f"got {st.n_classes:,}: train the logits themselves, or use fewer classes")
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
    if not args.json:
        from softmax_viewer.tables import train_table

        sys.stdout.write(train_table(st, r, args.steps, args.lr, d.logits if r.mode == "logits" else None))
        return 0
    out = {"mode": r.mode, "loss_name": r.loss_name, "steps": args.steps, "lr": args.lr,
           "loss": r.loss, "norm": r.norm, "gap": r.gap, "max_p": r.max_p, "gap_bound": r.bound}
    if r.mode == "logits":
        out["logits"] = r.logits if every_step else d.logits[None, :]
        out["logits_steps"] = list(range(args.steps + 1)) if every_step else [args.steps]
    print_json(out)
    return 0


def calibrate(args) -> int:
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
        print_json(out)
    else:
        sys.stdout.write(calibration.report(c, fitted))
    return 0


def presets() -> int:
    from softmax_viewer import presets

    for name, path in presets.gallery().items():
        st = presets.load(path)
        first = st.description.split(". ")[0]
        print(f"{name:24} {st.name}: {first}")
    return 0


# export --pixel-ratio: a PNG at 1x to 4x the screen's resolution, as the window's File > Export offers
MIN_PIXEL_RATIO, MAX_PIXEL_RATIO = 1.0, 4.0


def export(args) -> int:
    from pathlib import Path

    out = Path(args.out)
    if out.suffix.lower() not in names.EXPORT_FORMATS:
        raise UsageError(f"--out {args.out!r}: the file must end in {names.one_of(names.EXPORT_FORMATS)}")
    if out.is_dir():
        raise UsageError(f"--out {args.out!r} is a directory")
    if not out.parent.exists() and str(out.parent):
        raise UsageError(f"--out {args.out!r}: the folder {out.parent} does not exist")
    ratio = 1.0 if args.pixel_ratio is None else args.pixel_ratio
    if args.pixel_ratio is not None and out.suffix.lower() != ".png":
        raise UsageError(f"--pixel-ratio is a PNG's resolution: {args.out!r} is not a .png")
    _check("--pixel-ratio", ratio, MIN_PIXEL_RATIO <= ratio <= MAX_PIXEL_RATIO,
           f"must be from {MIN_PIXEL_RATIO:g} to {MAX_PIXEL_RATIO:g} (1x to 4x the screen's resolution, "
           f"as the window's export)")
    st = state_from_args(args) or ExplorerState()
    from softmax_viewer.qt import app

    app.export_file(st, args.panel, str(out), ratio)
    return 0
