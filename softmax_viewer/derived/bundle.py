"""The frozen bundle of every number a panel draws, and the sizes the panels are built for."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from softmax_viewer.state import ExplorerState


#: above this many classes the bar panels show the top classes only (a bar
#: panel is a few hundred pixels wide: more bars than this are slivers)
BARS_ALL_UP_TO = 60
TOP_BARS = 40
TOP_JACOBIAN = 24
RANKED = 2 * TOP_BARS          # classes kept in order of p with every bundle (the labs show twice the bars)
SURFACE_GRID = 81
SURFACE_CONTOURS = 7
SCALE_SWEEP = (1e-2, 1e2)
N_SWEEP_MAX = 2000


@dataclass(frozen=True)
class ProbabilityData:
    shown: np.ndarray          # class indices drawn, in drawing order
    by_rank: bool              # True: bars ordered by p (top classes), else class order
    p: np.ndarray              # p of shown
    log_p: np.ndarray          # log_softmax of shown
    q: np.ndarray              # target distribution of shown
    naive_p: np.ndarray        # textbook exp/sum of shown (may hold inf/NaN)
    naive_flags: np.ndarray    # 0 fine, 1 exp overflowed (inf), 2 NaN, 3 underflowed to 0
    rest_mass: float           # probability mass of the classes not shown
    naive_summary: str         # one line about the textbook formula (English: the window writes its own)
    naive_counts: tuple = (0, 0, 0)   # over every class: exp overflowed, NaN, underflowed to 0 where p > 0


@dataclass(frozen=True)
class LseData:
    mode: str                  # "scale" or "n_classes"
    x: np.ndarray              # scale values or class counts
    max_curve: np.ndarray
    lse_curve: np.ndarray
    bound_curve: np.ndarray    # max + log N
    marker_x: float
    marker_max: float
    marker_lse: float
    marker_bound: float
    xlabel: str


@dataclass(frozen=True)
class LossCurveData:
    margin: np.ndarray         # u_y - max_{i != y} u_i
    hinge: np.ndarray
    lse_hinge: np.ndarray
    ce: np.ndarray
    smoothed_ce: np.ndarray
    current_margin: float
    current: dict              # loss name -> value at the current point


@dataclass(frozen=True)
class SurfaceData:
    loss: str
    i: int
    j: int
    zi: np.ndarray             # grid of z_i (x axis)
    zj: np.ndarray             # grid of z_j (y axis)
    values: np.ndarray         # (len(zi), len(zj)) loss, finite (inf clipped for display)
    has_inf: bool
    point: tuple               # current (z_i, z_j)
    neg_grad: tuple            # -dL/dz_i, -dL/dz_j at the point (0, 0 if undefined)
    levels: np.ndarray         # contour levels
    contours: tuple            # (xs, ys) segment pairs of the contour lines


@dataclass(frozen=True)
class GradientData:
    shown: np.ndarray
    by_rank: bool
    grad: np.ndarray           # p - q of shown (dCE/du)
    jac_classes: np.ndarray    # classes of the Jacobian heatmap: all, or the top ones by p, most probable first
    jacobian: np.ndarray       # d p / d u over those classes


@dataclass(frozen=True)
class Bundle:
    state: ExplorerState
    u: np.ndarray
    p: np.ndarray
    log_p: np.ndarray
    q: np.ndarray
    grad: np.ndarray
    readout: dict
    probabilities: ProbabilityData
    lse: LseData
    loss: LossCurveData
    surface: SurfaceData
    gradient: GradientData
    notes: list = field(default_factory=list)
    ranked: np.ndarray | None = None   # the RANKED most probable classes, most probable first
