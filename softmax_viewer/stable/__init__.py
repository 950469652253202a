"""Numerically careful softmax, log-sum-exp, losses and their derivatives.

Pure numpy; no Qt. Every number the explorer shows comes from here.

How the accuracy is obtained
----------------------------
With ``m = max(x)`` and ``d = x - m`` the classic cure for overflow is
``softmax(x) = exp(d) / sum(exp(d))``.  Two rounding errors remain in it, and
this module removes both:

1. ``d = fl(x - m)`` is off by up to half an ulp of ``d``; ``exp`` turns that
   absolute error into a *relative* error of ``|d| * 2**-53``, i.e. hundreds of
   ulps when ``|d|`` is in the hundreds.  The exact remainder
   ``c = (x - m) - d`` is obtained with Knuth's TwoSum (an error-free
   transformation) and applied as ``exp(d + c) ~= exp(d) * (1 + c)``.  The same
   is done for the division by a temperature (Dekker's TwoProduct gives the
   exact remainder of ``d / T``).
2. ``log(sum(exp(d)))`` is the log of a sum that is ``1 + s`` with ``s`` the
   sum over the *other* classes; rounding ``1 + s`` first loses ``s`` whenever
   it is tiny.  ``s`` is summed separately and ``log1p(s)`` is used.

Inputs of float16 and float32 are computed in float64 and rounded once at the
end, so their results are correctly rounded to within a fraction of an ulp.
"""
from __future__ import annotations

import functools

import numpy as np

from softmax_viewer.stable._jacobian import jacobian_of_probabilities, softmax_jacobian
from softmax_viewer.stable._logsumexp import logsumexp
from softmax_viewer.stable._losses import (cross_entropy, cross_entropy_grad, entropy, hinge_loss, lse_hinge_loss,
                                           probability_gradient, smooth_labels)
from softmax_viewer.stable._softmax import naive_softmax, norm, softmax, softmax_and_log_softmax, softplus, log_softmax

__all__ = [
    "logsumexp",
    "softmax",
    "log_softmax",
    "softmax_and_log_softmax",
    "naive_softmax",
    "smooth_labels",
    "cross_entropy",
    "cross_entropy_grad",
    "probability_gradient",
    "hinge_loss",
    "lse_hinge_loss",
    "softplus",
    "norm",
    "softmax_jacobian",
    "jacobian_of_probabilities",
    "entropy",
]

# --------------------------------------------------------------------------
# Underflow is what softmax does (exp of a very negative number is 0): every
# public function runs with it silent, whatever np.seterr the caller set. The
# other floating-point events each function handles where they arise.
# --------------------------------------------------------------------------

def _underflow_silent(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with np.errstate(under="ignore"):
            return fn(*args, **kwargs)
    return wrapper


for _name in __all__:
    globals()[_name] = _underflow_silent(globals()[_name])
del _name
