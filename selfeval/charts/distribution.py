"""The distribution chart: per QI, the share of settings at each level, counts printed.

It shows how many settings sit at each level and the share good or better, never an order of
settings.
"""

from __future__ import annotations

from collections.abc import Sequence

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
    for y, dist in zip(ys, dists, strict=True):
        left = 0.0
        for value in sorted(scale.values):
            count = dist.counts.get(value, 0)
            if not count:
                continue
            width = 100.0 * count / dist.with_level
            ax.barh(
                y,
                width,
                left=left,
                color=colours[value],
                edgecolor="white",
                height=0.72,
            )
            if width >= 5:
                ax.text(
                    left + width / 2,
                    y,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color=text_colour(colours[value]),
                )
            left += width
        pct = dist.percent_good_or_better
        summary = (
            f"{pct:.0f}% good or better (n={dist.with_level}"
            + (f"; {dist.without_level} no level" if dist.without_level else "")
            + ")"
            if pct is not None
            else f"no levels ({dist.without_level} without)"
        )
        ax.text(101.5, y, summary, va="center", fontsize=7.5)
    ax.set_yticks(ys, [qi_label(d.qi, 42) for d in dists], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of settings with a level", fontsize=8)
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
