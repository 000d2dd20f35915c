"""Many settings side by side: records per setting, distributions per QI, groups; no rankings.

Comparisons follow how Education Scotland and local authorities compare settings: the number
of settings at each level of each quality indicator and the percentage good or better, never a
league table or an overall grade. A setting's level for a QI is the one it confirmed, or else the
one selfeval suggested (both are kept in the records and the CSV).

Self-evaluations are compared only with self-evaluations of the same framework (the most common
one among the inputs unless chosen); published inspection grades form their own rows, matched on
QI numbers. Everything left out is listed with its reason.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from selfeval.compare.bulk import Payload, framework_for, read_payloads, record_fields
from selfeval.compare.cache import RecordCache
from selfeval.compare.inspections import InspectionFile, InspectionRecord, load_inspections
from selfeval.errors import EvaluationError, SelfevalError
from selfeval.files.toml import parse_toml
from selfeval.framework.model import Framework, Scale

__all__ = [
    "INSPECTION",
    "SELF",
    "Collection",
    "Distribution",
    "LeftOut",
    "QIColumn",
    "Record",
    "collect",
    "distributions",
    "group_records",
]

SELF = "self-evaluation"
INSPECTION = "inspection"


@dataclass(frozen=True)
class QIColumn:
    """A quality indicator as a column of a comparison."""

    id: str
    title: str


@dataclass(frozen=True)
class Record:
    """One setting's QI levels from one source at one date."""

    name: str
    kind: str
    source: Path
    stage: str | None = None
    seed_code: str | None = None
    authority: str | None = None
    cluster: str | None = None
    when: date | None = None
    framework: str = ""
    synthetic: bool = False
    suggested: dict[str, int | None] = field(default_factory=dict)
    confirmed: dict[str, int | None] = field(default_factory=dict)

    def level(self, qi: str) -> int | None:
        """The level that stands: confirmed, else suggested; None if neither."""
        confirmed = self.confirmed.get(qi)
        return confirmed if confirmed is not None else self.suggested.get(qi)

    def group(self, by: str | None) -> str:
        """The group this record falls in for ``--by`` (stage, authority or cluster)."""
        if by is None:
            return "all"
        value = getattr(self, by, None)
        return str(value) if value else "not recorded"


@dataclass(frozen=True)
class LeftOut:
    """An input not included in the comparison, and why."""

    path: Path
    reason: str


@dataclass
class Collection:
    """Everything read for a comparison."""

    framework: Framework | None
    columns: list[QIColumn]
    records: list[Record]
    left_out: list[LeftOut]

    def of_kind(self, kind: str) -> list[Record]:
        """The records of one kind."""
        return [r for r in self.records if r.kind == kind]


@dataclass(frozen=True)
class Distribution:
    """How many settings are at each level of one QI."""

    qi: QIColumn
    counts: dict[int, int]
    """Settings at each level, keyed by level value (highest first)."""
    with_level: int
    """Settings that have a level for this QI."""
    without_level: int
    """Settings left out of this QI: not enough evidence, not graded, or not asked."""
    good_or_better: int
    """Settings at the scale's "good" or above."""

    @property
    def percent_good_or_better(self) -> float | None:
        """Percentage of settings with a level that are good or better."""
        return 100.0 * self.good_or_better / self.with_level if self.with_level else None


def toml_files(paths: Iterable[Path]) -> tuple[list[Path], list[LeftOut]]:
    """The .toml files named or inside the folders named, and paths that do not exist."""
    files: list[Path] = []
    missing = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.toml") if not p.name.startswith("."))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(LeftOut(path, "no such file or folder"))
    return files, missing


def collect(
    paths: Sequence[Path],
    framework_spec: str | None = None,
    cache: RecordCache | None = None,
    jobs: int = 1,
) -> Collection:
    """Read evaluations and inspection files under *paths* into comparable records.

    Self-evaluations are compared within one framework: *framework_spec* (an id or a path) or
    else the one most of them were answered against. *cache* and *jobs* only make it faster.
    """
    files, left_out = toml_files(paths)
    payloads = read_payloads(files, framework_spec, cache, jobs)
    evaluations: list[tuple[Path, Payload]] = []
    inspections: list[Record] = []
    titles: dict[str, str] = {}
    for path in files:
        payload = payloads[path]
        kind = payload["kind"]
        if kind == "inspection":
            try:
                found = _read_inspections(path)
            except SelfevalError as exc:
                left_out.append(LeftOut(path, _reason(exc)))
                continue
            titles.update(found.qis)
            inspections += [_inspection_record(path, r, found.source) for r in found.records]
        elif kind == "error":
            left_out.append(LeftOut(path, str(payload["reason"])))
        else:
            evaluations.append((path, payload))
    chosen = (
        framework_for(framework_spec).id
        if framework_spec
        else _most_common(p["framework"] for _, p in evaluations)
    )
    records: list[Record] = []
    for path, payload in evaluations:
        if payload["kind"] != "evaluation" or payload["framework"] != chosen:
            left_out.append(
                LeftOut(
                    path,
                    f"answered against the `{payload['framework']}` framework; this "
                    f"comparison is of `{chosen}` (choose with --framework)",
                )
            )
            continue
        records.append(Record(kind=SELF, source=path, **record_fields(payload)))
    framework = framework_for(framework_spec or chosen) if chosen else None
    return Collection(framework, _columns(framework, titles), records + inspections, left_out)


def _read_inspections(path: Path) -> InspectionFile:
    doc = parse_toml(path, path.read_bytes(), EvaluationError, "inspection-grades", fast=True)
    return load_inspections(path, doc.data)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _most_common(ids: Iterable[str]) -> str | None:
    counted = Counter(ids).most_common(1)
    return counted[0][0] if counted else None


def _columns(framework: Framework | None, inspection_titles: dict[str, str]) -> list[QIColumn]:
    columns: dict[str, QIColumn] = {}
    if framework is not None:
        for section in framework.sections:
            ref, _ = framework.qi_for(section)
            columns[ref.id] = QIColumn(ref.id, framework.section_title(section))
    for qi, title in inspection_titles.items():
        columns.setdefault(qi, QIColumn(qi, title))
    return sorted(columns.values(), key=_qi_order)


def _qi_order(column: QIColumn) -> list[int]:
    return [int(part) if part.isdigit() else 0 for part in column.id.split(".")]


def _inspection_record(path: Path, record: InspectionRecord, source: str) -> Record:
    return Record(
        name=record.name,
        kind=INSPECTION,
        source=path,
        stage=record.stage,
        seed_code=record.seed_code,
        authority=record.authority,
        when=record.inspection_date,
        framework=source,
        confirmed=dict(record.grades),
    )


def group_records(records: Iterable[Record], by: str | None) -> dict[str, list[Record]]:
    """Records grouped for ``--by``; one group "all" without it."""
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.group(by), []).append(record)
    return dict(sorted(groups.items()))


def distributions(
    records: Sequence[Record], columns: Sequence[QIColumn], scale: Scale
) -> list[Distribution]:
    """For each QI: settings per level, with and without a level, and how many good or better."""
    result = []
    for column in columns:
        levels = [r.level(column.id) for r in records]
        present = [level for level in levels if level is not None]
        tally = Counter(present)
        counts = {value: tally.get(value, 0) for value in scale.values}
        good = sum(1 for level in present if level >= scale.good_from)
        result.append(Distribution(column, counts, len(present), len(levels) - len(present), good))
    return result
