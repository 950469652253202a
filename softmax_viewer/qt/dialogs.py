"""The questions the window asks: where to open, save and export a file, whether
to save changes first, and the warning that an action failed.

Each returns the answer as plain data (a path, a choice, ``None`` when the user
cancels), so the window's logic can be driven without a dialog on screen.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QInputDialog, QLineEdit,
                               QMessageBox, QPlainTextEdit)

from softmax_viewer import names
from softmax_viewer.limits import MAX_DESCRIPTION, MAX_NAME
from softmax_viewer.logit_files import FORMATS, LABEL_FORMATS
from softmax_viewer.qt.i18n import tr

PRESET_FILTER = QT_TRANSLATE_NOOP("", "Presets (*.json)")
PNG_SCALES = ("1x", "2x", "3x", "4x")


def warn(parent, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask_save_changes(parent) -> str:
    """"save", "discard" or "cancel", for a state with changes not yet saved."""
    answer = QMessageBox.question(
        parent, tr("Unsaved changes"), tr("This state has changes that are not saved. Save them first?"),
        QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
    return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")


def ask_open_file(parent, folder) -> str | None:
    """A preset or a file of logits to open; None if cancelled."""
    logits = " ".join(f"*{s}" for s in FORMATS if s != ".json")
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open a preset or logits"), str(folder),
                                          tr("Presets and logits ({0});;Presets (*.json);;Logits ({1});;"
                                             "All files (*)").format(f"*.json {logits}", f"{logits} *.json"))
    return path or None


def ask_save_preset(parent, proposal) -> str | None:
    """A path ending in .json, starting from ``proposal``; None if cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save preset"), str(proposal), tr(PRESET_FILTER))
    if not path:
        return None
    return path if path.lower().endswith(".json") else path + ".json"


def ask_export(parent, key: str, folder) -> tuple[str, float] | None:
    """Where to export ``key`` (and, for a PNG, at what scale): (path, scale), or None if cancelled."""
    filters = {f"{tr(title)} (*{suffix})": suffix for suffix, title in names.EXPORT_FORMATS.items()}
    path, chosen = QFileDialog.getSaveFileName(parent, tr("Export {0}").format(tr({**names.EXPORT_TARGETS, **names.LABS, "readout": "Readout"}.get(key, key))), str(Path(folder) / f"{key}.png"),
                                               ";;".join(filters))
    if not path:
        return None
    if Path(path).suffix.lower() not in names.EXPORT_FORMATS:     # the filter does not set the suffix: map it
        path += filters.get(chosen, ".png")
    scale = 1.0
    if path.lower().endswith(".png"):
        item, ok = QInputDialog.getItem(parent, tr("PNG resolution"), tr("Scale of the screen size:"),
                                        list(PNG_SCALES), 1, False)
        if not ok:
            return None
        scale = float(item[:-1])
    return path, scale


def file_name(name: str) -> str:
    """``name`` as a file name: no folder separators, no characters file systems refuse."""
    bad = '/\\:*?"<>|'
    return "".join("-" if ch in bad or ord(ch) < 32 else ch for ch in name).strip(" .")[:120]


def ask_labels_file(parent, folder) -> str | None:
    """A file of integer labels (one per sample); None if cancelled."""
    kinds = " ".join(f"*{s}" for s in LABEL_FORMATS)
    path, _ = QFileDialog.getOpenFileName(parent, tr("Open the batch's labels"), str(folder),
                                          tr("Labels ({0});;All files (*)").format(kinds))
    return path or None


def ask_name_description(parent, name: str, description: str) -> tuple[str, str] | None:
    """A new (name, description) for the state; None if cancelled."""
    box = QDialog(parent)
    box.setWindowTitle(tr("Name and description"))
    name_edit = QLineEdit(name)
    name_edit.setMaxLength(MAX_NAME)
    name_edit.setToolTip(tr("Shown in the title bar and saved in the preset."))
    text_edit = QPlainTextEdit(description)
    text_edit.setToolTip(tr("What this state shows, in a sentence or two: shown above the panels and "
                            "saved in the preset. It is dropped when the numbers it describes change."))
    text_edit.setMinimumWidth(360)
    form = QFormLayout(box)
    form.addRow(tr("Name:"), name_edit)
    form.addRow(tr("Description:"), text_edit)
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.accepted.connect(box.accept)
    buttons.rejected.connect(box.reject)
    form.addRow(buttons)
    if box.exec() != QDialog.Accepted:
        return None
    return name_edit.text().strip(), text_edit.toPlainText().strip()[:MAX_DESCRIPTION]
