"""The heatmap: settings (rows, by group then name, never by level) by QIs, cells by level."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from selfeval.charts.frame import Caption, empty_figure, finish
from selfeval.charts.style import level_colours, text_colour
from selfeval.compare.records import Grouping, Record, grouping
from selfeval.digest.framework import QIColumn
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Framework, Scale

__all__ = ["ANNOTATE_ROWS", "counts_figure", "heatmap_figure"]

ANNOTATE_ROWS = 80
"""Up to this many settings the heatmap names each row and prints each level."""


def heatmap_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    by: str | None = None,
    framework: Framework | None = None,
) -> Figure:
    """Settings (rows, by group then name) by QIs (columns), each cell coloured by its level.
    Grouped by stage, the stages are named in words in *framework*'s order."""
    with_level = [r for r in records if any(r.level(c.id) is not None for c in columns)]
    omitted = len(records) - len(with_level)
    group = grouping(by, framework)
    ordered = sorted(with_level, key=lambda r: (*group(r), r.name.casefold(), r.when or 0))
    rows = len(ordered)
    if rows == 0:
        return empty_figure(caption, "No setting has a level for any quality indicator yet.")
    if rows > ANNOTATE_ROWS:  # a row per setting would be a barcode: count them instead
        return counts_figure(ordered, columns, scale, caption, group, omitted)
    labels, previous = [], None
    for record in ordered:  # the group is named on its first row
        labels.append(_row_label(record, group, by if group(record) != previous else None))
        previous = group(record)
    titled = _title_room(columns)
    height = 1.8 + titled + 0.2 * rows
    label_inches = 0.3 + LABEL_INCH_PER_CHAR * max(len(label) for label in labels)
    grid_inches = max(3.2, 0.55 * len(columns))
    width = label_inches + grid_inches + 1.6  # the key on the right
    figure = Figure(figsize=(width, height))
    left = label_inches / width  # wide enough for the longest label: none is clipped
    ax = figure.add_axes((left, 0.8 / height, grid_inches / width, 1 - (1.9 + titled) / height))
    data = [[_cell(r.level(c.id)) for c in columns] for r in ordered]
    palette = level_colours(scale)
    colours = ListedColormap([palette[v] for v in sorted(scale.values)]).with_extremes(bad=NO_LEVEL)
    bounds = [v - 0.5 for v in sorted(scale.values)] + [max(scale.values) + 0.5]
    image = ax.imshow(
        data,
        aspect="auto",
        cmap=colours,
        norm=BoundaryNorm(bounds, colours.N),
        interpolation="nearest",
    )
    _column_labels(ax, columns)
    ax.xaxis.tick_top()
    ax.set_yticks(range(rows), labels, fontsize=7)  # the group named on its first row
    _print_levels(ax, data, palette)
    _group_lines(ax, ordered, group, by)
    bar = figure.colorbar(image, ax=ax, ticks=sorted(scale.values), fraction=0.04, pad=0.02)
    bar.ax.set_yticklabels([scale.label(v) for v in sorted(scale.values)], fontsize=7)
    none = Patch(facecolor=NO_LEVEL, edgecolor="0.5", label="- no level")
    bar.ax.legend(
        handles=[none], loc="upper left", bbox_to_anchor=(0.0, -0.02), frameon=False, fontsize=7
    )  # a key entry for the grey cells, under the level key
    note = " Grey: no level (not enough evidence or not graded)."
    if omitted:
        note += f" {omitted} settings with no level at all are not shown."
    return finish(figure, caption.noting(note), bold=True)


LABEL_INCH_PER_CHAR = 0.062
"""About the width of one character of 7 pt DejaVu Sans, with a little to spare."""

NO_LEVEL = "0.96"
"""The grey of a cell with no level: far lighter than any level's colour, and keyed."""


def _print_levels(ax: Axes, data: list[list[float]], palette: dict[int, str]) -> None:
    """Each cell's level as a number ("-" for none), in the ink that reads on its colour."""
    for y, row in enumerate(data):
        for x, value in enumerate(row):
            none = math.isnan(value)
            ink = "black" if none else text_colour(palette[int(value)])
            text = "-" if none else str(int(value))
            ax.text(x, y, text, ha="center", va="center", fontsize=7, color=ink)


MAX_GROUPS = 12
"""Most groups the counting heatmap draws (a block of rows each); the rest are in summary.csv."""


