"""The calibration chart: per QI, how many schools evaluated themselves above, at or below
their latest inspection grade. Counts, never names; the caveat printed on the chart itself."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from selfeval.charts.frame import Caption, finish, open_frame, qi_label
from selfeval.charts.style import text_colour
from selfeval.compare.calibration import NOT_THE_SAME, Calibration
from selfeval.compare.records import MIN_GROUP
from selfeval.digest.framework import QIColumn

__all__ = ["calibration_figure"]

PARTS = (
    ("lower", "self-evaluated lower than the grade", "#4393c3"),
    ("same", "the same as the grade", "#d9d9d9"),
    ("higher", "self-evaluated higher than the grade", "#b2182b"),
)
"""The three counts, left to right, with colours that differ in lightness as well as hue."""


def calibration_figure(
    calibrations: Sequence[Calibration], caption: Caption, min_group: int = MIN_GROUP
) -> Figure:
    """One bar of schools per QI, split into lower, same and higher, every part counted;
    a QI that fewer than *min_group* schools have both for is not shown (their counts would
    be those schools' own levels beside their grades)."""
    rows = len(calibrations)
    height = 2.8 + 0.5 * rows
    figure = Figure(figsize=(8.27, height))
    ax = figure.add_axes((0.3, 1.75 / height, 0.62, 1 - 2.65 / height))
    ys = list(range(rows))[::-1]
    widest = max((c.schools for c in calibrations), default=0) or 1
    for y, calibration in zip(ys, calibrations, strict=True):
        if 0 < calibration.schools < min_group:
            ax.text(0, y, f"  not shown: fewer than {min_group} schools have both", va="center",
                    fontsize=7.5)  # fmt: skip
            continue
        left = 0
        for attribute, _, colour in PARTS:
            count: int = getattr(calibration, attribute)
            if count:
                ax.barh(y, count, left=left, color=colour, edgecolor="white", height=0.7)
                ax.text(left + count / 2, y, str(count), ha="center", va="center",
                        fontsize=7.5, color=text_colour(colour))  # fmt: skip
            left += count
        if not calibration.schools:
            ax.text(0, y, "  no school has both", va="center", fontsize=7.5)
    ax.set_yticks(ys, [qi_label(QIColumn(c.qi, c.title), 40) for c in calibrations], fontsize=8)
    ax.set_xlim(0, widest * 1.02)
    ax.set_xlabel("schools with both a self-evaluated level and an inspection grade", fontsize=8)
    ax.tick_params(axis="x", labelsize=7)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # schools come whole
    open_frame(ax)
    ax.legend(
        handles=[Patch(facecolor=c, edgecolor="0.4", label=words) for _, words, c in PARTS],
        loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, fontsize=7, frameon=False,
    )  # fmt: skip
    figure.text(0.01, 0.75 / height, textwrap.fill(NOT_THE_SAME, 150), fontsize=7, style="italic")
    return finish(figure, caption, bold=True)
