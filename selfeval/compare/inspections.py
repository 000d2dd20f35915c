"""Inspection grades as records selfeval can compare: the file format, and the xlsx importer.

The Scottish Government publishes the grades HM Inspectors awarded to every school
(FOI-202500457731, Annex A). `import_workbook` reads that spreadsheet, surviving its quirks
(0 for "not graded", blank or text cells, dates as dates, serial numbers or text, stray spaces),
and `save_inspections` writes one TOML file of records that `selfeval compare` reads beside
self-evaluations. Only the HGIOS4 quality indicators (1.3, 2.3, 3.1, 3.2, from August 2016) are
compared; grades from the older HGIOS3 model are kept in the file but never mixed in.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from selfeval.errors import SelfevalError
from selfeval.files.atomic import atomic_write_text

__all__ = [
    "HGIOS4_TITLES",
    "ImportReport",
    "InspectionFile",
    "InspectionRecord",
    "import_workbook",
    "load_inspections",
    "save_inspections",
]

KIND: Literal["inspection-grades"] = "inspection-grades"
SHEET = "Public and Grant aided schools"
HGIOS4_TITLES = {
    "1.3": "Leadership of change",
    "2.3": "Learning, teaching and assessment",
    "3.1": "Ensuring wellbeing, equality and inclusion",
    "3.2": "Raising attainment and achievement",
}
HGIOS3_QIS = ("1.1", "2.1", "5.3", "5.1", "5.9")
REQUIRED_COLUMNS = ("SEED", "LA Name", "School Name", "Inspection Date", "Publication Date")

Grade = Annotated[StrictInt, Field(ge=1, le=6)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class InspectionRecord(_Model):
    """One school's published inspection grades."""

    seed_code: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    """The school's SEED code."""
    name: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    """The school's name, tidied of stray spaces."""
    authority: str
    """The local authority (or "Grant aided")."""
    stage: str | None = None
    """primary, secondary or asn, inferred from the school's name; absent where it gives no clue."""
    inspection_date: date | None = None
    """When it was inspected; absent if it never has been."""
    inspection_note: str | None = None
    """The spreadsheet's text where a date would be, e.g. "not since opened -2018/19"."""
    publication_date: date | None = None
    """When the report was published."""
    publication_note: str | None = None
    """E.g. "inspection in progress"."""
    grades: dict[str, Grade] = Field(default_factory=dict)
    """HGIOS4 grades by QI (1.3, 2.3, 3.1, 3.2); a QI not graded is absent."""
    previous_model: dict[str, Grade] = Field(default_factory=dict)
    """Grades on the HGIOS3 indicators (before 2016); kept, never compared with HGIOS4."""
    note: str | None = None
    """The spreadsheet's note, e.g. "Inspected as part of …"."""


class InspectionFile(_Model):
    """A file of inspection records, as written by ``selfeval import-inspections``."""

    kind: Literal["inspection-grades"] = KIND
    """Marks the file as inspection grades, not a self-evaluation."""
    source: str
    """Where the grades come from."""
    licence: str = "Open Government Licence v3.0"
    """The licence the source is published under."""
    imported: datetime
    """When the file was made."""
    qis: dict[str, str] = Field(default_factory=lambda: dict(HGIOS4_TITLES))
    """The comparable quality indicators and their titles."""
    records: tuple[InspectionRecord, ...] = ()
    """One record per school."""


class ImportReport:
    """What the importer read, kept and skipped, to tell the user."""

    def __init__(self) -> None:
        self.rows = 0
        self.graded = 0
        self.skipped: list[str] = []

    def describe(self) -> str:
        """A sentence for the terminal."""
        text = f"read {self.rows} schools; {self.graded} have HGIOS4 grades"
        if self.skipped:
            text += f"; skipped {len(self.skipped)} unreadable rows"
        return text


def _clean(value: object) -> str:
    """Text with non-breaking and repeated spaces tidied; '' for empty cells."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value).replace("\xa0", " ")).strip()


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


_EXCEL_EPOCH = date(1899, 12, 30)


def _date(value: object) -> tuple[date | None, str | None]:
    """A date from a date cell, an Excel serial number or ISO-like text; otherwise the text."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 100_000:
        return _EXCEL_EPOCH + timedelta(days=int(value)), None
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


def infer_stage(name: str) -> str | None:
    """primary / secondary / asn from a school's name, or None when the name gives no clue."""
    for stage, pattern in _STAGE_WORDS:
        if pattern.search(name):
            return stage
    return None


