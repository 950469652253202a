"""The labs window in a process of its own, beside the explorer's.

A lab redraws a grid of plots as large as the explorer's on every change.  In
the explorer's process that work comes after the explorer's own, within the
same frame; in a process of its own it runs on another core at the same time,
and a drag with a lab open costs the explorer about 1 ms of CPU a change more
than one without (at 1,000 classes, on two cores: the README's benchmarks).

The explorer's end, ``LabProcess``, listens on a local socket and starts
``python -m softmax_viewer.qt.labhost NAME``, which connects to it.  Each
message is a pickled tuple after its length (4 bytes, little-endian):

    explorer -> labs   ("state", seq, ExplorerState)   each new state, as it is made
                       ("show", key)                   show that lab and raise the window
                       ("export", tag, key, path, scale)
                       ("quit",)
    labs -> explorer   ("drawn", seq)                  state seq is drawn (or, hidden, taken in)
                       ("exported", tag, error)        error: None, or what went wrong

The logits go over once: a state whose logits are the array sent last (a
drag of s, T or eps) refers to it.  The lab process makes what the labs read
itself (``Computer.lab_inputs``: the explorer's very numbers), draws the
newest state it has, passing over any that came in meanwhile, and says which
one it drew.  It ends when the explorer's end closes the connection or ends.
"""
from __future__ import annotations

import io
import os
import pickle
import secrets
import struct
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QProcess, QProcessEnvironment, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

import softmax_viewer
from softmax_viewer.derived import Computer

_LENGTH = struct.Struct("<I")
_LOGITS = "logits"            # the persistent id of the logits array sent last


class LabProcessError(OSError):
    pass


class _Pickler(pickle.Pickler):
    def __init__(self, file, last):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._last = last

    def persistent_id(self, obj):
        return _LOGITS if self._last is not None and obj is self._last else None


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, last):
        super().__init__(file)
        self._last = last

    def persistent_load(self, pid):
        if pid != _LOGITS or self._last is None:
            raise pickle.UnpicklingError(f"unknown reference {pid!r}")
        return self._last


class Channel:
    """Messages both ways over a connected QLocalSocket (see the module's text)."""

    def __init__(self, socket: QLocalSocket):
        self.socket = socket
        self._buffer = bytearray()
        self._sent_logits = None
        self._got_logits = None

    def send(self, message: tuple) -> None:
        out = io.BytesIO()
        _Pickler(out, self._sent_logits).dump(message)
        if message[0] == "state":
            self._sent_logits = message[2].logits
        data = out.getvalue()
        self.socket.write(_LENGTH.pack(len(data)) + data)
        self.socket.flush()

    def receive(self) -> list:
        """The whole messages that have arrived, in order."""
        self._buffer += bytes(self.socket.readAll().data())
        messages = []
        at = 0
        while len(self._buffer) - at >= _LENGTH.size:
            (n,) = _LENGTH.unpack_from(self._buffer, at)
            if len(self._buffer) - at - _LENGTH.size < n:
                break
            start = at + _LENGTH.size
            message = _Unpickler(io.BytesIO(self._buffer[start:start + n]), self._got_logits).load()
            if message[0] == "state":
                self._got_logits = message[2].logits
            messages.append(message)
            at = start + n
        del self._buffer[:at]
        return messages


# ---------------------------------------------------------------------------
# the explorer's end
# ---------------------------------------------------------------------------

