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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from matplotlib.axes import Axes
from matplotlib.figure import Figure

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
    "Grid",
    "axes_at",
    "first_page",
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
P = ParamSpec("P")


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


def first_page(pages: Callable[P, list[Figure]]) -> Callable[P, Figure]:
    """A chart's first page alone, taking what its *pages* function takes: one rule for every
    chart drawn in pages, for a caller (or a test) that wants one figure."""

    def first(*args: P.args, **kwargs: P.kwargs) -> Figure:
        return pages(*args, **kwargs)[0]

    first.__doc__ = f"The first page of `{pages.__name__}`."
    return first


@dataclass(frozen=True)
class Grid:
    """Panels of one height in rows of *cols* across a page *width* inches wide, between a
    heading *head* inches tall and a foot *foot* inches tall, *left* and *right* inches clear
    at the sides: the one layout of every chart drawn as small multiples."""

    width: float
    head: float
    foot: float
    panel: float
    """The height of one panel, its title included."""
    cols: int
    left: float = 0.1
    right: float = 0.1

    @property
    def cell(self) -> float:
        """The width of one panel."""
        return (self.width - (self.left + self.right)) / self.cols

    def page(self, count: int) -> tuple[Figure, list[tuple[float, float]]]:
        """A figure for *count* panels, as tall as their rows need, and the top left corner
        of each panel in inches from the figure's bottom left."""
        height = self.head + self.foot + -(-count // self.cols) * self.panel
        corners = [
            (self.left + col * self.cell, height - self.head - row * self.panel)
            for row, col in (divmod(index, self.cols) for index in range(count))
        ]
        return Figure(figsize=(self.width, height)), corners


def axes_at(figure: Figure, left: float, bottom: float, width: float, height: float) -> Axes:
    """Axes placed in inches from *figure*'s bottom left, rather than in fractions of it."""
    across, up = figure.get_size_inches()
    return figure.add_axes((left / across, bottom / up, width / across, height / up))
