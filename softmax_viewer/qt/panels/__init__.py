"""One module per panel; each builds its plot items once and updates them in place."""
from softmax_viewer.qt.panels.gradient import GradientPanel
from softmax_viewer.qt.panels.lse import LsePanel
from softmax_viewer.qt.panels.loss import LossPanel
from softmax_viewer.qt.panels.probabilities import ProbabilityPanel
from softmax_viewer.qt.panels.readout import ReadoutPanel
from softmax_viewer.qt.panels.surface import SurfacePanel

__all__ = ["ProbabilityPanel", "LsePanel", "LossPanel", "SurfacePanel", "GradientPanel", "ReadoutPanel"]
