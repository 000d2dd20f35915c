"""Small multiples: the right ones for the data, per group, per setting, or per QI.

Groups are drawn as percentages so groups of different sizes compare fairly; settings in order
of name, never of level.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from selfeval.charts.frame import (
    Caption,
    finish,
    grid_shape,
    level_legend,
    open_frame,
    qi_label,
    title_lines,
)
from selfeval.charts.style import PALETTE, level_colours
from selfeval.compare.records import (
    MIN_GROUP,
    SELF,
    Distribution,
    Record,
    distributions,
    protect,
)
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = [
    "MAX_PANELS",
    "MAX_RADARS",
    "group_panels_figure",
    "qi_histograms_figure",
    "radar_grid_figure",
    "small_multiples_figure",
]

MAX_PANELS = 60
"""Most group panels drawn in one small-multiples figure; the rest are in summary.csv."""
MAX_RADARS = 48
"""Up to this many settings, small multiples show one mini radar per setting."""


def small_multiples_figure(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
) -> Figure:
    """The right small multiples for the data: per group, per setting, or per QI (groups of
    fewer than *min_group* settings get counts, not shares)."""
    if len(groups) > 1:
        return group_panels_figure(groups, columns, scale, caption, min_group)
    records = next(iter(groups.values()), [])
    if len(records) <= MAX_RADARS:
        return radar_grid_figure(records, columns, scale, caption)
    return qi_histograms_figure(records, columns, scale, caption, min_group)


def group_panels_figure(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
) -> Figure:
    """One panel per group (stage, authority, cluster): its distribution over every QI its
    settings are given levels for (a nursery panel has the nursery's QIs, a school's HGIOS4's).
    A group none of whose QIs can be shown (too few settings, or withheld) gets no panel: the
    heading names them instead."""
    protected = _protected(groups, list(groups), columns, scale, min_group)
    drawable = [
        name for name in groups if any(d.with_level and not d.suppressed for d in protected[name])
    ]
    hidden = [name for name in groups if name not in drawable]
    names = drawable[:MAX_PANELS]
    if not names:
        return _nothing_to_draw(groups, caption, min_group)
    shown = {name: _asked(groups[name], columns) for name in names}
    labels = {c.id: _row_label(c) for c in columns}
    wide = max((len(labels[c.id]) for cs in shown.values() for c in cs), default=0) > 4
    rows, cols = grid_shape(len(names), 3 if wide else 4)
    panel_height = 0.35 + 0.17 * max((len(cs) for cs in shown.values()), default=1)
    height = rows * (panel_height + 0.55) + 1.2
    figure = Figure(figsize=(13.0, height))
    grid = figure.add_gridspec(
        rows, cols, hspace=0.55, wspace=1.0 if wide else 0.55, top=1 - 1.0 / height,
        bottom=0.55 / height, left=0.15 if wide else 0.04, right=0.9,
    )  # fmt: skip
    values = sorted(scale.values)
    colours = level_colours(scale)
    whole = {
        d.qi.id: d.percent_good_or_better for d in distributions(_all(groups), columns, scale, 1)
    }
    for index, name in enumerate(names):
        ax = figure.add_subplot(grid[index // cols, index % cols])
        dists = protected[name]
        ys = list(range(len(dists)))[::-1]
        for y, dist in zip(ys, dists, strict=True):
            overall = whole[dist.qi.id]
            left = 0.0
            for value in values:
                count = dist.counts.get(value, 0)
                if count and dist.with_level and not dist.suppressed:
                    width = 100.0 * count / dist.with_level
                    ax.barh(y, width, left=left, color=colours[value], height=0.8)
                    left += width
            if overall is not None and dist.with_level and not dist.suppressed:  # the whole's
                ax.plot([100 - overall] * 2, [y - 0.5, y + 0.5], color="black", linewidth=1.2)
            ax.text(102, y, dist.share(), va="center", fontsize=5.5)
        ax.set_yticks(ys, [labels[d.qi.id] for d in dists], fontsize=5.5)
        ax.set_ylim(-0.6, len(dists) - 0.4)  # the same rows whether or not bars are drawn
        ax.set_xlim(0, 100)
        ax.set_xticks([])
        ax.set_title(
            f"{textwrap.shorten(name, 28, placeholder='…')} (n={len(groups[name])})", fontsize=7
        )
        open_frame(ax, "top", "right", "bottom")
    reference = Line2D([], [], color="black", linewidth=1.2, label="all groups: good or better")
    figure.legend(
        handles=[*level_legend(scale), reference],
        loc="upper right",
        ncols=len(values) + 1,
        fontsize=7,
        frameon=False,
    )
    dropped = len(drawable) - len(names)
    extra = (
        f" Only the first {len(names)} groups are drawn ({dropped} more in summary.csv)."
        if dropped
        else ""
    )
    if hidden:
        extra += f" Not drawn, too few settings to show: {_listed(hidden)}."
    heading = (
        caption.title + "\nbars: share of settings at each level; figure: % good or better "
        f"(not shown where fewer than {min_group} settings have a level, or where it would "
        "give such a group's away)\nblack tick: where good "
        "or better begins for all groups together, to read each group against the whole; "
        "groups in the order of their names, never ranked"
    )
    return finish(figure, replace(caption.noting(extra), title=heading))


def _listed(names: Sequence[str], most: int = 12) -> str:
    """*names* in a sentence, the first *most* of them and how many more."""
    more = len(names) - most
    return ", ".join(names[:most]) + (f" and {more} more" if more > 0 else "")


def _nothing_to_draw(
    groups: Mapping[str, Sequence[Record]], caption: Caption, min_group: int
) -> Figure:
    """A figure that says why there are no panels: every group is too small to show."""
    figure = Figure(figsize=(11.0, 2.6))
    figure.text(
        0.02, 0.55,
        textwrap.fill(
            f"No group has {min_group} or more settings with a level, so no group's levels "
            f"can be shown without giving a setting's own away ({_listed(list(groups))}). "
            "The distribution chart shows all of them together.",
            130,
        ),
        fontsize=9, va="center",
    )  # fmt: skip
    return finish(figure, caption)


def _protected(
    groups: Mapping[str, Sequence[Record]],
    names: Sequence[str],
    columns: Sequence[QIColumn],
    scale: Scale,
    min_group: int,
) -> dict[str, list[Distribution]]:
    """Each drawn group's distributions of the QIs it was asked, protected across every group
    (`protect`): with the whole's tick drawn, a small group's levels must not be the whole
    less the others."""
    every = {
        name: distributions(members, _asked(members, columns), scale, min_group)
        for name, members in groups.items()
    }
    by_qi: dict[str, list[tuple[str, Distribution]]] = {}
    for name, dists in every.items():
        for dist in dists:
            by_qi.setdefault(dist.qi.id, []).append((name, dist))
    safe: dict[tuple[str, str], Distribution] = {}
    for qi, rows in by_qi.items():
        for (name, _), dist in zip(rows, protect([d for _, d in rows]), strict=True):
            safe[(name, qi)] = dist
    return {name: [safe[(name, d.qi.id)] for d in every[name]] for name in names}


def _asked(records: Sequence[Record], columns: Sequence[QIColumn]) -> list[QIColumn]:
    """The columns a group's self-evaluations have levels for (every column for inspection
    grades, where an ungraded QI is still a row)."""
    if any(record.kind != SELF for record in records):
        return list(columns)
    asked = [c for c in columns if any(c.id in record.suggested for record in records)]
    return asked or list(columns)


def _row_label(column: QIColumn) -> str:
    """A panel row's label: "2.3", or a title shortened to fit beside a small panel."""
    short = textwrap.shorten(column.short, 30, placeholder="…")
    return short[:-2] + "…" if short.endswith((",…", ";…", ":…")) else short


