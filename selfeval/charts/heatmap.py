"""The heatmap: settings (rows, by group then name, never by level) by QIs, cells by level."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from selfeval.charts.frame import (
    Caption,
    empty_figure,
    finish,
    fit_lines,
    foot_room,
    head_room,
    level_legend,
    text_width,
    wrap_title,
)
from selfeval.charts.heatcounts import counts_pages
from selfeval.charts.heatgrid import (
    NO_LEVEL,
    column_labels,
    keyed,
    no_level_words,
    overhang,
    pitch,
    title_room,
)
from selfeval.charts.page import LANDSCAPE, SMALL, first_page, numbered, numbered_title, paged
from selfeval.charts.style import level_colours, text_colour
from selfeval.compare.records import MIN_GROUP, Grouping, Record, Staged, grouping
from selfeval.digest.framework import QIColumn
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Scale

__all__ = [
    "ANNOTATE_ROWS",
    "NO_LEVEL",
    "counts_pages",
    "heatmap_figure",
    "heatmap_pages",
]

ANNOTATE_ROWS = 80
"""Up to this many settings the heatmap names each row and prints each level."""


def heatmap_pages(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    by: str | None = None,
    framework: Staged | None = None,
    min_group: int = MIN_GROUP,
    internal: str = "",
    coded: bool = False,
) -> list[Figure]:
    """Settings (rows, by group then name) by QIs (columns), each cell coloured by its level,
    on as many A4 landscape pages as the rows need. Grouped by stage, the stages are named in
    words in *framework*'s order. *internal* is said under a chart of named settings' rows
    (counting rows name none). *coded* settings are only ever counted, never given a row each:
    a coded row's levels, and which of them a small group withholds, are a fingerprint that
    placed it in its group's block and, beside a paper split another way, named it (a trial
    found Auchbank's one secondary so); and a level a record withholds is hatched."""
    caption = keyed(caption, columns)  # the numbers heading the columns, in words
    with_level = [r for r in records if any(r.level(c.id) is not None for c in columns)]
    omitted = len(records) - len(with_level)
    if not with_level:
        return [empty_figure(caption, "No setting has a level for any quality indicator yet.")]
    if coded or len(with_level) > ANNOTATE_ROWS:  # a row each would be a barcode, or a clue
        group = grouping(by, framework)
        ordered = sorted(with_level, key=lambda r: (*group(r), r.name.casefold(), r.when or 0))
        return counts_pages(ordered, columns, scale, caption, group, omitted, min_group, coded)
    none = no_level_words(with_level)
    note = (
        " White with -: not graded at their inspection."
        if none != "no level"
        else " White with -: no level (not enough evidence)."
    )
    group = grouping(by, framework)
    ordered = sorted(with_level, key=lambda r: (*group(r), r.name.casefold(), r.when or 0))
    if omitted:
        note += f" {omitted} settings with no level at all are not shown."
    right = _key_room(scale, ordered, columns)
    most = _label_most(columns, right)
    whole = [_row_label(r, group, by, most) for r in ordered]  # each with its group
    if any(label.endswith("…") or "…\n" in label for label in whole):
        note += " Names cut short (…) are whole in the comparison's summary.csv."
    noted = caption.noting(note).internal(internal)
    width, tallest = LANDSCAPE
    head = head_room(numbered_title(noted.title), width, bold=True) + title_room(columns) + 0.35
    foot = foot_room(noted, width) + 0.15
    row = ROW_TWO if any("\n" in label for label in whole) else ROW
    per_page = max(1, int((tallest - head - foot) / row))
    pages = paged(ordered, per_page)
    return [
        _heatmap_page(page, columns, scale, numbered(noted, n, len(pages)), group, by,
                      _Room(head, foot, row, most, right))
        for n, page in enumerate(pages, 1)
    ]  # fmt: skip


ROW = 0.19
"""Inches per setting: room for 8 pt text in every cell."""
ROW_TWO = 0.31
"""Inches per setting where some name takes two lines: two lines of 8 pt and a gap."""
LABEL_MOST = 3.6
"""Inches of a row's name at most: a name wider goes on to a second line (cut to one line,
"Ardbrae Primary School and Nursery Cl…" was every Ardbrae row alike)."""
GRID_LEAST = 3.2
"""Inches of the grid at least."""


@dataclass(frozen=True)
class _Room:
    """Inches of a page's parts: above and below the grid, each row, a row's name at most,
    and right of the grid (the key)."""

    head: float
    foot: float
    row: float
    label: float
    right: float


heatmap_figure = first_page(heatmap_pages)


def _key_room(scale: Scale, ordered: Sequence[Record], columns: Sequence[QIColumn]) -> float:
    """Inches right of the grid: the key to the levels (its words measured: "- not graded at
    their inspection" is twice "6 excellent"), at least the last slanted title's overhang."""
    words = [*(scale.label(v) for v in scale.values), f"- {no_level_words(ordered)}"]
    key = 0.2 + 0.45 + max(text_width(w, SMALL) for w in words) * 1.06 / 72
    return max(key, overhang(columns) + 0.1)


