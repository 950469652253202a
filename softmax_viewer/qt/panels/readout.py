"""The numbers, with the formulas they come from."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from softmax_viewer.qt.table import format_number


def _row(name, formula, value):
    return (f"<tr><td><b>{name}</b></td><td style='color:#555'>{formula}</td>"
            f"<td align='right'><tt>{value}</tt></td></tr>")


class ReadoutPanel(QWidget):
    title = "Readout"
    tooltip = "The numbers behind the plots, each with its formula, for the current state."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.RichText)
        self.label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.label.setWordWrap(True)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.label)
        area.setFrameShape(QScrollArea.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 2, 2, 2)
        lay.addWidget(area)
        self.setToolTip(self.tooltip)
        self.bundle = None

    def update_bundle(self, bundle) -> None:
        self.bundle = bundle
        r = bundle.readout
        st = bundle.state
        f = format_number
        y = st.target
        rows = [
            _row("max", "max<sub>i</sub> u<sub>i</sub>", f(r["max"])),
            _row("LSE", "log Σ<sub>i</sub> e<sup>u<sub>i</sub></sup>", f(r["lse"])),
            _row("LSE − max", "= −log p<sub>max</sub> ∈ [0, log N]", f(r["lse_minus_max"])),
            _row("log N", f"N = {r['n_classes']:,}", f(r["log_n"])),
            _row("entropy H", "−Σ p<sub>i</sub> log p<sub>i</sub>", f(r["entropy"])),
            _row("perplexity", "e<sup>H</sup>", f(r["perplexity"])),
            _row("mean u", "(1/N) Σ u<sub>i</sub>", f(r["mean"])),
            _row("var u", "(1/N) Σ (u<sub>i</sub> − ū)²", f(r["variance"])),
            _row("‖u‖", "√Σ u<sub>i</sub>²", f(r["norm"])),
            _row("predicted", "argmax<sub>i</sub> p<sub>i</sub>",
                 f"{r['predicted']} ({html.escape(r['predicted_label'])})"),
            _row("p<sub>y</sub>", f"y = {y} ({html.escape(st.label(y))})", f(r["p_target"])),
            _row("CE", "−log p<sub>y</sub> = LSE(u) − u<sub>y</sub>", f(r["cross_entropy"])),
            _row("smoothed CE", f"−Σ q<sub>i</sub> log p<sub>i</sub>, ε = {st.epsilon:g}",
                 f(r["smoothed_cross_entropy"])),
            _row("hinge", "max(max<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)", f(r["hinge"])),
            _row("LSE-hinge", "max(LSE<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)", f(r["lse_hinge"])),
        ]
        text = "<table cellspacing='3'>" + "".join(rows) + "</table>"
        if text != self.label.text():
            self.label.setText(text)
