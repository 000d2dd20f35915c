"""One writer per evaluation: an advisory lock that a crashed program releases by itself.

``flock`` locks belong to the open file, so the operating system drops them when a process dies;
there is never a stale lock to clear by hand. The lock file sits beside the evaluation, hidden.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path
from types import TracebackType

from selfeval.errors import SelfevalError

__all__ = ["EvaluationLocked", "FileLock", "FolderNotWritable", "held", "lock_path"]


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Open flag that refuses a link (POSIX); Windows needs none for this."""


class EvaluationLocked(SelfevalError):
    """Another program has this evaluation open."""


class FolderNotWritable(SelfevalError):
    """The evaluation's folder cannot be written by this user: nothing could be saved."""


def lock_path(path: Path) -> Path:
    """The hidden lock file of the evaluation at *path*."""
    return path.with_name(f".{path.name}.lock")


def held(path: Path) -> bool:
    """Whether a program holds the lock of the evaluation at *path* now (cheaply: no lock file
    is made). A lock file left behind by a program that stopped without closing (a crash, a
    power cut, a window killed) is not held: the operating system let its lock go. Anything
    unusual in its place counts as held, for the full opening to say what it is."""
    try:
        fd = os.open(lock_path(path), os.O_RDWR | _NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        if not _try_lock(fd):
            return True
        _unlock(fd)
        return False
    finally:
        os.close(fd)


class FileLock:
    """An exclusive, non-blocking lock on one evaluation file, held until released."""

    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.target = path
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise `EvaluationLocked` at once (never wait)."""
        while True:
            try:  # never through a link planted in a shared folder
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o644)
            except OSError as exc:
                if self.path.is_symlink():
                    raise EvaluationLocked(
                        f"{self.path.name} beside {self.target.name} is a link, not selfeval's "
                        "lock file; the evaluation is not opened",
                        f"delete {self.path} (someone put it there), then try again",
                    ) from exc
                if self.path.is_dir():  # IsADirectoryError; on Windows, PermissionError
                    raise EvaluationLocked(
                        f"{self.path.name} beside {self.target.name} is a folder, where selfeval "
                        "keeps the evaluation's lock file; the evaluation is not opened",
                        f"selfeval did not make that folder: look inside {self.path}, move "
                        "anything you need out of it and delete it, then try again",
                    ) from exc
                if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                    raise _not_writable(self.target, exc) from None
                raise
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise EvaluationLocked(
                    f"{self.target.name} is open in another selfeval window{holder}",
                    "finish in that window first, or close it; this one will not overwrite it",
                )
            if _same_file(fd, self.path):
                break
            os.close(fd)  # the file was replaced while we waited; lock the new one
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Give the lock up and remove the lock file.

        POSIX removes the file while still holding the lock, so nobody can lock a file that is
        about to vanish; Windows cannot delete an open file, so there it is closed first.
        """
        if self._fd is None:
            return
        if sys.platform == "win32":
            os.close(self._fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
        else:
            with contextlib.suppress(OSError):
                self.path.unlink()
            os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _not_writable(target: Path, exc: OSError) -> FolderNotWritable:
    """The first write of opening an evaluation refused: said of the folder (the lock file is
    selfeval's own business), before any answer is typed that could not be saved."""
    own = "work in a folder of your own with --responses DIR (copy the evaluation into it)"
    if exc.errno == errno.EROFS:
        why, hint = "is on a read-only drive", own
    else:
        why = "is read-only for you"
        hint = f"ask whoever manages the folder for permission to change files in it, or {own}"
    return FolderNotWritable(
        f"{target.name} cannot be opened to work on: the folder {target.parent} {why}, so no "
        "answer could be saved",
        hint,
    )


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    """Give up a lock `_try_lock` took (closing the file would too; Windows asks for this)."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _read_holder(fd: int) -> str:
    """ " (process 1234)" from the lock file, or "" (seek and read: Windows has no pread)."""
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
