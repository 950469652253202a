"""The core (state, stable, derived) and the command line's computing part import no Qt."""
import subprocess
import sys


def test_modules_outside_qt_import_no_qt():
    code = ("import sys; import softmax_viewer.cli, softmax_viewer.derived, softmax_viewer.state, "
            "softmax_viewer.stable; bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', "
            "'shiboken6'))]; print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
