"""A zoomed plot comes back to its data on the next change; pinned, it stays; the menu is ours."""
import pytest
from PySide6.QtCore import Qt



@pytest.fixture
def shown(shown_window):
    return shown_window(1800, 1000)


def _zoom_far(plot):
    vb = plot.getViewBox()
    vb.setRange(xRange=(1e4, 1e4 + 1), yRange=(1e4, 1e4 + 1), padding=0)
    vb.sigRangeChangedManually.emit([True, True])     # as a wheel or a drag says it


def test_a_view_zoomed_off_the_data_follows_it_again_on_the_next_change(shown):
    plot = shown.probabilities.plot
    before = plot.viewRange()
    _zoom_far(plot)
    shown.store.set_state(shown.store.state.replace(temperature=1.1))
    shown.store.flush()
    after = plot.viewRange()
    assert after[0][1] < 100 and after[1][1] < 100 and after[0] == pytest.approx(before[0], abs=1.0)


def test_a_pinned_view_keeps_its_zoom_and_reset_brings_it_back(shown, qtbot):
    plot = shown.probabilities.plot
    follower = next(f for f in shown.probabilities.followers if f.plot is plot)
    _zoom_far(plot)
    follower.pin_action.setChecked(True)
    shown.store.set_state(shown.store.state.replace(temperature=1.2))
    shown.store.flush()
    assert plot.viewRange()[0][0] == pytest.approx(1e4)
    qtbot.keyClick(shown.probabilities.plot_widget, Qt.Key_Home)
    assert not follower.pinned and plot.viewRange()[0][1] < 100


def test_the_plot_menu_holds_one_export_and_only_what_the_program_needs(shown):
    menu = shown.probabilities.plot.getViewBox().menu
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["Reset view (double-click, Home)", "Pin this view", "Export this panel…", "Copy panel image"]
    assert shown.probabilities.plot.scene().contextMenu == []
