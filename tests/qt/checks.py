"""Checks of what the window shows, shared by the Qt tests."""
import errno

from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QSpinBox

from softmax_viewer import files


def controls_follow(w):
    """Every control of window ``w`` shows exactly the state's value, and none is left with its signals blocked."""
    st, c = w.store.state, w.controls
    g = st.generator
    assert (c.scale.value(), c.temperature.value(), c.epsilon.value()) == (st.scale, st.temperature, st.epsilon)
    assert (c.target.value(), c.n_classes.value()) == (st.target, st.n_classes)
    assert (c.low.value(), c.high.value(), c.mean.value(), c.std.value(), c.seed.value(), c.pad_value.value()) \
        == (g.low, g.high, g.mean, g.std, g.seed, g.pad_value)
    assert c.generator_kinds[c.generator.currentIndex()] == g.kind
    for widget in c.findChildren(QSpinBox) + [c.scale.spin, c.temperature.spin, c.generator]:
        assert not widget.signalsBlocked()


def drawn_labels(axis):
    """The tick labels ``axis`` draws (pyqtgraph leaves out those that run past its ends)."""
    img = QImage(10, 10, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    specs = axis.generateDrawSpecs(p)
    p.end()
    return [text for _rect, _flags, text in specs[2]]


def full_disk(monkeypatch):
    """Every write through softmax_viewer.files fails as on a full disk."""
    def write(fd, data):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(files.os, "write", write)


def drawn_ticks(axis):
    """(value, label) of each tick label ``axis`` draws: the value its view shows under the label's centre."""
    img = QImage(10, 10, QImage.Format_ARGB32_Premultiplied)
    p = QPainter(img)
    specs = axis.generateDrawSpecs(p)
    p.end()
    view = axis.linkedView()
    horizontal = axis.orientation in ("top", "bottom")
    out = []
    for rect, _flags, text in specs[2]:
        at = view.mapSceneToView(axis.mapToScene(rect.center()))
        out.append((at.x() if horizontal else at.y(), text))
    return out
