"""Small multiples: the right ones for the data, per group, per setting, or per QI.

Groups are drawn as percentages so groups of different sizes compare fairly; settings in order
of name, never of level.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from selfeval.charts.frame import (
    Caption,
    finish,
    fit_lines,
    foot_room,
    head_room,
    level_legend,
    listed,
    open_frame,
    share_of,
)
from selfeval.charts.minis import (
    qi_histograms_figure,
    qi_histograms_pages,
    radar_grid_figure,
    radar_grid_pages,
    spokes_of,
)
from selfeval.charts.page import (
    HALF_PAGE,
    PORTRAIT,
    SMALL,
    Grid,
    axes_at,
    first_page,
    numbered,
    numbered_title,
    paged,
)
from selfeval.charts.style import level_colours
from selfeval.compare.disclosure import TOGETHER_SAID, blocks, protected_groups
from selfeval.compare.records import (
    MIN_GROUP,
    Distribution,
    Record,
    distributions,
)
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = [
    "MAX_PANELS",
    "MAX_RADARS",
    "group_panels_figure",
    "group_panels_pages",
    "qi_histograms_figure",
    "qi_histograms_pages",
    "radar_grid_figure",
    "radar_grid_pages",
    "small_multiples_figure",
    "small_multiples_pages",
]

MAX_PANELS = 180
"""Most group panels drawn (a page holds six or nine); the rest are in summary.csv."""
MAX_RADARS = 48
"""Up to this many settings, small multiples show one mini radar per setting."""


def small_multiples_pages(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
    internal: str = "",
    coded: bool = False,
) -> list[Figure]:
    """The right small multiples for the data: per group, per setting, or per QI (groups of
    fewer than *min_group* settings get counts, not shares), on A4 pages. *internal* is said
    under a radar per named setting (the only one of them that names settings); *coded*
    settings get no radar each (a radar cannot show a level withheld as withheld, and its
    gap would read as "no level"), but the histograms per QI."""
    if len(groups) > 1:
        return group_panels_pages(groups, columns, scale, caption, min_group)
    records = next(iter(groups.values()), [])
    if len(records) <= MAX_RADARS and not coded:
        return radar_grid_pages(records, columns, scale, caption, internal)
    return qi_histograms_pages(records, columns, scale, caption, min_group)


def group_panels_pages(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    min_group: int = MIN_GROUP,
) -> list[Figure]:
    """One panel per group (stage, authority, cluster): its distribution over every QI its
    settings are given levels for (a nursery panel has the nursery's QIs, a school's HGIOS4's),
    as many to an A4 portrait page as fit, on as many pages as they need. A group none of
    whose QIs can be shown (too few settings, or withheld) gets no panel: the foot names them
    instead."""
    protected = protected_groups(
        groups, {name: spokes_of(members, columns) for name, members in groups.items()},
        scale, min_group,
    )  # fmt: skip
    drawable = [
        name for name in groups if any(d.with_level and not d.suppressed for d in protected[name])
    ]
    hidden = [name for name in groups if name not in drawable]
    names = drawable[:MAX_PANELS]
    if not names:
        return [_nothing_to_draw(groups, caption, min_group)]
    shown = {name: spokes_of(groups[name], columns) for name in names}
    wide = max((len(c.short) for cs in shown.values() for c in cs), default=0) > 4
    labels = {c.id: fit_lines(c.short, LABELS - 0.1) if wide else c.short for c in columns}
    row = PANEL_ROW * max(label.count("\n") + 1 for label in labels.values())
    dropped = len(drawable) - len(names)
    extra = (
        f" Only the first {len(names)} groups are drawn ({dropped} more in summary.csv)."
        if dropped
        else ""
    )
    if hidden:
        extra += f" Not drawn, too few settings to show: {listed(hidden)}."
    together = [d for n in names for d in protected[n] if d.hidden and not d.suppressed]
    if together:  # what the hatching is, on the chart that draws it
        said = TOGETHER_SAID.format(min_group=min_group)
        extra += f" Hatched: levels {said}, drawn as their share together."
    heading = (
        caption.title
        + "\nbars: share of settings at each level; figure: % good or better of n with a "
        f"level (not shown where fewer than {min_group} have a level; withheld: a small "
        "group, or shown it would give one away)\nblack tick: where good "
        "or better begins for all groups together, to read each group against the whole; "
        "groups in a set order (stages from the youngest, others by name), never ranked"
    )
    noted = replace(caption.noting(extra), title=heading)
    width, most = PORTRAIT
    head = head_room(numbered_title(heading), width) + LEGEND
    foot = foot_room(noted, width) + 0.1
    cols = 1 if wide else 3  # a QI's title left of its bars leaves room for one panel a row
    panel = 0.6 + row * max((len(cs) for cs in shown.values()), default=1)
    rows = max(1, int((most - head - foot) / panel))
    pages = paged(names, rows * cols)
    whole = {
        d.qi.id: d.percent_good_or_better for d in distributions(_all(groups), columns, scale, 1)
    }
    layout = _Layout(Grid(width, head, foot, panel, cols), LABELS if wide else 0.4, row)
    return [
        _panels_page(page, groups, protected, labels, whole, scale, layout,
                     numbered(noted, n, len(pages)))
        for n, page in enumerate(pages, 1)
    ]  # fmt: skip


small_multiples_figure = first_page(small_multiples_pages)
group_panels_figure = first_page(group_panels_pages)

PANEL_ROW = 0.165
"""Inches per QI in a group's panel, per line of its label: 8 pt labels clear of each other."""
LABELS = 2.0
"""Inches left of a panel's bars for QI titles (two lines each), where QIs have no numbers."""
LEGEND = 0.5
"""Inches under the heading for the level key (two rows of 8 pt)."""
NOTE = 0.95
"""Inches right of each panel's bars for its shares and their n ("100% (n=150)")."""
SHARE_GAP = 4.0
"""Points between a bar's end and its share, most of a digit's width: at 102% of a panel's
narrow bars (under an inch), 2% was a point, and the share touched the bar."""


@dataclass(frozen=True)
class _Layout:
    """Where the group panels sit on a page, in inches."""

    grid: Grid
    labels: float
    """The room left of each panel's bars for its QIs."""
    row: float
    """The height of one QI's row: one line of label, or two."""


def _panels_page(
    names: Sequence[str],
    groups: Mapping[str, Sequence[Record]],
    protected: Mapping[str, Sequence[Distribution]],
    labels: Mapping[str, str],
    whole: Mapping[str, float | None],
    scale: Scale,
    layout: _Layout,
    caption: Caption,
) -> Figure:
    """One page of group panels, in rows of *layout.grid.cols*."""
    figure, corners = layout.grid.page(len(names))
    cell = layout.grid.cell
    bars = cell - layout.labels - NOTE
    values = sorted(scale.values)
    colours = level_colours(scale)
    for (left, above), name in zip(corners, names, strict=True):
        dists = protected[name]
        tall = layout.row * len(dists)
        # under two lines of title
        ax = axes_at(figure, left + layout.labels, above - 0.45 - tall, bars, tall)
        ys = list(range(len(dists)))[::-1]
        for y, dist in zip(ys, dists, strict=True):
            overall = whole[dist.qi.id]
            left = 0.0
            drawn = dist.with_level and not dist.suppressed
            for run in _runs(dist, values, scale.good_from) if drawn else ():
                share = 100.0 * sum(dist.counts.get(v, 0) for v in run) / dist.with_level
                if (
                    share and run[0] in dist.hidden
                ):  # a hidden side: one hatched bar, its levels together
                    ax.barh(y, share, left=left, color="white", height=0.8, edgecolor="0.4",
                            hatch="///", linewidth=0.4)  # fmt: skip
                elif share:
                    ax.barh(y, share, left=left, color=colours[run[0]], height=0.8)
                left += share
            if overall is not None and dist.with_level and not dist.suppressed:  # the whole's
                ax.plot([100 - overall] * 2, [y - 0.5, y + 0.5], color="black", linewidth=1.2)
            # a gap after the bar's end in points: at 102% of its narrow bars it touched
            ax.annotate(share_of(dist), (100, y), xytext=(SHARE_GAP, 0), textcoords="offset points",
                        va="center", fontsize=SMALL)  # fmt: skip
        ax.set_yticks(ys, [labels[d.qi.id] for d in dists], fontsize=SMALL)
        ax.tick_params(axis="y", length=0, pad=2)
        ax.set_ylim(-0.6, len(dists) - 0.4)  # the same rows whether or not bars are drawn
        ax.set_xlim(0, 100)
        ax.set_xticks([])
        said = f"{name} (n={len(groups[name])})"  # two lines, whole, over the whole panel
        ax.set_title(fit_lines(said, cell - 0.15, 2, SMALL + 1), fontsize=SMALL + 1, loc="left",
                     x=-(layout.labels - 0.05) / bars)  # fmt: skip
        open_frame(ax, "top", "right", "bottom")
    reference = Line2D([], [], color="black", linewidth=1.2, label="all groups: good or better")
    figure.legend(
        handles=[*level_legend(scale), reference],
        loc="upper left",
        bbox_to_anchor=(0.01, 1 - (layout.grid.head - LEGEND) / figure.get_figheight()),
        ncols=4,
        fontsize=SMALL,
        frameon=False,
        borderaxespad=0,
        handlelength=1.2,
    )
    return finish(figure, caption)


def _nothing_to_draw(
    groups: Mapping[str, Sequence[Record]], caption: Caption, min_group: int
) -> Figure:
    """A figure that says why there are no panels: every group is too small to show."""
    figure = Figure(figsize=HALF_PAGE)
    figure.text(
        0.02, 0.55,
        textwrap.fill(
            f"No group has {min_group} or more settings with a level, so no group's levels "
            f"can be shown without giving a setting's own away ({listed(list(groups))}). "
            "The distribution chart shows all of them together.",
            95,
        ),
        fontsize=9, va="center",
    )  # fmt: skip
    return finish(figure, caption)


def _all(groups: Mapping[str, Sequence[Record]]) -> list[Record]:
    return [record for records in groups.values() for record in records]


def _runs(dist: Distribution, values: Sequence[int], good_from: int) -> list[list[int]]:
    """*values* in order, each alone, but each block of `hidden` ones (counted only together)
    in one run: drawn apart, their lengths would be the counts withheld; and two sides of good
    never in one run (the share good or better is the bar's boundary)."""
    together = {v: min(block) for block in blocks(dist, good_from) for v in block}
    runs: list[list[int]] = []
    for value in values:
        if value in together and runs and together.get(runs[-1][0]) == together[value]:
            runs[-1].append(value)
        else:
            runs.append([value])
    return runs
