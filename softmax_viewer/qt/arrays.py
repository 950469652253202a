"""Numpy arrays handed to QPainter without a Qt object per element."""
from __future__ import annotations

import numpy as np
from shiboken6 import wrapInstance


def qt_array(rows: np.ndarray, cls):
    """The first of ``rows`` as a ``cls`` (QRectF, QLineF, ...) that lives in the array.

    QPainter's (pointer, count) overloads (drawRects, drawLines) then read the
    whole array in place: no Qt object per row is made in Python or converted by
    PySide. ``rows`` must be C-contiguous float64 laid out as ``cls`` (QRectF:
    x, y, width, height; QLineF: x1, y1, x2, y2), non-empty, and kept alive
    until the call returns; the wrapper does not own the memory.
    """
    assert rows.dtype == np.float64 and rows.flags.c_contiguous and rows.size
    return wrapInstance(rows.__array_interface__["data"][0], cls)     # (ndarray.ctypes costs twice this)
