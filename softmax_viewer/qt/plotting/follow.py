"""A plot's view after the user zooms or pans it, and its right-click menu.

The range follows the data on every change of the state, unless the user pinned
it: a wheel zoom or a drag moves the view until the next change, "Pin this view"
keeps it. Double-click or Home puts the view back at once. The menu holds only
what this program needs: the view's two entries here, and what a panel adds
(its export and copy); pyqtgraph's Plot Options, Mouse Mode and second Export
are gone.
"""
from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction

from softmax_viewer.qt.plotting.views import TextCache

_FOLLOWERS = weakref.WeakKeyDictionary()       # a ViewBox -> its ViewFollow


class ViewFollow(QObject):
    """What became of one plot's view: moved by the user (and so to be reset), pinned."""

    def __init__(self, plot, text: TextCache, redraw):
        super().__init__()
        self.plot, self.text, self.redraw = plot, text, redraw
        self.moved = False
        vb = plot.getViewBox()
        self._auto = tuple(vb.state["autoRange"])           # what pyqtgraph ranged by itself
        vb.sigRangeChangedManually.connect(self._moved)
        plot.hideButtons()                                   # the tiny "A": Reset view does its job
        menu = context_menu(plot)
        first = menu.actions()[0] if menu.actions() else None
        self.reset_action = QAction(self.tr("Reset view (double-click, Home)"), menu)
        self.reset_action.triggered.connect(self.reset)
        self.pin_action = QAction(self.tr("Pin this view"), menu, checkable=True)
        self.pin_action.setToolTip(self.tr("Keep this zoom while the state changes"))
        self.pin_action.toggled.connect(lambda on: None if on else self.reset())
        menu.insertAction(first, self.reset_action)
        menu.insertAction(first, self.pin_action)
        if first is not None:
            menu.insertSeparator(first)

    @property
    def pinned(self) -> bool:
        return self.pin_action.isChecked()

    def _moved(self, *_):
        self.moved = True

    def follow_data(self) -> None:
        """Before a new state is drawn: a view the user moved and did not pin goes back to the data."""
        if self.moved and not self.pinned:
            self._forget()

    def _forget(self) -> None:
        self.moved = False
        for axis, auto in zip("xy", self._auto):
            self.text.forget_range(self.plot, axis)
            if auto:
                self.plot.enableAutoRange(axis=axis)

    def reset(self) -> None:
        """The view back at the data, now."""
        if self.pinned:
            self.pin_action.setChecked(False)              # (which resets)
            return
        self._forget()
        self.redraw()


_MENUS = weakref.WeakKeyDictionary()            # a ViewBox whose menu holds only this program's entries


def context_menu(plot):
    """The right-click menu of ``plot``'s view, emptied of pyqtgraph's entries the first time
    (View All, axes, Mouse Mode, Plot Options, the scene's Export...), to add entries to."""
    vb = plot.getViewBox()
    if vb not in _MENUS:
        vb.menu.clear()
        plot.setMenuEnabled(False, enableViewBoxMenu=True)     # no "Plot Options"
        scene = plot.scene()
        if scene is not None:
            scene.contextMenu = []                             # no second "Export..."
        _MENUS[vb] = True
    return vb.menu


def follow(plot, text: TextCache, redraw) -> ViewFollow:
    """Make ``plot``'s view follow the data (see the module); ``redraw()`` draws it again."""
    vb = plot.getViewBox()
    made = _FOLLOWERS.get(vb)
    if made is None:
        made = _FOLLOWERS[vb] = ViewFollow(plot, text, redraw)
    return made


def install_view_keys(widget, followers) -> None:
    """Home and double-click on ``widget`` (a pyqtgraph view) reset the views of ``followers``."""
    class Keys(QObject):
        def eventFilter(self, obj, event):
            kind = event.type()
            if kind == event.Type.MouseButtonDblClick and event.button() == Qt.LeftButton or (
                    kind == event.Type.KeyPress and event.key() == Qt.Key_Home):
                for f in followers():
                    f.reset()
                return True
            return False
    keys = Keys(widget)
    widget.viewport().installEventFilter(keys) if hasattr(widget, "viewport") else None
    widget.installEventFilter(keys)
    widget.setFocusPolicy(Qt.ClickFocus)
