"""The three labs' numbers: precision, sampling, and the overconfidence experiment. No Qt.

Each takes the explorer's state (logits, scale, temperature, epsilon, target)
and its lab's settings (``state.labs``), and returns a frozen bundle for its view.
"""
from softmax_viewer.labs.precision import DTYPES, PrecisionData, exp_overflow_threshold, precision
from softmax_viewer.labs.sampling import GUMBEL_BUDGET, MAX_DRAWS, ORDERS, SamplingData, sampling, truncate
from softmax_viewer.labs.sampling import draw_counts as sampling_draws
from softmax_viewer.labs.training import (LOSSES, MAX_LINEAR_CLASSES, MAX_STEPS, MODES, Descent, TrainingRun, blobs,
                                          gap_bound, train, training_work)

__all__ = ["DTYPES", "PrecisionData", "exp_overflow_threshold", "precision", "GUMBEL_BUDGET", "MAX_DRAWS", "ORDERS",
           "SamplingData", "sampling", "sampling_draws", "truncate", "LOSSES", "MAX_LINEAR_CLASSES", "MAX_STEPS", "MODES", "Descent",
           "TrainingRun", "blobs", "gap_bound", "train", "training_work"]
