"""softmax-viewer export and --screenshot: files written whole, errors in one line."""
import os
import subprocess
import sys
import tempfile

import pytest
from PySide6.QtGui import QImage

from tests.cli.running import one_line, run, run_strict
from tests.exported import check_file


@pytest.mark.parametrize("panel,suffix", [("window", ".pdf"), ("lse", ".svg"), ("gradient", ".png"),
                                          ("surface", ".csv"), ("probabilities", ".svg"), ("loss", ".pdf")])
def test_export_command_writes_each_format_and_nothing_on_stderr(tmp_path, panel, suffix):
    # every panel and every format: Qt's remarks (propagateSizeHints() and the like) filtered out
    out = tmp_path / f"{panel}{suffix}"
    r = run_strict("export", "--preset", "10-label-smoothing", "--panel", panel, "--out", str(out))
    assert r.returncode == 0 and r.stderr == "" and r.stdout == "", r.stderr
    check_file(out)


def test_export_pixel_ratio_is_the_png_resolution(tmp_path):
    sizes = {}
    for ratio in ("1", "3"):
        out = tmp_path / f"x{ratio}.png"
        r = run_strict("export", "--panel", "probabilities", "--out", str(out), "--pixel-ratio", ratio)
        assert r.returncode == 0 and r.stderr == "", r.stderr
        img = QImage(str(out))
        sizes[ratio] = (img.width(), img.height())
    assert sizes["3"] == (3 * sizes["1"][0], 3 * sizes["1"][1])
    one_line(run_strict("export", "--panel", "loss", "--out", str(tmp_path / "y.png"), "--scale", "2"),
             "unrecognized arguments: --scale 2 (a PNG's resolution is --pixel-ratio R; the softmax scale is "
             "--set scale=S)")
    assert not (tmp_path / "y.png").exists()


def test_screenshot_from_the_command_line(tmp_path):
    out = tmp_path / "shot.png"
    r = run("--logits=-1,2,3", "--set", "scale=2", "--set", "target=1", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    img = QImage(str(out))
    assert img.width() > 1000 and img.height() > 600
    colours = {img.pixel(x, y) for x in range(0, img.width(), 37) for y in range(0, img.height(), 37)}
    assert len(colours) > 20                     # not blank


def test_screenshot_of_a_gallery_preset(tmp_path):
    out = tmp_path / "preset.png"
    r = run("--preset", "12-textbook-overflow", "--screenshot", str(out))
    assert r.returncode == 0, r.stderr
    assert out.stat().st_size > 10_000


def test_an_error_is_one_line_with_nothing_from_qt_or_libpng(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    out = folder / "a.png"
    out.mkdir()                                   # a directory where the file would go
    one_line(run_strict("export", "--panel", "window", "--out", str(out)), "is a directory")
    r = run_strict("export", "--panel", "probabilities", "--out", str(tmp_path / "ok.png"))
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = run_strict("--screenshot", str(tmp_path / "shot.png"))
    assert r.returncode == 0 and r.stderr == "", r.stderr


def _can_mount() -> bool:
    if os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory(prefix="softmax-viewer-mount-probe-") as probe:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probe],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(["umount", probe])
    return ok


@pytest.mark.skipif(not _can_mount(), reason="needs root and a tmpfs mount to make a real full disk")
def test_an_export_to_a_real_full_disk_exits_2_and_keeps_the_old_file(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], check=True)
    try:
        old = disk / "X.pdf"
        old.write_bytes(b"%PDF old")
        r = subprocess.run([sys.executable, "-m", "softmax_viewer", "export", "--set", "n_classes=10000",
                            "--panel", "window", "--out", str(old)], capture_output=True, text=True, timeout=120)
        assert r.returncode == 2
        assert r.stderr.strip().splitlines() == [f"softmax-viewer: {old}: cannot be written (the disk is full); "
                                                 "nothing was changed"]
        assert old.read_bytes() == b"%PDF old" and os.listdir(disk) == ["X.pdf"]
    finally:
        subprocess.run(["umount", str(disk)])
