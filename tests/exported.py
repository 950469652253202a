"""What an exported file must be: a PNG that is not blank, an SVG with its text, a whole PDF, a CSV table."""
import xml.etree.ElementTree as ET

from PySide6.QtGui import QImage


def check_file(path):
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".png":
        img = QImage(str(path))
        assert img.width() > 100
        colours = {img.pixel(x, y) for x in range(0, img.width(), 23) for y in range(0, img.height(), 23)}
        assert len(colours) > 5, "blank PNG"
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag.endswith("svg")
        assert data.count(b"<text") > 3            # text stays text
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    elif suffix == ".csv":
        lines = data.decode().splitlines()
        assert len(lines) > 1 and "," in lines[0]
