"""A batch of logits in the window: opened from a file, a row at a time, and its calibration lab."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from softmax_viewer import calibration
from softmax_viewer.batch import examples


@pytest.fixture
def batch_file(tmp_path):
    rng = np.random.default_rng(3)
    y = rng.integers(0, 4, 300)
    z = rng.normal(0, 1, (300, 4))
    z[np.arange(300), y] += 1.5
    z *= 3
    np.savez(tmp_path / "model.npz", logits=z, labels=y, class_names=np.array(["cat", "dog", "猫", "bird"]))
    return tmp_path / "model.npz", z, y


@pytest.fixture
def shown(shown_window):
    return shown_window(1800, 1000)


def test_a_batch_opens_its_first_row_and_the_calibration_lab(shown, batch_file):
    path, z, y = batch_file
    assert shown.open_path(str(path))
    st = shown.store.state
    np.testing.assert_array_equal(st.logits, z[0])
    assert st.target == y[0] and st.labels == ("cat", "dog", "猫", "bird")
    assert shown.row_picker.isVisible()
    lab = shown.lab_docks.labs["calibration"]
    lab.ensure_drawn()
    want = calibration.calibrate(z, y)
    assert lab.data.ece == pytest.approx(want.ece, rel=1e-12) and lab.data.nll == pytest.approx(want.nll)
    assert "300 samples" in lab.summary.text()


def test_the_row_picker_and_page_keys_choose_the_sample(shown, batch_file, qtbot):
    path, z, y = batch_file
    shown.open_path(str(path))
    shown.row_picker.spin.setValue(7)
    np.testing.assert_array_equal(shown.store.state.logits, z[7])
    qtbot.keyClick(shown, Qt.Key_PageDown)
    np.testing.assert_array_equal(shown.store.state.logits, z[8])
    assert shown.row_picker.slider.value() == 8
    shown.store.undo()                                     # a row is one undo step
    np.testing.assert_array_equal(shown.store.state.logits, z[7])


def test_the_temperature_drives_the_batch_and_t_star_can_be_set(shown, batch_file):
    path, z, y = batch_file
    shown.open_path(str(path))
    lab = shown.lab_docks.labs["calibration"]
    shown.store.set_state(shown.store.state.replace(temperature=2.0))
    shown.store.flush()
    lab.ensure_drawn()
    assert lab.data.nll == pytest.approx(calibration.calibrate(z, y, temperature=2.0).nll)
    t = lab.fit()
    assert t == pytest.approx(calibration.fit_temperature(z, y), rel=1e-12)
    assert "T* = " in lab.summary.text()
    lab.use_button.click()
    assert shown.store.state.temperature == pytest.approx(t)


def test_a_confidently_wrong_row_is_one_click_away(shown, batch_file):
    path, z, y = batch_file
    shown.open_path(str(path))
    lab = shown.lab_docks.labs["calibration"]
    lab.ensure_drawn()
    first = lab.wrong.item(0)
    row = first.data(Qt.UserRole)
    assert row == lab.data.worst[0] and lab.data.predicted[row] != y[row]
    lab.wrong.itemClicked.emit(first)
    np.testing.assert_array_equal(shown.store.state.logits, z[row])
    assert shown.row_picker.spin.value() == row


def test_the_split_fits_on_one_half_and_reports_on_the_other(shown, batch_file):
    path, z, y = batch_file
    shown.open_path(str(path))
    lab = shown.lab_docks.labs["calibration"]
    lab.split.setChecked(True)
    assert shown.store.state.labs.calibration.split                # a setting in the state
    t = lab.fit()
    fit_rows, _report = calibration.split(300, 0.5, seed=0)
    assert t == pytest.approx(calibration.fit_temperature(z[fit_rows], y[fit_rows]), rel=1e-12)
    assert "reported on the other 150" in lab.summary.text()


def test_a_bad_file_leaves_the_window_as_it_was(shown, tmp_path):
    before = shown.store.state
    np.save(tmp_path / "evil.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    errors = []
    shown.report_error = lambda title, text: errors.append(text)
    assert not shown.open_path(str(tmp_path / "evil.npy"))
    assert shown.store.state is before and shown.store.batch is None
    assert len(errors) == 1 and "Python objects" in errors[0]


def test_a_preset_closes_the_batch(shown, batch_file):
    from softmax_viewer import presets
    path, _z, _y = batch_file
    shown.open_path(str(path))
    shown.open_path(str(next(iter(presets.gallery().values()))), confirm=False)
    assert shown.store.batch is None and not shown.row_picker.isVisible()


def test_a_vector_file_opens_as_the_logits(shown, tmp_path):
    (tmp_path / "v.csv").write_text("a,b,c\n1,2,3\n")
    assert shown.open_path(str(tmp_path / "v.csv"))
    assert list(shown.store.state.logits) == [1, 2, 3] and shown.store.state.labels == ("a", "b", "c")
    assert shown.store.batch is None


def test_the_shipped_examples_are_in_the_presets_menu(shown):
    menu = shown.examples_menu
    assert menu.menuAction() in shown.presets_menu.actions()
    assert sorted(a.text() for a in menu.actions()) == sorted(examples())
    menu.actions()[0].trigger()
    assert shown.store.batch is not None and shown.store.batch.n_classes == 10


def test_a_pipe_named_json_is_refused_without_hanging(shown, tmp_path):
    import os
    os.mkfifo(tmp_path / "pipe.json")
    errors = []
    shown.report_error = lambda title, text: errors.append(text)
    assert not shown.open_path(str(tmp_path / "pipe.json"))
    assert len(errors) == 1 and "not a regular file" in errors[0]
