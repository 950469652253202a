"""The Help menu's pages: About (version, licence, the articles the program teaches from) and the keys."""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QMessageBox

from softmax_viewer.qt.i18n import tr
from softmax_viewer.version import VERSION

# the articles' titles are theirs, as published; what each teaches is translated where shown
ARTICLES = (
    ("softmax（三）：softmax 交叉熵的缺点",
     QT_TRANSLATE_NOOP("", "softmax as a smoothed argmax, LSE as a smoothed max; the scale and the class count")),
    ("softmax（二）：softmax 交叉熵不是真正的目标函数",
     QT_TRANSLATE_NOOP("", "hinge → LSE-hinge → softplus = cross-entropy")),
    ("Softmax Loss 即 Softmax-交叉熵损失函数",
     QT_TRANSLATE_NOOP("", "its derivative, and overconfidence under one-hot labels")),
    ("这样的 Softmax 你真的不了解！",
     QT_TRANSLATE_NOOP("", "overflow, the max shift, log-softmax, and the temperature")),
    ("What is the relationship between softmax and cross entropy?",
     QT_TRANSLATE_NOOP("", "cross-entropy and its gradient p − y")),
)

# the keys (their words translated where shown, as is what they do)
KEYS = (
    ("Ctrl+Z / Ctrl+Shift+Z", QT_TRANSLATE_NOOP("", "undo / redo (a whole drag is one step)")),
    ("Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S", QT_TRANSLATE_NOOP("", "new, open (a preset or logits), save, save as")),
    (QT_TRANSLATE_NOOP("", "Ctrl+V in the table"),
     QT_TRANSLATE_NOOP("", "paste logits as numpy, torch or a spreadsheet print them (rows: a batch)")),
    ("PgUp / PgDn", QT_TRANSLATE_NOOP("", "the previous / next sample of an open batch")),
    (QT_TRANSLATE_NOOP("", "Home, or double-click a plot"), QT_TRANSLATE_NOOP("", "reset a plot's view to its data")),
    (QT_TRANSLATE_NOOP("", "wheel, drag on a plot"),
     QT_TRANSLATE_NOOP("", "zoom, pan (until the next change, unless the view is pinned)")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("", "quit")),
)


def about_text() -> str:
    rows = "".join(tr("<li>{0}: {1}</li>").format(escape(title), escape(tr(what))) for title, what in ARTICLES)
    return tr("<h3>softmax viewer {0}</h3>"
              "<p>See how softmax, log-sum-exp, cross-entropy and their gradients behave, on logits you "
              "type or a model's own, and how a batch's calibration moves with the temperature. Every "
              "number comes from softmax_viewer.stable.</p>"
              "<p>It follows the experiments of these articles:</p><ul>{1}</ul>"
              "<p>Licence: MIT.</p>").format(escape(VERSION), rows)


def keys_text() -> str:
    rows = "".join(f"<tr><td><b>{escape(tr(k))}</b>&nbsp;&nbsp;</td><td>{escape(tr(v))}</td></tr>" for k, v in KEYS)
    return f"<table>{rows}</table>"


def show_about(parent) -> None:
    QMessageBox.about(parent, tr("About softmax viewer"), about_text())


def show_keys(parent) -> None:
    QMessageBox.information(parent, tr("Keyboard shortcuts"), keys_text())
