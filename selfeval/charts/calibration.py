"""The calibration chart: per QI, how many schools evaluated themselves above, at or below
their latest inspection grade. Counts, never names; the caveat printed on the chart itself."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator

from selfeval.charts.frame import (
    Caption,
    finish,
    foot_room,
    head_room,
    open_frame,
    wrap_title,
)
from selfeval.charts.page import HALF_PAGE, SMALL
from selfeval.charts.style import text_colour
from selfeval.compare.calibration import CALIBRATED_QIS, NOT_THE_SAME, Calibration, Crosstab
from selfeval.compare.records import MIN_GROUP
from selfeval.digest.framework import QIColumn
from selfeval.framework.model import Scale

__all__ = ["calibration_figure", "crosstab_figure"]

PARTS = (
    ("lower", "self-evaluated lower than the grade", "#4393c3"),
    ("same", "the same as the grade", "#d9d9d9"),
    ("higher", "self-evaluated higher than the grade", "#b2182b"),
)
"""The three counts, left to right, with colours that differ in lightness as well as hue."""


def calibration_figure(
    calibrations: Sequence[Calibration],
    caption: Caption,
    min_group: int = MIN_GROUP,
    age: str = "",
) -> Figure:
    """One bar of schools per QI, split into lower, same and higher, every part counted, its
    n beside its title; a QI that fewer than *min_group* schools have both for is not shown
    (their counts would be those schools' own levels beside their grades). *age* (how old
    the grades were, `Crosstab.age`) is said under the bars, not only in the table: a grade
    of 2017 beside a self-evaluation of 2026 is read differently."""
    rows = len(calibrations)
    width = HALF_PAGE[0]
    shown = [c.shown(min_group) for c in calibrations if c.schools >= min_group]
    withheld = any(None in counts.values() for counts in shown)
    said = NOT_THE_SAME + (f" The {age}." if age else "")
    if withheld:
        said += (
            f" Hatched: counts of fewer than {min_group} schools, with as many others as "
            "would give them away, together."
        )
    note = wrap_title(said, 0.98 * width, SMALL)
    bottom = foot_room(caption, width) + 0.16 * (note.count("\n") + 1) + 0.6  # + the axis
    top = head_room(caption.title, width, bold=True) + 0.6  # + the key, on two lines
    height = top + bottom + ROW * rows
    figure = Figure(figsize=(width, height))
    ax = figure.add_axes((0.3, bottom / height, 0.62, ROW * rows / height))
    ys = list(range(rows))[::-1]
    widest = max((c.schools for c in calibrations), default=0) or 1
    for y, calibration in zip(ys, calibrations, strict=True):
        if 0 < calibration.schools < min_group:
            ax.text(0, y, f"  not shown: fewer than {min_group} schools have both", va="center",
                    fontsize=SMALL)  # fmt: skip
            continue
        _bar(ax, y, calibration, min_group)
        if not calibration.schools:
            ax.text(0, y, "  no school has both", va="center", fontsize=SMALL)
    ax.set_yticks(ys, [_row_label(c) for c in calibrations], fontsize=SMALL)
    ax.set_ylim(-0.5, rows - 0.5)
    ax.set_xlim(0, widest * 1.02)
    ax.set_xlabel("schools with both a self-evaluated level and an inspection grade", fontsize=8)
    ax.tick_params(axis="x", labelsize=SMALL)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # schools come whole
    open_frame(ax)
    ax.legend(
        handles=[Patch(facecolor=c, edgecolor="0.4", label=words) for _, words, c in PARTS],
        loc="lower left", bbox_to_anchor=(-0.45, 1.0), ncols=2, fontsize=SMALL, frameon=False,
    )  # fmt: skip
    figure.text(0.01, (foot_room(caption, width) + 0.05) / height, note, fontsize=SMALL,
                style="italic", va="bottom")  # fmt: skip
    return finish(figure, caption, bold=True)


ROW = 0.55
"""Inches per QI: its title on up to two lines and its n, at 8 pt."""


def _row_label(calibration: Calibration) -> str:
    """A QI's title, wrapped whole onto two lines where it needs them, and its n."""
    title = wrap_title(QIColumn(calibration.qi, calibration.title).heading, LABELS, SMALL)
    return f"{title}\n(n={calibration.schools} schools)"


