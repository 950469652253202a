"""Contour lines by marching squares, and the levels they are drawn at."""
from __future__ import annotations

import numpy as np

def contour_segments(values: np.ndarray, x: np.ndarray, y: np.ndarray, levels) -> tuple:
    """Contour lines of values[i, j] (at x[i], y[j]) as segment pairs, by marching squares.

    Returns (xs, ys) with two points per segment, for a line drawn with
    ``connect="pairs"``.  Vectorised over all cells and all levels at once:
    one comparison per grid point and level finds the cells a line crosses,
    and only those (a small fraction) are interpolated.
    """
    v = np.asarray(values, dtype=np.float64)
    levels = np.asarray(levels, dtype=np.float64).ravel()
    if levels.size == 0 or v.shape[0] < 2 or v.shape[1] < 2:
        return np.zeros(0), np.zeros(0)
    with np.errstate(invalid="ignore"):
        below = v[None, :, :] < levels[:, None, None]
    inside = below[:, :-1, :-1].astype(np.uint8) + below[:, 1:, :-1] + below[:, 1:, 1:] + below[:, :-1, 1:]
    lk, ci, cj = np.nonzero((inside != 0) & (inside != 4))
    if lk.size == 0:
        return np.zeros(0), np.zeros(0)
    lev = levels[lk]
    a, b = v[ci, cj], v[ci + 1, cj]             # corners (i, j), (i+1, j)
    c, d = v[ci + 1, cj + 1], v[ci, cj + 1]     # corners (i+1, j+1), (i, j+1)
    dx, dy = x[1] - x[0], y[1] - y[0]
    xi, yj = x[ci], y[cj]
    px = np.empty((lk.size, 4))
    py = np.empty((lk.size, 4))
    crossed = np.empty((lk.size, 4), dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        # the four edges: bottom a-b, right b-c, top d-c, left a-d
        for e, (p, q, x0, y0, ex, ey) in enumerate(((a, b, xi, yj, dx, 0.0), (b, c, xi + dx, yj, 0.0, dy),
                                                   (d, c, xi, yj + dy, dx, 0.0), (a, d, xi, yj, 0.0, dy))):
            crossed[:, e] = (p < lev) != (q < lev)
            f = (lev - p) / (q - p)
            px[:, e] = x0 + f * ex
            py[:, e] = y0 + f * ey
    count = crossed.sum(axis=-1)
    out_x, out_y = [], []
    two = count == 2
    if two.any():
        # the two crossed edges of each cell, in edge order (row-major nonzero: the
        # column indices of each row's two True values, row after row)
        order = np.nonzero(crossed[two])[1].reshape(-1, 2)
        out_x.append(np.take_along_axis(px[two], order, axis=-1).ravel())
        out_y.append(np.take_along_axis(py[two], order, axis=-1).ravel())
    four = count == 4                        # a saddle: pair the edges by the centre value
    if four.any():
        lev4 = lev[four]
        centre = ((a + b + c + d)[four] / 4) < lev4
        low_a = (a[four] < lev4) == centre
        pairs = np.where(low_a[:, None], [[0, 1, 2, 3]], [[0, 3, 1, 2]])
        out_x.append(np.take_along_axis(px[four], pairs, axis=-1).ravel())
        out_y.append(np.take_along_axis(py[four], pairs, axis=-1).ravel())
    if not out_x:
        return np.zeros(0), np.zeros(0)
    return np.concatenate(out_x), np.concatenate(out_y)


def quantiles(values: np.ndarray, qs: np.ndarray) -> np.ndarray:
    """The distinct values of ``np.quantile(values, qs)`` (linear interpolation),
    selected by one partition (half the cost of np.quantile's general path)."""
    flat = np.ravel(values)
    h = (flat.size - 1) * qs
    lo = np.floor(h).astype(np.intp)
    hi = np.minimum(lo + 1, flat.size - 1)
    part = np.partition(flat, np.unique(np.concatenate([lo, hi])))
    a, b = part[lo], part[hi]
    return np.unique(a + (h - lo) * (b - a))