def _all(groups: Mapping[str, Sequence[Record]]) -> list[Record]:
    return [record for records in groups.values() for record in records]


def radar_grid_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
) -> Figure:
    """A mini radar per setting, in order of name (never of level), each on the quality
    indicators the setting is judged against: a nursery's radar has the nursery's QIs, a
    school's HGIOS4's, rather than both with half of each radar empty."""
    from selfeval.charts.geometry import polygon_xy, ring_xy, spoke_angles

    ordered = sorted(records, key=lambda r: (r.name.casefold(), r.when or 0))
    spokes = [_asked([record], columns) for record in ordered]
    rings = "dashed ring: good; outer ring: excellent"
    heading = f"{caption.title}\n{_spokes_heading(spokes)}; {rings}"
    rows, cols = grid_shape(len(ordered), 6)
    head = 0.43 + 0.16 * title_lines(heading, 13.0)  # room for every line of the heading
    height = rows * 2.2 + 0.35 + head
    figure = Figure(figsize=(13.0, height))
    grid = figure.add_gridspec(
        rows,
        cols,
        hspace=0.35,
        wspace=0.1,
        top=1 - head / height,
        bottom=0.45 / height,
        left=0.01,
        right=0.99,
    )
    top = scale.highest
    for index, (record, own) in enumerate(zip(ordered, spokes, strict=True)):
        angles = spoke_angles(len(own))
        ax = figure.add_subplot(grid[index // cols, index % cols])
        for value in (scale.good_from, top):
            xs, ys = ring_xy(value, angles)
            good = value == scale.good_from  # dashed: a reference, never read as an outline
            ax.plot(xs, ys, color="0.6" if good else "0.85", linewidth=0.6)[0].set_linestyle(
                "--" if good else "-"
            )
        xs, ys = polygon_xy([record.level(c.id) for c in own], angles)
        ax.plot(xs, ys, color=PALETTE[0], linewidth=1.2, marker="o", markersize=1.8)
        ax.set_xlim(-top * 1.1, top * 1.1)
        ax.set_ylim(-top * 1.1, top * 1.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(textwrap.shorten(record.name, 30, placeholder="…"), fontsize=6.5)
    return finish(figure, replace(caption, title=heading))


def _spokes_heading(spokes: Sequence[Sequence[QIColumn]]) -> str:
    """What the spokes are, clockwise from the top: one list, or one per set of QIs (with how
    many settings are judged against it) where settings are judged against different ones."""
    sets: dict[tuple[str, ...], list[Sequence[QIColumn]]] = {}
    for own in spokes:
        sets.setdefault(tuple(c.id for c in own), []).append(own)
    if len(sets) <= 1:
        names = ", ".join(c.short for c in spokes[0]) if spokes else ""
        return f"one radar per setting; spokes clockwise from the top: {names}"
    parts = [
        f"for {len(same)} setting{'s' if len(same) != 1 else ''}: "
        + ", ".join(c.short for c in same[0])
        for same in sets.values()
    ]
    return (
        "one radar per setting, on the quality indicators it is judged against; spokes "
        f"clockwise from the top: {'; '.join(parts)}"
    )


def qi_histograms_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
) -> Figure:
    """One small panel per QI: the % of settings at each level."""
    rows, cols = grid_shape(len(columns), 4)
    height = 2.1 * rows + 1.3
    figure = Figure(figsize=(2.6 * cols + 0.5, height))
    grid = figure.add_gridspec(
        rows, cols, hspace=0.75, wspace=0.3, top=1 - 0.9 / height, bottom=0.75 / height
    )
    values = sorted(scale.values)
    for index, dist in enumerate(distributions(records, columns, scale, min_group)):
        ax = figure.add_subplot(grid[index // cols, index % cols])
        shares = [
            100.0 * dist.counts.get(v, 0) / dist.with_level
            if dist.with_level and not dist.suppressed
            else 0.0
            for v in values
        ]
        ax.bar(
            values,
            shares,
            color=[level_colours(scale)[v] for v in values],
            edgecolor="0.4",
            linewidth=0.4,
        )
        ax.set_title(f"{qi_label(dist.qi, 30)}\n{dist.share()} good or better", fontsize=7.5)
        ax.set_xticks(values, [str(v) for v in values], fontsize=6.5)
        ax.set_ylim(0, 100)
        ax.tick_params(axis="y", labelsize=6)
        open_frame(ax)
    heading = caption.title + f"\n% of settings at each level ({scale.span})"
    return finish(figure, replace(caption, title=heading))
