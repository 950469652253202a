"""States the tests share: ordinary ones, and extremes where the math still has a value."""
import numpy as np

from softmax_viewer.logits import Generator
from softmax_viewer.state import ExplorerState

STATES = {
    "default": ExplorerState(),
    "seed003": ExplorerState(logits=[10.0, 2.0, 10000.0, 4.0], target=2),
    "goes-went-T2": ExplorerState(logits=[38.0, 20.0, 40.0, 39.0], target=2, temperature=2.0),
    "smoothed": ExplorerState(logits=[1.5, 1.2, 1.0], target=0, epsilon=0.1, scale=5.0),
    "masked": ExplorerState(logits=[1.0, -np.inf, 3.0], target=0, epsilon=0.2),
}

EXTREMES = {
    "T=0": ExplorerState(temperature=0.0),
    "T=100": ExplorerState(temperature=100.0),
    "eps=1": ExplorerState(epsilon=1.0),
    "N=1": ExplorerState(logits=[2.0], target=0),
    "s=0.01": ExplorerState(scale=0.01),
    "s=100": ExplorerState(scale=100.0),
    "1e300": ExplorerState(logits=[1e300, -1e300, 3.0, 1e300], target=0),
    "masked": ExplorerState(logits=[1.0, -np.inf, 3.0], target=2),
    "N=100k": ExplorerState(generator=Generator(kind="gaussian", std=3.0)).with_n_classes(100_000),
    "T=0 ties": ExplorerState(logits=[3.0, 3.0, 1.0], target=0, temperature=0.0),
    "s=0": ExplorerState(scale=0.0),
    "lse over N": ExplorerState(lse_mode="n_classes"),
}