def _label_most(columns: Sequence[QIColumn], right: float) -> float:
    """Inches a row's name may take: `LABEL_MOST`, less where slanted titles need their
    columns wider apart than the rest of the page would leave them."""
    grid = max(GRID_LEAST, pitch(columns) * len(columns))
    return min(LABEL_MOST, LANDSCAPE[0] - 0.3 - right - grid)


def _heatmap_page(
    ordered: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    group: Grouping,
    by: str | None,
    room: _Room,
) -> Figure:
    """One page of the heatmap, each group named on its first row of the page; *room* is
    the inches above and below the grid and of each row."""
    head, foot, row = room.head, room.foot, room.row
    labels: list[str] = []
    previous = None
    for record in ordered:
        named = by if group(record) != previous else None
        labels.append(_row_label(record, group, named, room.label))
        previous = group(record)
    rows = len(ordered)
    width = LANDSCAPE[0]
    keys = _level_keys(scale, ordered)
    body = max(row * rows, KEY_ENTRY * len(keys))  # a page of few rows: the key's height
    height = head + foot + body
    widest = max(text_width(line, SMALL) for label in labels for line in label.split("\n"))
    label_inches = 0.3 + widest * 1.06 / 72  # wide enough for the longest line: none clipped
    grid_inches = min(max(GRID_LEAST, 0.5 * len(columns)), width - label_inches - room.right)
    figure = Figure(figsize=(width, height))
    left = label_inches / width
    bottom = foot + body - row * rows  # the grid under the headings, however few its rows
    ax = figure.add_axes((left, bottom / height, grid_inches / width, row * rows / height))
    data = [[_cell(r.level(c.id)) for c in columns] for r in ordered]
    palette = level_colours(scale)
    colours = ListedColormap([palette[v] for v in sorted(scale.values)]).with_extremes(bad=NO_LEVEL)
    bounds = [v - 0.5 for v in sorted(scale.values)] + [max(scale.values) + 0.5]
    ax.imshow(
        data,
        aspect="auto",
        cmap=colours,
        norm=BoundaryNorm(bounds, colours.N),
        interpolation="nearest",
    )
    column_labels(ax, columns)
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows), labels, fontsize=SMALL)  # the group named on its first row
    _print_levels(ax, data, palette)
    _group_lines(ax, ordered, group, by)
    legend_ax = figure.add_axes(((label_inches + grid_inches + 0.2) / width, foot / height,
                                 0.01, body / height))  # fmt: skip
    legend_ax.axis("off")
    legend_ax.legend(
        handles=keys, loc="upper left",
        bbox_to_anchor=(0.0, 1.0), frameon=False, fontsize=SMALL, borderaxespad=0,
    )  # fmt: skip
    return finish(figure, caption, bold=True)


KEY_ENTRY = 0.19
"""Inches of each entry of the key to the levels, at 8 pt."""


def _level_keys(scale: Scale, ordered: Sequence[Record]) -> list[Patch]:
    """The key: each level, then no level."""
    none = Patch(facecolor=NO_LEVEL, edgecolor="0.5", label=f"- {no_level_words(ordered)}")
    return [*reversed(level_legend(scale)), none]


def _print_levels(ax: Axes, data: list[list[float]], palette: dict[int, str]) -> None:
    """Each cell's level as a number ("-" for none), in the ink that reads on its colour (a
    row per setting is drawn only where settings are named: nothing in it is withheld)."""
    for y, row in enumerate(data):
        for x, value in enumerate(row):
            none = math.isnan(value)
            ink = "black" if none else text_colour(palette[int(value)])
            text = "-" if none else str(int(value))
            ax.text(x, y, text, ha="center", va="center", fontsize=SMALL, color=ink)


def _cell(level: int | None) -> float:
    return math.nan if level is None else float(level)


def _row_label(record: Record, group: Grouping, by: str | None, width: float) -> str:
    """ "[Group] Name 2026-27" on one line of *width* inches, or wrapped between words onto
    two; cut short with "…" only where two lines cannot hold it, the year always kept."""
    year = record.year or (school_year(record.when) if record.when else "")
    when = f" {year}" if year else ""  # "2026-27", as schools say
    named = f"[{group(record)[1]}] " if by else ""
    text = f"{named}{record.name}"
    lines = wrap_title(text + when, width, SMALL).split("\n")
    if len(lines) <= 2:
        return "\n".join(lines)
    room = width - text_width(when, SMALL) * 1.06 / 72  # the year after the cut name
    return fit_lines(text, room) + when


def _group_lines(ax: Axes, ordered: Sequence[Record], group: Grouping, by: str | None) -> None:
    if by is None:
        return
    previous = None
    for y, record in enumerate(ordered):
        current = group(record)
        if previous is not None and current != previous:
            ax.axhline(y - 0.5, color="black", linewidth=1.2)
        previous = current
