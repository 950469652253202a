"""The labs' views, as panels that dock in the main window (``docks.LabDocks``)."""
from softmax_viewer.qt.labs.base import LabPanel
from softmax_viewer.qt.labs.calibration import CalibrationLab
from softmax_viewer.qt.labs.overconfidence import OverconfidenceLab
from softmax_viewer.qt.labs.precision import PrecisionLab
from softmax_viewer.qt.labs.sampling import SamplingLab

#: each lab's view, by its name in names.LABS
LAB_VIEWS = {"precision": PrecisionLab, "sampling": SamplingLab, "overconfidence": OverconfidenceLab,
             "calibration": CalibrationLab}

__all__ = ["LAB_VIEWS", "LabPanel", "PrecisionLab", "SamplingLab", "OverconfidenceLab", "CalibrationLab"]
