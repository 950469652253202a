"""softmax-viewer presets: the gallery's names."""
from softmax_viewer import presets
from tests.cli.running import run_strict


def test_presets_lists_the_gallery():
    r = run_strict("presets")
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert len(r.stdout.strip().splitlines()) == len(presets.gallery())
