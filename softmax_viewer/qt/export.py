"""Exporting panels and the window: PNG (any resolution), SVG, PDF, CSV, the clipboard.

PDF renders the widget through QPainter into QPdfWriter with the resolution
set to the screen's logical DPI, so axes line up with the data and text stays
text.  SVG is assembled from pieces: pyqtgraph's own exporter for each plot
(QSvgGenerator draws pyqtgraph's cosmetic pens fat and unclipped) and
QSvgGenerator for the ordinary widgets around them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from softmax_viewer import files, names
from softmax_viewer.qt.plotting.exporting import drawn_as_items, pens_widened, plot_svgs, render_widget, svg_parts
from softmax_viewer.panel_data import lab_csv, panel_csv

FORMATS = tuple(names.EXPORT_FORMATS)


class ExportError(OSError):
    pass


def _dpi(widget) -> int:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return int(round(screen.logicalDotsPerInch())) if screen else 96


def _to_bytes(write) -> bytes:
    """What ``write(device)`` puts into an in-memory device."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    try:
        ok = write(buf)
    finally:
        buf.close()
    if ok is False:
        raise ExportError("the image could not be drawn")
    return bytes(data)


def png_bytes(widget, scale: float = 1.0) -> bytes:
    """The widget as a PNG ``scale`` times the screen's resolution."""
    size = widget.size()
    img = QImage(QSize(int(size.width() * scale), int(size.height() * scale)), QImage.Format_ARGB32)
    if img.isNull():
        raise ExportError(f"a {size.width() * scale:.0f} x {size.height() * scale:.0f} image is too large to make")
    img.setDevicePixelRatio(scale)
    img.fill(0xFFFFFFFF)
    with pens_widened(widget, scale):
        if not render_widget(widget, img):
            raise ExportError("the image could not be drawn")
    data = _to_bytes(lambda buf: img.save(buf, "PNG"))
    if not data.endswith(b"IEND\xaeB`\x82"):
        raise ExportError("the PNG image could not be made whole")
    return data


def render_png(widget, path, scale: float = 1.0) -> None:
    _write(path, png_bytes(widget, scale))


def save_screenshot(widget, path) -> None:
    """The widget as it is on screen (``grab``), to a PNG file."""
    image = widget.grab()
    data = _to_bytes(lambda buf: image.save(buf, "PNG"))
    if not data.endswith(b"IEND\xaeB`\x82"):
        raise ExportError(f"{path}: the screenshot could not be made")
    _write(path, data)


def _qt_svg(widget) -> bytes:
    """A widget with no graphics view inside, through QSvgGenerator (SVG Tiny)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buf)
    gen.setSize(widget.size())
    gen.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    gen.setResolution(_dpi(widget))
    render_widget(widget, gen)
    buf.close()
    return bytes(data)


def svg_document(root) -> bytes:
    """One SVG 1.1 document of ``root``: every piece nested at its place.

    Text stays text, plots keep their clipping, and each piece is where it is
    on screen.
    """
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QPoint

    svg_ns = "http://www.w3.org/2000/svg"
    ET.register_namespace("", svg_ns)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    w, h = root.width(), root.height()
    doc = ET.Element(f"{{{svg_ns}}}svg", {"version": "1.1", "width": str(w), "height": str(h),
                                          "viewBox": f"0 0 {w} {h}"})
    title = ET.SubElement(doc, f"{{{svg_ns}}}title")
    title.text = root.windowTitle() or "softmax viewer"
    bg = root.palette().window().color().name()
    ET.SubElement(doc, f"{{{svg_ns}}}rect", {"width": "100%", "height": "100%", "fill": bg})
    pieces = []
    with drawn_as_items(root):        # pyqtgraph's exporter paints each item: none drawn as part of another
        for kind, widget in svg_parts(root):
            pos = widget.mapTo(root, QPoint(0, 0)) if widget is not root else QPoint(0, 0)
            if kind == "pg":
                for data, offset in plot_svgs(widget):
                    pieces.append((data, pos.x() + offset.x(), pos.y() + offset.y()))
            else:
                pieces.append((_qt_svg(widget), pos.x(), pos.y()))
    for data, x, y in pieces:
        part = ET.fromstring(data)
        vb = part.get("viewBox") or part.get("viewbox")
        if vb is None:
            continue
        vw, vh = [float(v) for v in vb.replace(",", " ").split()][2:4]
        for attr in ("width", "height", "version", "baseProfile", "viewbox"):
            part.attrib.pop(attr, None)
        part.set("viewBox", vb)
        part.set("x", str(x))
        part.set("y", str(y))
        part.set("width", str(vw))
        part.set("height", str(vh))
        doc.append(part)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(doc)


def render_svg(widget, path) -> None:
    _write(path, svg_document(widget))


def pdf_bytes(widget) -> bytes:
    """The widget as a one-page PDF (vector, text kept as text), made in memory.

    QPdfWriter says nothing when its device fails; made in memory and checked for
    its trailer, the document is whole before a byte of it reaches the disk.
    """
    def write(buf):
        pdf = QPdfWriter(buf)
        dpi = _dpi(widget)
        pdf.setResolution(dpi)
        w_in, h_in = widget.width() / dpi, widget.height() / dpi
        pdf.setPageSize(QPageSize(QSizeF(w_in * 25.4, h_in * 25.4), QPageSize.Millimeter))
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0))
        pdf.setTitle(widget.windowTitle() or "softmax viewer")
        return render_widget(widget, pdf)
    data = _to_bytes(write)
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise ExportError("the PDF document could not be made whole")
    return data


def render_pdf(widget, path) -> None:
    _write(path, pdf_bytes(widget))


def _write(path, data: bytes | str) -> None:
    """Every export reaches the disk here: whole, or not at all (files.write_atomic)."""
    try:
        files.write_atomic(path, data, "export")
    except files.FileError as exc:
        raise ExportError(str(exc)) from None


def export(widget, bundle, panel: str, path, scale: float = 1.0) -> None:
    """Export ``widget`` (the panel or window) to ``path``; the suffix picks the format."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        render_png(widget, path, scale)
    elif suffix == ".svg":
        render_svg(widget, path)
    elif suffix == ".pdf":
        render_pdf(widget, path)
    elif suffix == ".csv":
        _write(path, panel_csv(bundle, panel))
    else:
        raise ExportError(f"{path}: unknown format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")


def export_lab(lab, kind: str, path, scale: float = 1.0) -> None:
    """A lab's plots to an image, or its numbers to CSV."""
    if Path(path).suffix.lower() == ".csv":
        _write(path, lab_csv(kind, lab.data, lab.bundle.state))
    else:
        export(lab, lab.bundle, kind, path, scale)


def copy_image(widget) -> None:
    QGuiApplication.clipboard().setImage(widget.grab().toImage())
