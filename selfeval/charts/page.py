"""Printed sizes: every comparison chart is drawn at the size of the page it is printed on.

A chart drawn 13 inches wide and shrunk onto A4 prints its 7 pt text at 4 pt; drawn at A4 (or
half of it) its text is the size it says, never below `MIN_TEXT`. A chart with more rows or
panels than one page holds is drawn as several pages (one PDF of pages, or a file per page),
never one image taller than any paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from selfeval.charts.frame import Caption

__all__ = [
    "A4_LANDSCAPE",
    "A4_PORTRAIT",
    "HALF_A4",
    "MIN_TEXT",
    "SMALL",
    "fits_a4",
    "numbered",
    "paged",
]

A4_PORTRAIT = (8.27, 11.69)
A4_LANDSCAPE = (11.69, 8.27)
HALF_A4 = (8.27, 5.85)
"""Inches: ISO A4 either way round, and the top half of a portrait page."""

MIN_TEXT = 8.0
"""Points: the smallest text on any chart, at the size it is printed."""
SMALL = 8.0
"""Points: the size of a chart's small print (counts in cells, tick labels, notes)."""

T = TypeVar("T")


def fits_a4(width: float, height: float) -> bool:
    """Whether a figure of *width* by *height* inches fits an A4 page one way or the other."""
    return any(width <= w + 0.005 and height <= h + 0.005 for w, h in (A4_PORTRAIT, A4_LANDSCAPE))


def paged(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """*items* in pages of at most *per_page* (one empty page for no items)."""
    per_page = max(1, per_page)
    return [items[at : at + per_page] for at in range(0, len(items), per_page)] or [items[:0]]


def numbered(caption: Caption, page: int, pages: int) -> Caption:
    """*caption* with "(page 2 of 5)" after its title's first line, where there are pages."""
    if pages <= 1:
        return caption
    first, newline, rest = caption.title.partition("\n")
    return replace(caption, title=f"{first} (page {page} of {pages}){newline}{rest}")
