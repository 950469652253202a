"""A readout of the numbers under the mouse: a small text box that follows the cursor over a plot's view.

``HoverReadout(plot, text_of)`` listens to the scene's ``sigMouseMoved``, maps
the cursor to the view's coordinates and shows ``text_of(x, y)`` (a string, or
None for nothing to say) in a box beside the cursor; it hides when the mouse
leaves the view, is pressed, or the text is None. The box is an item of the
scene, not of the view: it is never part of a view's range and takes no part
in the layout. Work per mouse move: none but keeping the position; a zero-delay
timer asks ``text_of`` once per turn of the event loop, however many moves
came in between.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsItem

#: the box's place beside the cursor (pixels right and below it), its padding and its layer
OFFSET = QPointF(14.0, 16.0)
PADDING = 4.0
Z_VALUE = 1e9


class HoverBox(QGraphicsItem):
    """A few lines of plain text on a light box with a thin border, in scene pixels."""

    def __init__(self, point_size: float = 8.5):
        super().__init__()
        self._font = QFont()
        self._font.setPointSizeF(point_size)
        self._metrics = QFontMetricsF(self._font)
        self._text = ""
        self._rect = QRectF()
        self._fill = QBrush(QColor(255, 255, 252, 235))
        self._border = QPen(QColor("#777"))
        self._ink = QPen(QColor("#111"))
        self.setZValue(Z_VALUE)
        self.setAcceptedMouseButtons(Qt.NoButton)
        self.setAcceptHoverEvents(False)
        self.hide()

    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        if text != self._text:
            self.prepareGeometryChange()
            self._text = text
            lines = text.split("\n")
            width = max(self._metrics.horizontalAdvance(line) for line in lines)
            height = self._metrics.lineSpacing() * len(lines)
            self._rect = QRectF(0.0, 0.0, math.ceil(width) + 2 * PADDING + 1, math.ceil(height) + 2 * PADDING)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1.0, -1.0, 1.0, 1.0)

    def paint(self, painter, _option, _widget=None):
        painter.setPen(self._border)
        painter.setBrush(self._fill)
        painter.drawRect(self._rect.adjusted(0.5, 0.5, -0.5, -0.5))
        painter.setFont(self._font)
        painter.setPen(self._ink)
        inner = self._rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        painter.drawText(inner, int(Qt.AlignLeft | Qt.AlignTop) | int(Qt.TextDontClip), self._text)

    def place(self, cursor: QPointF, room: QRectF, bounds: QRectF) -> None:
        """Beside ``cursor``: below and to the right of it, or flipped to its left or above it,
        inside ``room`` (the plot's view) where it fits there, else inside ``bounds`` (the widget)."""
        w, h = self._rect.width(), self._rect.height()

        def side(at, offset, size, lows, highs):
            after, before = at + offset, at - offset - size
            for low, high in zip(lows, highs):
                if after + size <= high:
                    return after
                if before >= low:
                    return before
            return max(lows[-1], min(after, highs[-1] - size))
        x = side(cursor.x(), OFFSET.x(), w, (room.left(), bounds.left()), (room.right(), bounds.right()))
        y = side(cursor.y(), OFFSET.y(), h, (room.top(), bounds.top()), (room.bottom(), bounds.bottom()))
        if self.pos() != QPointF(x, y):
            self.setPos(x, y)


class HoverReadout(QObject):
    """Shows ``text_of(x, y)`` beside the cursor while it is over ``plot``'s view (see the module)."""

    def __init__(self, plot, text_of, parent=None):
        super().__init__(parent)
        self.plot, self.text_of = plot, text_of
        self.box = HoverBox()
        self._scene_pos = None          # the last position over the scene (scene coordinates)
        self.point = None               # the (x, y) in view coordinates the box shows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self._scene = None
        self._watched = []
        self.attach()
        plot.getViewBox().sigRangeChanged.connect(self._view_moved)

    def attach(self) -> bool:
        """Join the plot's scene and views (once it is in one): True when attached."""
        scene = self.plot.scene()
        if scene is None or scene is self._scene:
            return scene is not None
        self._scene = scene
        scene.addItem(self.box)
        scene.sigMouseMoved.connect(self._moved)
        for view in scene.views():
            target = view.viewport() if hasattr(view, "viewport") else view
            target.installEventFilter(self)
            self._watched.append(target)
        return True

    # ---- following the mouse ----
    def _moved(self, scene_pos) -> None:
        self._scene_pos = QPointF(scene_pos)
        if not self._timer.isActive():
            self._timer.start()

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind in (QEvent.Leave, QEvent.MouseButtonPress, QEvent.Hide):
            self.hide()
        return False

    def _view_moved(self, *_):
        if self.box.isVisible():              # zoomed or panned under a still cursor: new numbers under it
            self.refresh()

    # ---- what it shows ----
    def refresh(self) -> None:
        """Ask for the text at the last mouse position (and show it, or hide the box)."""
        self._timer.stop()
        pos = self._scene_pos
        vb = self.plot.getViewBox()
        room = vb.sceneBoundingRect()
        if pos is None or not room.contains(pos) or not vb.isVisible():
            self._clear()
            return
        at = vb.mapSceneToView(pos)
        x, y = float(at.x()), float(at.y())
        text = self.text_of(x, y) if math.isfinite(x) and math.isfinite(y) else None
        if not text:
            self._clear()
            return
        self.point = (x, y)
        self.box.set_text(text)
        bounds = self._visible_rect() or room
        self.box.place(pos, room.intersected(bounds), bounds)
        if not self.box.isVisible():
            self.box.show()

    def _visible_rect(self) -> QRectF | None:
        """What the plot's widget shows of the scene (scene coordinates)."""
        views = self._scene.views() if self._scene is not None else []
        if not views:
            return None
        view = views[0]
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def text(self) -> str:
        """The text on show ("" when the box is hidden)."""
        return self.box.text() if self.box.isVisible() else ""

    def _clear(self) -> None:
        self.point = None
        if self.box.isVisible():
            self.box.hide()

    def hide(self) -> None:
        """Hide the box until the mouse moves over the view again."""
        self._timer.stop()
        self._scene_pos = None
        self._clear()
