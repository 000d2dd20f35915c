"""The counting heatmap, for more settings than a row each would show: per group, a row per
level (and one for no level), each cell the settings at that level of that QI."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from selfeval.charts.frame import (
    Caption,
    empty_figure,
    finish,
    fit_lines,
    foot_room,
    head_room,
    listed,
    text_width,
)
from selfeval.charts.heatgrid import (
    HATCH,
    NO_LEVEL,
    column_labels,
    no_level_words,
    overhang,
    title_room,
)
from selfeval.charts.page import LANDSCAPE, PORTRAIT, SMALL, numbered, numbered_title, paged
from selfeval.charts.style import ON_HATCH, level_colours, text_colour
from selfeval.compare.disclosure import TOGETHER_SAID, bands, protected_groups
from selfeval.compare.records import MIN_GROUP, NOT_GRADED, Distribution, Grouping, Record
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = ["counts_pages"]


def counts_pages(
    ordered: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    group: Grouping,
    omitted: int,
    min_group: int = MIN_GROUP,
    coded: bool = False,
) -> list[Figure]:
    """Too many settings for a row each: per group, a row per level and one for no level, each
    cell the number of settings at that level of that QI, shaded by its share of the group;
    as many groups to an A4 portrait page as fit, on as many pages as they need. A QI of a
    group with fewer than *min_group* settings with a level (or withheld so that such a
    group's levels cannot be worked out) is hatched without counts; a group with no QI to
    show gets no rows and is named under the chart. *coded* settings are counted however few
    (an anonymised paper gives no setting a row)."""
    every: dict[str, list[Record]] = {}
    for record in ordered:
        every.setdefault(group(record)[1], []).append(record)
    protected = protected_groups(every, dict.fromkeys(every, columns), scale, min_group)
    groups = {  # a group with no level to show would be a block of hatching
        n: m
        for n, m in every.items()
        if any(d.with_level and not d.suppressed for d in protected[n])
    }
    hidden = [name for name in every if name not in groups]
    noun = "schools" if no_level_words(ordered) == NOT_GRADED else "settings"  # graded: schools
    note = (
        (
            f" No {noun[:-1]} has a row of its own in an anonymised paper:"
            if coded
            else f" {len(ordered)} {noun} are too many for a row each:"
        )
        + f" each cell counts the {noun} "
        "at that level of that QI, darker for a larger share of the group. "
        + (  # two kinds of hatching, each said once: a foot said "hatched" of both in turn
            "Hatched in a box, with a number: the levels the box spans, "
            f"{TOGETHER_SAID.format(min_group=min_group)}. Hatched with no box or number: "
            "withheld, "
            if coded
            else "Hatched: "
        )
        + f"fewer than {min_group} {noun} have a level, or shown it would give such a group's "
        "away."
        + (f" {omitted} {noun} with no level at all are not shown." if omitted else "")
        + (f" Not drawn, too few {noun} to show: {listed(hidden)}." if hidden else "")
    )
    if not groups:
        return [empty_figure(caption.noting(note), "No group is large enough to show.")]
    noted = caption.noting(note)
    # slanted titles (unnumbered QIs) need 0.45 inches a column: wider than portrait holds
    width, most = PORTRAIT if all(c.numbered for c in columns) else LANDSCAPE
    levels = len(scale.values) + 1
    head = head_room(numbered_title(noted.title), width, bold=True) + title_room(columns) + 0.35
    foot = foot_room(noted, width) + 0.15
    per_page = max(1, int((most - head - foot) / (COUNT_ROW * levels)))
    pages = paged(list(groups), per_page)
    return [
        _counts_page({name: groups[name] for name in names}, protected, columns, scale,
                     numbered(noted, n, len(pages)), head, foot)
        for n, names in enumerate(pages, 1)
    ]  # fmt: skip


COUNT_ROW = 0.17
"""Inches per row of the counting heatmap."""


def _counts_page(
    groups: dict[str, list[Record]],
    protected: dict[str, list[Distribution]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    head: float,
    foot: float,
) -> Figure:
    """One page of the counting heatmap: a block of rows per group."""
    named = len(groups) > 1 or next(iter(groups)) != "all"
    names = list(groups)
    levels: list[int | None] = [*sorted(scale.values, reverse=True), None]
    width = PORTRAIT[0] if all(c.numbered for c in columns) else LANDSCAPE[0]
    rows = len(levels) * len(names)
    height = head + foot + COUNT_ROW * rows
    figure = Figure(figsize=(width, height))
    none = no_level_words([r for members in groups.values() for r in members])
    labels = [
        _level_row_label(name, level, scale, offset, named, none)
        for name in names
        for offset, level in enumerate(levels)
    ]
    # measured, not guessed: "- not graded at their inspection" ran off the left edge
    label_inches = max(text_width(label, SMALL) for label in labels) / 72 * 1.06 + 0.25
    grid_inches = min(0.45 * len(columns), width - label_inches - max(0.2, overhang(columns)))
    ax = figure.add_axes(
        (label_inches / width, foot / height, grid_inches / width, COUNT_ROW * rows / height)
    )
    palette = level_colours(scale)
    for block, name in enumerate(names):
        members = groups[name]
        for offset, level in enumerate(levels):
            y = block * len(levels) + offset
            for x, (column, dist) in enumerate(zip(columns, protected[name], strict=True)):
                if level is not None and (dist.suppressed or level in dist.hidden):  # no count
                    ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor="white",
                                           edgecolor="0.75", hatch=HATCH, linewidth=0))  # fmt: skip
                    continue
                count = sum(1 for r in members if r.level(column.id) == level)
                colour = NO_LEVEL if level is None else palette[level]
                share = count / len(members)
                ax.add_patch(Rectangle((x - 0.5, y - 0.5), 1, 1, facecolor=colour,
                                       alpha=0.15 + 0.85 * share if count else 0.0))  # fmt: skip
                ink = "black" if share < 0.5 or level is None else text_colour(colour)
                # 0 printed: a blank cell read as "not shown", which is hatched
                ax.text(x, y, str(count), ha="center", va="center", fontsize=SMALL,
                        color=ink)  # fmt: skip
        for x, dist in enumerate(protected[name]):
            _bands(ax, (x, block * len(levels)), dist, levels, scale, grid_inches / len(columns))
        if block:
            ax.axhline(block * len(levels) - 0.5, color="black", linewidth=1.2)
    ax.set_xlim(-0.5, len(columns) - 0.5)
    ax.set_ylim(rows - 0.5, -0.5)
    column_labels(ax, columns)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(labels)), labels, fontsize=SMALL)
    ax.tick_params(axis="y", length=0)
    return finish(figure, caption, bold=True)


def _bands(
    ax: Axes,
    at: tuple[int, int],
    dist: Distribution,
    levels: Sequence[int | None],
    scale: Scale,
    wide: float,
) -> None:
    """Each side of good that *dist* counts only together (an anonymised paper's), outlined
    as one cell over its levels' rows, its count in the middle: a count on every row of a
    committee's table, where a hatched block said nothing. *at* is the column and the
    block's first row; a count wider than the column (*wide* inches) is turned upright
    ("103103111" ran together across three columns)."""
    x, top = at
    for side, count in bands(dist, scale.good_from):
        rows = [top + levels.index(v) for v in side]
        ax.add_patch(Rectangle((x - 0.5, min(rows) - 0.5), 1, len(rows), facecolor="none",
                               edgecolor="0.3", linewidth=0.8))  # fmt: skip
        upright = text_width(str(count), SMALL) / 72 > 0.75 * wide
        ax.text(x, (min(rows) + max(rows)) / 2, str(count), ha="center", va="center",
                fontsize=SMALL, bbox=ON_HATCH, rotation=90 if upright else 0)  # fmt: skip


def _level_row_label(
    group: str, level: int | None, scale: Scale, offset: int, named: bool, none: str
) -> str:
    """ "Primary school  6 excellent" on a group's first row, then the level alone; a long
    group name goes on over its block's first rows, whole ("Additional support needs
    (special school or provision)" was cut to "Additional support…")."""
    words = f"- {none}" if level is None else scale.label(level)
    lines = fit_lines(group, GROUP_LABEL, len(scale.values) + 1).split("\n") if named else []
    return f"{lines[offset]}   {words}" if offset < len(lines) else words


GROUP_LABEL = 1.7
"""Inches of a group's name beside its block of level rows (3 inches with the levels)."""
