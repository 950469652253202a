"""Exporting panels and the window: PNG (any resolution), SVG, PDF, CSV, the clipboard.

PDF renders the widget through QPainter into QPdfWriter with the resolution
set to the screen's logical DPI, so axes line up with the data and text stays
text.  SVG is assembled from pieces: pyqtgraph's own exporter for each plot
(QSvgGenerator draws pyqtgraph's cosmetic pens fat and unclipped) and
QSvgGenerator for the ordinary widgets around them.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QRect, QSize, QSizeF,
                            Qt)
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPalette, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from softmax_viewer import files, names, presets
from softmax_viewer.qt import theme
from softmax_viewer.qt.i18n import tr
from softmax_viewer.qt.plotting.exporting import (drawn_as_items, pens_widened, plot_background, plot_svgs,
                                                  render_widget, svg_parts)
from softmax_viewer.panel_data import lab_csv, panel_csv
from softmax_viewer.version import VERSION

FORMATS = tuple(names.EXPORT_FORMATS)
STATE_KEY = "softmax_viewer:state"     # the PNG text key of the state's preset JSON
RECORDED_LOGITS = 200_000              # more logits than this (not the generator's own): no preset recorded
SHOWN_LOGITS = 8                       # the description quotes this many logits at most


class ExportError(OSError):
    pass


def _number(v: float) -> str:
    """The shortest text that reads back as ``v`` (2.5, 100, -inf)."""
    text = repr(float(v))
    return text[:-2] if text.endswith(".0") else text


def _logits_text(state) -> str:
    n, g = state.n_classes, state.generator
    if state.logits_are_generated():
        if g.kind == "gaussian":
            return tr("{n} Gaussian logits (mean {mean}, std {std}, seed {seed})").format(
                n=n, mean=_number(g.mean), std=_number(g.std), seed=g.seed)
        return tr("{n} logits evenly spaced from {low} to {high}").format(n=n, low=_number(g.low),
                                                                          high=_number(g.high))
    values = ", ".join(_number(v) for v in state.logits[:SHOWN_LOGITS])
    if n <= SHOWN_LOGITS:
        return tr("z = [{values}]").format(values=values)
    return tr("z = [{values}, …] ({n} classes)").format(values=values, n=n)


@dataclass(frozen=True)
class Metadata:
    """What an exported figure records of the state it shows: a title, a one-line
    description (logits or generator, s, T, eps, target), the program and its version,
    and the state as a preset's JSON (empty past RECORDED_LOGITS explicit logits)."""

    title: str
    description: str
    software: str
    state_json: str

    @classmethod
    def of(cls, state, key: str) -> "Metadata":
        what = QCoreApplication.translate("", {**names.EXPORT_TARGETS, **names.LABS}.get(key, key))
        if state.name:
            title = tr("{name} — {what} — softmax viewer").format(name=state.name, what=what)
        else:
            title = tr("{what} — softmax viewer").format(what=what)
        description = tr("{logits}; s = {s}, T = {T}, ε = {eps}, target y = {y} ({label})").format(
            logits=_logits_text(state), s=_number(state.scale), T=_number(state.temperature),
            eps=_number(state.epsilon), y=state.target, label=state.label(state.target))
        small = state.n_classes <= RECORDED_LOGITS or state.logits_are_generated()
        return cls(title, description, tr("softmax viewer {version}").format(version=VERSION),
                   presets.dumps(state) if small else "")

    def png_texts(self) -> dict:
        """The PNG's text chunks: Title, Description, Software and the state (STATE_KEY)."""
        texts = {"Title": self.title, "Description": self.description, "Software": self.software}
        if self.state_json:
            texts[STATE_KEY] = self.state_json
        return texts


@contextmanager
def one_background(widget):
    """The whole export on the plots' own background: the widget is filled with it
    (the note strip under a plot, the margins, a lab's summary) while it is drawn, and
    gets back its palette afterwards. Yields the colour."""
    colour = plot_background(widget)
    own = widget.testAttribute(Qt.WA_SetPalette)
    old_palette, old_fill = QPalette(widget.palette()), widget.autoFillBackground()
    palette = QPalette(old_palette)
    for group in (QPalette.Active, QPalette.Inactive, QPalette.Disabled):
        palette.setColor(group, QPalette.Window, colour)
    widget.setPalette(palette)
    widget.setAutoFillBackground(True)
    try:
        yield colour
    finally:
        widget.setAutoFillBackground(old_fill)
        widget.setPalette(old_palette if own else QPalette())     # an inherited palette inherits again


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
        raise ExportError(tr("the image could not be drawn"))
    return bytes(data)


def render_image(widget, scale: float = 1.0) -> QImage:
    """The widget drawn into an image ``scale`` times the screen's resolution, on one
    background (the plots'), as an export draws it."""
    size = widget.size()
    img = QImage(QSize(int(size.width() * scale), int(size.height() * scale)), QImage.Format_ARGB32)
    if img.isNull():
        raise ExportError(tr("a {0:.0f} x {1:.0f} image is too large to make").format(size.width() * scale,
                                                                                       size.height() * scale))
    img.setDevicePixelRatio(scale)
    with theme.printed(widget), one_background(widget) as colour, pens_widened(widget, scale):
        img.fill(colour)
        if not render_widget(widget, img):
            raise ExportError(tr("the image could not be drawn"))
    return img


