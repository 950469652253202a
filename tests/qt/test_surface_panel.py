"""The loss surface's colour scale: steady while values move, fitted when they stop."""
import numpy as np

from softmax_viewer.qt.panels.surface import colour_levels
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.state import ExplorerState


def test_colour_levels_hold_still_while_the_data_fit():
    a = colour_levels(0.31, 2.87)
    assert a[0] <= 0.31 and a[1] >= 2.87
    assert colour_levels(0.4, 2.7, a) == a                 # still inside, still spans most of it
    b = colour_levels(0.4, 3.5, a)
    assert b != a and b[1] >= 3.5
    assert colour_levels(1.0, 1.0)[0] < 1.0 < colour_levels(1.0, 1.0)[1]
    assert colour_levels(float("nan"), 1.0) == (0.0, 1.0)


def test_colour_levels_show_a_nearly_flat_surface_flat():
    lo, hi = colour_levels(6.895, 6.900)
    assert hi - lo >= 0.02 * 6.9 and lo <= 6.895 and hi >= 6.900
    # drift within the flat band keeps the scale
    assert colour_levels(6.897, 6.902, (lo, hi)) == (lo, hi)
    # a surface with real relief spans its data
    lo2, hi2 = colour_levels(0.5, 8.0)
    assert lo2 <= 0.5 and hi2 >= 8.0 and hi2 - lo2 < 12


def _levels(panel):
    """The colour levels the surface image is drawn with."""
    return tuple(np.asarray(panel.image.levels, float))


def test_surface_colours_hold_during_a_drag_and_fit_on_release(qtbot):
    win = MainWindow(ExplorerState(logits=[2.0, 1.0, 0.5, -1.0], target=0), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    first = _levels(win.surface)                                # the first image, too
    assert first == tuple(win.surface.colorbar.values) == tuple(win.surface.colorbar.axis.range)
    ctl = win.controls.scale
    ctl.slider.setSliderDown(True)
    seen = []
    for k in range(1, 16):
        ctl.slider.setValue(ctl.slider.value() + 10)
        win.store.flush()
        vals = win.surface.bundle.surface.values
        lo, hi = _levels(win.surface)
        assert lo <= vals.min() and vals.max() <= hi            # the data always fit
        # the colour bar reads the levels the image is coloured with
        assert tuple(win.surface.colorbar.values) == (lo, hi)
        assert tuple(win.surface.colorbar.axis.range) == (lo, hi)
        seen.append((lo, hi))
    assert len(set(seen)) < len(seen) / 2                       # held for several ticks at a time
    ctl.slider.setSliderDown(False)
    ctl.drag_finished.emit()
    vals = win.surface.bundle.surface.values
    lo, hi = _levels(win.surface)
    assert lo <= vals.min() and vals.max() <= hi
    assert (vals.max() - vals.min()) >= 0.35 * (hi - lo)        # fitted again on release


def test_quick_changes_hold_the_colours_and_a_pause_fits_them(qtbot):
    win = MainWindow(ExplorerState(logits=[2.0, 1.0, 0.5, -1.0], target=0), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    assert not win.surface.moving                           # the first view is fitted
    for s in (1.2, 1.5, 1.9, 2.4):                          # a spin box stepped quickly
        win.controls.scale.spin.setValue(s)
        win.store.flush()
    assert win.surface.moving
    vals = win.surface.bundle.surface.values
    lo, hi = _levels(win.surface)
    assert lo <= vals.min() and vals.max() <= hi
    qtbot.waitUntil(lambda: not win.surface.moving, timeout=2000)
    assert _levels(win.surface) == colour_levels(float(vals.min()), float(vals.max()))
    assert tuple(win.surface.colorbar.values) == _levels(win.surface)


def test_colour_levels_of_a_constant_surface_read_its_value():
    """Regression: a constant surface got a scale of ±1e-12 around its value. Now value ± max(0.5,
    1e-6 |value|), starting at 0 for a loss below 0.5 (never negative)."""
    assert colour_levels(0.0, 0.0) == (0.0, 1.0)
    assert colour_levels(2.25, 2.25) == (1.75, 2.75)
    assert colour_levels(1e8, 1e8) == (1e8 - 100.0, 1e8 + 100.0)
    assert colour_levels(-3.0, -3.0) == (-3.5, -2.5)


def test_colour_levels_of_a_loss_are_never_negative():
    for last, roomy in ((None, False), ((-1.0, 3.0), True), ((1.0, 3.0), True), ((0.5, 1.0), False)):
        lo, hi = colour_levels(0.05, 2.5, last, roomy)
        assert 0.0 <= lo <= 0.05 and hi >= 2.5, (last, roomy)
    assert colour_levels(-0.5, 2.0)[0] <= -0.5                # data below 0 keep their room


def _settled(qtbot, win, state):
    win.store.set_state(state)
    win.store.flush()
    qtbot.waitUntil(lambda: not win.surface.moving, timeout=2000)
    return _levels(win.surface)


def test_the_colour_scale_follows_the_data_not_its_history(qtbot):
    """Regression: after 100,000 classes and back to 4, a cross-entropy surface kept a scale of -1 .. 3."""
    win = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    fresh = _levels(win.surface)
    _settled(qtbot, win, ExplorerState().with_n_classes(100_000))
    back = _settled(qtbot, win, ExplorerState())
    vals = win.surface.bundle.surface.values
    assert back == fresh == colour_levels(float(vals.min()), float(vals.max()))
    assert back[0] >= 0 and tuple(win.surface.colorbar.values) == back


def test_a_constant_surface_has_a_scale_around_its_value(qtbot):
    win = MainWindow(ExplorerState(logits=[0.0, 0.0, 0.0, 30.0], target=3, surface_loss="hinge"), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    assert np.all(win.surface.bundle.surface.values == 0.0)
    assert _levels(win.surface) == (0.0, 1.0) == tuple(win.surface.colorbar.values)


def test_a_masked_logit_drawn_at_a_stand_in_is_said_on_the_plot(qtbot):
    """Regression: with z0 = -inf the point was drawn at z0 = 3 (the smallest finite logit) without a word."""
    win = MainWindow(ExplorerState(logits=[float("-inf"), 3.0, 4.0, 5.0]), remember=False)
    qtbot.addWidget(win)
    win.resize(1366, 740)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    note = win.surface.view_note
    assert win.surface.bundle.surface.point[0] == 3.0
    assert "z0 = −∞" in note.text() and "stand-in z0 = 3" in note.text() and note.isVisible()
    # on the plot, inside its view
    assert win.surface.plot.vb.sceneBoundingRect().contains(note.sceneBoundingRect().center())
    win.store.set_state(ExplorerState(logits=[2.0, 3.0, 4.0, 5.0]))
    win.store.flush()
    assert note.text() == "" and not note.isVisible()


def test_the_jacobian_has_a_colour_scale_of_its_data(qtbot):
    win = MainWindow(ExplorerState(), remember=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.store.flush()
    bar = win.gradient.jac_colorbar
    for st in (ExplorerState(), ExplorerState(scale=0.2), ExplorerState().with_n_classes(1000)):
        win.store.set_state(st)
        win.store.flush()
        lim = float(np.max(np.abs(win.store.bundle.gradient.jacobian)))
        assert tuple(bar.values) == (-lim, lim) == tuple(np.asarray(win.gradient.jac_image.levels, float))
