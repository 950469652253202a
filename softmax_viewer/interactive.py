"""Logits from Python: ``show`` opens the window on them, ``figure`` renders a panel for a notebook.

Both take numpy arrays, lists, and anything with ``__array__`` or
``.detach().cpu().numpy()`` (torch tensors, JAX arrays) without importing torch
or JAX. A vector (C,) is the explorer's logits; a (B, C) array is a batch (its
rows one at a time, and with ``labels`` its calibration). Qt is imported only
when a window or a figure is made.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from softmax_viewer import names
from softmax_viewer.batch import Batch, with_logits
from softmax_viewer.limits import StateError
from softmax_viewer.logit_checks import LogitFileError, check_class_names, check_labels, check_logits
from softmax_viewer.state import SETTABLE_KEYS, ExplorerState

FIGURE_FORMATS = ("png", "svg")


def as_array(x) -> np.ndarray:
    """``x`` as a numpy array: a tensor through ``.detach().cpu().numpy()``, else ``__array__``."""
    if hasattr(x, "detach") and hasattr(x, "cpu"):
        x = x.detach().cpu()
        if hasattr(x, "float") and getattr(x, "dtype", None) is not None and "bfloat16" in str(x.dtype):
            x = x.float()                     # numpy has no bfloat16
        return np.asarray(x.numpy())
    return np.asarray(x)


def state_and_batch(logits, labels=None, class_names=None, target=None, **settings):
    """(state, batch) for ``logits``: ValueError saying what is wrong, in one line."""
    where = "show()"
    try:
        z = check_logits(where, as_array(logits), "the logits")
        names_ = None if class_names is None else check_class_names(where, list(class_names), z.shape[-1])
        batch = None
        if z.ndim == 2:
            y = None if labels is None else check_labels(where, as_array(labels), z.shape[0], z.shape[1])
            batch = Batch(z, y, names_, "Python")
            st = batch.row_state(0)
        else:
            if labels is not None:
                raise ValueError("labels are for a batch (samples, classes): for a vector, give target=")
            st = with_logits(ExplorerState(), z.copy(), int(np.argmax(z)), names_, "Python")
        if target is not None:
            st = st.with_setting("target", str(target))
        for key, value in settings.items():
            if key not in SETTABLE_KEYS or key == "target":
                raise ValueError(f"unknown setting {key!r}: use {', '.join(k for k in SETTABLE_KEYS if k != 'target')}")
            st = st.with_setting(key, repr(value) if not isinstance(value, str) else value)
    except (StateError, LogitFileError) as exc:
        raise ValueError(str(exc).removeprefix(f"{where}: ")) from None
    return st, batch


def show(logits, labels=None, class_names=None, target=None, **settings):
    """Open the window on ``logits`` (see the module). From a script it blocks until the window
    closes; in IPython with ``%gui qt`` it returns the window at once, alive beside the prompt.

    ``settings``: scale, temperature, epsilon (and n_classes), as ``--set`` takes them.
    """
    st, batch = state_and_batch(logits, labels, class_names, target, **settings)
    from softmax_viewer.qt import app

    return app.show(st, batch)


class Figure:
    """A rendered panel: Jupyter shows it inline; ``save(path)`` writes it (PNG or SVG)."""

    def __init__(self, data: bytes, fmt: str):
        self.data, self.format = data, fmt

    def _repr_png_(self):
        return self.data if self.format == "png" else None

    def _repr_svg_(self):
        return self.data.decode("utf-8") if self.format == "svg" else None

    def save(self, path) -> Path:
        """Write the figure to ``path`` (whole or not at all); its suffix must match the format."""
        from softmax_viewer import files

        p = Path(path)
        if p.suffix.lower() != f".{self.format}":
            raise ValueError(f"{p}: a {self.format.upper()} figure is saved as .{self.format}")
        files.write_atomic(p, self.data, "figure")
        return p


def figure(logits, labels=None, class_names=None, target=None, panel="probabilities", fmt="png",
           scale: float = 1.0, **settings) -> Figure:
    """``panel`` (one of the panels, a lab, or "window") of ``logits`` rendered offscreen, no window shown."""
    choices = {**names.EXPORT_TARGETS, **names.LABS}
    if panel not in choices:
        raise ValueError(f"panel must be one of {names.one_of(choices)}, got {panel!r}")
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(FIGURE_FORMATS)}, got {fmt!r}")
    if not 0.1 <= float(scale) <= 10:
        raise ValueError(f"scale must be between 0.1 and 10, got {scale!r}")
    st, batch = state_and_batch(logits, labels, class_names, target, **settings)
    import os

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from softmax_viewer.qt import app

    return Figure(app.figure_bytes(st, panel, fmt, batch, float(scale)), fmt)
