"""Sweeps of scale or temperature: a play button that moves the value back and forth
over its slider's range, and the same sweep exported as an animated GIF for slides.

Playing is a drag the program makes: each frame is a transient change of the store
(as a slider's drag sends), and stopping keeps the last value as one undo step. The
user always wins: pressing that slider, typing its value, Esc, or any change of the
state from elsewhere (undo, a preset) stops it. Qt cannot write GIF; Pillow does.
"""
from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QStyle, QToolButton

from softmax_viewer import files
from softmax_viewer.limits import StateError, one_line
from softmax_viewer.qt import export as exporting
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.platform import settings

FPS = 30                 # frames a second while playing
PASS_S = 6.0             # seconds from one end of the slider's range to the other
GIF_FRAME_MS = 100       # each frame of an exported sweep, in milliseconds
MAX_FRAMES = 240
SWEEP_KEYS = ("scale", "temperature")


def _readable(v: float) -> float:
    """Four significant digits, as a slider shows a value (0.01259, not 0.012589254117941675)."""
    return float(f"{v:.4g}")


def value_at(phase: float, lo: float, hi: float) -> float:
    """The value at ``phase`` of a cycle lo -> hi -> lo (phase 0 to 2), eased at both ends
    and even on a log scale."""
    f = (1.0 - math.cos(math.pi * phase)) / 2.0
    return _readable(10 ** (math.log10(lo) + f * (math.log10(hi) - math.log10(lo))))


def phase_of(v: float, lo: float, hi: float) -> float:
    """The phase (going up, 0 to 1) at which ``value_at`` gives ``v`` (clipped to [lo, hi])."""
    f = 0.0 if v <= lo else 1.0 if v >= hi else (math.log10(v) - math.log10(lo)) / (math.log10(hi) - math.log10(lo))
    return math.acos(1.0 - 2.0 * f) / math.pi


def sweep_values(lo: float, hi: float, frames: int) -> list:
    """``frames`` values of one cycle lo -> hi -> lo, so that a looping GIF runs on without a jump."""
    return [value_at(2.0 * k / frames, lo, hi) for k in range(frames)]


class Sweep(QObject):
    """Plays ``key`` of the store's state (scale or temperature) back and forth over [lo, hi].

    ``start`` begins where the value is; each ``step`` (FPS a second, by a timer) moves
    it 1 / (FPS · PASS_S) of a pass; ``stop`` keeps the last value as one undo step.
    """

    running_changed = Signal(bool)
    error = Signal(str)

    def __init__(self, store, key: str, lo: float, hi: float, parent=None):
        super().__init__(parent)
        self.store, self.key, self.lo, self.hi = store, key, lo, hi
        self._phase = 0.0
        self._mine = None              # the last state this sweep made
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setInterval(round(1000 / FPS))
        self._timer.timeout.connect(self.step)
        store.state_changed.connect(self._state_changed)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self.running:
            return
        v = getattr(self.store.state, self.key)
        self._phase = phase_of(v, self.lo, self.hi)
        self._mine = self.store.state
        self._timer.start()
        QApplication.instance().installEventFilter(self)
        self.running_changed.emit(True)

    def stop(self) -> None:
        """Stop where it is: the value reached is one undo step."""
        if self.running:
            mine = self.store.state is self._mine
            self._halt()
            if mine:
                self.store.end_drag()

    def _halt(self) -> None:
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)
        self._mine = None
        self.running_changed.emit(False)

    def step(self) -> None:
        """One frame of the sweep."""
        self._phase = (self._phase + 1.0 / (FPS * PASS_S)) % 2.0
        v = value_at(self._phase, self.lo, self.hi)
        state = self.store.state
        if getattr(state, self.key) == v:
            return
        try:
            new = state.replace(**{self.key: v})
        except StateError as exc:
            self.stop()
            self.error.emit(one_line(str(exc)))
            return
        self._setting = True
        try:
            self.store.set_state(new, transient=True)
        finally:
            self._setting = False
        self._mine = self.store.state

    def _state_changed(self, state) -> None:
        # a change the sweep did not make (undo, a preset, another control): it is the
        # user's, and the sweep gives way at once, leaving the history to that change
        if self.running and not self._setting and state is not self._mine:
            self._halt()

    def eventFilter(self, obj, event):
        if (event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape and self.running
                and obj.isWidgetType() and self.parent() is not None
                and obj.window() is self.parent().window()):
            self.stop()
        return False


class PlayButton(QToolButton):
    """A small play / pause button that runs ``sweep``."""

    def __init__(self, sweep: Sweep, tooltip: str, parent=None):
        super().__init__(parent)
        self.sweep = sweep
        sweep.setParent(self)
        self.setCheckable(True)
        self.setAutoRaise(True)
        self.setToolTip(tooltip)
        self.setAccessibleName(tooltip)
        self._show(False)
        self.toggled.connect(lambda on: sweep.start() if on else sweep.stop())
        sweep.running_changed.connect(self._show)

    def _show(self, running: bool) -> None:
        icon = QStyle.SP_MediaPause if running else QStyle.SP_MediaPlay
        self.setIcon(self.style().standardIcon(icon))
        if self.isChecked() != running:
            self.blockSignals(True)
            self.setChecked(running)
            self.blockSignals(False)


