"""A widget that changes on every tick of a drag, drawn over a kept picture of what lies behind it."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap, QRegion
from PySide6.QtWidgets import QWidget


class Backdrop(QObject):
    """Makes ``widget`` opaque: before it paints, what its ancestors paint where
    it stands is copied in from a picture kept between paints.

    A widget that does not fill its own background (a slider, a spin box, a
    line of text) is repainted by Qt together with every ancestor behind it:
    a new value of the temperature slider repainted the control panel's group
    box, its frame and title, and a new line of text in a lab repainted the
    window, the tab widget and its frame. With the picture underneath the
    widget paints alone. The picture is made again when the widget's size or
    place in its window, the window's size or state, or the palette or style
    changes; it holds the ancestors' own painting only (siblings overlapping
    the widget, which layouts do not make, are not in it).
    """

    _REMAKE = (QEvent.PaletteChange, QEvent.StyleChange, QEvent.FontChange)

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._widget = widget
        self._key = None               # what the picture was made for
        self._picture = None
        widget.setAttribute(Qt.WA_OpaquePaintEvent, True)
        widget.installEventFilter(self)

    def eventFilter(self, obj, ev):         # (installed on the widget alone)
        kind = ev.type()
        if kind == QEvent.Paint:
            self._paint(ev.rect())
        elif kind in self._REMAKE:
            self._key = None
        elif kind == QEvent.Polish:
            # the style polishes the widget as it takes this event, and may clear the
            # attribute then (Fusion does, for sliders and spin boxes): set again after
            obj.event(ev)
            obj.setAttribute(Qt.WA_OpaquePaintEvent, True)
            return True
        return False

    def _paint(self, rect: QRect) -> None:
        w = self._widget
        window = w.window()
        key = (w.size(), w.mapTo(window, QPoint(0, 0)), window.size(), window.isActiveWindow(),
               w.devicePixelRatioF())
        if key != self._key:
            self._picture = self.behind()
            self._key = key
        p = QPainter(w)
        p.drawPixmap(rect, self._picture, rect)
        p.end()

    def behind(self) -> QPixmap:
        """What the widget's ancestors paint in its rectangle, the window's background first."""
        w = self._widget
        dpr = w.devicePixelRatioF()
        picture = QPixmap(w.size() * dpr)
        picture.setDevicePixelRatio(dpr)
        picture.fill(Qt.transparent)
        chain = []
        a = w.parentWidget()
        while a is not None:
            chain.append(a)
            if a.isWindow():
                break
            a = a.parentWidget()
        for a in reversed(chain):
            here = QRect(w.mapTo(a, QPoint(0, 0)), w.size())
            # render() fills any widget's background as if it were a window; on screen only
            # the window and widgets that fill their own background do
            fill = a.isWindow() or a.autoFillBackground()
            flags = QWidget.RenderFlag.DrawWindowBackground if fill else QWidget.RenderFlag(0)
            a.render(picture, QPoint(0, 0), QRegion(here), flags)
        return picture


def over_backdrop(*widgets: QWidget) -> None:
    """Each of ``widgets`` drawn over a kept picture of what lies behind it (Backdrop)."""
    for w in widgets:
        Backdrop(w)
