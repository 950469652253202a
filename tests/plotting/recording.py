"""A painter that records the drawing calls an item makes on screen (through QGraphicsItem.paint)."""
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

RECORDED = ("drawEllipse", "drawLines", "drawPath", "drawPixmap", "drawPixmapFragments", "drawPolyline", "drawRect",
            "drawRects")


class RecordingPainter(QPainter):
    """Paints into an image, reports ``screen`` (a widget) as its device, as a painter of
    the screen does, and keeps the name of every drawing call made through it."""

    def __init__(self, image, screen):
        super().__init__(image)
        self.screen = screen
        self.calls = []

    def device(self):
        return self.screen


def _recorder(name):
    def call(self, *args):
        self.calls.append(name)
        return getattr(QPainter, name)(self, *args)
    return call


for _name in RECORDED:
    setattr(RecordingPainter, _name, _recorder(_name))


def painted_on_screen(item, view) -> list:
    """The drawing calls ``item`` makes when it paints on ``view``'s viewport as it is shown now."""
    vp = view.viewport()
    image = QImage(vp.size(), QImage.Format_ARGB32_Premultiplied)
    image.fill(0)
    p = RecordingPainter(image, vp)
    p.setTransform(item.deviceTransform(view.viewportTransform()))
    item.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()
    return p.calls
