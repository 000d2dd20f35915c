"""The importer of the published inspection-grades spreadsheet (FOI-202500457731, Annex A).

The Scottish Government publishes the grades HM Inspectors awarded to every school.
`import_workbook` reads that spreadsheet into an `InspectionFile`, surviving its quirks (0 for
"not graded", blank or text cells, dates as dates, serial numbers or text, stray spaces).
openpyxl is imported only when a workbook is read.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfeval.compare.inspections import (
    HGIOS3_QIS,
    HGIOS4_FROM,
    HGIOS4_TITLES,
    InspectionFile,
    InspectionRecord,
)
from selfeval.errors import SelfevalError
from selfeval.files.terminal import without_controls
from selfeval.files.workbook import workbook_sheets
from selfeval.schools.directory import by_seed

__all__ = ["ImportReport", "import_workbook", "infer_stage"]

SHEET = "Public and Grant aided schools"
FULL_MODEL_QIS = ("1.3", "2.3", "3.1", "3.2")
"""The QIs every HGIOS4 release has a column for (QI 1.1 is read where there is one)."""
REQUIRED_COLUMNS = ("SEED", "LA Name", "School Name", "Inspection Date", "Publication Date")


class ImportReport:
    """What the importer read, kept and skipped, to tell the user."""

    def __init__(self) -> None:
        self.rows = 0
        self.graded = 0
        self.skipped: list[str] = []
        self.stage_from_name = 0
        """Schools not in the school directory whose stage was guessed from their name."""
        self.stage_unknown = 0
        """Schools whose stage neither the directory nor the name gave."""
        self.short_model = 0
        """QI 1.1 grades read as HGIOS4's (inspected from September 2016, the short model)."""
        self.duplicates = 0
        """Rows of a school already read (another sheet, an earlier inspection, a unit)."""
        self.unread: list[str] = []
        """Sheets of schools in the same layout left out (the independent schools')."""

    def describe(self) -> str:
        """A sentence for the terminal."""
        text = f"read {self.rows} schools; {self.graded} have HGIOS4 grades"
        if self.stage_from_name or self.stage_unknown:
            text += (
                f"; stage from the school directory by SEED, guessed from the name for "
                f"{self.stage_from_name} not in it, unknown for {self.stage_unknown}"
            )
        if self.short_model:
            text += (
                f"; {self.short_model} QI 1.1 grades are from HGIOS4 short-model inspections "
                "(from 2017) and are compared; earlier QI 1.1 grades are HGIOS3 and are not"
            )
        if self.duplicates:
            text += f"; {self.duplicates} rows repeat a school and are counted once"
        if self.skipped:
            text += f"; skipped {len(self.skipped)} unreadable rows"
        if self.unread:
            sheets = ", ".join(repr(name) for name in self.unread)
            text += (
                f"; not read: {sheets} (only the sheet of public and grant-aided schools is "
                "compared; independent schools are not council schools)"
            )
        return text


def _clean(value: object) -> str:
    """Text with non-breaking and repeated spaces tidied, and without control characters or
    bidirectional overrides (kept, they would reach inspections.toml, summary.csv and whoever
    opens them); '' for empty cells."""
    if value is None:
        return ""
    spaced = re.sub(r"\s+", " ", str(value).replace("\xa0", " "))
    return without_controls(spaced).strip()


def _grade(value: object) -> int | None:
    """1-6 as a grade; 0, blanks and text ("No QIs") as not graded."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 1 <= value <= 6:
        return int(value)
    text = _clean(value)
    if text.isdigit() and 1 <= int(text) <= 6:
        return int(text)
    return None


def _date(value: object) -> tuple[date | None, str | None]:
    """A date from a date cell, an Excel serial number or ISO-like text; otherwise the text."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 100_000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(int(value)).date(), None
    text = _clean(value)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date(), None
        except ValueError:
            continue
    return None, text or None


