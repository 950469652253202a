"""softmax_viewer: see how softmax, log-sum-exp and cross-entropy behave.

``softmax_viewer.show(logits, labels=None, ...)`` opens the window on a model's
logits; ``softmax_viewer.figure(logits, panel=...)`` renders one panel for a
notebook (see softmax_viewer.interactive). The numerical core is
``softmax_viewer.stable``.
"""

from softmax_viewer.version import VERSION as __version__

__all__ = ["show", "figure", "__version__"]


def __getattr__(name):             # show and figure load numpy and the state only when first used
    if name in ("show", "figure"):
        from softmax_viewer import interactive

        return getattr(interactive, name)
    raise AttributeError(f"module 'softmax_viewer' has no attribute {name!r}")
