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

from selfeval.charts.frame import Caption, finish, fit_lines, foot_room, head_room, open_frame
from selfeval.charts.page import PORTRAIT, SMALL, TEXT_WIDTH
from selfeval.charts.style import LATEST, year_shades
from selfeval.compare.records import Record
from selfeval.digest.framework import QIColumn
from selfeval.evaluation.store import school_year
from selfeval.framework.model import Scale

__all__ = ["trend_figure"]


WIDTH = TEXT_WIDTH
"""Inches: as wide as the text of an A4 page inside Word's default margins, so it prints at
100% beside a paper's words (drawn 9 inches wide, it shrank to 6.27 and its 7.5 pt scale
printed at 5 pt)."""
LABEL = 2.15
"""Inches of a QI's title, on two lines at most."""
ROW = 0.42
"""Inches per QI, where a page holds them all: two lines of title and a gap."""
KEY_COLUMNS = 2
"""The key's columns, filled down: the years in order, then the latest and what hollow means."""


def trend_figure(
    records: Sequence[Record], columns: Sequence[QIColumn], scale: Scale, caption: Caption
) -> Figure:
    """*records* of one setting, oldest first, as a dumbbell per QI, on one portrait page."""
    years = sorted(records, key=lambda r: r.when or 0)
    rows = len(columns)
    key = _key(years)
    noted = caption.noting(" An arrow shows the change since the year before; no arrow, no change.")
    head = head_room(caption.title, WIDTH, bold=True) + 0.22 * -(-len(key) // KEY_COLUMNS) + 0.1
    foot = foot_room(noted, WIDTH) + 0.7  # and the scale's words, slanted
    row = min(ROW, (PORTRAIT[1] - head - foot) / max(1, rows))
    height = head + foot + row * rows
    figure = Figure(figsize=(WIDTH, height))
    left = LABEL + 0.2
    ax = figure.add_axes(
        (left / WIDTH, foot / height, (WIDTH - left - 0.3) / WIDTH, row * rows / height)
    )
    ys = list(range(rows))[::-1]
    for y, column in zip(ys, columns, strict=True):
        _row(ax, y, [(r, r.level(column.id)) for r in years])
    values = sorted(scale.values)
    ax.set_xticks(values, [scale.label(v) for v in values], fontsize=SMALL, rotation=30,
                  ha="right", rotation_mode="anchor")  # fmt: skip
    ax.set_xlim(values[0] - 0.4, values[-1] + 0.4)
    ax.set_ylim(-0.6, rows - 0.4)
    ax.set_yticks(ys, [fit_lines(c.heading, LABEL) for c in columns], fontsize=SMALL)
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    open_frame(ax)
    ax.legend(handles=key, loc="lower left", bbox_to_anchor=(-left / (WIDTH - left - 0.3), 1.0),
              ncols=KEY_COLUMNS, fontsize=SMALL, frameon=False, borderaxespad=0.3,
              columnspacing=1.2)  # fmt: skip
    return finish(figure, noted, bold=True)


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
        ax.text(where, y + 0.28, "latest: no level yet", va="center", fontsize=SMALL)


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
