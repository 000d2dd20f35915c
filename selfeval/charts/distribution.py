"""The distribution chart: per QI, the share of settings at each level, counts printed.

It shows how many settings sit at each level and the share good or better, never an order of
settings. Drawn on A4 landscape (half a page for a few QIs), or portrait for many. Where each
count goes (in its segment, or on a chip beside the bar) is `selfeval.charts.barcounts`'.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from matplotlib.figure import Figure

from selfeval.charts.barcounts import BAR, draw_bar, overrun, stack
from selfeval.charts.frame import (
    Caption,
    finish,
    fit_lines,
    foot_room,
    head_room,
    level_legend,
    listed,
    open_frame,
)
from selfeval.charts.minis import spokes_of
from selfeval.charts.page import LANDSCAPE, PORTRAIT, SMALL, numbered
from selfeval.charts.style import level_colours
from selfeval.compare.anonymise import not_shown
from selfeval.compare.disclosure import TOGETHER_SAID, protected_groups
from selfeval.compare.records import (
    INSPECTION,
    MIN_GROUP,
    WITHHELD_PROTECT,
    Distribution,
    Record,
    distributions,
)
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = ["distribution_figure", "distribution_pages"]

ROW = 0.42
"""Inches per QI where the page has room; fewer where it has not."""
LABELS, NOTES, NOTE_CHARACTERS = 2.75, 2.3, 34
"""Inches for the QI titles left of the bars, and for the words right of them (wrapped at so
many characters), on a landscape page."""
PORTRAIT_ROOM = 2.3, 1.75, 24
"""The same on a portrait page: narrower, so the bars keep 2.2 of its 6.3 inches (they had 1.2,
and a trial read the counts over them as one number)."""


def distribution_figure(dists: Sequence[Distribution], scale: Scale, caption: Caption) -> Figure:
    """Stacked bars, one per QI: the share of settings at each level, with counts printed."""
    together = together_said(dists)
    if together and together not in caption.source:  # its hatching said under it, once
        caption = caption.noting(together)
    if why := _reasons(dists):
        caption = caption.noting(why)
    rows = len(dists)
    width, most = LANDSCAPE
    legend_rows = 1
    head = head_room(caption.title, width, bold=True) + 0.3 * legend_rows + 0.1
    foot = foot_room(caption, width) + 0.5  # the axis and its label above the source note
    if head + foot + ROW * rows > most:  # too many QIs for a landscape page: portrait
        width, most = PORTRAIT
        legend_rows = 2
        head = head_room(caption.title, width, bold=True) + 0.3 * legend_rows + 0.1
        foot = foot_room(caption, width) + 0.5
    row = min(ROW, (most - head - foot) / max(1, rows))
    height = head + foot + row * max(1, rows)
    figure = Figure(figsize=(width, height))
    landscape = (LABELS, NOTES, NOTE_CHARACTERS)
    labels, notes, characters = PORTRAIT_ROOM if width < LANDSCAPE[0] else landscape
    bars = width - labels - notes
    ax = figure.add_axes((labels / width, foot / height, bars / width, row * rows / height))
    ys = list(range(rows))[::-1]
    colours = level_colours(scale)
    below = sorted((v for v in scale.values if v < scale.good_from), reverse=True)
    good = sorted(v for v in scale.values if v >= scale.good_from)
    # diverging at the satisfactory/good boundary: "% good or better" is a length
    bars_of = [
        [*stack(d, good, colours, 1.0), *stack(d, below, colours, -1.0)]
        if d.with_level and not d.suppressed
        else []
        for d in dists
    ]
    # room beside the bars' ends for the counts of thin segments, where there can be
    left, right = overrun(bars_of, bars, BAR * row) or (0.0, 0.0)
    unit = bars / (200.0 + left + right)
    left_out = 0
    for y, dist, segments in zip(ys, dists, bars_of, strict=True):
        for side, limit in ((1.0, 100 + right), (-1.0, 100 + left)):
            own = [s for s in segments if s.width * side > 0]
            left_out += draw_bar(ax, y, own, unit, row, limit)
        # a suppressed row's few words beside it, with its n, the reason once in the foot
        # (`_reasons`): at length on the row, three lines ran over the rows beside it
        said = _summary(dist)
        ax.text(1 + 0.07 / bars, y, textwrap.fill(said, characters), va="center",
                fontsize=SMALL, transform=ax.get_yaxis_transform())  # fmt: skip
    ax.axvline(0, color="0.2", linewidth=0.8)
    lines = max(1, min(3, int(row * 72 / (SMALL * 1.25))))  # as many as the row holds
    titles = [fit_lines(d.qi.heading, labels - 0.2, lines) for d in dists]
    ax.set_yticks(ys, titles, fontsize=SMALL)
    ax.set_xlim(-100 - left, 100 + right)
    ax.set_ylim(-0.5, rows - 0.5)
    ticks = [-100, -50, 0, 50, 100] if bars >= 3 else [-100, 0, 100]  # "100%50%0%" ran on
    ax.set_xticks(ticks, [f"{abs(t)}%" for t in ticks])
    ax.set_xlabel("← below good     % of those with a level     good or better →", fontsize=SMALL)
    ax.tick_params(axis="x", labelsize=SMALL)
    open_frame(ax)
    ax.legend(
        handles=level_legend(scale),
        loc="lower left",
        bbox_to_anchor=(0.01, 1 - (head - 0.05) / height),
        bbox_transform=figure.transFigure,
        ncols=-(-len(scale.values) // legend_rows),
        fontsize=SMALL,
        frameon=False,
        handlelength=1.2,
        borderaxespad=0,
    )
    if left_out and COUNTS_LEFT_OUT not in caption.source:  # again, with room for saying so
        return distribution_figure(dists, scale, caption.noting(COUNTS_LEFT_OUT))
    return finish(figure, caption, bold=True)


def together_said(dists: Sequence[Distribution]) -> str:
    """What the hatching of *dists*' bars stands for, where any is drawn: levels counted
    together, each block's levels and count in a box ("5-6: 12"). Nothing else on this chart
    is hatched (a withheld row says so in words)."""
    drawn = [d for d in dists if d.hidden and d.with_level and not d.suppressed]
    if not drawn:
        return ""
    said = TOGETHER_SAID.format(min_group=drawn[0].min_group)
    return f' Hatched, in a box with its levels and count ("5-6: 12"): levels {said}.'


COUNTS_LEFT_OUT = (
    " Some counts are too wide for their bar and too many to set beside it, and are not"
    " printed; summary.md gives every count."
)
"""Said under a chart of so many settings that some counts have no room (thousands, on a
portrait page's narrow bars), rather than printing them over each other."""


def distribution_pages(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    caption: Caption,
    by: str | None = None,
    min_group: int = MIN_GROUP,
    source_of: Callable[[Sequence[Record]], str] | None = None,
    title_of: Callable[[Sequence[Record]], str] | None = None,
) -> list[Figure]:
    """The distribution chart of all settings together, then, split *by* a group (stage,
    cluster, authority), a page per group, its name and size in the title and n on every row;
    a group with nothing it may show (too few settings, or withheld so that a small group's
    levels are not the whole less the rest) gets no page and is named under the first.
    Split, it was the plain run's chart byte for byte, and read as if it were split. A
    group's page says whom its figures are about by *source_of* its settings, and is titled
    by *title_of* them, where given: "253 self-evaluations … / Stage: Primary school, 186
    settings" gave two numbers of two populations in one title."""
    members = [record for records in groups.values() for record in records]
    whole = distributions(members, columns, scale, min_group)
    if not by or len(groups) <= 1:
        (name,) = groups if by and groups else ("",)  # split, one group: say so
        said = f"\nall settings, not split: every one has the same {by} ({name})" if name else ""
        if by and name == not_shown(by):  # coded: none of them is in a group large enough
            said = f"\nall settings, not split: no {by} has enough settings to be shown apart"
        return [distribution_figure(whole, scale, replace(caption, title=caption.title + said))]
    own = {name: spokes_of(records, columns) for name, records in groups.items()}
    protected = protected_groups(groups, own, scale, min_group)
    shown = [n for n in groups if any(d.with_level and not d.suppressed for d in protected[n])]
    hidden = [name for name in groups if name not in shown]
    first = replace(caption, title=f"{caption.title}\nall settings together; then a page per {by}")
    if hidden:
        first = first.noting(f" No page, too few settings to show: {listed(hidden)}.")
    pages = [(first, whole)]
    for name in shown:
        said = _group_title(caption, groups[name], by, name, title_of)
        own_source = source_of(groups[name]) if source_of else caption.source
        pages.append((replace(caption, title=said, source=own_source), protected[name]))
    return [
        distribution_figure(dists, scale, numbered(titled, n, len(pages)))
        for n, (titled, dists) in enumerate(pages, 1)
    ]


def _group_title(
    caption: Caption,
    members: Sequence[Record],
    by: str,
    name: str,
    title_of: Callable[[Sequence[Record]], str] | None,
) -> str:
    """A group's page title: of its own settings only, where *title_of* says them ("186
    self-evaluations … / Stage: Primary school"); else the whole's title and the group's
    size after its name."""
    if title_of is not None:
        return f"{title_of(members)}\n{by.capitalize()}: {name}"
    noun = "schools" if all(r.kind == INSPECTION for r in members) else "settings"
    return f"{caption.title}\n{by.capitalize()}: {name}, {len(members)} {noun}"


BANDED_SAID = (
    ' A band ("5 or 6 of 6"): a small group\'s share good or better, its counts not shown.'
)
WITHHELD_SAID = f" Withheld: {WITHHELD_PROTECT}."


def _reasons(dists: Sequence[Distribution]) -> str:
    """Why rows of a named chart are not drawn, once, for its foot (an anonymised chart's
    foot says its own)."""
    named = [d for d in dists if d.suppressed and not (d.too_few or d.coded)]
    banded = BANDED_SAID if any(d.banded and not d.withheld for d in named) else ""
    return banded + (WITHHELD_SAID if any(d.withheld for d in named) else "")


def _summary(dist: Distribution) -> str:
    """The words beside a bar: good or better (a percentage, or counts for a small group), n,
    and how many have no level."""
    if not dist.with_level:  # "(0 without)" read as none missing where none was graded
        return f"no levels ({dist.without_level} without)" if dist.without_level else "no levels"
    no_level = f"; {dist.without_level} no level" if dist.without_level else ""
    if dist.too_few:
        return f"fewer than {dist.min_group} with a level{no_level}"
    if dist.coded and dist.suppressed:  # one word, as in every anonymised chart's foot
        return f"withheld (n={dist.with_level}{no_level})"
    if dist.withheld:
        return f"withheld (n={dist.with_level}{no_level})"  # why: in the foot
    return f"{dist.share()} good or better (n={dist.with_level}{no_level})"
