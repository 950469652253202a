"""Rule: pyqtgraph's InfiniteLine, hidden where its value has no place."""
import numpy as np
import pyqtgraph as pg
import pytest

from softmax_viewer.qt import plotting as base


@pytest.mark.parametrize("angle,value", [(90, 0.3137), (0, -0.4471), (90, 1e300), (0, float("nan")), (90, -np.inf)])
def test_a_rule_is_an_infinite_line_hidden_where_it_has_no_place(qtbot, angle, value):
    """plotting.rule draws what pyqtgraph's InfiniteLine draws; at a value that is
    not a number it draws nothing and the view keeps its range (no error)."""
    def grab(make):
        w = pg.PlotWidget()
        qtbot.addWidget(w)
        w.resize(300, 220)
        w.setRange(xRange=(-1.03, 1.07), yRange=(-1.11, 0.97), padding=0)
        line = make(w.getPlotItem())
        w.show()
        qtbot.waitExposed(w)
        return w, line

    pen = pg.mkPen("#444")
    w, rule = grab(lambda plot: base.rule(plot, angle=angle, pen=pen, pos=0.0))
    rule.setValue(value)
    ours = w.grab().toImage()
    w_none, _ = grab(lambda plot: None)
    plain = w_none.grab().toImage()
    if np.isfinite(value):
        w_pg, _ = grab(lambda plot: plot.addItem(pg.InfiniteLine(angle=angle, pen=pen, pos=value)))
        assert ours == w_pg.grab().toImage()
        assert rule.value() == value and (ours != plain or abs(value) > 10)
    else:
        assert ours == plain and not rule.isVisible()