LABELS = 0.3 * HALF_PAGE[0] - 0.15
"""Inches left of the bars for a QI's title, less the gap before its tick."""


def _bar(ax: Axes, y: int, calibration: Calibration, min_group: int) -> None:
    """One QI's bar: each count that may be shown, counted; those that may not as one hatched
    part at the end, uncounted (apart, each width would be its count)."""
    shown = calibration.shown(min_group)
    left = 0
    for attribute, _, colour in PARTS:
        count = shown[attribute]
        if count:
            ax.barh(y, count, left=left, color=colour, edgecolor="white", height=0.7)
            ax.text(left + count / 2, y, str(count), ha="center", va="center",
                    fontsize=SMALL, color=text_colour(colour))  # fmt: skip
            left += count
    hidden = calibration.schools - left
    if hidden:
        ax.barh(y, hidden, left=left, color="white", edgecolor="0.4", hatch="///", height=0.7)


def crosstab_figure(table: Crosstab, scale: Scale, caption: Caption) -> Figure:
    """The calibration table as a chart on half an A4 page: self-evaluated level (rows, the
    highest at the top) against inspection grade (columns), each cell counted, the diagonal
    (the same) outlined; cells too small to show hatched, without a count."""
    figure = Figure(figsize=HALF_PAGE)
    width, height = HALF_PAGE
    foot = foot_room(caption, width)
    note = foot + 0.45  # the grade's age, two lines above the source note
    head = head_room(caption.title, width, bold=True) + 0.15
    side = min(height - head - note - 1.05, 3.6)  # room for slanted grades and their label
    ax = figure.add_axes((2.0 / width, (height - head - side) / height, side / width,
                          side / height))  # fmt: skip
    levels = list(table.levels)
    shown = [n for n in table.cells.values() if n]
    most = max(shown, default=1)
    for row, own in enumerate(levels):
        for col, grade in enumerate(levels):
            count = table.cells[(own, grade)]
            if count is None:
                ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor="white",
                                       edgecolor="0.7", hatch="///", linewidth=0))  # fmt: skip
                continue
            shade = str(round(1 - 0.6 * count / most, 2))  # grey: darker for more
            ax.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor=shade))
            ax.text(col, row, str(count), ha="center", va="center", fontsize=SMALL,
                    color=text_colour(shade))  # fmt: skip
        ax.add_patch(Rectangle((row - 0.5, row - 0.5), 1, 1, fill=False, edgecolor="black",
                               linewidth=1.4))  # fmt: skip
    ax.set_xlim(-0.5, len(levels) - 0.5)
    ax.set_ylim(-0.5, len(levels) - 0.5)
    ax.set_xticks(range(len(levels)), [scale.label(v) for v in levels], fontsize=SMALL,
                  rotation=30, ha="right")  # fmt: skip
    ax.set_yticks(range(len(levels)), [scale.label(v) for v in levels], fontsize=SMALL)
    ax.set_xlabel("inspection grade", fontsize=SMALL)
    ax.set_ylabel("self-evaluated level", fontsize=SMALL)
    ax.tick_params(length=0)
    said = (
        f"{table.pairs} quality indicators ({', '.join(CALIBRATED_QIS)}) of {table.schools} "
        f"schools with both; outlined: the same. The {table.age()}."
    )
    if table.suppressed:
        said += f" Hatched: fewer than {table.min_group}, or shown it would give a cell away."
    figure.text(0.01, note / height, wrap_title(said, 0.98 * width, SMALL),
                fontsize=SMALL, va="top")  # fmt: skip
    return finish(figure, caption, bold=True)
