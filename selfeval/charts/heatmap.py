"""The heatmap: settings (rows, by group then name, never by level) by QIs, cells by level."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from selfeval.charts.frame import Caption, empty_figure, finish
from selfeval.charts.style import level_colours, text_colour
from selfeval.compare.records import QIColumn, Record
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Scale

__all__ = ["ANNOTATE_ROWS", "heatmap_figure"]

ANNOTATE_ROWS = 80
"""Up to this many settings the heatmap names each row and prints each level."""


def heatmap_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    by: str | None = None,
) -> Figure:
    """Settings (rows, by group then name) by QIs (columns), each cell coloured by its level."""
    with_level = [r for r in records if any(r.level(c.id) is not None for c in columns)]
    omitted = len(records) - len(with_level)
    ordered = sorted(with_level, key=lambda r: (r.group(by), r.name.casefold(), r.when or 0))
    rows = len(ordered)
    if rows == 0:
        return empty_figure(caption, "No setting has a level for any quality indicator yet.")
    annotate = rows <= ANNOTATE_ROWS
    height = 1.8 + 0.2 * rows if annotate else 11.0
    figure = Figure(figsize=(max(6.0, 2.8 + 0.55 * len(columns)), height))
    left = 0.34 if annotate else 0.12
    ax = figure.add_axes((left, 0.8 / height, 0.8 - left, 1 - 1.9 / height))
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
    ax.set_xticks(range(len(columns)), [c.id for c in columns], fontsize=8)
    ax.xaxis.tick_top()
    if annotate:
        ax.set_yticks(range(rows), [_row_label(r, by) for r in ordered], fontsize=7)
        _print_levels(ax, data, palette)
    else:
        ticks, names = _group_ticks(ordered, by)
        ax.set_yticks(ticks, names, fontsize=7)
        ax.set_ylabel(
            f"{rows} settings, in order of group and name (names in summary.csv)", fontsize=8
        )
    _group_lines(ax, ordered, by)
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


NO_LEVEL = "0.93"
"""The grey of a cell with no level: far lighter than any level's colour, and keyed."""


def _print_levels(ax: Axes, data: list[list[float]], palette: dict[int, str]) -> None:
    """Each cell's level as a number ("-" for none), in the ink that reads on its colour."""
    for y, row in enumerate(data):
        for x, value in enumerate(row):
            none = math.isnan(value)
            ink = "black" if none else text_colour(palette[int(value)])
            text = "-" if none else str(int(value))
            ax.text(x, y, text, ha="center", va="center", fontsize=7, color=ink)


def _group_ticks(ordered: Sequence[Record], by: str | None) -> tuple[list[float], list[str]]:
    """A label at the middle of each group's rows (only when grouped)."""
    if by is None:
        return [], []
    spans: dict[str, list[int]] = {}
    for y, record in enumerate(ordered):
        spans.setdefault(record.group(by), []).append(y)
    ticks = [(rows[0] + rows[-1]) / 2 for rows in spans.values()]
    names = [textwrap.shorten(name, 30, placeholder="…") for name in spans]
    return ticks, names


def _cell(level: int | None) -> float:
    return math.nan if level is None else float(level)


def _row_label(record: Record, by: str | None) -> str:
    name = textwrap.shorten(record.name, 38, placeholder="…")
    when = f" {school_year(record.when)}" if record.when else ""  # "2026-27", as schools say
    group = f"[{textwrap.shorten(record.group(by), 14, placeholder='…')}] " if by else ""
    return f"{group}{name}{when}"


def _group_lines(ax: Axes, ordered: Sequence[Record], by: str | None) -> None:
    if by is None:
        return
    previous = None
    for y, record in enumerate(ordered):
        group = record.group(by)
        if previous is not None and group != previous:
            ax.axhline(y - 0.5, color="black", linewidth=1.2)
        previous = group
