"""One registry of the program's names: panels, labs, losses, export formats. No Qt, no imports.

The command line, the window, export and CSV all read their lists here; a new
panel, lab or loss is named once, in this file. Each entry is key -> title (what
a menu or a combo box shows): the titles are English, marked with QT_TRANSLATE_NOOP
(context "") for pyside6-lupdate, and the window translates them where it shows
them (``tr(title)``); the command line prints them as they are.
"""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context, text):
    return text  # marks text for pyside6-lupdate; translated where shown


#: the explorer's plot panels, in the window's order
PANELS = {
    "probabilities": QT_TRANSLATE_NOOP("", "Probabilities"),
    "lse": QT_TRANSLATE_NOOP("", "LSE against max"),
    "loss": QT_TRANSLATE_NOOP("", "Losses"),
    "surface": QT_TRANSLATE_NOOP("", "Loss surface"),
    "gradient": QT_TRANSLATE_NOOP("", "Gradient and Jacobian"),
}
#: the panel of numbers beside them
READOUT = "readout"
#: what can be exported: each panel, and the whole window
EXPORT_TARGETS = {"window": QT_TRANSLATE_NOOP("", "Whole window"), **PANELS}

#: the labs, in the Labs menu's order
LABS = {
    "precision": QT_TRANSLATE_NOOP("", "Precision lab"),
    "sampling": QT_TRANSLATE_NOOP("", "Sampling lab"),
    "overconfidence": QT_TRANSLATE_NOOP("", "Overconfidence experiment"),
    "calibration": QT_TRANSLATE_NOOP("", "Calibration of a batch"),
}

#: the losses of the loss surface (and of the loss panel's curves)
LOSSES = {
    "ce": QT_TRANSLATE_NOOP("", "softmax cross-entropy"),
    "smoothed_ce": QT_TRANSLATE_NOOP("", "label-smoothed CE"),
    "lse_hinge": QT_TRANSLATE_NOOP("", "LSE-hinge"),
    "hinge": QT_TRANSLATE_NOOP("", "hinge"),
}
#: the losses the overconfidence experiment trains with
TRAINING_LOSSES = {
    "ce": QT_TRANSLATE_NOOP("", "softmax CE (one-hot)"),
    "smoothed_ce": QT_TRANSLATE_NOOP("", "label-smoothed CE (ε from the main window)"),
    "hinge": QT_TRANSLATE_NOOP("", "hinge"),
}
#: what the overconfidence experiment trains
TRAINING_MODES = {"logits": QT_TRANSLATE_NOOP("", "the logits themselves"),
                  "linear": QT_TRANSLATE_NOOP("", "a linear classifier of 2-D points")}
#: the float types of the precision lab
DTYPES = ("float16", "float32", "float64")
#: the order of temperature and truncation in the sampling lab
SAMPLING_ORDERS = {"temperature_first": QT_TRANSLATE_NOOP("", "temperature, then truncate"),
                   "truncate_first": QT_TRANSLATE_NOOP("", "truncate (at T = 1), then temperature")}

#: the LSE panel's sweeps
LSE_MODES = {"scale": QT_TRANSLATE_NOOP("", "sweep the scale s"),
             "n_classes": QT_TRANSLATE_NOOP("", "sweep the class count N")}

#: export formats: suffix -> what a file dialog calls it
EXPORT_FORMATS = {
    ".png": QT_TRANSLATE_NOOP("", "PNG image"),
    ".svg": QT_TRANSLATE_NOOP("", "SVG vector image"),
    ".pdf": QT_TRANSLATE_NOOP("", "PDF document"),
    ".csv": QT_TRANSLATE_NOOP("", "CSV data"),
}


def one_of(names) -> str:
    """'a, b or c' of a registry's keys, for a message."""
    keys = list(names)
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"
