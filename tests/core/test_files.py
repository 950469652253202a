"""Reading and writing files: no read past a cap or from a pipe, every write whole or not at all."""
import errno
import os

import numpy as np
import pytest

from softmax_viewer import files, presets
from softmax_viewer.state import ExplorerState


# ---- reading: regular files only, never past the cap ----

def test_a_preset_that_is_a_fifo_is_refused_without_reading(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.load(fifo)        # no writer: a blocking open or read would hang here


def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path):
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.load(link)


def test_a_file_that_grows_past_the_cap_is_read_only_to_the_cap(tmp_path, monkeypatch):
    """The size check does not trust st_size: at most the cap (plus one byte) is read."""
    p = tmp_path / "grows.json"
    p.write_bytes(b" " * 100)
    real_read = os.read
    got = []

    def endless(fd, n):            # a file that never ends, whatever stat said
        got.append(n)
        return b" " * n if sum(got) < 10**7 else real_read(fd, n)
    monkeypatch.setattr(files.os, "read", endless)
    with pytest.raises(files.FileError, match="is over 1,000 bytes"):
        files.read_limited(p, 1000)
    assert sum(got) <= 1001


def test_a_nul_in_a_file_name_is_one_line():
    with pytest.raises(presets.PresetError, match="cannot hold a NUL"):
        presets.load("a\0b.json")
    assert files.remove_stale_temporaries("/tmp/\0x") == 0


# ---- every write whole or not at all ----

def _full_disk_after(monkeypatch, limit):
    """os.write in files.py fails with ENOSPC once ``limit`` bytes are written."""
    real = os.write
    state = {"n": 0}

    def write(fd, data):
        if state["n"] + len(data) > limit:
            raise OSError(errno.ENOSPC, "No space left on device")
        state["n"] += len(data)
        return real(fd, data)
    monkeypatch.setattr(files.os, "write", write)


def test_a_preset_saved_to_a_full_disk_keeps_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    p = tmp_path / "state.json"
    presets.save(ExplorerState(), p)
    before = p.read_bytes()
    _full_disk_after(monkeypatch, 50)
    with pytest.raises(presets.PresetError, match="the disk is full"):
        presets.save(ExplorerState(logits=np.arange(100.0), target=1), p)
    assert p.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["state.json"]


def test_a_temporary_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path):
    dead = 2**22 + 12345                      # above any pid this machine hands out
    while True:
        try:
            os.kill(dead, 0)
            dead += 1
        except ProcessLookupError:
            break
    stale = tmp_path / f".x.json{files.TEMP_MARK}{dead}-abcdef{files.TEMP_SUFFIX}"
    stale.write_bytes(b"\0" * 1000)
    live = tmp_path / f".y.json{files.TEMP_MARK}{os.getpid()}-abcdef{files.TEMP_SUFFIX}"
    live.write_bytes(b"")                     # this process's own: in use, kept
    mine = tmp_path / "notes.tmp"             # not ours: never touched
    mine.write_text("keep")
    presets.save(ExplorerState(), tmp_path / "s.json")
    assert not stale.exists() and live.exists() and mine.exists()
    live.unlink()


def test_write_atomic_keeps_an_existing_files_permissions(tmp_path):
    p = tmp_path / "ro.json"
    p.write_text("{}")
    os.chmod(p, 0o640)
    files.write_atomic(p, b"new")
    assert p.read_bytes() == b"new" and (os.stat(p).st_mode & 0o777) == 0o640


def test_writing_through_a_symlink_keeps_the_link(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    presets.save(ExplorerState(), link)
    assert link.is_symlink() and presets.load(target).same_as(ExplorerState())
    dev = tmp_path / "full.json"
    dev.symlink_to("/dev/full")
    with pytest.raises(presets.PresetError, match="not a regular file"):
        presets.save(ExplorerState(), dev)
