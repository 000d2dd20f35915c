"""The charts `selfeval compare` draws, caught before they are written: tests read their pages
(titles, texts, patches) instead of image files."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

from selfeval.cli import main

__all__ = ["drawn"]


def drawn(*argv: str) -> dict[str, list[Figure]]:
    """The pages of every chart `selfeval compare` (with *argv*) draws, by file name; none is
    written."""
    import selfeval.charts.export as export

    pages_of: dict[str, list[Figure]] = {}

    def keep(pages: list[Figure], path: Path) -> list[Path]:
        pages_of[path.stem] = list(pages)
        return []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(export, "save_pages", keep)
        assert main(["compare", *argv, "--jobs", "1"]) == 0
    return pages_of
