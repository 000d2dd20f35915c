"""The .toml files in a folder and its subfolders, each with its real path, in one pass.

A local authority's comparison lists thousands of files. `Path.rglob` makes a path object per
entry and sorting them compares part by part; resolving each afterwards costs an `lstat` a file.
Here each folder is read once with `os.scandir`, whose entries already say whether they are
links, and each folder is resolved once. The result is what ``sorted(folder.rglob("*.toml"))``
gives, with the same rules: subfolders (hidden ones too) are searched, links to folders are not
followed, a folder that cannot be read is passed over, and names match as the system matches
them (case-blind on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["toml_files_in"]


def toml_files_in(folder: Path) -> list[tuple[Path, str]]:
    """(path under *folder*, real path) of every entry named ``*.toml`` below *folder*, in the
    order of `sorted` on the paths; names starting with "." (editors' and syncs' own files)
    are left out."""
    found: list[tuple[Path, str]] = []
    _walk(folder, os.path.realpath(folder), found)
    return found


def _walk(folder: Path, real: str, found: list[tuple[Path, str]]) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: os.path.normcase(e.name))
    except (PermissionError, NotADirectoryError):
        return
    for entry in entries:
        name = entry.name
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if os.path.normcase(name).endswith(".toml") and not name.startswith("."):
            link = entry.is_symlink()
            found.append(
                (folder / name, os.path.realpath(entry.path) if link else os.path.join(real, name))
            )
        if is_folder:
            _walk(folder / name, os.path.join(real, name), found)
