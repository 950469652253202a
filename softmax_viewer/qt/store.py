"""The store: holds the current state, its history, and the bundle the panels draw."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from softmax_viewer.derived import Bundle, Computer
from softmax_viewer.state import ExplorerState, History


class Store(QObject):
    """One source of truth for the window.

    ``set_state`` keeps a new state and schedules one computation on a
    zero-delay timer, so many slider ticks between two paints cost one compute
    and one paint.  A drag passes ``transient=True`` for every tick and calls
    ``end_drag`` on release: the whole drag is one undo step.
    """

    state_changed = Signal(object)     # ExplorerState, at once (widgets follow it)
    bundle_ready = Signal(object)      # Bundle, once per event-loop turn
    history_changed = Signal()
    drag_ended = Signal()              # a drag's last state is kept: views may tighten up
    batch_changed = Signal(object)     # the open batch (softmax_viewer.batch.Batch) or None
    row_shown = Signal(int)            # the batch's sample the explorer now shows

    def __init__(self, state: ExplorerState, parent=None):
        super().__init__(parent)
        self._state = state
        self._history = History(state)
        self._computer = Computer()
        self._bundle: Bundle | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.flush)
        self._saved = state
        self._batch = None
        self._schedule()

    # ---- reading ----
    @property
    def state(self) -> ExplorerState:
        return self._state

    @property
    def bundle(self) -> Bundle:
        if self._bundle is None or self._bundle.state is not self._state:
            self.flush()
        return self._bundle

    @property
    def modified(self) -> bool:
        return self._state is not self._saved and not self._state.same_as(self._saved)

    def mark_saved(self) -> None:
        self._saved = self._state

    @property
    def saved_state(self) -> ExplorerState:
        """The state as it was last saved (or opened, or as the store began)."""
        return self._saved

    # ---- the open batch: many samples, one shown at a time ----
    @property
    def batch(self):
        """The open batch of logits (its rows' calibration follows s, T and eps), or None."""
        return self._batch

    def set_batch(self, batch, row: int = 0) -> None:
        """Open ``batch`` and show its ``row`` (one undo step); None closes it."""
        self._batch = batch
        self.batch_changed.emit(batch)
        if batch is not None:
            self.show_row(row)

    def show_row(self, row: int) -> None:
        """Show sample ``row`` of the open batch, keeping s, T, eps, the view and the labs' settings."""
        self.set_state(self._batch.row_state(row, self._state))
        self.row_shown.emit(row)

    # ---- changing ----
    def set_state(self, new: ExplorerState, *, transient: bool = False) -> None:
        """Show ``new``, a change of the current state (its stale description dropped)."""
        self._set(new.after(self._state), transient)

    def _set(self, new: ExplorerState, transient: bool) -> None:
        if new is self._state:
            return
        self._state = new
        if not transient:
            self._history.push(new)
            self.history_changed.emit()
        self.state_changed.emit(new)
        self._schedule()

    @property
    def dragging(self) -> bool:
        """A drag is under way: its ticks are not yet an undo step."""
        return self._history.current is not self._state

    def end_drag(self) -> None:
        """A drag ended: its last state becomes one undo step."""
        if self._history.current is not self._state:
            self._history.push(self._state)
            self.history_changed.emit()
        self.drag_ended.emit()

    def reset(self, state: ExplorerState) -> None:
        """Start over from ``state`` (a loaded preset, as it is): it is one undo step."""
        self._set(state, False)

    def history_mark(self):
        """The undo history as it is now (with the current state), for ``rewind``."""
        if self.dragging:
            self.end_drag()
        return self._history.copy()

    def rewind(self, mark) -> None:
        """Back to ``history_mark()``'s history and its current state exactly: what came after
        (a guided tour's states) is neither undone to nor redone to."""
        self._history = mark.copy()
        self._state = self._history.current
        self.history_changed.emit()
        self.state_changed.emit(self._state)
        self._schedule()

    def can_undo(self) -> bool:
        return self._history.can_undo() or self._history.current is not self._state

    def can_redo(self) -> bool:
        return self._history.can_redo()

    def undo(self) -> None:
        if self._history.current is not self._state:     # an unfinished drag
            target = self._history.current
        else:
            target = self._history.undo()
        self._apply_history(target)

    def redo(self) -> None:
        self._apply_history(self._history.redo())

    def _apply_history(self, state: ExplorerState) -> None:
        self.history_changed.emit()
        if state is self._state:
            return
        self._state = state
        self.state_changed.emit(state)
        self._schedule()

    # ---- computing ----
    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Compute the bundle for the current state now and hand it to the panels."""
        self._timer.stop()
        if self._bundle is not None and self._bundle.state is self._state:
            return
        self._bundle = self._computer.compute(self._state)
        self.bundle_ready.emit(self._bundle)
