"""Who inspection figures are about: the sectors of the schools counted and the inspection
models that graded them, said beside every table and chart of grades.

Full inspections grade four QIs (1.3, 2.3, 3.1 and 3.2); short ones two (2.3 and 3.2, or from
2017 to 2020 1.1 and 3.2). Pooled, a QI's row is a different sample from the next one (n 774
against 1,323 in the 2025 release), and primary, secondary and special schools sit together;
so each table says how many of each sector and model it holds, and each QI row which model
graded it. The models are told by the QIs a school's latest inspection graded, as the
published spreadsheet gives no model per school.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from selfeval.compare.records import INSPECTION, Collection, Record

__all__ = [
    "ALL_SCHOOLS",
    "SCHOOL_STAGES",
    "SECTORS",
    "Model",
    "councils",
    "graded_by",
    "models",
    "period_said",
    "qis_said",
    "sectors",
    "strata_said",
    "whose_grades",
    "whose_settings",
]

COUNCILS = 32
"""Scotland's local authorities: grades from schools of every one are the whole country's."""
ALL_SCHOOLS = "Scotland's local-authority and grant-aided schools"
"""Whose grades the published file's main sheet holds (its independent schools' sheet is not
read): said wherever the grades of every council are shown."""


class _Stage(NamedTuple):
    id: str
    label: str


@dataclass(frozen=True)
class _SchoolStages:
    """Stages in words, in order, where no framework names them (inspection grades alone):
    a `selfeval.compare.records.Staged` for grouping."""

    stages: tuple[_Stage, ...] = (
        _Stage("elc", "Early learning and childcare"),
        _Stage("primary", "Primary school"),
        _Stage("secondary", "Secondary school"),
        _Stage("asn", "Special school (ASN)"),
    )


SCHOOL_STAGES = _SchoolStages()

SECTORS = {"primary": "primary", "secondary": "secondary", "asn": "special (ASN)"}
"""A school's stage as a sector, in the order they are said."""

FULL_FROM = 4
"""A latest inspection grading this many QIs or more is a full one; fewer, a short one."""


@dataclass(frozen=True)
class Model:
    """The schools whose latest inspection graded one set of QIs."""

    qis: tuple[str, ...]
    schools: int
    first: date | None
    last: date | None
    years: tuple[str, str] | None = None
    """The first and last school years, where there are no dates (an anonymised paper's)."""

    @property
    def name(self) -> str:
        """ "full" or "short"."""
        return "full" if len(self.qis) >= FULL_FROM else "short"

    def said(self) -> str:
        """ "490 short (2.3 and 3.2 graded, 2016 to 2025)"."""
        qis = ", ".join(self.qis[:-1]) + f" and {self.qis[-1]}" if len(self.qis) > 1 else ""
        qis = qis or self.qis[0]
        span: tuple[object, object] | None = self.years
        if self.first and self.last:
            span = self.first.year, self.last.year
        years = (
            ""
            if span is None
            else f", {span[0]}" + ("" if span[0] == span[1] else f" to {span[1]}")
        )
        return f"{self.schools} {self.name} ({qis} graded{years})"


def _graded(record: Record) -> tuple[str, ...]:
    return tuple(sorted(qi for qi in record.confirmed if record.level(qi) is not None))


def models(records: Sequence[Record]) -> list[Model]:
    """The inspection models among *records* (inspection grades), largest first."""
    found: dict[tuple[str, ...], list[Record]] = {}
    for record in records:
        if graded := _graded(record):
            found.setdefault(graded, []).append(record)
    result = []
    for qis, members in found.items():
        dates = sorted(r.when for r in members if r.when)
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        years = sorted(r.year for r in members if r.year)  # all an anonymised paper keeps
        result.append(
            Model(qis, len(members), first, last, (years[0], years[-1]) if years else None)
        )
    return sorted(result, key=lambda m: (-m.schools, m.qis))


def sectors(records: Sequence[Record]) -> list[tuple[str, int]]:
    """How many of *records* are of each sector, in `SECTORS` order, then any other stage
    as recorded, then those whose stage is not known."""
    counts = Counter(r.stage or "" for r in records)
    said = [(word, counts.pop(stage)) for stage, word in SECTORS.items() if counts.get(stage)]
    unknown = counts.pop("", 0)
    said += sorted(counts.items())
    return said + ([("stage not known", unknown)] if unknown else [])


