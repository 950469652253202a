"""softmax-viewer presets: the gallery's names."""
from softmax_viewer import presets
from tests.cli.running import run


def test_presets_lists_the_gallery():
    r = run("presets")
    assert r.returncode == 0
    assert len(r.stdout.strip().splitlines()) == len(presets.gallery())
