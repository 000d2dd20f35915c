"""Small multiples of one group: a mini radar per setting, or a panel per QI when there are
too many settings for a radar each; on as many A4 portrait pages as they need."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from selfeval.charts.frame import (
    Caption,
    finish,
    fit_lines,
    foot_room,
    head_room,
    open_frame,
    share_of,
)
from selfeval.charts.page import (
    PORTRAIT,
    SMALL,
    Grid,
    axes_at,
    first_page,
    numbered,
    numbered_title,
    paged,
)
from selfeval.charts.style import PALETTE, level_colours
from selfeval.compare.cells import bands, block_span
from selfeval.compare.disclosure import TOGETHER_SAID
from selfeval.compare.records import MIN_GROUP, SELF, Record, distributions
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = [
    "qi_histograms_figure",
    "qi_histograms_pages",
    "radar_grid_figure",
    "radar_grid_pages",
    "spokes_of",
]


def spokes_of(records: Sequence[Record], columns: Sequence[QIColumn]) -> list[QIColumn]:
    """The columns a group's self-evaluations have levels for (every column for inspection
    grades, where an ungraded QI is still a row)."""
    if any(record.kind != SELF for record in records):
        return list(columns)
    asked = [c for c in columns if any(c.id in record.suggested for record in records)]
    return asked or list(columns)


COLS, RADAR = 3, 2.3
"""Mini radars per row of a portrait page, and the inches each takes, its name included:
three, so each spoke has room for its label at 8 pt."""
GAP_SAID = "a gap in an outline, or a dot alone: no level (not rated, or not applicable)"
"""What a radar's missing stretch means, keyed once a page."""


def radar_grid_pages(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    internal: str = "",
) -> list[Figure]:
    """A mini radar per setting, in order of name (never of level), each on the quality
    indicators the setting is judged against: a nursery's radar has the nursery's QIs, a
    school's HGIOS4's, rather than both with half of each radar empty. Named settings carry
    *internal* at the foot, as the named heatmap does (empty where they are codes)."""
    caption = caption.internal(internal)
    ordered = sorted(records, key=lambda r: (r.name.casefold(), r.when or 0))
    spokes = [spokes_of([record], columns) for record in ordered]
    rings = f"dashed ring: good; outer ring: excellent; {GAP_SAID}"
    heading = f"{caption.title}\n{_spokes_heading(spokes)}; {rings}"
    titled = replace(caption, title=heading)
    width, most = PORTRAIT
    head, foot = head_room(numbered_title(heading), width) + 0.1, foot_room(caption, width)
    rows = max(1, int((most - head - foot) / RADAR))
    pages = paged(list(zip(ordered, spokes, strict=True)), rows * COLS)
    grid = Grid(width, head, foot, RADAR, COLS)
    return [
        _radar_page(page, scale, numbered(titled, n, len(pages)), grid)
        for n, page in enumerate(pages, 1)
    ]


def _radar_page(
    page: Sequence[tuple[Record, list[QIColumn]]], scale: Scale, caption: Caption, grid: Grid
) -> Figure:
    from selfeval.charts.geometry import polygon_xy, ring_xy, spoke_angles, spoke_end

    figure, corners = grid.page(len(page))
    cell = grid.cell
    top = scale.highest
    for (left, above), (record, own) in zip(corners, page, strict=True):
        # room above for a name on two lines
        ax = axes_at(figure, left + 0.1, above - RADAR, cell - 0.2, RADAR - 0.42)
        angles = spoke_angles(len(own))
        for value in (scale.good_from, top):
            xs, ys = ring_xy(value, angles)
            good = value == scale.good_from  # dashed: a reference, never read as an outline
            ax.plot(xs, ys, color="0.6" if good else "0.85", linewidth=0.6)[0].set_linestyle(
                "--" if good else "-"
            )
        xs, ys = polygon_xy([record.level(c.id) for c in own], angles)
        ax.plot(xs, ys, color=PALETTE[0], linewidth=1.2, marker="o", markersize=2.2)
        for label, angle in zip(spoke_names(own), angles, strict=True):
            x, y, ha, va = spoke_end(angle, top * 1.12)
            ax.text(x, y, label, fontsize=SMALL, ha=ha, va=va, color="0.25")
        ax.set_xlim(-top * 1.6, top * 1.6)
        ax.set_ylim(-top * 1.35, top * 1.35)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(fit_lines(record.name, cell - 0.2), fontsize=SMALL, pad=2)
    return finish(figure, caption)


