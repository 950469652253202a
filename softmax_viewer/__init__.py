"""softmax_viewer: see how softmax, log-sum-exp and cross-entropy behave."""

__version__ = "0.1.0"
