"""One registry of the program's names: panels, labs, losses, export formats. No Qt, no imports.

The command line, the window, export and CSV all read their lists here; a new
panel, lab or loss is named once, in this file. Each entry is key -> title (what
a menu or a combo box shows).
"""
from __future__ import annotations

#: the explorer's plot panels, in the window's order
PANELS = {
    "probabilities": "Probabilities",
    "lse": "LSE against max",
    "loss": "Losses",
    "surface": "Loss surface",
    "gradient": "Gradient and Jacobian",
}
#: the panel of numbers beside them
READOUT = "readout"
#: what can be exported: each panel, and the whole window
EXPORT_TARGETS = {"window": "Whole window", **PANELS}

#: the labs, in the Labs menu's order
LABS = {
    "precision": "Precision lab",
    "sampling": "Sampling lab",
    "overconfidence": "Overconfidence experiment",
    "calibration": "Calibration of a batch",
}

#: the losses of the loss surface (and of the loss panel's curves)
LOSSES = {
    "ce": "softmax cross-entropy",
    "smoothed_ce": "label-smoothed CE",
    "lse_hinge": "LSE-hinge",
    "hinge": "hinge",
}
#: the losses the overconfidence experiment trains with
TRAINING_LOSSES = {
    "ce": "softmax CE (one-hot)",
    "smoothed_ce": "label-smoothed CE (ε from the main window)",
    "hinge": "hinge",
}
#: what the overconfidence experiment trains
TRAINING_MODES = {"logits": "the logits themselves", "linear": "a linear classifier of 2-D points"}
#: the float types of the precision lab
DTYPES = ("float16", "float32", "float64")
#: the order of temperature and truncation in the sampling lab
SAMPLING_ORDERS = {"temperature_first": "temperature, then truncate",
                   "truncate_first": "truncate (at T = 1), then temperature"}

#: the LSE panel's sweeps
LSE_MODES = {"scale": "sweep the scale s", "n_classes": "sweep the class count N"}

#: export formats: suffix -> what a file dialog calls it
EXPORT_FORMATS = {
    ".png": "PNG image",
    ".svg": "SVG vector image",
    ".pdf": "PDF document",
    ".csv": "CSV data",
}


def one_of(names) -> str:
    """'a, b or c' of a registry's keys, for a message."""
    keys = list(names)
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"
