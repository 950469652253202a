"""The labs window in a process of its own (softmax_viewer.qt.labhost), as the application opens it."""
import sys

import numpy as np
import pytest
from PySide6.QtCore import QProcess
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from softmax_viewer.derived import Computer
from softmax_viewer.qt.labhost import Channel, main
from softmax_viewer.qt.window import MainWindow
from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState


def _pair(qtbot):
    server = QLocalServer()
    assert server.listen(f"softmax-viewer-test-{id(server)}")
    client = QLocalSocket()
    client.connectToServer(server.serverName())
    assert client.waitForConnected(5000)
    assert server.waitForNewConnection(5000)
    return server, client, server.nextPendingConnection()


def _receive(qtbot, channel, count):
    got = []
    qtbot.waitUntil(lambda: got.extend(channel.receive()) or len(got) >= count, timeout=5000)
    return got


class _Counted:
    """A socket that keeps the size of each write."""

    def __init__(self, socket):
        self.socket, self.sizes = socket, []

    def write(self, data):
        self.sizes.append(len(data))
        return self.socket.write(data)

    def flush(self):
        return self.socket.flush()


def test_a_channel_sends_the_logits_once_while_they_stay_the_same(qtbot):
    server, client, served = _pair(qtbot)
    out, into = Channel(served), Channel(client)
    out.socket = counted = _Counted(served)
    st = ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(10_000)
    for message in (("state", 1, st), ("state", 2, st.replace(temperature=0.5)), ("show", "sampling"),
                    ("state", 3, st.with_logit(0, 7.0))):
        out.send(message)
    got = _receive(qtbot, into, 4)
    assert [m[0] for m in got] == ["state", "state", "show", "state"]
    assert counted.sizes[0] > 80_000 and counted.sizes[1] < 2_000 and counted.sizes[3] > 80_000
    first, second, third = got[0][2], got[1][2], got[3][2]
    np.testing.assert_array_equal(first.logits, st.logits)
    assert second.logits is first.logits                       # referred to, not sent again
    assert second.same_as(st.replace(temperature=0.5))
    assert third.logits is not first.logits and third.logits[0] == 7.0
    np.testing.assert_array_equal(third.logits[1:], st.logits[1:])
    client.close()
    server.close()


def test_a_channel_keeps_a_message_that_has_come_in_part(qtbot):
    import pickle
    import struct

    server, client, served = _pair(qtbot)
    into = Channel(client)
    data = pickle.dumps(("show", "precision"))
    frame = struct.pack("<I", len(data)) + data
    served.write(frame[:5])
    served.flush()
    assert client.waitForReadyRead(2000)
    assert into.receive() == []
    served.write(frame[5:] + frame)
    served.flush()
    assert _receive(qtbot, into, 2) == [("show", "precision")] * 2
    client.close()
    server.close()


def test_lab_inputs_are_the_bundles_very_numbers():
    for st in (ExplorerState(), ExplorerState(scale=3.0, temperature=0.3).with_n_classes(5000),
               ExplorerState(logits=[10.0, 2.0, 10000.0, -np.inf], temperature=0.0)):
        b = Computer().compute(st)
        li = Computer().lab_inputs(st)
        assert li.state is st
        for name in ("p", "log_p", "ranked"):
            np.testing.assert_array_equal(getattr(li, name), getattr(b, name))


def test_the_lab_host_says_how_it_is_started(capsys):
    assert main([]) == 2
    assert "started by the explorer window" in capsys.readouterr().err


@pytest.fixture
def separate(qtbot):
    w = MainWindow(ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(300),
                   remember=False, separate_labs=True)
    qtbot.addWidget(w)
    w.show()
    yield w
    if w.lab_process is not None:
        w.lab_process.close()