# ---- the sweep as an animated GIF ----

def _gif_frame(image: QImage) -> Image.Image:
    """A frame of 256 colours by median cut, which keeps the large flat colours exact (the
    plots' white; Pillow's faster octree made it #fefefe)."""
    rgb = image.convertToFormat(QImage.Format_RGB888)
    w, h = rgb.width(), rgb.height()
    picture = Image.frombuffer("RGB", (w, h), bytes(rgb.constBits()), "raw", "RGB", rgb.bytesPerLine(), 1)
    return picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)


def _checked(window, key, frames, lo, hi, panel):
    if key not in SWEEP_KEYS:
        raise exporting.ExportError(tr("{key}: a sweep moves the scale or the temperature").format(key=key))
    if isinstance(frames, bool) or not isinstance(frames, int) or not 2 <= frames <= MAX_FRAMES:
        raise exporting.ExportError(tr("frames must be a whole number from 2 to {most}, got {frames}").format(
            most=MAX_FRAMES, frames=frames))
    slider_lo, slider_hi = getattr(window.controls, key).bounds()
    lo = slider_lo if lo is None else lo
    hi = slider_hi if hi is None else hi
    try:
        lo, hi = float(lo), float(hi)
    except (TypeError, ValueError):
        lo = hi = math.nan
    if not (0 < lo < hi < math.inf):
        raise exporting.ExportError(tr("the sweep's range must be two positive numbers, lo below hi; "
                                        "got {lo} to {hi}").format(lo=lo, hi=hi))
    widget = window.panel_widgets().get(panel)
    if widget is None:
        raise exporting.ExportError(tr("{panel}: no such panel to sweep (use one of {names})").format(
            panel=panel, names=", ".join(window.panel_widgets())))
    return lo, hi, widget


def export_sweep_gif(window, key: str, path, frames: int = 48, lo=None, hi=None, panel: str = "window") -> None:
    """An animated GIF of ``panel`` (or the whole window) while ``key`` sweeps lo -> hi -> lo
    on a log scale (the slider's range unless given), ``frames`` frames, looping.

    Each frame is drawn offscreen as an export draws it; the state is the same object
    afterwards, with no undo step added. The file is written whole or not at all;
    ExportError says in one line what went wrong.
    """
    lo, hi, widget = _checked(window, key, frames, lo, hi, panel)
    window.controls.stop_sweeps()
    store = window.store
    before = store.state
    pictures = []
    try:
        for k, v in enumerate(sweep_values(lo, hi, frames)):
            store.set_state(before.replace(**{key: v}), transient=True)
            store.flush()
            if k == 0:       # the first frame's layout settled (ticks laid out for it), no input taken
                QCoreApplication.processEvents(QEventLoop.ExcludeUserInputEvents)
            QCoreApplication.sendPostedEvents(None, QEvent.LayoutRequest)
            pictures.append(_gif_frame(exporting.render_image(widget)))
    except StateError as exc:
        raise exporting.ExportError(one_line(str(exc))) from None
    finally:
        store.set_state(before, transient=True)
        store.flush()
        store.end_drag()          # nothing to keep (the state is the one before): views settle
    out = io.BytesIO()
    pictures[0].save(out, format="GIF", save_all=True, append_images=pictures[1:], duration=GIF_FRAME_MS,
                     loop=0)
    try:
        files.write_atomic(path, out.getvalue(), "GIF animation")
    except files.FileError as exc:
        raise exporting.ExportError(str(exc)) from None


def ask_sweep(parent, key: str, folder) -> tuple[str, str] | None:
    """Which value to sweep and where to write the GIF: (key, path), or None if cancelled."""
    choices = [tr("scale s"), tr("temperature T")]
    item, ok = QInputDialog.getItem(parent, tr("Export sweep as GIF"), tr("Sweep:"), choices,
                                    SWEEP_KEYS.index(key) if key in SWEEP_KEYS else 0, False)
    if not ok:
        return None
    key = SWEEP_KEYS[choices.index(item)]
    path, _ = QFileDialog.getSaveFileName(parent, tr("Export sweep as GIF"), str(Path(folder) / f"{key}-sweep.gif"),
                                          tr("GIF animation (*.gif)"))
    if not path:
        return None
    return key, path if path.lower().endswith(".gif") else path + ".gif"


def export_sweep_dialog(window, key: str = "temperature") -> bool:
    """File > Export > Export sweep as GIF…: asks what to sweep and where, and writes it."""
    chosen = ask_sweep(window, key, settings().value("last_folder", "") or Path.home())
    if chosen is None:
        return False
    key, path = chosen
    QApplication.setOverrideCursor(Qt.WaitCursor)
    try:
        export_sweep_gif(window, key, path)
    except (OSError, ValueError) as exc:
        QApplication.restoreOverrideCursor()
        window.report_error(tr("Cannot export"), one_line(str(exc)))
        return False
    QApplication.restoreOverrideCursor()
    window.statusBar().showMessage(tr("Exported {path}").format(path=path), 4000)
    return True