_STAGE_WORDS = (
    ("asn", re.compile(r"\b(additional support|special|support service|asn)\b", re.I)),
    ("primary", re.compile(r"\b(primary|ps)\b", re.I)),
    ("secondary", re.compile(r"\b(high school|academy|secondary|grammar)\b", re.I)),
)


def _with_stage(record: InspectionRecord, report: ImportReport) -> InspectionRecord:
    """*record* with its stage: the school directory's type by SEED (a special school is
    ASN), else guessed from the name (counted in *report*, so the user knows how many)."""
    school = by_seed(record.seed_code, record.name)
    stage = school.stage if school else None
    if stage is None:
        stage = infer_stage(record.name)
        if stage is None:
            report.stage_unknown += 1
        else:
            report.stage_from_name += 1
    authority = record.authority or (school.local_authority if school else "")
    return record.model_copy(update={"stage": stage, "authority": authority})


def infer_stage(name: str) -> str | None:
    """primary / secondary / asn from a school's name, or None when the name gives no clue."""
    for stage, pattern in _STAGE_WORDS:
        if pattern.search(name):
            return stage
    return None


def import_workbook(path: Path) -> tuple[InspectionFile, ImportReport]:
    """Read a published inspection spreadsheet into records, or explain why it cannot be.

    The June 2025 release (FOI-202500457731) has one sheet of every open school; earlier
    releases put each inspection model on a sheet of its own ("2016-2020 (4 QI graded)",
    "2017-2020 (2 QI graded)") with other column names (Seed No., Centre). Every sheet with a
    recognisable header is read, and a school listed on several is counted once, by its latest
    inspection.
    """
    sheets = workbook_sheets(path)
    report = ImportReport()
    if SHEET in sheets:
        parts = {SHEET: sheets[SHEET]}
        report.unread = [n for n, rows in sheets.items() if n != SHEET and _header(rows)]
    else:
        parts = {name: rows for name, rows in sheets.items() if _header(rows) is not None}
        if not parts:
            raise SelfevalError(
                f"{path} has no sheet called {SHEET!r} and no sheet of an earlier release "
                f"(it has: {', '.join(sheets) or 'no sheets'})",
                "use the Scottish Government's published spreadsheet of inspection grades "
                "(FOI-202500457731, Annex A)",
            )
    found = [r for name, rows in parts.items() for r in _sheet_records(path, name, rows, report)]
    records = _once_each(found, report)
    if not records:
        raise SelfevalError(
            f"{path} has the expected columns but no schools",
            "check that this is the full published spreadsheet",
        )
    return InspectionFile(
        source=_source(path, parts),
        imported=datetime.now().astimezone().replace(microsecond=0),
        records=tuple(_with_stage(record, report) for record in records),
        not_read=tuple(report.unread),
    ), report


def _source(path: Path, parts: dict[str, list[tuple[Any, ...]]]) -> str:
    if SHEET in parts:
        first = parts[SHEET][0] if parts[SHEET] else ("",)
        as_at = re.search(r"as at (.+)$", _clean(first[0] if first else ""), re.I)
        return (
            "Scottish Government FOI-202500457731, Annex A: inspection grades of public and "
            f"grant aided schools, as at {as_at.group(1).title() if as_at else 'publication'}"
        )
    sheets = ", ".join(_clean(name) for name in parts)
    return f"Scottish Government inspection grades ({_clean(path.name)}; sheets: {sheets})"


def _sheet_records(
    path: Path, name: str, rows: list[tuple[Any, ...]], report: ImportReport
) -> list[InspectionRecord]:
    header_at, columns = _find_header(rows, path, name)
    records = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell not in (None, "") for cell in row):
            continue
        report.rows += 1
        try:
            records.append(_record(dict(zip(columns, row, strict=False))))
        except (ValidationError, ValueError) as exc:
            where = f"{name!r} row {number}" if name != SHEET else f"row {number}"
            report.skipped.append(f"{where}: {exc}")
    return records