def import_workbook(path: Path) -> tuple[InspectionFile, ImportReport]:
    """Read the published inspection spreadsheet into records, or explain why it cannot be."""
    rows = _sheet_rows(path)
    header_at, columns = _find_header(rows, path)
    report = ImportReport()
    records = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not any(cell not in (None, "") for cell in row):
            continue
        report.rows += 1
        try:
            record = _record(dict(zip(columns, row, strict=False)))
        except (ValidationError, ValueError) as exc:
            report.skipped.append(f"row {number}: {exc}")
            continue
        if record.grades:
            report.graded += 1
        records.append(record)
    if not records:
        raise SelfevalError(
            f"{path} has the expected columns but no schools",
            "check that this is the full published spreadsheet",
        )
    as_at = re.search(r"as at (.+)$", _clean(rows[0][0]), re.I)
    source = (
        "Scottish Government FOI-202500457731, Annex A: inspection grades of public and grant "
        f"aided schools, as at {as_at.group(1).title() if as_at else 'publication'}"
    )
    return InspectionFile(
        source=source,
        imported=datetime.now().astimezone().replace(microsecond=0),
        records=tuple(records),
    ), report


def _sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    try:
        import openpyxl
    except ImportError:
        raise SelfevalError(
            "reading .xlsx files needs the openpyxl package",
            "install it with: pip install 'selfeval[xlsx]'",
        ) from None
    if not path.is_file():
        raise SelfevalError(f"{path}: no such file", "check the spelling and the folder")
    # We open the file ourselves: openpyxl leaves its own handle open when a file is damaged.
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a bad file
            raise SelfevalError(
                f"{path} cannot be read as an Excel workbook ({type(exc).__name__})",
                "it may be damaged, password-protected or not an .xlsx file; open it in Excel, "
                "remove any password and save it again as .xlsx",
            ) from None
        try:
            if SHEET not in workbook.sheetnames:
                raise SelfevalError(
                    f"{path} has no sheet called {SHEET!r} "
                    f"(it has: {', '.join(workbook.sheetnames)})",
                    "use the FOI-202500457731 Annex A spreadsheet of inspection grades",
                )
            return [tuple(row) for row in workbook[SHEET].iter_rows(values_only=True)]
        except SelfevalError:
            raise
        except Exception as exc:  # damage inside the sheet shows only as it is read
            raise SelfevalError(
                f"{path}: the sheet {SHEET!r} is damaged ({type(exc).__name__})",
                "open it in Excel and save it again as .xlsx",
            ) from None
        finally:
            workbook.close()


def _find_header(rows: list[tuple[Any, ...]], path: Path) -> tuple[int, list[str]]:
    for index, row in enumerate(rows[:10]):
        names = [_clean(cell) for cell in row]
        if "SEED" in names and "School Name" in names:
            missing = [c for c in REQUIRED_COLUMNS if c not in names]
            missing += [f"QI {qi}" for qi in HGIOS4_TITLES if f"QI {qi}" not in names]
            if missing:
                raise SelfevalError(
                    f"{path}: the sheet {SHEET!r} has a different layout: no column "
                    + ", ".join(repr(m) for m in missing),
                    "selfeval reads the layout published in June 2025 (FOI-202500457731)",
                )
            return index, names
    raise SelfevalError(
        f"{path}: no header row with 'SEED' and 'School Name' in the first 10 rows of {SHEET!r}",
        "selfeval reads the layout published in June 2025 (FOI-202500457731)",
    )


def _record(cells: dict[str, Any]) -> InspectionRecord:
    seed = _clean(cells.get("SEED"))
    if seed.endswith(".0"):
        seed = seed[:-2]
    name = _clean(cells.get("School Name"))
    inspected, inspected_note = _date(cells.get("Inspection Date"))
    published, published_note = _date(cells.get("Publication Date"))
    grades = {qi: g for qi in HGIOS4_TITLES if (g := _grade(cells.get(f"QI {qi}"))) is not None}
    old = {qi: g for qi in HGIOS3_QIS if (g := _grade(cells.get(f"QI {qi}"))) is not None}
    return InspectionRecord(
        seed_code=seed,
        name=name,
        authority=_clean(cells.get("LA Name")),
        stage=infer_stage(name),
        inspection_date=inspected,
        inspection_note=inspected_note,
        publication_date=published,
        publication_note=published_note,
        grades=grades,
        previous_model=old,
        note=_clean(cells.get("Note")) or None,
    )


def save_inspections(data: InspectionFile, path: Path) -> None:
    """Write *data* as TOML, atomically."""
    dumped = data.model_dump(mode="python", exclude_none=True)
    dumped["records"] = [_compact(r) for r in dumped["records"]]
    header = (
        "# Inspection grades imported by selfeval from a published spreadsheet.\n"
        f"# Source: {data.source}. {data.licence}.\n"
    )
    atomic_write_text(path, header + tomli_w.dumps(dumped))


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in ({}, None)}


def load_inspections(path: Path, data: dict[str, Any]) -> InspectionFile:
    """Validate the parsed TOML of an inspection file."""
    try:
        return InspectionFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SelfevalError(
            f"{path}: not a valid inspection-grades file ({where}: {first['msg']})",
            "make it again with selfeval import-inspections",
        ) from None
