"""The main window's menu bar and its plots' right-click menus.

Every action is made by ``action`` (shortcut, tip, and added to the window so its
shortcut works wherever the focus is); the window keeps the few it enables and
disables (undo, redo, the batch's labels).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QAction, QKeySequence

from softmax_viewer import batch as batch_files
from softmax_viewer import names, presets
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt import help as help_pages
from softmax_viewer.qt import i18n, plotting, sweep, theme
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.tour import start_tour


def action(window, menu, text, slot, shortcut=None, tip=""):
    a = QAction(text, window)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    a.setStatusTip(tip)
    a.setToolTip(tip)
    a.triggered.connect(slot)
    menu.addAction(a)
    window.addAction(a)
    return a


#: the Labs menu's entries, each with its own accelerator (a translation puts its own)
LAB_MENU = {"precision": QT_TRANSLATE_NOOP("", "&Precision lab"), "sampling": QT_TRANSLATE_NOOP("", "&Sampling lab"),
            "overconfidence": QT_TRANSLATE_NOOP("", "&Overconfidence experiment"),
            "calibration": QT_TRANSLATE_NOOP("", "&Calibration of a batch")}
LAB_TIPS = {"precision": QT_TRANSLATE_NOOP("", "float16/32/64: where exp overflows, NaN, underflow, ulp errors."),
            "sampling": QT_TRANSLATE_NOOP("", "Gumbel-max draws, top-k / top-p / min-p, Gumbel-softmax."),
            "overconfidence": QT_TRANSLATE_NOOP("", "Gradient descent under one-hot and smoothed labels."),
            "calibration": QT_TRANSLATE_NOOP("", "A batch's reliability diagram, ECE, and the temperature that fits it.")}


def build_menus(w) -> None:
    """File, Labs, Presets, Edit, View and Help, on window ``w``."""
    bar = w.menuBar()
    file_menu = w.file_menu = bar.addMenu(tr("&File"))
    action(w, file_menu, tr("&New"), w.new_state, QKeySequence.New,
           tr("Start again from the default state (unsaved changes are asked about)."))
    action(w, file_menu, tr("&Open…"), w.open_dialog, QKeySequence.Open,
           tr("Open a preset (JSON) or a model's logits (.npy .npz .csv .safetensors .pt ...); "
              "you can also drop one on the window."))
    w.recent_menu = file_menu.addMenu(tr("Open &recent"))
    w.labels_action = action(w, file_menu, tr("Open &labels for this batch…"), w.open_labels_dialog,
                             tip=tr("Read the true class of each sample of the open batch from a file of "
                                    "integers (.npy .csv .txt): the calibration lab needs them."))
    action(w, file_menu, tr("&Save"), w.save, QKeySequence.Save, tr("Save this state as a preset."))
    action(w, file_menu, tr("Save &as…"), w.save_as, QKeySequence("Ctrl+Shift+S"),
           tr("Save this state as a new preset file."))
    file_menu.addSeparator()
    w.export_menu = export_menu = file_menu.addMenu(tr("&Export"))
    for key, title in names.EXPORT_TARGETS.items():
        action(w, export_menu, tr("{0}…").format(tr(title)), lambda _=False, k=key: w.export_dialog(k),
               tip=tr("{0} to PNG, SVG, PDF or CSV.").format(tr(title)))
    action(w, export_menu, tr("Export sweep as GIF…"), lambda: sweep.export_sweep_dialog(w, "temperature"),
           tip=tr("An animated GIF of the window while the scale or the temperature sweeps its slider's "
                  "range and back, for slides."))
    action(w, file_menu, tr("&Copy window image"), lambda: exporting.copy_image(w),
           tip=tr("Copy a picture of the window to the clipboard."))
    file_menu.addSeparator()
    action(w, file_menu, tr("&Quit"), w.close, "Ctrl+Q")      # StandardKey.Quit is empty offscreen

    labs_menu = bar.addMenu(tr("&Labs"))
    for key in names.LABS:
        action(w, labs_menu, tr(LAB_MENU[key]), lambda _=False, k=key: w.open_lab(k), tip=tr(LAB_TIPS[key]))

    w.presets_menu = bar.addMenu(tr("&Presets"))
    for name, path in presets.gallery().items():
        try:
            title = presets.load(path, i18n.installed_language()).name or name
        except presets.PresetError:
            continue
        action(w, w.presets_menu, title, lambda _=False, p=path: w.open_path(p),
               tip=tr("Open the gallery preset {0}").format(name))
    w.presets_menu.addSeparator()
    w.examples_menu = w.presets_menu.addMenu(tr("&Examples: real logits"))
    for name, path in batch_files.examples().items():
        action(w, w.examples_menu, name, lambda _=False, p=path: w.open_path(p),
               tip=tr("A digits classifier's logits and labels ({0}): open the calibration lab").format(name))

    edit = bar.addMenu(tr("&Edit"))
    w.undo_action = action(w, edit, tr("&Undo"), w.store.undo, QKeySequence.Undo)
    w.redo_action = action(w, edit, tr("&Redo"), w.store.redo)
    w.redo_action.setShortcuts([QKeySequence.Redo, QKeySequence("Ctrl+Shift+Z")])
    edit.addSeparator()
    action(w, edit, tr("&Name and description…"), w.edit_description,
           tip=tr("Name this state and say what it shows: both are saved in the preset."))

    w.view_menu = bar.addMenu(tr("&View"))
    w.language_choices = i18n.language_menu(w, w.view_menu)
    theme.theme_menu(w, w.view_menu)

    w.help_menu = help_menu = bar.addMenu(tr("&Help"))
    action(w, help_menu, tr("&Start here"), lambda: start_tour(w),
           tip=tr("A guided tour through the five articles' experiments: predict, then see. "
                  "Your own state comes back when you leave."))
    help_menu.addSeparator()
    action(w, help_menu, tr("&Keyboard shortcuts"), lambda: help_pages.show_keys(w))
    action(w, help_menu, tr("&About softmax viewer"), lambda: help_pages.show_about(w))


def add_panel_menus(w) -> None:
    """Each plot's right-click menu exports and copies that panel; the readout's too."""
    for key, panel in w.panel_widgets().items():
        if key == "window":
            continue
        if key == "readout":
            panel.setContextMenuPolicy(Qt.ActionsContextMenu)
            for text, slot in ((tr("Export readout…"), lambda _=False, k=key: w.export_dialog(k)),
                               (tr("Copy image"), lambda _=False, p=panel: exporting.copy_image(p))):
                a = QAction(text, panel)
                a.triggered.connect(slot)
                panel.addAction(a)
            continue
        for plot in panel.plots():
            menu = plotting.context_menu(plot)
            menu.addSeparator()
            menu.addAction(tr("Export this panel…")).triggered.connect(lambda _=False, k=key: w.export_dialog(k))
            menu.addAction(tr("Copy panel image")).triggered.connect(
                lambda _=False, p=panel: exporting.copy_image(p))