def counts_figure(
    ordered: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    group: Grouping,
    omitted: int,
) -> Figure:
    """Too many settings for a row each: per group, a row per level and one for no level, each
    cell the number of settings at that level of that QI, shaded by its share of the group."""
    groups: dict[str, list[Record]] = {}
    for record in ordered:
        groups.setdefault(group(record)[1], []).append(record)
    named = len(groups) > 1 or next(iter(groups)) != "all"
    names = list(groups)[:MAX_GROUPS]
    levels: list[int | None] = [*sorted(scale.values, reverse=True), None]
    titled = _title_room(columns)
    height = 1.9 + titled + 0.19 * len(levels) * len(names)
    figure = Figure(figsize=(max(7.0, 3.4 + 0.55 * len(columns)), height))
    ax = figure.add_axes((0.3, 0.8 / height, 0.62, 1 - (1.9 + titled) / height))
    palette = level_colours(scale)
    labels = []
    for block, name in enumerate(names):
        members = groups[name]
        for offset, level in enumerate(levels):
            y = block * len(levels) + offset
            labels.append(_level_row_label(name, level, scale, offset, named))
            for x, column in enumerate(columns):
                count = sum(1 for r in members if r.level(column.id) == level)
                colour = NO_LEVEL if level is None else palette[level]
                share = count / len(members)
                ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour,
                                       alpha=0.15 + 0.85 * share if count else 0.0))  # fmt: skip
                ink = "black" if share < 0.5 or level is None else text_colour(colour)
                ax.text(x, y, str(count) if count else "", ha="center", va="center",
                        fontsize=6.5, color=ink)  # fmt: skip
        if block:
            ax.axhline(block * len(levels) - 0.5, color="black", linewidth=1.2)
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(len(levels) * len(names) - 0.5, -0.5)
    _column_labels(ax, columns)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(labels)), labels, fontsize=6.5)
    ax.tick_params(axis="y", length=0)
    dropped = len(groups) - len(names)
    note = (
        f" {len(ordered)} settings are too many for a row each: each cell counts the settings "
        "at that level of that QI, darker for a larger share of the group."
        + (f" Only the first {len(names)} groups are drawn ({dropped} more in summary.csv)."
           if dropped else "")
        + (f" {omitted} settings with no level at all are not shown." if omitted else "")
    )  # fmt: skip
    return finish(figure, caption.noting(note), bold=True)


def _level_row_label(group: str, level: int | None, scale: Scale, offset: int, named: bool) -> str:
    """ "Primary school  6 excellent" on a group's first row, then the level alone."""
    words = "- no level" if level is None else scale.label(level)
    if not named or offset:
        return words
    return f"{textwrap.shorten(group, 28, placeholder='…')}   {words}"


def _cell(level: int | None) -> float:
    return math.nan if level is None else float(level)


def _row_label(record: Record, group: Grouping, by: str | None) -> str:
    name = textwrap.shorten(record.name, 38, placeholder="…")
    when = f" {school_year(record.when)}" if record.when else ""  # "2026-27", as schools say
    named = f"[{textwrap.shorten(group(record)[1], 30, placeholder='…')}] " if by else ""
    return f"{named}{name}{when}"


def _group_lines(ax: Axes, ordered: Sequence[Record], group: Grouping, by: str | None) -> None:
    if by is None:
        return
    previous = None
    for y, record in enumerate(ordered):
        current = group(record)
        if previous is not None and current != previous:
            ax.axhline(y - 0.5, color="black", linewidth=1.2)
        previous = current


def _title_room(columns: Sequence[QIColumn]) -> float:
    """Inches above the grid for slanted QI titles (none where every QI has a number)."""
    return 0.0 if all(c.numbered for c in columns) else 1.1


def _column_labels(ax: Axes, columns: Sequence[QIColumn]) -> None:
    """QI numbers across the top; titles (QIs without numbers) shortened and slanted so that
    neighbours never overlap."""
    if all(c.numbered for c in columns):
        ax.set_xticks(range(len(columns)), [c.short for c in columns], fontsize=8)
        return
    labels = [
        c.short if c.numbered else textwrap.shorten(c.short, 30, placeholder="…") for c in columns
    ]
    ax.set_xticks(
        range(len(columns)), labels, fontsize=7, rotation=40, ha="left", rotation_mode="anchor"
    )
