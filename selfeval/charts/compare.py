"""Charts for comparing many settings: distributions per QI, a heatmap, and small multiples.

None of them ranks settings. Distributions show how many settings sit at each level and the
share good or better; the heatmap lists settings by group and name, never by score; small
multiples put groups side by side as percentages so groups of different sizes compare fairly.
Every cell and bar carries a number or a word as well as a colour.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from selfeval.charts.style import LEVEL_COLOURS, PALETTE
from selfeval.compare.records import Distribution, QIColumn, Record, distributions
from selfeval.framework.model import Scale

__all__ = [
    "ANNOTATE_ROWS",
    "distribution_figure",
    "heatmap_figure",
    "small_multiples_figure",
]

ANNOTATE_ROWS = 80
"""Up to this many settings the heatmap names each row and prints each level."""


def _qi_label(column: QIColumn, width: int = 32) -> str:
    return textwrap.shorten(f"{column.id} {column.title}", width, placeholder="…")


def _footer(figure: Figure, source: str, synthetic: bool) -> None:
    note = source + ("  SYNTHETIC DEMONSTRATION DATA." if synthetic else "")
    width = int(figure.get_figwidth() * 17)  # characters of 6.5 pt text per inch, roughly
    figure.text(0.01, 0.005, textwrap.fill(note, width), fontsize=6.5, color="0.3", va="bottom")


def _finish(figure: Figure, title: str, source: str, synthetic: bool, bold: bool = False) -> Figure:
    """Title at the top left and the source note at the foot: every comparison chart has both."""
    weight = "bold" if bold else "normal"
    figure.suptitle(title, fontsize=11 if bold else 9, fontweight=weight, x=0.01, ha="left")
    _footer(figure, source, synthetic)
    return figure


def _open_frame(ax: Axes, *spines: str) -> None:
    """Hide the named spines (top and right by default): lighter small charts."""
    for spine in spines or ("top", "right"):
        ax.spines[spine].set_visible(False)


def _level_legend(scale: Scale) -> list[Patch]:
    return [
        Patch(facecolor=LEVEL_COLOURS.get(v, "0.5"), edgecolor="0.4", label=f"{v} {scale.word(v)}")
        for v in sorted(scale.values)
    ]


def distribution_figure(
    dists: Sequence[Distribution], scale: Scale, title: str, source: str, synthetic: bool = False
) -> Figure:
    """Stacked bars, one per QI: the share of settings at each level, with counts printed."""
    rows = len(dists)
    height = 1.6 + 0.42 * rows
    figure = Figure(figsize=(11.0, height))
    ax = figure.add_axes((0.29, 0.9 / height, 0.47, 1 - 1.7 / height))
    ys = list(range(rows))[::-1]
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
                color=LEVEL_COLOURS.get(value, "0.5"),
                edgecolor="white",
                height=0.72,
            )
            if width >= 5:
                dark = value in (1, 6)
                ax.text(
                    left + width / 2,
                    y,
                    str(count),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
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
    ax.set_yticks(ys, [_qi_label(d.qi, 42) for d in dists], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of settings with a level", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    _open_frame(ax)
    ax.legend(
        handles=_level_legend(scale),
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncols=len(scale.values),
        fontsize=7,
        frameon=False,
        handlelength=1.2,
    )
    return _finish(figure, title, source, synthetic, bold=True)


def heatmap_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    title: str,
    source: str,
    by: str | None = None,
    synthetic: bool = False,
) -> Figure:
    """Settings (rows, by group then name) by QIs (columns), each cell coloured by its level."""
    with_level = [r for r in records if any(r.level(c.id) is not None for c in columns)]
    omitted = len(records) - len(with_level)
    ordered = sorted(with_level, key=lambda r: (r.group(by), r.name.casefold(), r.when or 0))
    rows = len(ordered)
    if rows == 0:
        return _empty_figure(
            title, "No setting has a level for any quality indicator yet.", source, synthetic
        )
    annotate = rows <= ANNOTATE_ROWS
    height = 1.8 + 0.2 * rows if annotate else 11.0
    figure = Figure(figsize=(max(6.0, 2.8 + 0.55 * len(columns)), height))
    left = 0.34 if annotate else 0.12
    ax = figure.add_axes((left, 0.8 / height, 0.8 - left, 1 - 1.9 / height))
    data = [[_cell(r.level(c.id)) for c in columns] for r in ordered]
    colours = ListedColormap(
        [LEVEL_COLOURS.get(v, "0.5") for v in sorted(scale.values)]
    ).with_extremes(bad="0.93")
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
        for y, row in enumerate(data):
            for x, value in enumerate(row):
                text = "-" if math.isnan(value) else str(int(value))
                dark = not math.isnan(value) and int(value) in (1, 6)
                ax.text(
                    x,
                    y,
                    text,
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if dark else "black",
                )
    else:
        ticks, names = _group_ticks(ordered, by)
        ax.set_yticks(ticks, names, fontsize=7)
        ax.set_ylabel(
            f"{rows} settings, in order of group and name (names in summary.csv)", fontsize=8
        )
    _group_lines(ax, ordered, by)
    bar = figure.colorbar(image, ax=ax, ticks=sorted(scale.values), fraction=0.04, pad=0.02)
    bar.ax.set_yticklabels([f"{v} {scale.word(v)}" for v in sorted(scale.values)], fontsize=7)
    note = " Grey: no level (not enough evidence or not graded)."
    if omitted:
        note += f" {omitted} settings with no level at all are not shown."
    return _finish(figure, title, source + note, synthetic, bold=True)


def _empty_figure(title: str, message: str, source: str, synthetic: bool) -> Figure:
    """A small figure that says there is nothing to draw, rather than an empty frame."""
    figure = Figure(figsize=(7.0, 2.5))
    figure.text(0.5, 0.5, message, ha="center", va="center", fontsize=10)
    return _finish(figure, title, source, synthetic, bold=True)


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
    when = f" {record.when:%Y}" if record.when else ""
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


MAX_PANELS = 60
"""Most group panels drawn in one small-multiples figure; the rest are in summary.csv."""
MAX_RADARS = 48
"""Up to this many settings, small multiples show one mini radar per setting."""


def small_multiples_figure(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    title: str,
    source: str,
    synthetic: bool = False,
) -> Figure:
    """The right small multiples for the data: per group, per setting, or per QI."""
    if len(groups) > 1:
        return group_panels_figure(groups, columns, scale, title, source, synthetic)
    records = next(iter(groups.values()), [])
    if len(records) <= MAX_RADARS:
        return radar_grid_figure(records, columns, scale, title, source, synthetic)
    return qi_histograms_figure(records, columns, scale, title, source, synthetic)


def _grid(count: int, cols: int) -> tuple[int, int]:
    cols = max(1, min(cols, count))
    return math.ceil(count / cols), cols


def group_panels_figure(
    groups: Mapping[str, Sequence[Record]],
    columns: Sequence[QIColumn],
    scale: Scale,
    title: str,
    source: str,
    synthetic: bool = False,
) -> Figure:
    """One panel per group (stage, authority, cluster): its distribution over every QI."""
    names = list(groups)[:MAX_PANELS]
    rows, cols = _grid(len(names), 4)
    panel_height = 0.35 + 0.17 * len(columns)
    height = rows * (panel_height + 0.55) + 1.2
    figure = Figure(figsize=(13.0, height))
    grid = figure.add_gridspec(
        rows, cols, hspace=0.55, wspace=0.55, top=1 - 0.8 / height, bottom=0.55 / height,
        left=0.04, right=0.97,
    )  # fmt: skip
    values = sorted(scale.values)
    for index, name in enumerate(names):
        ax = figure.add_subplot(grid[index // cols, index % cols])
        dists = distributions(groups[name], columns, scale)
        ys = list(range(len(dists)))[::-1]
        for y, dist in zip(ys, dists, strict=True):
            left = 0.0
            for value in values:
                count = dist.counts.get(value, 0)
                if count and dist.with_level:
                    width = 100.0 * count / dist.with_level
                    ax.barh(y, width, left=left, color=LEVEL_COLOURS.get(value, "0.5"), height=0.8)
                    left += width
            pct = dist.percent_good_or_better
            ax.text(102, y, "-" if pct is None else f"{pct:.0f}%", va="center", fontsize=5.5)
        ax.set_yticks(ys, [d.qi.id for d in dists], fontsize=5.5)
        ax.set_xlim(0, 100)
        ax.set_xticks([])
        ax.set_title(
            f"{textwrap.shorten(name, 28, placeholder='…')} (n={len(groups[name])})", fontsize=7
        )
        _open_frame(ax, "top", "right", "bottom")
    figure.legend(
        handles=_level_legend(scale),
        loc="upper right",
        ncols=len(values),
        fontsize=7,
        frameon=False,
    )
    dropped = len(groups) - len(names)
    extra = (
        f" Only the first {len(names)} groups are drawn ({dropped} more in summary.csv)."
        if dropped
        else ""
    )
    heading = title + "\nbars: share of settings at each level; figure: % good or better"
    return _finish(figure, heading, source + extra, synthetic)


def radar_grid_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    title: str,
    source: str,
    synthetic: bool = False,
) -> Figure:
    """A mini radar per setting, in order of name (never of level)."""
    from selfeval.charts.geometry import polygon_xy, ring_xy, spoke_angles

    ordered = sorted(records, key=lambda r: (r.name.casefold(), r.when or 0))
    rows, cols = _grid(len(ordered), 6)
    height = rows * 2.2 + 1.1
    figure = Figure(figsize=(13.0, height))
    grid = figure.add_gridspec(
        rows,
        cols,
        hspace=0.35,
        wspace=0.1,
        top=1 - 0.75 / height,
        bottom=0.45 / height,
        left=0.01,
        right=0.99,
    )
    angles = spoke_angles(len(columns))
    top = scale.highest
    for index, record in enumerate(ordered):
        ax = figure.add_subplot(grid[index // cols, index % cols])
        for value in (scale.good_from, top):
            xs, ys = ring_xy(value, angles)
            ax.plot(xs, ys, color="0.6" if value == scale.good_from else "0.85", linewidth=0.6)
        xs, ys = polygon_xy([record.level(c.id) for c in columns], angles)
        ax.plot(xs, ys, color=PALETTE[0], linewidth=1.2, marker="o", markersize=1.8)
        ax.set_xlim(-top * 1.1, top * 1.1)
        ax.set_ylim(-top * 1.1, top * 1.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(textwrap.shorten(record.name, 30, placeholder="…"), fontsize=6.5)
    heading = (
        f"{title}\none radar per setting; spokes clockwise from the top: "
        f"{', '.join(c.id for c in columns)}; grey rings: good and excellent"
    )
    return _finish(figure, heading, source, synthetic)


def qi_histograms_figure(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: Scale,
    title: str,
    source: str,
    synthetic: bool = False,
) -> Figure:
    """One small panel per QI: the % of settings at each level."""
    rows, cols = _grid(len(columns), 4)
    height = 2.1 * rows + 1.3
    figure = Figure(figsize=(2.6 * cols + 0.5, height))
    grid = figure.add_gridspec(
        rows, cols, hspace=0.75, wspace=0.3, top=1 - 0.9 / height, bottom=0.75 / height
    )
    values = sorted(scale.values)
    for index, dist in enumerate(distributions(records, columns, scale)):
        ax = figure.add_subplot(grid[index // cols, index % cols])
        shares = [
            100.0 * dist.counts.get(v, 0) / dist.with_level if dist.with_level else 0.0
            for v in values
        ]
        ax.bar(
            values,
            shares,
            color=[LEVEL_COLOURS.get(v, "0.5") for v in values],
            edgecolor="0.4",
            linewidth=0.4,
        )
        pct = dist.percent_good_or_better
        ax.set_title(
            f"{_qi_label(dist.qi, 30)}\n{'-' if pct is None else f'{pct:.0f}%'} good or better",
            fontsize=7.5,
        )
        ax.set_xticks(values, [str(v) for v in values], fontsize=6.5)
        ax.set_ylim(0, 100)
        ax.tick_params(axis="y", labelsize=6)
        _open_frame(ax)
    heading = title + "\n% of settings at each level (1 unsatisfactory to 6 excellent)"
    return _finish(figure, heading, source, synthetic)
