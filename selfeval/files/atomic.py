"""Atomic file writes: a crash at any moment leaves the old file or the new one, never half of one.

The recipe (temp file in the same folder, flush, fsync, rename over the target, fsync the folder)
follows pip's ``adjacent_tmp_file`` / ``replace``. A same-folder temp file keeps the rename on one
file system, where POSIX and Windows make it atomic.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from selfeval.errors import SelfevalError

__all__ = [
    "UnsafeTarget",
    "atomic_create_bytes",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_target",
    "remove_stale_temp_files",
]

EVALUATION_MARK = b"# A selfeval evaluation."
"""How every evaluation file begins (see `selfeval.evaluation.store.HEADER`)."""


class UnsafeTarget(SelfevalError):
    """A file selfeval was asked to write must not be written there."""


def check_target(path: Path, evaluation: bool = False) -> None:
    """Refuse to write through a link, onto anything but a regular file, or (unless writing
    an evaluation) over an evaluation: a plan or chart named like one would replace its answers."""
    try:
        found = path.lstat()
    except FileNotFoundError:
        return
    except OSError:
        return  # the write itself will say what is wrong
    if stat.S_ISLNK(found.st_mode):
        raise UnsafeTarget(
            f"{path} is a link; selfeval does not write through links",
            "name a real file, in a folder you can write to",
        )
    if not stat.S_ISREG(found.st_mode):
        kind = "folder" if stat.S_ISDIR(found.st_mode) else "device or pipe, not a file"
        raise UnsafeTarget(f"{path} is a {kind}", "name a file to write, e.g. plan.md")
    if not evaluation and _is_evaluation(path):
        raise UnsafeTarget(
            f"{path} is a selfeval evaluation; writing there would replace its answers",
            "choose another name for the output, e.g. plan.md beside it",
        )


def _is_evaluation(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(EVALUATION_MARK)) == EVALUATION_MARK
    except OSError:
        return False


def atomic_write_bytes(path: Path, data: bytes, evaluation: bool = False) -> None:
    """Replace *path* with *data* atomically and durably; raises OSError on failure and
    `UnsafeTarget` for a link, a device or (unless *evaluation*) an evaluation file."""
    check_target(path, evaluation)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = _create_temp(folder, path.name)
    except OSError as exc:  # name the file the user asked for, not our temp file
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new, unique temp file beside the target, created with mode 0o666 so the user's umask
    decides who may read the result (``mkstemp`` would make it owner-only, and colleagues on a
    shared drive could not open a plan or an evaluation)."""
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def remove_stale_temp_files(path: Path) -> None:
    """Delete half-written temp files a crashed save left beside *path* (the caller holds
    its lock, so no save of it is under way)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


REPLACE_TRIES = 10
"""On Windows, how often a rename is tried while something briefly holds the target."""


def _replace(tmp: Path, path: Path) -> None:
    """`os.replace`, retried for about a second on Windows, where antivirus, the search indexer
    or OneDrive may hold the target open for a moment ("access denied")."""
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if sys.platform != "win32" or attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


def atomic_create_bytes(folder: Path, names: Iterable[str], data: bytes) -> Path:
    """Write *data* to the first of *names* in *folder* that no file has yet, atomically, and
    never over a file that is there (another program's, written at the same moment, too);
    returns the path written. A whole temp file is linked to its name, which fails where the
    name is taken; where links cannot be made (some shares), it is renamed after a look."""
    fd, tmp = _create_temp(folder, "new")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        for name in names:
            path = folder / name
            try:
                _link_new(tmp, path)
            except FileExistsError:
                continue
            _fsync_folder(folder)
            return path
        raise FileExistsError(errno.EEXIST, "no free name", str(folder))
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _link_new(tmp: Path, path: Path) -> None:
    """Give the whole file *tmp* the new name *path*; FileExistsError where it is taken."""
    try:
        os.link(tmp, path)
        return
    except FileExistsError:
        raise
    except OSError:  # no hard links here (FAT, some network shares): look, then rename
        pass
    if os.path.lexists(path):
        raise FileExistsError(errno.EEXIST, "taken", str(path))
    os.rename(tmp, path)  # Windows refuses a name that is taken meanwhile


def atomic_write_text(path: Path, text: str) -> None:
    """Replace *path* with UTF-8 *text* atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
