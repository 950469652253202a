"""Without a display, the window's command says so in one line (Qt would abort with exit 134)."""
import os
import subprocess
import sys


def test_no_display_is_one_line_and_says_how_to_run_headless():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    r = subprocess.run([sys.executable, "-m", "softmax_viewer", "--set", "scale=2"], capture_output=True,
                       text=True, timeout=60, env=env)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "--screenshot" in lines[0]
