"""Make the school directory table again from the Scottish Government's published spreadsheet.

"School level summary statistics" (pupil census, gov.scot/publications/school-level-summary-
statistics/) has one row per open school on a sheet named "<year> School Level Statistics",
header on row 2: Local Authority, SeedCode, School Name, School Type, then figures selfeval does
not keep. Only those four columns are copied, with their source and licence at the top.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from selfeval.errors import SelfevalError
from selfeval.files.atomic import atomic_write_text
from selfeval.files.workbook import Rows, workbook_sheets
from selfeval.schools.directory import COLUMNS, STAGE_OF_TYPE, School

__all__ = ["directory_text", "read_statistics", "refresh_directory"]

_SHEET = re.compile(r"^(\d{4}) School Level Statistics$")
_HEADER = ("Local Authority", "SeedCode", "School Name", "School Type")
SOURCE_PAGE = "https://www.gov.scot/publications/school-level-summary-statistics/"


def read_statistics(path: Path) -> tuple[str, list[School]]:
    """The census year and every school with a SEED code and a known type in the workbook."""
    year, rows = _sheet_rows(path)
    header_at = next(
        (i for i, row in enumerate(rows[:10]) if tuple(_text(c) for c in row[:4]) == _HEADER),
        None,
    )
    if header_at is None:
        raise SelfevalError(
            f"{path}: no header row starting {', '.join(_HEADER)} in the first 10 rows",
            "use the published 'School level summary statistics' spreadsheet",
        )
    schools = []
    for row in rows[header_at + 1 :]:
        authority, seed, name, kind = (_text(c) for c in (tuple(row) + (None,) * 4)[:4])
        if seed.isdigit() and name and kind in STAGE_OF_TYPE:
            schools.append(School(seed, name, authority, kind))
    if not schools:
        raise SelfevalError(f"{path}: no schools found under the header", "check the file")
    return year, schools


def directory_text(year: str, schools: list[School], source_name: str) -> str:
    """The table as shipped: provenance comments, a header, one row per school."""
    out = io.StringIO()
    out.write(
        f"# Scottish schools: SEED code, name, council and type, from the Scottish Government's\n"
        f"# School level summary statistics {year} ({source_name}), {SOURCE_PAGE}\n"
        "# Contains public sector information licensed under the Open Government Licence v3.0.\n"
        "# Made by `selfeval refresh-schools`; do not edit by hand.\n"
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for school in sorted(schools, key=lambda s: (s.local_authority, s.name, s.seed_code)):
        writer.writerow([school.seed_code, school.name, school.local_authority, school.school_type])
    return out.getvalue()


def refresh_directory(xlsx: Path, output: Path) -> int:
    """Write the directory table for *xlsx* to *output*; returns how many schools."""
    year, schools = read_statistics(xlsx)
    atomic_write_text(output, directory_text(year, schools, xlsx.name))
    return len(schools)


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).replace("\xa0", " ").split())


def _sheet_rows(path: Path) -> tuple[str, Rows]:
    """The census year and the rows of the workbook's "<year> School Level Statistics" sheet."""
    sheets = workbook_sheets(path)
    for name, rows in sheets.items():
        if match := _SHEET.match(name):
            return match.group(1), rows
    raise SelfevalError(
        f"{path} has no sheet called '<year> School Level Statistics' "
        f"(it has: {', '.join(sheets) or 'no sheets'})",
        "use the published 'School level summary statistics' spreadsheet",
    )
