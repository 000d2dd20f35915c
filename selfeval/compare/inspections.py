"""Inspection grades as records selfeval can compare: the file `import-inspections` writes.

`selfeval.compare.inspections_xlsx` reads the published spreadsheet into an `InspectionFile`;
`save_inspections` writes it as one TOML file of records that `selfeval compare` reads beside
self-evaluations, and `load_inspections` reads it back. Only the HGIOS4 quality indicators
(1.3, 2.3, 3.1, 3.2, from August 2016) are compared; grades from the older HGIOS3 model are kept
in the file but never mixed in.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints, ValidationError

from selfeval.errors import InspectionsError
from selfeval.files.atomic import atomic_write_text
from selfeval.files.explain import locator, problems_from_validation
from selfeval.files.locate import LineIndex
from selfeval.files.toml import TomlText

__all__ = [
    "HGIOS3_QIS",
    "HGIOS4_TITLES",
    "KIND",
    "InspectionFile",
    "InspectionRecord",
    "load_inspections",
    "save_inspections",
]

KIND: Literal["inspection-grades"] = "inspection-grades"
HGIOS4_TITLES = {
    "1.1": "Self-evaluation for self-improvement",
    "1.3": "Leadership of change",
    "2.3": "Learning, teaching and assessment",
    "3.1": "Ensuring wellbeing, equality and inclusion",
    "3.2": "Raising attainment and achievement",
}
HGIOS3_QIS = ("1.1", "2.1", "5.3", "5.1", "5.9")
HGIOS4_FROM = date(2016, 9, 1)
"""Inspections from this date use HGIOS4. A QI 1.1 grade then is HGIOS4's "Self-evaluation for
self-improvement" (the short model of February 2017 to 2020); before it, HGIOS3's
"Improvements in performance", a different indicator under the same number."""

Grade = Annotated[StrictInt, Field(ge=1, le=6)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    """HGIOS4 grades by QI (1.3, 2.3, 3.1, 3.2, and 1.1 from short-model inspections); a QI
    not graded is absent."""
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
    not_read: tuple[str, ...] = ()
    """Sheets of schools in the workbook that were not read (the independent schools'): a
    comparison says they are not in its figures."""


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


def load_inspections(doc: TomlText) -> InspectionFile:
    """Validate the parsed TOML of an inspection file, with each problem at its line and key."""
    try:
        return InspectionFile.model_validate(doc.data)
    except ValidationError as exc:
        problem_at = locator(doc.path, LineIndex(doc.text))
        raise InspectionsError(problems_from_validation(exc, problem_at, InspectionFile)) from None