class LabProcess(QObject):
    """Starts the labs' process, sends it every state of ``store``, and shows its labs."""

    opened = Signal()              # the labs' process has connected
    ended = Signal(str, bool)      # why, and whether it had been running (False: it never started)

    def __init__(self, store, parent=None, connect_timeout: float = 20.0):
        super().__init__(parent)
        self.store = store
        self.channel = None
        self.drawn = 0                 # the number of the last state the labs have drawn
        self.lab = None                # the lab last asked for
        self._seq = 0
        self._waiting = []             # messages for the labs before they have connected
        self._replies = {}             # export tag -> error (None: done)
        self._tags = 0
        self._closing = False
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.UserAccessOption)
        name = f"softmax-viewer-labs-{os.getpid()}-{secrets.token_hex(4)}"
        if not self._server.listen(name):
            raise LabProcessError(f"cannot open a local socket for the labs ({self._server.errorString()})")
        self._server.newConnection.connect(self._connected)
        self._process = QProcess(self)
        self._process.setProcessChannelMode(QProcess.ForwardedChannels)   # its messages: our stderr
        env = QProcessEnvironment.systemEnvironment()
        here = str(Path(softmax_viewer.__file__).resolve().parents[1])     # this very package, first
        env.insert("PYTHONPATH", os.pathsep.join(p for p in (here, env.value("PYTHONPATH", "")) if p))
        self._process.setProcessEnvironment(env)
        self._process.finished.connect(self._finished)
        self._process.errorOccurred.connect(self._failed)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(int(connect_timeout * 1000))
        self._deadline.timeout.connect(lambda: self._give_up("it did not connect within "
                                                            f"{connect_timeout:g} s"))
        store.state_changed.connect(self.send_state)
        self.send_state(store.state)
        self._process.start(sys.executable, ["-m", "softmax_viewer.qt.labhost", name])
        self._deadline.start()

    @property
    def connected(self) -> bool:
        return self.channel is not None

    # ---- sending ----
    def _send(self, message: tuple) -> None:
        if self.channel is not None:
            self.channel.send(message)
        elif message[0] == "state":             # before the connection only the newest state matters
            self._waiting = [m for m in self._waiting if m[0] != "state"] + [message]
        else:
            self._waiting.append(message)

    def send_state(self, state) -> None:
        self._seq += 1
        self._send(("state", self._seq, state))

    def show_lab(self, key: str) -> None:
        self.lab = key
        self._send(("show", key))

    # ---- receiving ----
    def _connected(self) -> None:
        if self.channel is not None or not self._server.hasPendingConnections():
            return
        socket = self._server.nextPendingConnection()
        self._deadline.stop()
        self.channel = Channel(socket)
        socket.readyRead.connect(self._read)
        waiting, self._waiting = self._waiting, []
        for message in waiting:
            self.channel.send(message)
        self.opened.emit()
        self._read()

    def _read(self) -> None:
        if self.channel is None:
            return
        for message in self.channel.receive():
            if message[0] == "drawn":
                self.drawn = max(self.drawn, message[1])
            elif message[0] == "exported":
                self._replies[message[1]] = message[2]

    def _wait(self, done, timeout: float, what: str) -> None:
        """Run until ``done()`` (blocking: for exports, tests and the benchmark)."""
        end = time.monotonic() + timeout
        while not done():
            left = int((end - time.monotonic()) * 1000)
            if left <= 0:
                raise LabProcessError(f"the labs did not answer within {timeout:g} s ({what})")
            if self._process.state() == QProcess.NotRunning:
                raise LabProcessError(f"the labs' process has ended ({what})")
            if self.channel is None:
                if self._server.waitForNewConnection(min(left, 100)):
                    self._connected()
            elif self.channel.socket.waitForReadyRead(min(left, 100)):
                self._read()

    def wait_drawn(self, timeout: float = 20.0) -> None:
        """Wait until the labs have drawn the newest state sent."""
        self._wait(lambda: self.drawn >= self._seq, timeout, "drawing")

    def export(self, key: str, path, scale: float = 1.0, timeout: float = 120.0) -> None:
        """Export lab ``key`` in the current state, from the labs' process; raises OSError if it cannot."""
        self._tags += 1
        tag = self._tags
        self._send(("export", tag, key, str(path), float(scale)))
        self._wait(lambda: tag in self._replies, timeout, f"exporting {path}")
        error = self._replies.pop(tag)
        if error is not None:
            raise OSError(error)

    # ---- ending ----
    def close(self) -> None:
        """End the labs' process (it ends by itself, too, when this one does)."""
        self._closing = True
        self._deadline.stop()
        if self.channel is not None:
            self.channel.send(("quit",))
            self.channel.socket.disconnectFromServer()
        running = self._process.state() != QProcess.NotRunning
        # a process that never connected has no one to tell: it is stopped at once
        if running and (self.channel is None or not self._process.waitForFinished(3000)):
            self._process.kill()
            self._process.waitForFinished(1000)
        self._server.close()

    def _give_up(self, why: str) -> None:
        if self._closing:
            return
        was_running = self.channel is not None
        self.close()
        self.ended.emit(why, was_running)

    def _failed(self, error) -> None:
        if error == QProcess.FailedToStart:
            self._give_up(f"{sys.executable} could not be started ({self._process.errorString()})")

    def _finished(self, code: int, status) -> None:
        if not self._closing:
            how = "crashed" if status == QProcess.CrashExit else f"ended with exit code {code}"
            self._give_up(f"its process {how}")


