"""Exporting panels and the window: PNG (any resolution), SVG, PDF, CSV, the clipboard.

Vector output renders the widget through QPainter into QSvgGenerator or
QPdfWriter with the resolution set to the screen's logical DPI, so axes line
up with the data and text stays text.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPoint, QRect, QSize, QSizeF
from PySide6.QtGui import QGuiApplication, QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from softmax_viewer.tables import lab_csv, panel_csv

FORMATS = (".png", ".svg", ".pdf", ".csv")


class ExportError(OSError):
    pass


def _dpi(widget) -> int:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return int(round(screen.logicalDotsPerInch())) if screen else 96


def render_png(widget, path, scale: float = 1.0) -> None:
    size = widget.size()
    img = QImage(QSize(int(size.width() * scale), int(size.height() * scale)), QImage.Format_ARGB32)
    img.setDevicePixelRatio(scale)
    img.fill(0xFFFFFFFF)
    _paint(widget, img)
    _atomic(path, lambda tmp: img.save(tmp, "PNG"))


def _paint(widget, device) -> bool:
    p = QPainter(device)
    try:
        widget.render(p, QPoint(0, 0))
    finally:
        ok = p.end()
    return ok


def render_svg(widget, path) -> None:
    def write(tmp):
        gen = QSvgGenerator()
        gen.setFileName(tmp)
        gen.setSize(widget.size())
        gen.setViewBox(QRect(0, 0, widget.width(), widget.height()))
        gen.setResolution(_dpi(widget))
        gen.setTitle(widget.windowTitle() or "softmax viewer")
        return _paint(widget, gen)
    _atomic(path, write)


def render_pdf(widget, path) -> None:
    def write(tmp):
        pdf = QPdfWriter(tmp)
        dpi = _dpi(widget)
        pdf.setResolution(dpi)
        w_in, h_in = widget.width() / dpi, widget.height() / dpi
        pdf.setPageSize(QPageSize(QSizeF(w_in * 25.4, h_in * 25.4), QPageSize.Millimeter))
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0))
        pdf.setTitle(widget.windowTitle() or "softmax viewer")
        return _paint(widget, pdf)
    _atomic(path, write)


def _atomic(path, writer) -> None:
    """Write through a temporary file in the same folder, then rename."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=p.suffix, dir=folder)
        os.close(fd)
    except OSError as exc:
        raise ExportError(f"{p}: cannot be written ({exc.strerror or exc})") from None
    try:
        ok = writer(tmp)
        if ok is False or os.path.getsize(tmp) == 0:
            raise ExportError(f"{p}: the image could not be written")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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
        text = panel_csv(bundle, panel)
        _atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    else:
        raise ExportError(f"{path}: unknown format {suffix or '(none)'}; use one of {', '.join(FORMATS)}")


def export_lab(lab, kind: str, path, scale: float = 1.0) -> None:
    """A lab's plots to an image, or its numbers to CSV."""
    if Path(path).suffix.lower() == ".csv":
        text = lab_csv(kind, lab.data, lab.bundle.state)
        _atomic(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    else:
        export(lab, lab.bundle, kind, path, scale)


def copy_image(widget) -> None:
    QGuiApplication.clipboard().setImage(widget.grab().toImage())
