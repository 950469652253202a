"""Which kinds of plot item the layer draws with stock pyqtgraph (for the benchmark; see __init__)."""
from __future__ import annotations

import os

#: kinds named in SOFTMAX_VIEWER_STOCK_ITEMS (curve, rule, dots, bars, marks, image, legend, ticks, scene,
#: viewport, settle): drawn or tuned by stock pyqtgraph instead of the layer's own
STOCK = frozenset(k.strip() for k in os.environ.get("SOFTMAX_VIEWER_STOCK_ITEMS", "").split(",") if k.strip())
