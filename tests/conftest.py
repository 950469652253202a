import os
import tempfile

import pytest

# Qt must never need a screen in the tests, and never touch the user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="softmax-viewer-tests-")


@pytest.fixture
def drag_paints():
    """drag_paints(ctl, views, ticks) moves a control's slider as a held mouse does, one
    step per tick with the event loop run between (as between two frames), and returns,
    for each tick, the names of the given views ({widget: name}) that got a paint event."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    def drag(ctl, views, ticks, step=10):
        app = QApplication.instance()
        seen = []

        class Count(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Paint and obj in views:
                    seen[-1].append(views[obj])
                return False

        counter = Count()
        for _ in range(3):
            app.processEvents()
        app.installEventFilter(counter)
        ctl.slider.setSliderDown(True)
        try:
            for _ in range(ticks):
                seen.append([])
                ctl.slider.setValue(ctl.slider.value() + step)
                app.processEvents()
                app.processEvents()
        finally:
            app.removeEventFilter(counter)
            ctl.slider.setSliderDown(False)
        return seen

    return drag
