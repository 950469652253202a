"""The Qt binding itself: a known PySide6 bug that would abort the program."""
import subprocess
import sys


def test_pyside6_void_calls_do_not_corrupt_none():
    """PySide6 6.12 on Python 3.11 decrements None's refcount on every Qt call returning
    nothing and aborts after a few thousand (none_dealloc). Pinned at 6.10.3; this catches
    the bug coming back with an upgrade."""
    code = (
        "import os; os.environ['QT_QPA_PLATFORM']='offscreen'\n"
        "import sys\n"
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "w = QWidget()\n"
        "before = sys.getrefcount(None)\n"
        "for i in range(20000):\n"
        "    w.setEnabled(i % 2 == 0)\n"
        "    w.setToolTip('x')\n"
        "after = sys.getrefcount(None)\n"
        "print(before, after)\n"
        "sys.exit(0 if after >= before - 100 else 3)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr[-500:])
