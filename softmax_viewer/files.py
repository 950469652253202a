"""Reading and writing files safely: the one path every read and write goes through. No Qt.

- ``read_limited`` reads a regular file and at most ``limit`` bytes of it: a FIFO,
  a device (``/dev/zero``, even behind a symlink) or a folder is refused before
  anything is read, and the size is checked on what is read, not on ``st_size``.
- ``write_atomic`` writes the whole content to a temporary file beside the
  target, checks that every byte reached the disk (a full disk raises), and only
  then renames it over the old file. On any failure the old file stays as it was
  and the temporary file is removed. A temporary file left by a process that was
  killed mid-write carries that process's id in its name; the next write into the
  same folder (and ``remove_stale_temporaries`` at start-up) deletes it.
"""
from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
import uuid
from pathlib import Path

#: part of every temporary file's name: ".NAME.softmax-viewer-PID-RANDOM.tmp"
TEMP_MARK = ".softmax-viewer-"
TEMP_SUFFIX = ".tmp"
STALE_AFTER_S = 24 * 3600      # a temporary of a live process older than this is stale too


class FileError(OSError):
    """A file that cannot be read or written; the message names the file and the problem."""

    def __init__(self, path, problem: str):
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded"
    return exc.strerror or str(exc)


@contextlib.contextmanager
def open_regular(path, limit: int, what: str = "file"):
    """The regular file ``path`` open for reading (a binary file object), refusing anything
    else and anything over ``limit`` bytes.

    The file is opened without blocking (a FIFO without a writer cannot hang the
    program) and checked to be a regular file on the open descriptor, so a
    symlink to a device is refused as the device it points to.
    """
    p = Path(path)
    _check_name(p)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise FileError(p, "no such file") from None
    except IsADirectoryError:
        raise FileError(p, f"is a directory, not a {what}") from None
    except OSError as exc:
        raise FileError(p, f"cannot be read ({_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileError(p, f"is a directory, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise FileError(p, f"is not a regular file (a pipe, a device or a socket), not a {what}")
        if info.st_size > limit:
            raise FileError(p, f"is {info.st_size:,} bytes; a {what} is at most {limit:,}")
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        try:
            yield f
        except OSError as exc:
            if isinstance(exc, FileError):
                raise
            raise FileError(p, f"cannot be read ({_reason(exc)})") from None


def read_limited(path, limit: int, what: str = "file") -> bytes:
    """The bytes of the regular file ``path`` (see open_regular), at most ``limit`` of them."""
    with open_regular(path, limit, what) as f:
        fd, chunks, total = f.fileno(), [], 0
        while True:                          # at most limit + 1 bytes, whatever st_size said
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileError(path, f"is over {limit:,} bytes; a {what} is at most {limit:,}")
    return b"".join(chunks)


def _check_name(p: Path) -> None:
    if "\0" in str(p):
        raise FileError(str(p).replace("\0", "\\0"), "a file name cannot hold a NUL character")


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _temporary_owner(name: str) -> int | None:
    """The process id in a temporary file's name, or None if the name is not one of ours."""
    if not (name.startswith(".") and name.endswith(TEMP_SUFFIX) and TEMP_MARK in name):
        return None
    tail = name[name.rindex(TEMP_MARK) + len(TEMP_MARK):-len(TEMP_SUFFIX)]
    pid, _, rest = tail.partition("-")
    return int(pid) if pid.isdigit() and rest else None


def remove_stale_temporaries(folder) -> int:
    """Delete the temporary files in ``folder`` that a write which never finished left
    behind (their process has ended, or they are over a day old); the count removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except (OSError, ValueError, TypeError):      # gone, unreadable, or not a name at all (a NUL in it)
        return 0
    now = time.time()
    for entry in entries:
        pid = _temporary_owner(entry.name)
        if pid is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            old = now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER_S
            if old or not _pid_alive(pid):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


def write_atomic(path, data: bytes | str, what: str = "file") -> None:
    """Write ``data`` to ``path`` whole, or not at all.

    The bytes go to a temporary file in the same folder, are flushed to the disk
    (``fsync``) and their count checked, and the file is then renamed over
    ``path``. An existing file keeps its permissions; a new one gets the usual
    ones (0666 less the umask). Raises FileError naming the file and the problem.
    """
    p = Path(path)
    _check_name(p)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if p.is_symlink():                 # the link stays; what it points to is replaced
        p = Path(os.path.realpath(p))
    if p.exists() and not p.is_file() and not p.is_dir():
        raise FileError(path, f"is not a regular file (a pipe, a device or a socket): choose a file for the {what}")
    folder = p.parent if str(p.parent) else Path(".")
    if p.is_dir():
        raise FileError(p, f"is a directory: choose a file name for the {what}")
    if not folder.is_dir():
        raise FileError(p, f"cannot be written: the folder {folder} does not exist")
    remove_stale_temporaries(folder)
    tmp = folder / f".{p.name}{TEMP_MARK}{os.getpid()}-{uuid.uuid4().hex[:12]}{TEMP_SUFFIX}"
    try:
        old_mode = stat.S_IMODE(os.stat(p).st_mode) if p.is_file() else None
    except OSError:
        old_mode = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise FileError(p, f"cannot be written ({_reason(exc)})") from None
    try:
        try:
            view = memoryview(data)
            written = 0
            while written < len(view):
                n = os.write(fd, view[written:written + (1 << 24)])
                if n <= 0:
                    raise OSError(errno.EIO, "nothing was written")
                written += n
            os.fsync(fd)
            if os.fstat(fd).st_size != len(data):
                raise OSError(errno.EIO, f"only {os.fstat(fd).st_size:,} of {len(data):,} bytes reached the disk")
        finally:
            os.close(fd)
        if old_mode is not None:
            os.chmod(tmp, old_mode)
        os.replace(tmp, p)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FileError(p, f"cannot be written ({_reason(exc)}); nothing was changed") from None
        raise
    try:                             # the rename itself on the disk (best effort)
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