def spoke_names(own: Sequence[QIColumn]) -> list[str]:
    """Each spoke's label: its QI's number ("2.3"), or where QIs have none (the ELC
    frameworks) its place clockwise from the top, keyed in the heading ("1 = ...")."""
    if all(c.numbered for c in own):
        return [c.id for c in own]
    return [str(n) for n in range(1, len(own) + 1)]


def _spokes_key(own: Sequence[QIColumn]) -> str:
    """The spokes of one set of QIs: labelled by number, or keyed "1 = Leadership ..."."""
    if all(c.numbered for c in own):
        return "spokes labelled by QI number, clockwise from the top"
    names = spoke_names(own)
    return "spokes clockwise from the top: " + ", ".join(
        f"{n} = {c.title}" for n, c in zip(names, own, strict=True)
    )


def _spokes_heading(spokes: Sequence[Sequence[QIColumn]]) -> str:
    """What the spokes are: one key, or one per set of QIs (with how many settings are
    judged against it) where settings are judged against different ones."""
    sets: dict[tuple[str, ...], list[Sequence[QIColumn]]] = {}
    for own in spokes:
        sets.setdefault(tuple(c.id for c in own), []).append(own)
    if len(sets) <= 1:
        return f"one radar per setting; {_spokes_key(spokes[0]) if spokes else ''}"
    parts = [
        f"for {len(same)} setting{'s' if len(same) != 1 else ''}: {_spokes_key(same[0])}"
        for same in sets.values()
    ]
    judged = "one radar per setting, on the quality indicators it is judged against"
    return f"{judged}; {'; '.join(parts)}"


PANEL_COLS, PANEL = 3, 2.0
"""Per-QI panels per row of a portrait page, and the inches each is tall, its title included."""


def qi_histograms_pages(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
) -> list[Figure]:
    """One small panel per QI: the % of settings at each level."""
    heading = caption.title + f"\n% of settings at each level ({scale.span})"
    dists = distributions(records, columns, scale, min_group)
    if any(d.hidden and d.with_level and not d.suppressed for d in dists):
        said = TOGETHER_SAID.format(min_group=min_group)  # what the hatching is, here
        caption = caption.noting(
            f" Hatched: levels {said}; one bar across them, of their share together, with "
            'their levels and count ("1-3: 6").'
        )
    titled = replace(caption, title=heading)
    width, most = PORTRAIT
    head, foot = head_room(numbered_title(heading), width) + 0.1, foot_room(caption, width)
    rows = max(1, int((most - head - foot) / PANEL))
    pages = paged(dists, rows * PANEL_COLS)
    values = sorted(scale.values)
    colours = level_colours(scale)
    grid = Grid(width, head, foot, PANEL, PANEL_COLS, left=0.3, right=0.0)
    cell = grid.cell
    figures = []
    for n, page in enumerate(pages, 1):
        figure, corners = grid.page(len(page))
        for (left, above), dist in zip(corners, page, strict=True):
            ax = axes_at(figure, left + 0.2, above - PANEL + 0.3, cell - 0.4, PANEL - 0.85)
            shown = dist.with_level and not dist.suppressed
            shares = [100.0 * dist.counts.get(v, 0) / dist.with_level
                      if shown and v not in dist.hidden else 0.0 for v in values]  # fmt: skip
            for block, count in bands(dist, scale.good_from) if shown else ():
                _together(ax, block, count, dist.with_level)
            ax.bar(values, shares, color=[colours[v] for v in values], edgecolor="0.4",
                   linewidth=0.4)  # fmt: skip
            title = fit_lines(dist.qi.heading, cell - 0.4, 3)  # whole where three lines hold it
            ax.set_title(f"{title}\n{share_of(dist)} good or better", fontsize=SMALL)
            ax.set_xticks(values, [str(v) for v in values], fontsize=SMALL)
            ax.set_ylim(0, 100)
            ax.tick_params(axis="y", labelsize=SMALL)
            open_frame(ax)
        figures.append(finish(figure, numbered(titled, n, len(pages))))
    return figures


def _together(ax: Axes, block: frozenset[int], count: int, n: int) -> None:
    """Levels counted together as one hatched bar across them, as high as their share
    together, labelled with its levels and count: drawn full height at each level, they read
    as "100% at 1, 2 and 3" (a committee reader's trial)."""
    low, high = min(block), max(block)
    share = 100.0 * count / n
    ax.bar((low + high) / 2, share, width=high - low + 0.8, color="white", edgecolor="0.4",
           hatch="///", linewidth=0.4)  # fmt: skip
    ax.text((low + high) / 2, share + 3, f"{block_span(block)}: {count}", ha="center",
            va="bottom", fontsize=SMALL)  # fmt: skip


radar_grid_figure = first_page(radar_grid_pages)
qi_histograms_figure = first_page(qi_histograms_pages)