# ---------------------------------------------------------------------------
# the labs' end
# ---------------------------------------------------------------------------

class _Mirror(QObject):
    """The store as the labs window sees it: the newest state received, and what the labs read of it."""

    bundle_ready = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.bundle = None
        self._computer = Computer()

    def set_state(self, state) -> None:
        self.bundle = self._computer.lab_inputs(state)
        self.bundle_ready.emit(self.bundle)


_DRAWN = QEvent.Type(QEvent.registerEventType())


class LabHost(QObject):
    """The labs window, following the states that come over ``socket``."""

    def __init__(self, socket: QLocalSocket, parent=None):
        super().__init__(parent)
        from softmax_viewer.qt.labs import LabsWindow

        self.channel = Channel(socket)
        self.mirror = _Mirror(self)
        self.window = LabsWindow(self.mirror, export_cb=self._export_dialog)
        socket.readyRead.connect(self._read)
        QTimer.singleShot(0, self._read)          # anything that came while connecting

    def _read(self) -> None:
        newest = None
        for message in self.channel.receive():
            if message[0] == "state":
                newest = message                  # a newer one may follow: only the last is drawn
                continue
            if newest is not None:
                self._take(newest)
                newest = None
            self._do(message)
        if newest is not None:
            self._take(newest)

    def _take(self, message) -> None:
        _kind, seq, state = message
        self.mirror.set_state(state)              # the window redraws the lab shown
        # said once the repaint this asked for is done: Qt posts a window's update
        # request at low priority, and events of one priority come in order
        QCoreApplication.postEvent(self, _Drawn(seq), Qt.LowEventPriority.value)

    def event(self, event) -> bool:
        if event.type() == _DRAWN:
            self.channel.send(("drawn", event.seq))
            return True
        return super().event(event)

    def _do(self, message) -> None:
        kind = message[0]
        if kind == "show":
            self.window.show_lab(message[1])
            self.window.activateWindow()
        elif kind == "export":
            _kind, tag, key, path, scale = message
            try:
                self.window.export(key, path, scale)
                error = None
            except (OSError, ValueError) as exc:
                error = str(exc)
            self.channel.send(("exported", tag, error))
        elif kind == "quit":
            QCoreApplication.quit()

    def _export_dialog(self, key: str) -> None:
        """A lab plot's menu: Export this lab…, asked and done here."""
        from PySide6.QtWidgets import QMessageBox

        from softmax_viewer.qt import export as exporting

        chosen = exporting.ask_export(self.window, key)
        if chosen is None:
            return
        try:
            self.window.export(key, *chosen)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self.window, "Cannot export", str(exc))
            return
        self.window.statusBar().showMessage(f"Exported {chosen[0]}", 4000)


class _Drawn(QEvent):
    def __init__(self, seq: int):
        super().__init__(_DRAWN)
        self.seq = seq


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m softmax_viewer.qt.labhost SERVER (started by the explorer window)", file=sys.stderr)
        return 2
    from softmax_viewer.qt.platform import ensure_app

    app = ensure_app()
    app.setQuitOnLastWindowClosed(False)       # closed, the labs window hides: the explorer may show it again
    socket = QLocalSocket()
    socket.connectToServer(argv[0])
    if not socket.waitForConnected(10_000):
        print(f"labs: cannot connect to {argv[0]}: {socket.errorString()}", file=sys.stderr)
        return 1
    host = LabHost(socket)
    socket.disconnected.connect(app.quit)      # the explorer has closed, or ended
    code = app.exec()
    host.window.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
