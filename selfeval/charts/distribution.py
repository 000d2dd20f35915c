"""The distribution chart: per QI, the share of settings at each level, counts printed.

It shows how many settings sit at each level and the share good or better, never an order of
settings.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from selfeval.charts.frame import Caption, finish, level_legend, open_frame, qi_label
from selfeval.charts.style import level_colours, text_colour
from selfeval.compare.records import Distribution
from selfeval.framework.model import Scale

__all__ = ["distribution_figure"]


def distribution_figure(dists: Sequence[Distribution], scale: Scale, caption: Caption) -> Figure:
    """Stacked bars, one per QI: the share of settings at each level, with counts printed."""
    rows = len(dists)
    height = 1.6 + 0.42 * rows
    figure = Figure(figsize=(11.0, height))
    ax = figure.add_axes((0.29, 0.9 / height, 0.47, 1 - 1.7 / height))
    ys = list(range(rows))[::-1]
    colours = level_colours(scale)
    below = sorted((v for v in scale.values if v < scale.good_from), reverse=True)
    good = sorted(v for v in scale.values if v >= scale.good_from)
    for y, dist in zip(ys, dists, strict=True):
        if dist.with_level and not dist.suppressed:
            # diverging at the satisfactory/good boundary: "% good or better" is a length
            _segments(ax, y, dist, good, colours, 1.0)
            _segments(ax, y, dist, below, colours, -1.0)
        elif dist.suppressed:  # the levels of two settings are theirs, not a share of many
            ax.text(0, y, "  not shown: too few settings", va="center", fontsize=7)
        ax.text(103, y, _summary(dist), va="center", fontsize=7.5)
    ax.axvline(0, color="0.2", linewidth=0.8)
    ax.set_yticks(ys, [qi_label(d.qi, 42) for d in dists], fontsize=8)
    ax.set_xlim(-100, 100)
    ticks = [-100, -50, 0, 50, 100]
    ax.set_xticks(ticks, [f"{abs(t)}%" for t in ticks])
    ax.set_xlabel(
        "← below good        % of settings with a level        good or better →", fontsize=8
    )
    ax.tick_params(axis="x", labelsize=7)
    open_frame(ax)
    ax.legend(
        handles=level_legend(scale),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=len(scale.values),
        fontsize=7,
        frameon=False,
        handlelength=1.2,
    )
    return finish(figure, caption, bold=True)


def _summary(dist: Distribution) -> str:
    """The words beside a bar: good or better (a percentage, or counts for a small group), n,
    and how many have no level."""
    if not dist.with_level:
        return f"no levels ({dist.without_level} without)"
    no_level = f"; {dist.without_level} no level" if dist.without_level else ""
    if dist.too_few:
        return f"fewer than {dist.min_group} with a level{no_level}"
    if dist.withheld:
        return f"withheld: shown, it would give a smaller group's away{no_level}"
    return f"{dist.share()} good or better (n={dist.with_level}{no_level})"


SMALL = 4.0
"""Segments narrower than this (% of the axis) have their count printed above them."""


def _segments(
    ax: Axes,
    y: float,
    dist: Distribution,
    levels: Sequence[int],
    colours: dict[int, str],
    side: float,
) -> None:
    """Stack *levels* outward from the boundary on one *side* (1 right, -1 left), every
    segment with its count: inside where it fits, just above the bar where it does not."""
    start = 0.0
    for value in levels:
        count = dist.counts.get(value, 0)
        if not count:
            continue
        width = 100.0 * count / dist.with_level
        ax.barh(y, side * width, left=start, color=colours[value], edgecolor="white", height=0.72)
        middle = start + side * width / 2
        if width >= SMALL:
            colour = text_colour(colours[value])
            ax.text(middle, y, str(count), ha="center", va="center", fontsize=7, color=colour)
        else:
            ax.text(middle, y + 0.36, str(count), ha="center", va="bottom", fontsize=6)
        start += side * width
