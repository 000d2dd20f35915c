"""Which files in a folder are evaluations: told by name alone, without reading any.

Apart from the store so that the app can see an empty folder (a first start) before loading
what reads evaluation files.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["SUFFIX", "evaluation_files", "has_evaluations"]

SUFFIX = ".toml"


def evaluation_files(folder: Path) -> Iterator[Path]:
    """The files in *folder* that may be evaluations (hidden ones, a sync's or an editor's
    own, left out)."""
    return (p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))


def has_evaluations(folder: Path) -> bool:
    """Whether *folder* exists and holds a file that may be an evaluation."""
    return folder.is_dir() and next(evaluation_files(folder), None) is not None
