"""The Help menu's pages: About (version, licence, the articles the program teaches from) and the keys."""
from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox

from softmax_viewer.version import VERSION

ARTICLES = (
    ("softmax（三）：softmax 交叉熵的缺点", "softmax as a smoothed argmax, LSE as a smoothed max; "
     "the scale and the class count"),
    ("softmax（二）：softmax 交叉熵不是真正的目标函数", "hinge → LSE-hinge → softplus = cross-entropy"),
    ("Softmax Loss 即 Softmax-交叉熵损失函数", "its derivative, and overconfidence under one-hot labels"),
    ("这样的 Softmax 你真的不了解！", "overflow, the max shift, log-softmax, and the temperature"),
    ("What is the relationship between softmax and cross entropy?", "cross-entropy and its gradient p − y"),
)

KEYS = (
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (a whole drag is one step)"),
    ("Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S", "new, open (a preset or logits), save, save as"),
    ("Ctrl+V in the table", "paste logits as numpy, torch or a spreadsheet print them (rows: a batch)"),
    ("PgUp / PgDn", "the previous / next sample of an open batch"),
    ("Home, or double-click a plot", "reset a plot's view to its data"),
    ("wheel, drag on a plot", "zoom, pan (until the next change, unless the view is pinned)"),
    ("Ctrl+Q", "quit"),
)


def about_text() -> str:
    rows = "".join(f"<li>{escape(title)}: {escape(what)}</li>" for title, what in ARTICLES)
    return (f"<h3>softmax viewer {escape(VERSION)}</h3>"
            "<p>See how softmax, log-sum-exp, cross-entropy and their gradients behave, on logits you "
            "type or a model's own, and how a batch's calibration moves with the temperature. Every "
            "number comes from softmax_viewer.stable.</p>"
            f"<p>It follows the experiments of these articles:</p><ul>{rows}</ul>"
            "<p>Licence: MIT.</p>")


def keys_text() -> str:
    rows = "".join(f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>" for k, v in KEYS)
    return f"<table>{rows}</table>"


def show_about(parent) -> None:
    QMessageBox.about(parent, "About softmax viewer", about_text())


def show_keys(parent) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", keys_text())
