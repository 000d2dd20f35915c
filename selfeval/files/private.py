"""Folders only this user can write: where caches are kept and trusted.

A cache is read without the checks an evaluation gets on every value's meaning, so what is in
it must have been written by this user. A cache folder is made owner-only (0700); a cache
folder or file that someone else owns, or that others may write (a shared ``XDG_CACHE_HOME``,
a ``SELFEVAL_CACHE`` on a shared drive, a group-writable folder under umask 002), is not
trusted: it is not read, and nothing is written there. On Windows the user's own profile
folder holds the cache and ownership is not told by mode bits, so every folder counts as the
user's own.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = ["make_private_folder", "trusted"]


def make_private_folder(folder: Path) -> None:
    """Create *folder* (and its parents) readable and writable by this user alone; raises
    OSError where that cannot be done."""
    if not folder.is_dir():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is narrowed by the umask, never widened


def trusted(path: Path) -> bool:
    """Whether *path* (a cache file or folder) is this user's own, not a link, and, for a
    folder, not writable by others (a missing path is not trusted). A file's own mode bits
    do not matter: in a folder only its owner can enter, nobody else can reach it."""
    if os.name == "nt":
        return path.exists()
    try:
        found = path.lstat()
    except OSError:
        return False
    if stat.S_ISLNK(found.st_mode) or found.st_uid != os.getuid():
        return False
    return not (stat.S_ISDIR(found.st_mode) and found.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
