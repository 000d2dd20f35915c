"""Copies a sync or a person made: recognised by name, so a setting is never counted twice.

OneDrive names the loser of an edit conflict after the computer (``x-DESKTOP-1A2B3C4.toml``),
Dropbox says "conflicted copy", Windows Explorer adds `` (1)`` or `` - Copy``. These are usually
an older or parallel version of a file beside them; selfeval leaves them out and says so, so a
person opens both and keeps one.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["copy_of"]

_COPY = re.compile(
    r"(?:-(?:DESKTOP|LAPTOP|PC|WIN|MACBOOK|[A-Z]{2,})-[A-Z0-9]{4,}"  # OneDrive: -DESKTOP-1A2B3C
    r"|\s\([^)]*conflicted copy[^)]*\)"  # Dropbox
    r"|\s\(\d+\)"  # Windows: "name (1)"
    r"|\s-\sCopy(?:\s\(\d+\))?)$"  # Windows: "name - Copy", "name - Copy (2)"
)


def copy_of(path: Path) -> str | None:
    """The name of the file *path* looks like a copy of, or None for an ordinary name."""
    found = _COPY.search(path.stem)
    if found is None:
        return None
    return path.stem[: found.start()] + path.suffix