def png_bytes(widget, scale: float = 1.0, meta: Metadata | None = None) -> bytes:
    """The widget as a PNG ``scale`` times the screen's resolution; ``meta`` in its text chunks."""
    img = render_image(widget, scale)
    for key, value in (meta.png_texts() if meta is not None else {}).items():
        img.setText(key, value)
    data = _to_bytes(lambda buf: img.save(buf, "PNG"))
    if not data.endswith(b"IEND\xaeB`\x82"):
        raise ExportError(tr("the PNG image could not be made whole"))
    return data


def render_png(widget, path, scale: float = 1.0, meta: Metadata | None = None) -> None:
    _write(path, png_bytes(widget, scale, meta))


def save_screenshot(widget, path) -> None:
    """The widget as it is on screen (``grab``), to a PNG file."""
    image = widget.grab()
    data = _to_bytes(lambda buf: image.save(buf, "PNG"))
    if not data.endswith(b"IEND\xaeB`\x82"):
        raise ExportError(tr("{0}: the screenshot could not be made").format(path))
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


def svg_document(root, meta: Metadata | None = None) -> bytes:
    """One SVG 1.1 document of ``root``: every piece nested at its place.

    Text stays text, plots keep their clipping, and each piece is where it is
    on screen. ``meta`` gives its <title>, its <desc> and, in <metadata>, the state.
    """
    with theme.printed(root), one_background(root):
        return _svg_document(root, meta)


def _svg_document(root, meta: Metadata | None) -> bytes:
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QPoint

    svg_ns = "http://www.w3.org/2000/svg"
    ET.register_namespace("", svg_ns)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    w, h = root.width(), root.height()
    doc = ET.Element(f"{{{svg_ns}}}svg", {"version": "1.1", "width": str(w), "height": str(h),
                                          "viewBox": f"0 0 {w} {h}"})
    title = ET.SubElement(doc, f"{{{svg_ns}}}title")
    title.text = meta.title if meta is not None else root.windowTitle() or "softmax viewer"
    if meta is not None:
        ET.SubElement(doc, f"{{{svg_ns}}}desc").text = f"{meta.description}\n{meta.software}"
        if meta.state_json:
            record = ET.SubElement(doc, f"{{{svg_ns}}}metadata", {"id": STATE_KEY.replace(":", "-")})
            record.text = meta.state_json
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


def render_svg(widget, path, meta: Metadata | None = None) -> None:
    _write(path, svg_document(widget, meta))


def pdf_bytes(widget, meta: Metadata | None = None) -> bytes:
    """The widget as a one-page PDF (vector, text kept as text), made in memory; its
    title is ``meta``'s title and description, its creator the program and version.

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
        if meta is not None:
            pdf.setTitle(tr("{title}: {description}").format(title=meta.title, description=meta.description))
            pdf.setCreator(meta.software)
        else:
            pdf.setTitle(widget.windowTitle() or "softmax viewer")
        return render_widget(widget, pdf)
    with theme.printed(widget), one_background(widget):
        data = _to_bytes(write)
    if not data.startswith(b"%PDF") or b"%%EOF" not in data[-64:]:
        raise ExportError(tr("the PDF document could not be made whole"))
    return data


def render_pdf(widget, path, meta: Metadata | None = None) -> None:
    _write(path, pdf_bytes(widget, meta))


def _write(path, data: bytes | str) -> None:
    """Every export reaches the disk here: whole, or not at all (files.write_atomic)."""
    try:
        files.write_atomic(path, data, "export")
    except files.FileError as exc:
        raise ExportError(str(exc)) from None


def export(widget, bundle, panel: str, path, scale: float = 1.0) -> None:
    """Export ``widget`` (the panel or window) to ``path``; the suffix picks the format.
    An image records the state it shows (``Metadata``)."""
    suffix = Path(path).suffix.lower()
    meta = Metadata.of(bundle.state, panel) if suffix in (".png", ".svg", ".pdf") else None
    if suffix == ".png":
        render_png(widget, path, scale, meta)
    elif suffix == ".svg":
        render_svg(widget, path, meta)
    elif suffix == ".pdf":
        render_pdf(widget, path, meta)
    elif suffix == ".csv":
        _write(path, panel_csv(bundle, panel))
    elif suffix:
        raise ExportError(tr("{0}: unknown format {1}; use one of {2}").format(path, suffix, ", ".join(FORMATS)))
    else:
        raise ExportError(tr("{0}: unknown format (none); use one of {1}").format(path, ", ".join(FORMATS)))


def export_lab(lab, kind: str, path, scale: float = 1.0) -> None:
    """A lab's plots to an image, or its numbers to CSV."""
    if Path(path).suffix.lower() == ".csv":
        _write(path, lab_csv(kind, lab.data, lab.bundle.state))
    else:
        export(lab, lab.bundle, kind, path, scale)


def copy_image(widget) -> None:
    QGuiApplication.clipboard().setImage(widget.grab().toImage())
