"""Calibration as tables: per QI, how many schools evaluated themselves higher than, the same
as or lower than their latest inspection grade (Markdown, JSON); and self-evaluated levels (rows)
against inspection grades (columns), counted over the calibrated QIs of every school with both,
as Markdown and as CSV, with the grades' age said; cells too small to show are "fewer than N"
(Markdown) or blank (CSV)."""

from __future__ import annotations

import csv
import io
from typing import Any

from selfeval.compare.calibration import NOT_THE_SAME, Crosstab, calibrate, no_calibration
from selfeval.compare.records import Collection
from selfeval.report.mdescape import md_cell, md_text

__all__ = ["calibration_json", "calibration_markdown", "crosstab_csv", "crosstab_markdown"]


def crosstab_markdown(table: Crosstab) -> list[str]:
    """The table under its own heading, with how many it counts and how old the grades are."""
    levels = table.levels
    lines = [
        "### Every calibrated QI: self-evaluated level against inspection grade",
        "",
        f"{table.pairs} quality indicators of {table.schools} schools with both. Rows: the "
        "level the school gave itself; columns: its inspection grade; on the diagonal, the "
        f"same. The {table.age()}. {NOT_THE_SAME}",
        "",
        "| self-evaluated \\ grade | " + " | ".join(str(v) for v in levels) + " |",
        "|---" * (len(levels) + 1) + "|",
    ]
    for own in reversed(levels):
        cells = [_cell(table.cells[(own, grade)], table.min_group) for grade in levels]
        lines.append(f"| {own} | " + " | ".join(cells) + " |")
    if table.suppressed:
        lines += [
            "",
            f"Cells of fewer than {table.min_group} are not shown, nor the smallest others "
            "where shown they would give such a cell away.",
        ]
    return [*lines, ""]


def crosstab_csv(table: Crosstab) -> str:
    """One row per self-evaluated level and inspection grade: the count, blank where not
    shown; the grades' age and the rule in a note on the first row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["self_evaluated_level", "inspection_grade", "count", "note"])
    note = (
        f"{table.pairs} QIs of {table.schools} schools; {table.age()}; blank: fewer than "
        f"{table.min_group}, or would give such a cell away. {NOT_THE_SAME}"
    )
    for own in table.levels:
        for grade in table.levels:
            count = table.cells[(own, grade)]
            writer.writerow([own, grade, "" if count is None else count, note])
            note = ""
    return out.getvalue()


def _cell(count: int | None, min_group: int) -> str:
    return f"fewer than {min_group}" if count is None else str(count)


def calibration_json(collection: Collection, min_group: int) -> dict[str, Any] | None:
    """Each calibrated QI's counts higher, the same and lower (None where too few)."""
    calibrations = calibrate(collection)
    if not calibrations:
        return None
    return {
        "note": NOT_THE_SAME,
        "qis": [
            {"qi": c.qi, "title": c.title, "schools": c.schools,
             **c.shown(min_group),
             **({"suppressed": "too few"} if None in c.shown(min_group).values() else {})}
            for c in calibrations
        ],
    }  # fmt: skip


def calibration_markdown(collection: Collection, min_group: int) -> list[str]:
    """Self-evaluation beside the latest inspection grade, QI by QI, or why there is none."""
    calibrations = calibrate(collection)
    if not calibrations:
        missing = no_calibration(collection)
        heading = "## Self-evaluation beside the latest inspection grade"
        return [heading, "", md_text(missing), ""] if missing else []
    lines = [
        "## Self-evaluation beside the latest inspection grade",
        "",
        "Schools with both, joined by SEED code: how many evaluated themselves higher than, the "
        f"same as, or lower than their inspection grade. {NOT_THE_SAME}",
        "",
        "| QI | higher | same | lower | schools |",
        "|---|---|---|---|---|",
    ]
    for c in calibrations:  # a count of a few schools is theirs: "*", as is what gives it away
        counts = " | ".join("*" if n is None else str(n) for n in c.shown(min_group).values())
        lines.append(f"| {md_cell(c.qi + ' ' + c.title)} | {counts} | {c.schools} |")
    return [*lines, ""]