def graded_by(qi: str, found: Sequence[Model]) -> str:
    """Which inspections graded *qi*, where not every model among *found* did: "full
    inspections only", "short inspections only"; "" where all did."""
    names = {m.name for m in found if qi in m.qis}
    if not names or all(qi in m.qis for m in found):
        return ""
    return f"{' and '.join(sorted(names))} inspections only" if len(names) == 1 else ""


def strata_said(records: Sequence[Record]) -> str:
    """One sentence of who the grades are about: "Schools: 1058 primary, 187 secondary, 70
    special (ASN), 8 stage not known. Latest inspection: 774 full (…), 490 short (…)."."""
    counted = ", ".join(f"{n} {word}" for word, n in sectors(records))
    found = models(records)
    text = f"Schools: {counted}." if counted else ""
    if found:
        text += " Latest inspection: " + ", ".join(m.said() for m in found) + "."
    return text.strip()


def qis_said(qis: Sequence[str], found: Sequence[Model]) -> str:
    """Which rows only some inspections graded, for a chart's foot: "Graded at full
    inspections only: 1.3 and 3.1. At short inspections only: 1.1." ("" where none)."""
    by: dict[str, list[str]] = {}
    for qi in qis:
        if said := graded_by(qi, found):
            by.setdefault(said, []).append(qi)
    return " ".join(
        f"Graded at {said}: {', '.join(rows[:-1]) + ' and ' if len(rows) > 1 else ''}{rows[-1]}."
        for said, rows in by.items()
    )


def councils(collection: Collection) -> tuple[str, ...]:
    """The councils the inspection grades of *collection* are from (kept apart when the
    records are anonymised), grant-aided schools not being a council's."""
    found = {r.authority for r in collection.of_kind(INSPECTION) if r.authority}
    found.discard("Grant aided")
    return collection.councils or tuple(sorted(found))


def whose_grades(collection: Collection) -> str:
    """Whose the grades are, for headings and the terminal: "Scotland's local-authority and
    grant-aided schools" (the published file's sheet of them: its independent schools' sheet is
    not read, so "all of Scotland's schools" was untrue), or where the file was cut down
    "schools in Fife Council and Angus Council" ("schools in 5 of Scotland's 32 councils")."""
    found = councils(collection)
    if len(found) >= COUNCILS or not found:
        return ALL_SCHOOLS
    if len(found) > 3:
        return f"schools in {len(found)} of Scotland's {COUNCILS} councils"
    return "schools in " + " and ".join(found)


def whose_settings(records: Sequence[Record]) -> str:
    """The authority and school year of self-evaluations, where their files give them, for a
    chart's foot and the brief: "Demoshire Council, school year 2026-27"; "3 authorities"
    where several; an authority an anonymised paper does not show is left out ("" if
    nothing is known). A committee reads figures of whom, and when."""
    own = [r for r in records if r.kind != INSPECTION]
    found = sorted({r.authority for r in own if r.authority and not r.authority.endswith(HIDDEN)})
    said = [found[0] if len(found) == 1 else f"{len(found)} authorities"] if found else []
    return ", ".join([*said, *filter(None, [_school_years(own)])])


def period_said(records: Sequence[Record]) -> str:
    """When the figures of *records* are from, for a heading: self-evaluations' school year
    ("school year 2026-27"), inspection grades' period ("inspected September 2016 to February
    2025"; an anonymised paper keeps no dates: "inspected 2016-17 to 2024-25"); "" where
    their files do not say."""
    if any(r.kind != INSPECTION for r in records):
        return _school_years([r for r in records if r.kind != INSPECTION])
    dates = sorted(r.when for r in records if r.when)
    if dates:
        return f"inspected {dates[0]:%B %Y} to {dates[-1]:%B %Y}"
    years = sorted(r.year for r in records if r.year)
    return f"inspected {years[0]} to {years[-1]}" if years else ""


def _school_years(records: Sequence[Record]) -> str:
    """ "school year 2026-27", "school years 2025-26 to 2026-27", or "" where none is known."""
    years = sorted({r.year for r in records if r.year})
    if not years:
        return ""
    span = years[0] if len(years) == 1 else f"{years[0]} to {years[-1]}"
    return f"school year{'s' if len(years) > 1 else ''} {span}"


HIDDEN = " not shown"
"""The end of a place an anonymised paper withholds ("authority not shown")."""
