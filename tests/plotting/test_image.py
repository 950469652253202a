"""Image: the colours pyqtgraph's ImageItem gives."""
import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage

from softmax_viewer.qt import plotting as base


def test_image_colours_match_pyqtgraph(qtbot):
    rng = np.random.default_rng(0)
    for cmap in ("viridis", "CET-D1"):
        data = rng.normal(size=(37, 23))
        data[3, 4] = np.nan
        ours, theirs = base.Image(), pg.ImageItem()
        for item in (ours, theirs):
            item.setColorMap(pg.colormap.get(cmap))
            item.setImage(data, levels=(-1.5, 2.0), autoLevels=False)
            item.render()
        a = ours.qimage
        b = theirs.qimage.convertToFormat(QImage.Format_ARGB32_Premultiplied)
        assert a.format() == QImage.Format_ARGB32_Premultiplied and a.size() == b.size()

        def words(q):
            return np.frombuffer(q.constBits(), dtype=np.uint32,
                                 count=q.bytesPerLine() // 4 * q.height()).reshape(q.height(), -1)[:, :q.width()]
        np.testing.assert_array_equal(words(a), words(b))
        assert words(a)[4, 3] == 0                       # NaN is transparent
