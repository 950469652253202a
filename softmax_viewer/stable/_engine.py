"""The core: shifted exponentials with their exact corrections (TwoSum, Dekker), in blocks."""
from __future__ import annotations

import math
import os
import threading

import numpy as np

from softmax_viewer.stable._arrays import _SPLIT


# Work is done in blocks of about this many elements so that the dozen
# elementwise passes of the exact algorithm run in cache on reused buffers.
_BLOCK = 131072


def _two_sum_diff(x, m, d, bv, c):
    """d = fl(x - m) and its exact error c (Knuth's TwoSum, branch free)."""
    np.subtract(x, m, out=d)
    np.subtract(d, x, out=bv)         # the part of d that came from -m
    np.subtract(d, bv, out=c)         # the part of d that came from x
    np.subtract(x, c, out=c)          # error on the x side
    np.add(bv, m, out=bv)             # error on the m side (negated)
    np.subtract(c, bv, out=c)


def _two_sum(a, b):
    """a + b = hi + lo exactly (Knuth's TwoSum) for arrays of any shape.

    An infinite ``hi`` has no remainder (0 is returned for it); the NaN its
    remainder passes through on the way is not a warning.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        hi = a + b
        bv = hi - a
        lo = (a - (hi - bv)) + (b - bv)
    return hi, np.where(np.isfinite(lo), lo, 0.0)


def _divide_exact(d, c, t, w1, w2, w3):
    """Replace (d, c) by (d + c) / t as a new head + tail pair, in place.

    q = fl(d / t); the remainder d - q*t is exact via Dekker's TwoProduct
    (q and t split into 26-bit halves), so (d + c) / t = q + (d - q*t + c) / t
    up to second-order terms.
    """
    tb = t * _SPLIT
    th = tb - (tb - t)
    tl = t - th
    q = w1
    np.divide(d, t, out=q)
    np.multiply(q, _SPLIT, out=w2)           # split q = qh + ql
    np.subtract(w2, q, out=w3)
    np.subtract(w2, w3, out=w2)              # w2 = qh
    np.subtract(q, w2, out=w3)               # w3 = ql
    # remainder r = d - q*t = d - p - pe, with p = fl(q*t) and
    # pe = qh*th - p + qh*tl + ql*th + ql*tl exact.
    np.subtract(c, np.multiply(w3, tl), out=c)
    np.subtract(c, np.multiply(w3, th), out=c)
    np.subtract(c, np.multiply(w2, tl), out=c)
    np.multiply(q, t, out=w3)                # p
    np.subtract(d, w3, out=d)                # d - p: exact (Sterbenz)
    np.add(c, d, out=c)
    np.multiply(w2, th, out=w2)              # qh*th
    np.subtract(w2, w3, out=w2)              # qh*th - p: exact
    np.subtract(c, w2, out=c)
    np.divide(c, t, out=c)
    d[...] = q


_tls = threading.local()
# below this many blocks the work stays on the calling thread
_PARALLEL_MIN_BLOCKS = 4
_POOL = None
_POOL_LOCK = threading.Lock()


def _pool():
    """A small shared thread pool, or None on a single core."""
    global _POOL
    cores = os.cpu_count() or 1
    if cores < 2:
        return None
    with _POOL_LOCK:
        if _POOL is None:
            from concurrent.futures import ThreadPoolExecutor

            _POOL = ThreadPoolExecutor(max_workers=min(4, cores), thread_name_prefix="stable")
    return _POOL


def _workspace(count: int) -> list:
    """Scratch buffers of _BLOCK float64s, kept per thread and reused.

    Fresh buffers of this size cost page faults on every call; reusing them
    keeps the whole computation in cache.
    """
    bufs = getattr(_tls, "bufs", None)
    if bufs is None or len(bufs) < count:
        bufs = [np.empty(_BLOCK) for _ in range(max(count, 7))]
        _tls.bufs = bufs
    return bufs[:count]


class _Engine:
    """Shifted, tempered exponentials of (R, K) rows, block by block.

    ``x2`` is (R, K), K >= 1, float16/32/64.  ``corrected`` turns on the
    error-free remainders (needed for float64 input only: smaller floats are
    computed in float64 where those remainders are far below their ulp).
    Rows whose max is not finite are computed on garbage and flagged in
    ``ok``; callers fill them.
    """

    def __init__(self, x2: np.ndarray, t: float, corrected: bool):
        self.x2 = x2
        self.t = t
        self.corrected = corrected
        rows, k = x2.shape
        self.rows, self.k = rows, k
        self.r_idx = np.arange(rows)
        self.imax = np.argmax(x2, axis=1)    # first NaN if any: max is NaN
        m = x2[self.r_idx, self.imax].astype(np.float64)
        self.ok = np.isfinite(m)
        if not self.ok.all():
            m = np.where(self.ok, m, 0.0)
        self.m = m[:, None]
        self.whole_rows = k < _BLOCK
        self.exact_div = corrected and t != 1.0 and np.frexp(t)[0] != 0.5

    def blocks(self):
        """(row slice, column slice) pairs covering the array."""
        rows, k = self.rows, self.k
        if k >= _BLOCK:
            for r in range(rows):
                for c0 in range(0, k, _BLOCK):
                    yield slice(r, r + 1), slice(c0, min(k, c0 + _BLOCK))
        else:
            g = max(1, _BLOCK // k)
            for r0 in range(0, rows, g):
                yield slice(r0, min(rows, r0 + g)), slice(0, k)

    def _views(self, shape, count):
        """Scratch arrays of ``shape`` from the calling thread's workspace."""
        n = shape[0] * shape[1]
        return [b[:n].reshape(shape) for b in _workspace(7)[:count]]

    def map_blocks(self, fn) -> list:
        """fn(rows, cols) for every block, in block order.

        Large arrays spread their blocks over a few threads: numpy releases the
        GIL inside ufuncs, each thread has its own scratch buffers, and every
        block writes only its own slice of the output.
        """
        blocks = list(self.blocks())

        def run(b):
            with np.errstate(over="ignore", invalid="ignore", under="ignore"):
                return fn(*b)
        pool = _pool() if len(blocks) >= _PARALLEL_MIN_BLOCKS else None
        if pool is None:
            return [run(b) for b in blocks]
        return list(pool.map(run, blocks))

    def shifted(self, rs, cs, check=True):
        """(d, c) for a block: u - m = d + c, with u = x / t (c None if uncorrected)."""
        xb = self.x2[rs, cs]
        mb = self.m[rs]
        shape = xb.shape
        if self.corrected:
            d, bv, c = self._views(shape, 3)
            _two_sum_diff(xb, mb, d, bv, c)
            # A -inf logit (a masked class) or a difference beyond the float
            # range gives d = -inf and a NaN remainder; exp(-inf) is 0 anyway.
            if check and not np.isfinite(c).all():
                c[~np.isfinite(c)] = 0.0
            if self.t != 1.0:
                if self.exact_div:
                    w = self._views(shape, 6)[3:]
                    _divide_exact(d, c, self.t, *w)
                else:
                    np.divide(d, self.t, out=d)
                    np.divide(c, self.t, out=c)
                # the division can lift a remainder past the float range where its
                # d already is (-inf: exp(d) = 0, the remainder is moot)
                if not np.isfinite(c).all():
                    c[~np.isfinite(c)] = 0.0
                if check and self.t > 1.0 and not np.isfinite(d).all():
                    # logits further apart than the float range: x - m overflowed,
                    # (x - m) / T need not (log_softmax reads it; exp gives 0 either way)
                    far = np.isinf(d) & np.isfinite(xb)
                    if far.any():
                        d[far] = xb[far] / self.t - np.broadcast_to(mb / self.t, shape)[far]
                        c[far] = 0.0
            return d, c
        (d,) = self._views(shape, 1)
        d[...] = xb                       # widen first: mixed-dtype ufuncs are slow
        np.subtract(d, mb, out=d)
        if self.t != 1.0:
            np.divide(d, self.t, out=d)
        return d, None

    def exp_block(self, rs, cs, out=None, shifted=None):
        """exp(u - m) for a block, the argmax entries set to 0; returns (e, row sums).

        ``shifted`` is a (d, c) pair already computed for the block; it is then
        left intact (``out`` must be given).
        """
        if shifted is None:
            # the remainders are checked for NaN through the sums below
            d, c = self.shifted(rs, cs, check=False)
        else:
            d, c = shifted
        e = out if out is not None and out.dtype == np.float64 else d
        np.exp(d, out=e)
        if c is not None:
            if shifted is None:
                np.multiply(e, c, out=c)
            else:
                c = e * c
            np.add(e, c, out=e)
            if shifted is None and not np.isfinite(np.sum(c, axis=1)).all():
                return self.exp_block(rs, cs, out, self.shifted(rs, cs))
        # zero the maximal entries that fall in this block
        im = self.imax[rs]
        if cs.start == 0 and cs.stop == self.k:          # whole rows: every max is here
            e[np.arange(e.shape[0]), im] = 0.0
        else:
            inside = (im >= cs.start) & (im < cs.stop)
            if inside.all():
                e[np.arange(e.shape[0]), im - cs.start] = 0.0
            elif inside.any():
                rr = np.flatnonzero(inside)
                e[rr, im[rr] - cs.start] = 0.0
        if out is not None and out is not e:
            out[...] = e                  # a float32/16 result keeps e rounded once
        return e, e.sum(axis=1)

    def rest_sums(self, store=None):
        """Sum of exp(u - m) over the non-maximal classes, per row, shape (R, 1).

        With ``store`` (an (R, K) array) the exponentials are kept there.
        """
        return self.row_sums(self.map_blocks(
            lambda rs, cs: self.exp_block(rs, cs, None if store is None else store[rs, cs])[1].copy()))

    def row_sums(self, parts) -> np.ndarray:
        """Per-row sums, shape (R, 1), from each block's row sums (``map_blocks``' results
        in block order); a row split over blocks is summed exactly rounded."""
        blocks = self.blocks()
        if self.k >= _BLOCK:
            split = [[] for _ in range(self.rows)]
            for (rs, _cs), part in zip(blocks, parts):
                split[rs.start].append(float(part[0]))
            return np.array([math.fsum(p) for p in split])[:, None]
        s = np.zeros(self.rows)
        for (rs, _cs), part in zip(blocks, parts):
            s[rs] = part
        return s[:, None]


def _nan_rows(out2, ok):
    """Rows with no finite max (NaN, +inf, all -inf) are NaN, as in scipy/JAX."""
    if not ok.all():
        out2[~ok] = np.nan
