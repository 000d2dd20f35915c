"""One setting over time: per QI, its level in each school year on one line, the change from
the previous year to the latest drawn as an arrow (a dumbbell chart).

A radar of several years hides change in overlapping polygons; here each QI reads on its own:
where it was, where it is, and which way it moved. The latest year is the large dark marker;
earlier years are smaller and grey, lighter the older; a year whose evaluation was not marked
complete is hollow.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from selfeval.charts.frame import Caption, finish, open_frame, qi_label
from selfeval.charts.style import LATEST, year_shades
from selfeval.compare.records import Record
from selfeval.digest.framework import QIColumn
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Scale

__all__ = ["trend_figure"]


def trend_figure(
    records: Sequence[Record], columns: Sequence[QIColumn], scale: Scale, caption: Caption
) -> Figure:
    """*records* of one setting, oldest first, as a dumbbell per QI."""
    years = sorted(records, key=lambda r: r.when or 0)
    rows = len(columns)
    height = 1.9 + 0.42 * rows
    figure = Figure(figsize=(9.0, height))
    ax = figure.add_axes((0.36, 1.0 / height, 0.58, 1 - 1.9 / height))
    ys = list(range(rows))[::-1]
    for y, column in zip(ys, columns, strict=True):
        _row(ax, y, [(r, r.level(column.id)) for r in years])
    values = sorted(scale.values)
    ax.set_xticks(values, [scale.label(v) for v in values], fontsize=7.5, rotation=20, ha="right")
    ax.set_xlim(values[0] - 0.4, values[-1] + 0.4)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_yticks(ys, [qi_label(c, 44) for c in columns], fontsize=8)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    open_frame(ax)
    ax.legend(handles=_key(years), loc="lower left", bbox_to_anchor=(0, 1.0), ncols=4,
              fontsize=7.5, frameon=False)  # fmt: skip
    note = " An arrow shows the change since the year before; no arrow, no change."
    return finish(figure, caption.noting(note), bold=True)


def _row(ax: Axes, y: float, points: list[tuple[Record, int | None]]) -> None:
    """One QI: every year's marker, and an arrow from the previous level to the latest."""
    given: list[tuple[Record, int]] = [(r, v) for r, v in points if v is not None]
    latest = points[-1][0]
    shades = year_shades(len(points))
    for (record, value), colour in zip(points, shades, strict=True):
        if value is None:
            continue
        last = record is latest
        ax.plot(value, y, marker="o", markersize=9 if last else 6, linestyle="none",
                markeredgecolor=colour, markeredgewidth=1.6,
                markerfacecolor=colour if record.complete else "white", zorder=3)  # fmt: skip
    if len(given) >= 2 and given[-1][0] is latest and given[-2][1] != given[-1][1]:
        before, now = given[-2][1], given[-1][1]
        ax.annotate("", xy=(now, y), xytext=(before, y), zorder=2,
                    arrowprops={"arrowstyle": "-|>", "color": LATEST, "lw": 1.4,
                                "shrinkA": 5, "shrinkB": 7})  # fmt: skip
    if points[-1][1] is None:  # said in words, not left as a gap that reads as "no change"
        where = float(given[-1][1]) if given else 0.6
        ax.text(where, y + 0.28, "latest: no level yet", va="center", fontsize=6.5)


def _key(years: Sequence[Record]) -> list[Line2D]:
    shades = year_shades(len(years))
    entries = [
        Line2D([], [], marker="o", markersize=6, linestyle="none", color=shade,
               label=_year(record))
        for record, shade in zip(years[:-1], shades, strict=False)
    ]  # fmt: skip
    return [
        *entries,
        Line2D([], [], marker="o", markersize=9, linestyle="none", color=LATEST,
               label=f"{_year(years[-1])} (latest)"),
        Line2D([], [], marker="o", markersize=6, linestyle="none", markeredgecolor="0.4",
               markerfacecolor="white", label="hollow: not marked complete"),
    ]  # fmt: skip


def _year(record: Record) -> str:
    return school_year(record.when) if record.when else "undated"
