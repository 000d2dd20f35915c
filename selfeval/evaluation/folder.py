"""Which files in a folder are evaluations: told by name alone, without reading any.

Apart from the store so that the app can see an empty folder (a first start) before loading
what reads evaluation files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from selfeval.files.copies import copy_of, differs
from selfeval.files.submitted import is_feedback

__all__ = ["SUFFIX", "copies_in", "copies_said", "evaluation_files", "has_evaluations"]

SUFFIX = ".toml"


def evaluation_files(folder: Path) -> Iterator[Path]:
    """The files in *folder* that may be evaluations: hidden ones (a sync's or an editor's
    own) and an officer's feedback (`selfeval.files.submitted`) left out, and copies a sync
    or a person made beside their original (`copies_in`), so that no list offers a setting
    twice and nothing opens a copy as the setting's own."""
    files = [p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")]
    names = {p.name for p in files}
    return (p for p in files if copy_of(p) not in names and not is_feedback(p))


def copies_in(folder: Path) -> list[tuple[Path, str]]:
    """The copies in *folder* left out of `evaluation_files`, each with its original's name."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith(".")]
    names = {p.name for p in files}
    found = [(p, copy_of(p)) for p in files]
    return sorted((p, original) for p, original in found if original in names)


def copies_said(folder: Path) -> str:
    """One sentence on the copies left out of *folder*'s lists, or "" if there are none."""
    copies = copies_in(folder)
    if not copies:
        return ""
    named = ", ".join(
        f"{p.name} (a copy of {original}{_unlike(p, folder / original)})"
        for p, original in copies[:3]
    )
    more = f" and {len(copies) - 3} more" if len(copies) > 3 else ""
    return (
        f"Left out, as copies a sync (OneDrive, Dropbox, iCloud) or a person made: {named}{more}. "
        "Open each beside its original, keep the right one and delete the other."
    )


def _unlike(copy: Path, original: Path) -> str:
    return " that differs from it" if differs(copy, original) else ""


def has_evaluations(folder: Path) -> bool:
    """Whether *folder* exists and holds a file that may be an evaluation."""
    return folder.is_dir() and next(evaluation_files(folder), None) is not None