def _once_each(records: list[InspectionRecord], report: ImportReport) -> list[InspectionRecord]:
    """One record per school: its latest inspection (grades of one inspection listed twice,
    as a unit and its school, are put together); the rest counted in *report*."""
    by_seed: dict[str, InspectionRecord] = {}
    for record in records:
        kept = by_seed.get(record.seed_code)
        if kept is None:
            by_seed[record.seed_code] = record
            continue
        report.duplicates += 1
        if record.inspection_date == kept.inspection_date:
            grades = {**kept.grades, **record.grades}
            by_seed[record.seed_code] = kept.model_copy(update={"grades": grades})
        elif (record.inspection_date or date.min) > (kept.inspection_date or date.min):
            by_seed[record.seed_code] = record
    for record in by_seed.values():
        report.graded += bool(record.grades)
        report.short_model += "1.1" in record.grades
    return list(by_seed.values())


_ALIASES = {
    "SEED": ("SEED", "Seed No.", "Seed No", "Seed", "SeedCode"),
    "School Name": ("School Name", "Centre", "School"),
    "LA Name": ("LA Name", "Local Authority", "Authority"),
}
"""The names each release gives the columns selfeval reads, the current one first."""


def _header(rows: list[tuple[Any, ...]]) -> tuple[int, list[str]] | None:
    """Where the header row is (in the first 10 rows) and its columns under the current
    release's names; None when no row names a SEED and a school."""
    for index, row in enumerate(rows[:10]):
        names = [_clean(cell) for cell in row]
        renamed = [
            next((canon for canon, aliases in _ALIASES.items() if name in aliases), name)
            for name in names
        ]
        if "SEED" in renamed and "School Name" in renamed:
            return index, renamed
    return None


def _find_header(rows: list[tuple[Any, ...]], path: Path, sheet: str) -> tuple[int, list[str]]:
    found = _header(rows)
    if found is None:
        raise SelfevalError(
            f"{path}: no header row with 'SEED' and 'School Name' in the first 10 rows of "
            f"{sheet!r}",
            "selfeval reads the layout published in June 2025 (FOI-202500457731) and earlier "
            "releases",
        )
    names = found[1]
    if sheet == SHEET:
        missing = [c for c in REQUIRED_COLUMNS if c not in names]
        missing += [f"QI {qi}" for qi in FULL_MODEL_QIS if f"QI {qi}" not in names]
    else:  # an earlier release: a sheet per model, each with the QIs that model graded
        dated = "Inspection Date" in names or "Publication Date" in names
        graded = any(f"QI {qi}" in names for qi in HGIOS4_TITLES)
        missing = ([] if dated else ["Inspection Date"]) + ([] if graded else ["QI 1.3"])
    if missing:
        raise SelfevalError(
            f"{path}: the sheet {sheet!r} has a different layout: no column "
            + ", ".join(repr(m) for m in missing),
            "selfeval reads the layout published in June 2025 (FOI-202500457731) and earlier "
            "releases",
        )
    return found


def _record(cells: dict[str, Any]) -> InspectionRecord:
    seed = _clean(cells.get("SEED"))
    if seed.endswith(".0"):
        seed = seed[:-2]
    name = _clean(cells.get("School Name"))
    inspected, inspected_note = _date(cells.get("Inspection Date"))
    published, published_note = _date(cells.get("Publication Date"))
    read = {qi: _grade(cells.get(f"QI {qi}")) for qi in {*HGIOS4_TITLES, *HGIOS3_QIS}}
    hgios4 = inspected is not None and inspected >= HGIOS4_FROM
    # QI 1.1 is two indicators under one number: decided by the date of the inspection
    grades = {
        qi: g for qi in HGIOS4_TITLES if (g := read[qi]) is not None and (qi != "1.1" or hgios4)
    }
    old = {qi: g for qi in HGIOS3_QIS if (g := read[qi]) is not None and qi not in grades}
    return InspectionRecord(
        seed_code=seed,
        name=name,
        authority=_clean(cells.get("LA Name")),
        inspection_date=inspected,
        inspection_note=inspected_note,
        publication_date=published,
        publication_note=published_note,
        grades=grades,
        previous_model=old,
        note=_clean(cells.get("Note")) or None,
    )
