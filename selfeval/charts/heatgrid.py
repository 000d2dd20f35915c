"""What both heatmaps (a row per setting, or counts per level) draw alike: the QIs across
the top, the white of no level, the hatching of a level not shown, and the words for a cell
with no level."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from matplotlib.axes import Axes

from selfeval.charts.frame import Caption, fit_lines
from selfeval.charts.page import SMALL
from selfeval.compare.records import INSPECTION, NOT_GRADED, Record
from selfeval.digest.framework import QIColumn

__all__ = [
    "HATCH",
    "NO_LEVEL",
    "column_labels",
    "keyed",
    "no_level_words",
    "overhang",
    "pitch",
    "title_room",
]

NO_LEVEL = "white"
"""A cell with no level: paper white with a "-", lighter than any level's colour, and keyed."""
HATCH = "///"
"""The hatching of a level not shown (withheld beside a code, or a group too small)."""


def no_level_words(records: Sequence[Record]) -> str:
    """What a cell with no level is, in the words of summary.md: inspection grades are "not
    graded at their inspection" (a short-model inspection grades only some QIs), a
    self-evaluation's "no level"."""
    graded = bool(records) and all(r.kind == INSPECTION for r in records)
    return NOT_GRADED if graded else "no level"


HEADER = 1.9
"""Inches of each line of a slanted QI title above the heatmap."""
SLANT = math.radians(60)
"""Steep enough that two lines of a title clear the next column's (0.45 inches apart)."""


PITCH = (2 * SMALL * 1.25 / 72 + 0.06) / math.sin(SLANT)
"""Inches between two columns headed by slanted titles, at least: two lines of 8 pt and a
gap across the slant (0.35 inches apart, beside long names, they nearly touched)."""


def pitch(columns: Sequence[QIColumn]) -> float:
    """Inches each column needs at least for its heading (none set for numbers)."""
    return 0.0 if all(c.numbered for c in columns) else PITCH


def keyed(caption: Caption, columns: Sequence[QIColumn]) -> Caption:
    """*caption* with, before its source note, each QI number that heads a column in words
    ("1.1 Self-evaluation for self-improvement · 1.2 Leadership of learning · …"): a
    committee reader needs no other document to read the columns. Each QI is kept whole on
    one line (no-break spaces); unchanged where no column is headed by a number."""
    said = [c.heading.replace(" ", "\u00a0") for c in columns if c.numbered]
    if not said:
        return caption
    return replace(
        caption, source="Quality indicators: " + "\u00a0· ".join(said) + "\n" + caption.source
    )


def title_room(columns: Sequence[QIColumn]) -> float:
    """Inches above the grid for slanted QI titles of two lines (none where every QI has a
    number)."""
    if all(c.numbered for c in columns):
        return 0.0
    return HEADER * math.sin(SLANT) + 2 * SMALL * 1.25 / 72 * math.cos(SLANT) + 0.15


def overhang(columns: Sequence[QIColumn]) -> float:
    """Inches the last QI's slanted title reaches right of the grid's last column."""
    if all(c.numbered for c in columns):
        return 0.0
    return HEADER * math.cos(SLANT) + 2 * SMALL * 1.25 / 72 * math.sin(SLANT) + 0.1


def column_labels(ax: Axes, columns: Sequence[QIColumn]) -> None:
    """QI numbers across the top; titles (QIs without numbers) wrapped onto two lines and
    slanted so that neighbours never overlap (cut short, "Safeguarding and child…", they were
    other QIs' titles; the room to the right of the grid takes the last one's slant)."""
    if all(c.numbered for c in columns):
        ax.set_xticks(range(len(columns)), [c.short for c in columns], fontsize=SMALL)
        return
    labels = [c.short if c.numbered else fit_lines(c.short, HEADER) for c in columns]
    ax.set_xticks(
        range(len(columns)), labels, fontsize=SMALL, rotation=math.degrees(SLANT), ha="left",
        va="bottom", rotation_mode="anchor",
    )  # fmt: skip
