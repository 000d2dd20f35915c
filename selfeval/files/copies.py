"""Copies a sync or a person made: recognised by name, so a setting is never counted twice.

OneDrive names the loser of an edit conflict after the computer (``x-DESKTOP-1A2B3C4.toml``,
``x-HEADPC.toml``), Dropbox says "conflicted copy", Syncthing ``.sync-conflict-…``, iCloud Drive
adds `` 2``, Finder `` copy``, Windows Explorer `` (1)``, `` - Copy`` or "Copy of". These are
usually an older or parallel version of a file beside them; selfeval leaves them out and says
so, so a person opens both and keeps one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

__all__ = ["copy_of", "differs", "original_first"]

_COPY = re.compile(
    r"(?:(?:-[A-Za-z0-9]*[A-Z][A-Za-z0-9]*)+"  # OneDrive: -DESKTOP-1A2B3C4, -HEADPC, -LT0042
    r"|\s\([^)]*conflicted copy[^)]*\)"  # Dropbox
    r"|\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]+)?"  # Syncthing
    r"|\s\(\d+\)"  # Windows, Google Drive: "name (1)"
    r"|\s-\sCopy(?:\s\(\d+\))?"  # Windows: "name - Copy", "name - Copy (2)"
    r"|\s[Cc]opy(?:\s\d+)?"  # macOS Finder: "name copy", "name copy 2"
    r"|\s\d+)$"  # iCloud Drive: "name 2"
)
"""The endings sync clients and file managers add to a copy's name. selfeval's own names are
lower case with no spaces (`store.slugify`), so an ending with a capital letter, a space or a
bracket was never written by selfeval."""
_COPY_OF = re.compile(r"^Copy of\s+|^Copy \(\d+\) of\s+", re.IGNORECASE)
"""Windows and Google Drive: "Copy of name"."""


def copy_of(path: Path) -> str | None:
    """The name of the file *path* looks like a copy of, or None for an ordinary name."""
    stem = path.stem
    prefix = _COPY_OF.match(stem)
    if prefix is not None:
        stem = stem[prefix.end() :]
    found = _COPY.search(stem)
    if found is not None:
        stem = stem[: found.start()]
    elif prefix is None:
        return None
    return stem + path.suffix if stem else None


_OWN_NAME = re.compile(r"[a-z0-9][a-z0-9.-]*\.toml")
"""How selfeval names its files (`store.slugify`): lower case, no spaces or brackets."""


def original_first(paths: Sequence[Path]) -> list[Path]:
    """*paths* (copies of one evaluation) with the one selfeval named first: a name a sync or
    a person made (`copy_of`, or not in selfeval's own form) comes after, then by name."""
    return sorted(
        paths, key=lambda p: (copy_of(p) is not None, not _OWN_NAME.fullmatch(p.name), p.name)
    )


def differs(copy: Path, original: Path) -> bool:
    """Whether *copy* holds other bytes than *original*: a sync's conflicted copy can hold a
    colleague's newer answers, never to be deleted as a mere duplicate. (False where either
    cannot be read: nothing is claimed.)"""
    try:
        return copy.read_bytes() != original.read_bytes()
    except OSError:
        return False
