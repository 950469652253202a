"""Running the command line as a user does: ``python -m softmax_viewer ...`` in a process of its own."""
import os
import subprocess
import sys


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(*args, timeout=120, cwd=None, warnings_as_errors=False):
    """The finished process of ``softmax-viewer args`` (text output captured): this checkout's
    program, from whatever folder ``cwd`` is (not a copy installed elsewhere)."""
    path = os.pathsep.join(p for p in (ROOT, os.environ.get("PYTHONPATH")) if p)
    env = dict(os.environ, PYTHONPATH=path, **({"PYTHONWARNINGS": "error"} if warnings_as_errors else {}))
    return subprocess.run([sys.executable, "-m", "softmax_viewer", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd, env=env)


def one_line(r, needle):
    """``r`` exited 2 with one line on stderr, naming the program and holding ``needle``, and nothing on stdout."""
    assert r.returncode == 2, (r.returncode, r.stdout[-300:], r.stderr[-1000:])
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("softmax-viewer: ") and needle in lines[0], r.stderr
    assert r.stdout == ""


def run_strict(*args, **kwargs):
    """``run`` with every Python warning in the program an error."""
    return run(*args, warnings_as_errors=True, **kwargs)
