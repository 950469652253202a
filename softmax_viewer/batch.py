"""A batch of a model's logits (B samples x C classes), and the explorer's state of one row. No Qt.

A batch is opened from a file (logit_files) or handed over from Python; the
explorer shows one row at a time: its logits, its label as the target, the
class names as the labels. Scale, temperature and eps stay the explorer's, and
drive the batch's calibration too. A row, once shown, is a state like any other.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from softmax_viewer import files
from softmax_viewer.limits import StateError
from softmax_viewer.logit_files import LogitFile, LogitFileError, read_labels, read_logits
from softmax_viewer.state import ExplorerState


@dataclass(frozen=True, eq=False)
class Batch:
    logits: np.ndarray               # (B, C) float64, read-only
    labels: np.ndarray | None        # (B,) int64 or None
    class_names: tuple | None
    source: str                      # the file it came from, or what handed it over

    @property
    def n_samples(self) -> int:
        return self.logits.shape[0]

    @property
    def n_classes(self) -> int:
        return self.logits.shape[1]

    def row_state(self, row: int, base: ExplorerState | None = None) -> ExplorerState:
        """The explorer's state showing sample ``row``: its logits, its label the target,
        with ``base``'s scale, temperature, eps, view and lab settings."""
        if not 0 <= row < self.n_samples:
            raise StateError(f"row {row} is outside the batch's samples 0..{self.n_samples - 1}")
        base = base or ExplorerState()
        z = self.logits[row]
        target = int(self.labels[row]) if self.labels is not None else min(base.target, z.size - 1)
        if not np.isfinite(z[target]):
            target = int(np.argmax(z))
        return with_logits(base, z.copy(), target, self.class_names, f"{Path(self.source).name} row {row}")


def with_logits(base: ExplorerState, z: np.ndarray, target: int, class_names, name: str) -> ExplorerState:
    """``base`` (its scale, temperature, eps, views and labs' settings) showing the logits ``z``."""
    n = z.size
    return base.replace(logits=z, target=target, labels=tuple(class_names or ()), name=name, description="",
                        surface_i=min(base.surface_i, n - 1), surface_j=min(base.surface_j, n - 1))


def with_labels(batch: Batch, path) -> Batch:
    """``batch`` with the true labels read from ``path`` (one integer class per sample).
    LogitFileError if they cannot be read or do not fit the batch."""
    labels = read_labels(path, batch.n_samples, batch.n_classes)
    return dataclasses.replace(batch, labels=labels)


def from_logit_file(got: LogitFile) -> Batch:
    z = got.logits if got.is_batch else got.logits[None, :]
    return Batch(z, got.labels, got.class_names, str(got.path))


def is_preset_json(path) -> bool:
    """A .json file that is a preset, not a file of logits: its opening names a "format" (presets
    are written with it first). Only a regular file is looked into (a pipe cannot hang this)."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        with files.open_regular(path, 1 << 62, "file") as f:
            head = f.read(4096)
    except OSError:
        return False
    return b'"format"' in head


def examples_dir() -> Path:
    """assets/examples in a checkout; the installed copy otherwise."""
    checkout = Path(__file__).resolve().parent.parent / "assets" / "examples"
    if checkout.is_dir():
        return checkout
    from importlib import resources

    return Path(str(resources.files("softmax_viewer.examples")))


def examples() -> dict:
    """The shipped example batches by name (the file stem), in file-name order."""
    return {p.stem: p for p in sorted(examples_dir().glob("*.npz"))}


def is_logit_path(path) -> bool:
    """A file to open as logits rather than as a preset."""
    from softmax_viewer.logit_files import is_logit_file

    return is_logit_file(path) and not is_preset_json(path)


def open_logits(path, labels_path=None, base: ExplorerState | None = None):
    """What a file of logits opens as: a vector as the explorer's logits (state, None), with
    ``base``'s scale, temperature, eps and views and the most probable class as the target;
    a (B, C) array as a batch (None, batch). LogitFileError if it cannot be read."""
    got = read_logits(path, labels_path)
    if not got.is_batch:
        z = got.logits.copy()
        return with_logits(base or ExplorerState(), z, int(np.argmax(z)), got.class_names, Path(path).name), None
    return None, from_logit_file(got)


__all__ = ["Batch", "with_logits", "with_labels", "from_logit_file", "is_preset_json", "is_logit_path", "open_logits", "examples",
           "examples_dir", "LogitFileError"]
