"""Printed sizes: every comparison chart is drawn at the size it is printed at.

A chart drawn 13 inches wide and shrunk onto A4 prints its 7 pt text at 4 pt. Drawn at the
whole A4 sheet it still shrinks: a Word document with its default margins (2.54 cm, one inch
each side), or a printer that cannot print to the edge, scales it down to fit, and 8 pt text
prints at 6.7-7.6 pt. So every chart is drawn at A4's printable area inside one-inch margins
(`selfeval.paper`, or half of it), where its text is the size it says, never below
`MIN_TEXT`. A chart with more rows or panels than one page holds is drawn as several pages
(one PDF of pages, or a file per page), never one image taller than any paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from selfeval.paper import LANDSCAPE, PORTRAIT, TEXT_WIDTH

if TYPE_CHECKING:  # frame draws its empty figure at a page's size: no import at run time
    from selfeval.charts.frame import Caption

__all__ = [
    "HALF_PAGE",
    "LANDSCAPE",
    "MIN_TEXT",
    "PORTRAIT",
    "SMALL",
    "TEXT_WIDTH",
    "fits_page",
    "numbered",
    "numbered_title",
    "paged",
]

HALF_PAGE = (PORTRAIT[0], 4.7)
"""Inches: about half of a portrait page's printable area (`selfeval.paper`), room left for
a heading and a caption above or below it."""

MIN_TEXT = 8.0
"""Points: the smallest text on any chart, at the size it is printed."""
SMALL = 8.0
"""Points: the size of a chart's small print (counts in cells, tick labels, notes)."""

T = TypeVar("T")


def fits_page(width: float, height: float) -> bool:
    """Whether a figure of *width* by *height* inches fits inside the margins of an A4 page,
    one way round or the other, so it prints at 100% with its text the size it says."""
    return any(width <= w + 0.005 and height <= h + 0.005 for w, h in (PORTRAIT, LANDSCAPE))


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


def numbered_title(title: str) -> str:
    """*title* as the longest page number makes it: the room a heading needs is measured on
    this, so "(page 1 of 4)" wrapping onto a line of its own never runs into the key below."""
    first, newline, rest = title.partition("\n")
    return f"{first} (page 99 of 99){newline}{rest}"