def test_labs_in_their_own_process_follow_the_state_and_export_the_same(separate, tmp_path):
    w = separate
    w.open_lab("sampling")
    lp = w.lab_process
    assert lp is not None and w.labs_window is None          # nothing of the labs in this process
    lp.wait_drawn()
    assert lp.connected and lp.drawn >= 1
    for t in (0.5, 2.0):
        w.controls.temperature.spin.setValue(t)
        lp.wait_drawn()
    w.open_lab("precision")
    w.store.set_state(w.store.state.replace(scale=40.0, target=3))
    lp.wait_drawn()
    here = MainWindow(w.store.state, remember=False)      # the same state, its labs in this process
    try:
        for key, suffix in (("sampling", ".csv"), ("precision", ".csv"), ("overconfidence", ".csv"),
                            ("precision", ".png")):
            theirs, ours = tmp_path / f"{key}-theirs{suffix}", tmp_path / f"{key}-ours{suffix}"
            here.open_lab(key)                             # shown, as theirs is: the same size
            assert w.export_to(key, theirs) and here.export_to(key, ours)
            if suffix == ".csv":
                assert theirs.read_text() == ours.read_text(), key
            else:                   # the same picture but for the axes, which keep a drag's ranges
                from PySide6.QtGui import QColor, QImage
                from tests.test_qt_files import _check_file
                _check_file(theirs)
                image = QImage(str(theirs))
                assert image.size() == QImage(str(ours)).size()
                blue = QColor("#1f77b4").rgb()
                assert sum(image.pixel(x, 320) == blue for x in range(image.width())) > 100   # the bars of u
    finally:
        here.close()
        if here.labs_window is not None:
            here.labs_window.close()


def test_an_export_the_lab_process_cannot_make_is_reported(separate, tmp_path):
    w = separate
    w.open_lab("precision")
    w.lab_process.wait_drawn()
    errors = []
    w.report_error = lambda title, text: errors.append(text)
    assert not w.export_to("precision", tmp_path / "no-such-folder" / "p.png")
    assert errors and "no-such-folder" in errors[0]
    assert w.lab_process.connected                       # and it goes on
    w.controls.scale.spin.setValue(2.0)
    w.lab_process.wait_drawn()


def test_closing_the_window_ends_the_lab_process(separate):
    w = separate
    w.open_lab("overconfidence")
    lp = w.lab_process
    lp.wait_drawn()
    process = lp._process
    w.close()
    assert w.lab_process is None and process.state() == QProcess.NotRunning


def test_the_lab_process_ends_by_itself_when_the_window_is_gone(separate):
    w = separate
    w.open_lab("precision")
    lp = w.lab_process
    lp.wait_drawn()
    lp._closing = True                      # as if this process had died: no goodbye
    lp.channel.socket.abort()
    assert lp._process.waitForFinished(10_000)
    assert lp._process.exitCode() == 0


def test_a_lab_process_that_dies_is_said_and_the_menu_opens_it_again(separate, qtbot):
    w = separate
    w.open_lab("sampling")
    lp = w.lab_process
    lp.wait_drawn()
    with qtbot.waitSignal(lp.ended, timeout=10_000):
        lp._process.kill()
    assert w.lab_process is None
    assert "labs window has closed" in w.statusBar().currentMessage()
    w.open_lab("sampling")
    assert w.lab_process is not None and w.lab_process is not lp
    w.lab_process.wait_drawn()
    assert w.separate_labs


def test_labs_open_in_this_process_when_theirs_cannot_start(separate, qtbot, monkeypatch):
    w = separate
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    w.open_lab("precision")
    lp = w.lab_process
    qtbot.waitUntil(lambda: w.lab_process is None, timeout=10_000)
    assert not w.separate_labs
    assert w.labs_window is not None and w.labs_window.isVisible()
    assert w.labs_window.current() is w.labs_window.precision
    assert w.labs_window.precision.data is not None
    assert "could not start" in w.statusBar().currentMessage()
    del lp


def test_the_lab_asked_for_last_opens_here_when_their_process_cannot_start(separate, qtbot, monkeypatch):
    w = separate
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    w.open_lab("precision")
    w.open_lab("sampling")            # asked for before the start has failed
    qtbot.waitUntil(lambda: w.lab_process is None, timeout=10_000)
    assert w.labs_window.current() is w.labs_window.sampling
    assert w.labs_window.sampling.data is not None


def test_a_lab_process_that_never_connects_is_stopped_and_said(qtbot, tmp_path, monkeypatch):
    from softmax_viewer.qt.labhost import LabProcess
    from softmax_viewer.qt.store import Store

    silent = tmp_path / "silent-python"
    silent.write_text("#!/bin/sh\nsleep 60\n")
    silent.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(silent))
    lp = LabProcess(Store(ExplorerState()), connect_timeout=0.5)
    with qtbot.waitSignal(lp.ended, timeout=10_000) as ended:
        pass
    why, ran = ended.args
    assert "did not connect within 0.5 s" in why and not ran
    assert lp._process.state() == QProcess.NotRunning       # not left behind
