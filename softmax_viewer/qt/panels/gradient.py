"""The gradient dCE/du = p - q per class, and the softmax Jacobian as a heatmap."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF

from softmax_viewer.derived import TOP_JACOBIAN
from softmax_viewer.qt import plotting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting import BLUE, RED, ClassAxis, PlotPanel, nice_ceiling, tick_step
from softmax_viewer.qt.plotting.fitting import fit_title


class GradientPanel(PlotPanel):
    title = QT_TRANSLATE_NOOP("", "Gradient ∂CE/∂u = p − q")
    # {0}: TOP_JACOBIAN
    tooltip = QT_TRANSLATE_NOOP("", "Bars: p − q, the gradient of cross-entropy with respect to u. Negative on the target "
                                "(gradient descent raises it), positive elsewhere; the bars sum to 0. "
                                "Heatmap: the Jacobian ∂p/∂u = diag(p) − p pᵀ, symmetric with zero row sums. Beyond "
                                "{0} classes it shows the {0} most probable (the most probable first, "
                                "labelled by class number, the target always among them): a block of the matrix, "
                                "whose rows sum to zero only as far as those classes hold all of p.")

    def tooltip_text(self) -> str:
        return tr(self.tooltip).format(TOP_JACOBIAN)

    def make_view(self):
        w = plotting.layout_widget()
        return w, w.addPlot(row=0, col=0)

    def plots(self) -> list:
        return [self.plot, self.jac_plot]

    def __init__(self, parent=None):
        super().__init__(parent)
        # the top classes by class (name or number), their ranks in the hover readout
        self._class_axis = ClassAxis(ranks=False)
        fit_title(self.plot)
        self.text.title(self.plot, tr(self.title), "11pt", shorter=(self.tr("∂CE/∂u = p − q"),))
        # two items with one brush each: per-bar brushes draw bar by bar
        self.bars_up = plotting.bars(self.plot, RED, width=0.6)
        self.bars_down = plotting.bars(self.plot, BLUE, width=0.6)
        plotting.rule(self.plot, angle=0, pen=plotting.pen("#444"))
        self.jac_plot = self.plot_widget.addPlot(row=1, col=0)
        fit_title(self.jac_plot)
        self.jac_image = plotting.image(self.jac_plot)
        cmap = plotting.colormap.get("CET-D1")
        self.jac_image.setColorMap(cmap)
        # its scale: ±max |∂p_i/∂u_j| of the matrix shown, 0 at the map's neutral middle
        self.jac_colorbar = plotting.colour_bar(self.jac_plot, self.jac_image, cmap, width=10)
        self.jac_colorbar.axis.setWidth(44)       # new tick labels do not re-lay-out the plot
        self._jac_levels = None
        # class 0 at the top, drawn by flipping the data rather than the axis
        # (pyqtgraph's SVG export misplaces images on an inverted axis)
        self.jac_plot.setLabel("bottom", self.tr("class"))
        # the first cell's label (a class number up to six digits) is wider than half a cell:
        # let it reach past the axis' end (over the left axis' margin) rather than be left out
        self.jac_plot.getAxis("bottom").setStyle(hideOverlappingLabels=26)
        self.plot_widget.ci.layout.setRowStretchFactor(0, 3)
        self.plot_widget.ci.layout.setRowStretchFactor(1, 2)

    def plot_bundle(self, bundle) -> None:
        self.bundle = bundle
        d = bundle.gradient
        st = bundle.state
        n = d.shown.size
        x = np.arange(n, dtype=float)
        up = d.grad > 0
        self.bars_up.setOpts(x=x[up], height=d.grad[up], width=0.6)
        self.bars_down.setOpts(x=x[~up], height=d.grad[~up], width=0.6)
        width = self.plot.vb.width()
        ticks, span = self._class_axis(d.shown, st, d.by_rank, width, n)
        self.text.ticks(self.plot.getAxis("bottom"), ticks)
        self.text.range(self.plot, x=span)
        top = nice_ceiling(float(np.max(np.abs(d.grad))) if n else 1.0)
        self.text.range(self.plot, y=(-top, top), padding=0.02)
        self.text.label(self.plot, "bottom", self.tr("class (top by |p − q|)") if d.by_rank else self.tr("class"))
        k = d.jac_classes.size
        jac = d.jacobian
        lim = float(np.max(np.abs(jac))) if jac.size else 1.0
        lim = lim if lim > 0 else 1.0
        # ImageItem reads image[x, y]: x = column class j, y = row k-1-i
        # each cell as a block of pixels: viewers that smooth images keep it sharp
        block = max(1, 96 // max(k, 1))
        cells = np.repeat(np.repeat(jac.T[:, ::-1], block, axis=0), block, axis=1)
        self.jac_image.setImage(cells, levels=(-lim, lim), autoLevels=False)
        if self._jac_levels != (-lim, lim):
            self._jac_levels = (-lim, lim)
            self.jac_colorbar.setLevels((-lim, lim), update_items=False)
        self.jac_image.setRect(QRectF(-0.5, -0.5, k, k))
        ranked = k < st.n_classes
        # each cell's class number, as the table's rows (the top ones by p, the most probable first)
        names = [str(int(c)) for c in d.jac_classes]
        step_x = tick_step(names, self.jac_plot.vb.width())
        step_y = tick_step(names, self.jac_plot.vb.height(), vertical=True)
        self.text.ticks(self.jac_plot.getAxis("bottom"), [[(pos, names[pos]) for pos in range(0, k, step_x)]])
        self.text.ticks(self.jac_plot.getAxis("left"), [[(k - 1 - pos, names[pos]) for pos in range(0, k, step_y)]])
        self.text.range(self.jac_plot, x=(-0.5, k - 0.5), y=(-0.5, k - 0.5))
        self.text.label(self.jac_plot, "bottom", self.tr("class (top by p)") if ranked else self.tr("class"))
        if ranked:
            self.text.title(self.jac_plot, self.tr("Jacobian ∂p/∂u over the top {k} classes by p").format(k=k),
                            "10pt", shorter=(self.tr("Jacobian, top {k} by p").format(k=k), self.tr("Jacobian")))
        else:
            self.text.title(self.jac_plot, self.tr("Jacobian ∂p/∂u = diag(p) − p pᵀ"), "10pt",
                            shorter=(self.tr("Jacobian ∂p/∂u"), self.tr("Jacobian")))
