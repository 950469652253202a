"""The numbers, with the formulas they come from."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

from softmax_viewer.qt.panels.base import ValueCell
from softmax_viewer.qt.table import format_number

# (key, name, formula); a formula may use {eps}, {n}, {y}
ROWS = (
    ("max", "max", "max<sub>i</sub> u<sub>i</sub>"),
    ("lse", "LSE", "log Σ<sub>i</sub> e<sup>u<sub>i</sub></sup>"),
    ("lse_minus_max", "LSE − max", "= −log p<sub>max</sub> ∈ [0, log N]"),
    ("log_n", "log N", "N = {n}"),
    ("entropy", "entropy H", "−Σ p<sub>i</sub> log p<sub>i</sub>"),
    ("perplexity", "perplexity", "e<sup>H</sup>"),
    ("mean", "mean u", "(1/N) Σ u<sub>i</sub>"),
    ("variance", "var u", "(1/N) Σ (u<sub>i</sub> − ū)²"),
    ("norm", "‖u‖", "√Σ u<sub>i</sub>²"),
    ("predicted", "predicted", "argmax<sub>i</sub> p<sub>i</sub>"),
    ("p_target", "p<sub>y</sub>", "y = {y}"),
    ("cross_entropy", "CE", "−log p<sub>y</sub> = LSE(u) − u<sub>y</sub>"),
    ("smoothed_cross_entropy", "smoothed CE", "−Σ q<sub>i</sub> log p<sub>i</sub>, ε = {eps}"),
    ("hinge", "hinge", "max(max<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)"),
    ("lse_hinge", "LSE-hinge", "max(LSE<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)"),
)


class ReadoutPanel(QWidget):
    """A grid: names and formulas are set once (rich text); values are plain text.

    Laying out rich text on every slider tick costs several milliseconds; the
    values alone are cheap to replace.
    """

    title = "Readout"
    tooltip = "The numbers behind the plots, each with its formula, for the current state."

    def __init__(self, parent=None):
        super().__init__(parent)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.Monospace)
        self.values = {}
        self.formulas = {}
        for r, (key, name, formula) in enumerate(ROWS):
            name_l = QLabel(f"<b>{name}</b>")
            form_l = QLabel()
            form_l.setStyleSheet("color: #555;")
            form_l.setWordWrap(True)        # a narrow panel wraps a formula rather than hiding the numbers
            # a fixed-size cell as wide as the widest number format_number writes:
            # a new value repaints that cell only
            val_l = ValueCell(mono)
            grid.addWidget(name_l, r, 0)
            grid.addWidget(form_l, r, 1)
            grid.addWidget(val_l, r, 2)
            self.values[key] = val_l
            self.formulas[key] = (form_l, formula)
        grid.setRowStretch(len(ROWS), 1)
        grid.setColumnStretch(1, 1)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        area.setFrameShape(QScrollArea.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(area)
        self.setToolTip(self.tooltip)
        self.bundle = None
        self._context = None

    def text(self) -> str:
        """Everything shown, as plain text (names, formulas, values)."""
        rows = []
        for key, name, _ in ROWS:
            form_l, _f = self.formulas[key]
            rows.append(f"{name}  {form_l.text()}  {self.values[key].text()}")
        return "\n".join(rows)

    def update_bundle(self, bundle) -> None:
        self.bundle = bundle
        r = bundle.readout
        st = bundle.state
        context = (st.epsilon, r["n_classes"], st.target, st.label(st.target))
        if context != self._context:                 # formulas change only with eps, N, y
            self._context = context
            for label, formula in self.formulas.values():
                label.setText(formula.format(eps=f"{st.epsilon:g}", n=f"{r['n_classes']:,}",
                                             y=f"{st.target} ({st.label(st.target)})"))
        for key, label in self.values.items():
            if key == "predicted":
                text = f"{r['predicted']} ({r['predicted_label']})"
            else:
                text = format_number(r[key])
            if label.text() != text:
                label.setText(text)
