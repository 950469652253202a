"""The numbers, with the formulas they come from."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.logit_table import format_number

# (key, name, formula); a formula may use {eps}, {n}, {y}, {bound}; both translated where shown
ROWS = (
    ("max", QT_TRANSLATE_NOOP("", "max"), QT_TRANSLATE_NOOP("", "max<sub>i</sub> u<sub>i</sub>")),
    ("lse", QT_TRANSLATE_NOOP("", "LSE"), QT_TRANSLATE_NOOP("", "log Σ<sub>i</sub> e<sup>u<sub>i</sub></sup>")),
    ("lse_minus_max", QT_TRANSLATE_NOOP("", "LSE − max"), QT_TRANSLATE_NOOP("", "= −log p<sub>max</sub> ∈ [0, log N]")),
    ("log_n", QT_TRANSLATE_NOOP("", "log N"), QT_TRANSLATE_NOOP("", "N = {n}")),
    ("entropy", QT_TRANSLATE_NOOP("", "entropy H"), QT_TRANSLATE_NOOP("", "−Σ p<sub>i</sub> log p<sub>i</sub>")),
    ("perplexity", QT_TRANSLATE_NOOP("", "perplexity"), QT_TRANSLATE_NOOP("", "e<sup>H</sup>")),
    ("mean", QT_TRANSLATE_NOOP("", "mean u"), QT_TRANSLATE_NOOP("", "(1/N) Σ u<sub>i</sub>")),
    ("variance", QT_TRANSLATE_NOOP("", "var u"), QT_TRANSLATE_NOOP("", "(1/N) Σ (u<sub>i</sub> − ū)²")),
    ("norm", QT_TRANSLATE_NOOP("", "‖u‖"), QT_TRANSLATE_NOOP("", "√Σ u<sub>i</sub>²")),
    ("predicted", QT_TRANSLATE_NOOP("", "predicted"), QT_TRANSLATE_NOOP("", "argmax<sub>i</sub> p<sub>i</sub>")),
    ("p_target", QT_TRANSLATE_NOOP("", "p<sub>y</sub>"), QT_TRANSLATE_NOOP("", "y = {y}")),
    ("cross_entropy", QT_TRANSLATE_NOOP("", "CE"), QT_TRANSLATE_NOOP("", "−log p<sub>y</sub> = LSE(u) − u<sub>y</sub>")),
    ("smoothed_cross_entropy", QT_TRANSLATE_NOOP("", "smoothed CE"), QT_TRANSLATE_NOOP("", "−Σ q<sub>i</sub> log p<sub>i</sub>, ε = {eps}")),
    ("hinge", QT_TRANSLATE_NOOP("", "hinge"), QT_TRANSLATE_NOOP("", "max(max<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)")),
    ("lse_hinge", QT_TRANSLATE_NOOP("", "LSE-hinge"), QT_TRANSLATE_NOOP("", "max(LSE<sub>i≠y</sub> u<sub>i</sub> − u<sub>y</sub>, 0)")),
    ("implicit_margin", QT_TRANSLATE_NOOP("", "implicit margin"),
     QT_TRANSLATE_NOOP("", "LSE<sub>i≠y</sub> u<sub>i</sub> − max<sub>i≠y</sub> u<sub>i</sub> ∈ [0, log(N − 1)] = [0, {bound}]")),
    ("margin", QT_TRANSLATE_NOOP("", "margin m"), QT_TRANSLATE_NOOP("", "the target's logit is z<sub>y</sub> − m")),
    ("cosine_scale_90", QT_TRANSLATE_NOOP("", "s for p<sub>y</sub> = 0.9"), QT_TRANSLATE_NOOP("", "cosine logits: s ≥ ((N − 1)/N) log((N − 1)·0.9/0.1)")),
    ("cosine_scale_99", QT_TRANSLATE_NOOP("", "s for p<sub>y</sub> = 0.99"), QT_TRANSLATE_NOOP("", "cosine logits: s ≥ ((N − 1)/N) log((N − 1)·0.99/0.01)")),
)


class ValueColumn(QWidget):
    """The readout's numbers, right-aligned, one per row of its grid, in one widget.

    Fifteen cell widgets meant fifteen paint events on every slider tick
    (0.5 ms); here the rows whose number changed are marked and painted in one
    event. The rows' heights come from the names and formulas beside them
    (a formula may wrap), read from the grid when painting.
    """

    SAMPLE = "−1.23457e+300 "      # the widest number format_number writes

    def __init__(self, rows: list, font: QFont, parent=None):
        super().__init__(parent)
        self.setFont(font)
        self._fm = QFontMetrics(font)
        self._rows = rows              # per row, the widgets the number is level with (name, formula)
        self._texts = [""] * len(rows)
        self._rects = None             # each row's rect, until a widget beside it moves or resizes
        for widgets in rows:
            for w in widgets:
                w.installEventFilter(self)
        self.setFixedWidth(self._fm.horizontalAdvance(self.SAMPLE) + 8)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Ignored)
        self.setAttribute(Qt.WA_OpaquePaintEvent)     # it paints its own background

    def sizeHint(self):
        return QSize(self.width(), 0)

    def minimumSizeHint(self):
        return QSize(self.width(), 0)

    def set_rows(self, rows: list) -> None:
        """Per row, the widgets its number is level with (the name, and the formula beside it)."""
        self._rows = rows
        self._rects = None
        self.update()

    def text(self, row: int) -> str:
        return self._texts[row]

    def set_text(self, row: int, text: str) -> None:
        if text != self._texts[row]:
            self._texts[row] = text
            self.update(self.row_rect(row))

    def row_rect(self, row: int) -> QRect:
        """Where row ``row`` is, in this widget: level with the name and formula beside it."""
        if self._rects is None:        # measured once per layout, not per number and paint
            rects = []
            for widgets in self._rows:
                top = min(w.geometry().top() for w in widgets)
                bottom = max(w.geometry().bottom() for w in widgets)
                rects.append(QRect(0, top - self.y(), self.width(), bottom - top + 1))
            self._rects = rects
        return self._rects[row]

    _LAYOUT_EVENTS = (QEvent.Move, QEvent.Resize)

    def eventFilter(self, watched, ev):
        if ev.type() in self._LAYOUT_EVENTS:          # a row moved or changed height
            self._rects = None
        return False

    def moveEvent(self, ev):
        self._rects = None
        super().moveEvent(ev)

    def resizeEvent(self, ev):
        self._rects = None
        super().resizeEvent(ev)

    def row_at(self, y: int):
        for r in range(len(self._texts)):
            rect = self.row_rect(r)
            if rect.top() <= y <= rect.bottom():
                return r
        return None

    def event(self, ev):
        if ev.type() == QEvent.ToolTip:               # the whole number, when a narrow panel elides it
            r = self.row_at(ev.pos().y())
            if r is not None and self._texts[r]:
                QToolTip.showText(ev.globalPos(), self._texts[r], self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)

    def paintEvent(self, ev):
        p = QPainter(self)
        area = ev.rect()
        p.fillRect(area, self.palette().window())
        p.setPen(self.palette().windowText().color())
        fm = self._fm
        for r, text in enumerate(self._texts):
            rect = self.row_rect(r)
            if not text or not rect.intersects(area):
                continue
            rect = rect.adjusted(0, 0, -4, 0)
            if fm.horizontalAdvance(text) > rect.width():
                text = fm.elidedText(text, Qt.ElideRight, rect.width())
            p.drawText(rect, Qt.AlignRight | Qt.AlignVCenter, text)
        p.end()


class Value:
    """One row of a ValueColumn, read and set like a label."""

    def __init__(self, column: ValueColumn, row: int):
        self.column, self.row = column, row

    def text(self) -> str:
        return self.column.text(self.row)

    def setText(self, text: str) -> None:
        self.column.set_text(self.row, text)


class ReadoutPanel(QWidget):
    """A grid: names and formulas are set once (rich text); values are plain text.

    Laying out rich text on every slider tick costs several milliseconds; the
    values alone are cheap to replace.
    """

    title = QT_TRANSLATE_NOOP("", "Readout")
    tooltip = QT_TRANSLATE_NOOP("", "The numbers behind the plots, each with its formula, for the current state.")

    #: the narrowest a formula is shown at beside its name; narrower, it goes under it
    FORMULA_BESIDE = 130

    def __init__(self, parent=None):
        super().__init__(parent)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.grid = grid
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.Monospace)
        self.formulas = {}
        self.names = {}
        self._row_height = QFontMetrics(mono).height() + 2     # a line of numbers fits every row
        for key, name, formula in ROWS:
            name_l = QLabel(f"<b>{tr(name)}</b>")
            form_l = QLabel()
            form_l.setWordWrap(True)        # a narrow panel wraps a formula rather than hiding the numbers
            self.names[key] = name_l
            self.formulas[key] = (form_l, formula)
        # the numbers: one column as wide as the widest number format_number writes;
        # a new value repaints its row of it only
        self.value_column = ValueColumn([(self.names[k], self.formulas[k][0]) for k, _n, _f in ROWS], mono)
        self.values = {key: Value(self.value_column, r) for r, (key, _n, _f) in enumerate(ROWS)}
        self._under = None                 # formulas under their names (a narrow panel), or beside them
        self._lay_out(False)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(inner)
        area.setFrameShape(QScrollArea.NoFrame)
        # formulas go under their names when the panel narrows; narrower still, it scrolls
        # sideways rather than cut the numbers off
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.area = area
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(area)
        self.setToolTip(tr(self.tooltip))
        self.bundle = None
        self._context = None

    # ---- the layout: formulas beside their names, or under them ----
    def formulas_under(self) -> bool:
        """Whether the formulas are shown under their names (a narrow panel)."""
        return bool(self._under)

    def row_widgets(self, key: str) -> tuple:
        """The widgets row ``key``'s number is level with: its name, and its formula when beside it."""
        name_l, form_l = self.names[key], self.formulas[key][0]
        return (name_l,) if self._under else (name_l, form_l)

    def _lay_out(self, under: bool) -> None:
        if under == self._under:
            return
        self._under = under
        grid = self.grid
        for key, _n, _f in ROWS:
            grid.removeWidget(self.names[key])
            grid.removeWidget(self.formulas[key][0])
        grid.removeWidget(self.value_column)
        for r in range(2 * len(ROWS) + 1):
            grid.setRowMinimumHeight(r, 0)
            grid.setRowStretch(r, 0)
        for c in range(3):
            grid.setColumnStretch(c, 0)
        step = 2 if under else 1
        for r, (key, _n, _f) in enumerate(ROWS):
            form_l = self.formulas[key][0]
            grid.addWidget(self.names[key], step * r, 0)
            grid.setRowMinimumHeight(step * r, self._row_height)
            if under:
                form_l.setIndent(10)
                grid.addWidget(form_l, step * r + 1, 0)
            else:
                form_l.setIndent(-1)
                grid.addWidget(form_l, r, 1)
        grid.addWidget(self.value_column, 0, 1 if under else 2, step * len(ROWS), 1)
        grid.setRowStretch(step * len(ROWS), 1)
        grid.setColumnStretch(0 if under else 1, 1)
        self.value_column.set_rows([self.row_widgets(key) for key, _n, _f in ROWS])

    def _fits_beside(self, width: int) -> bool:
        """Whether ``width`` leaves FORMULA_BESIDE pixels for the formulas beside the names."""
        names = max(label.sizeHint().width() for label in self.names.values())
        left, _t, right, _b = self.grid.getContentsMargins()
        room = width - left - right - 2 * self.grid.horizontalSpacing() - names - self.value_column.width()
        return room >= self.FORMULA_BESIDE

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # (as if the vertical scroll bar were shown: the layout does not flip as it comes and goes)
        self._lay_out(not self._fits_beside(self.width() - self.area.verticalScrollBar().sizeHint().width()))

    def text(self) -> str:
        """Everything shown, as plain text (names, formulas, values)."""
        rows = []
        for key, name, _ in ROWS:
            form_l, _f = self.formulas[key]
            rows.append(f"{name}  {form_l.text()}  {self.values[key].text()}")
        return "\n".join(rows)

    def draw(self, bundle) -> None:
        """Show ``bundle``'s numbers (what every panel does, by this name)."""
        self.bundle = bundle
        r = bundle.readout
        st = bundle.state
        context = (st.epsilon, r["n_classes"], st.target, st.label(st.target))
        if context != self._context:                 # formulas change only with eps, N, y
            self._context = context
            for label, formula in self.formulas.values():
                label.setText(tr(formula).format(eps=f"{st.epsilon:g}", n=f"{r['n_classes']:,}",
                                                 y=f"{st.target} ({st.label(st.target)})",
                                                 bound=format_number(r["implicit_margin_max"])))
        for key, label in self.values.items():
            if key == "predicted":
                text = f"{r['predicted']} ({r['predicted_label']})"
            else:
                text = format_number(r[key])
            if label.text() != text:
                label.setText(text)
