"""The records of a comparison: one setting's levels per QI, and what counts them.

A setting's level for a QI is the one it confirmed, or else the one selfeval suggested (both are
kept). Distributions count settings per level and good or better, the way Education Scotland
reports; nothing here ranks or orders settings by level.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from selfeval.compare import MIN_GROUP
from selfeval.compare.cells import hidden_levels
from selfeval.compare.distribution import WITHHELD_PROTECT, Distribution
from selfeval.digest.framework import QIColumn

if TYPE_CHECKING:
    from selfeval.digest.framework import Digest
    from selfeval.framework.model import Framework

__all__ = [
    "GRADED_AGAINST",
    "INSPECTION",
    "MIN_GROUP",
    "NOT_GRADED",
    "NOT_RECORDED",
    "SELF",
    "STAGE_NOT_KNOWN",
    "WITHHELD_PROTECT",
    "Collection",
    "Distribution",
    "Grouping",
    "Kind",
    "LeftOut",
    "LevelScale",
    "Part",
    "Record",
    "Staged",
    "distributions",
    "group_records",
    "grouping",
]


class LevelScale(Protocol):
    """What counting needs of a rating scale: a `Scale`, or a framework's `Digest`."""

    @property
    def values(self) -> list[int]:
        """The values, highest first."""
        ...

    @property
    def good_from(self) -> int:
        """The lowest value that counts as good or better."""
        ...


class _Stage(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


class Staged(Protocol):
    """What grouping by stage needs of a framework: its stages in order, with their names."""

    @property
    def stages(self) -> Sequence[_Stage]: ...


GRADED_AGAINST = "hgios4"
"""The reference framework whose QIs school inspections grade (HGIOS4's numbers and titles,
`selfeval.compare.inspections.HGIOS4_TITLES`)."""

Kind = Literal["self-evaluation", "inspection"]
SELF: Kind = "self-evaluation"
INSPECTION: Kind = "inspection"


@dataclass(frozen=True)
class Record:
    """One setting's QI levels from one source at one date."""

    name: str
    kind: Kind
    source: Path
    stage: str | None = None
    seed_code: str | None = None
    authority: str | None = None
    cluster: str | None = None
    when: date | None = None
    year: str | None = None
    """The school year a self-evaluation evaluates ("2026-27"), as its file records it."""
    framework: str = ""
    against: str = ""
    """The reference framework its levels are QIs of ("hgios4" for schools, "hgioelc" or
    "elc-qif" for nurseries, as the setting chose): its levels are counted only beside those
    of settings judged against the same one."""
    synthetic: bool = False
    complete: bool = False
    """Whether the setting marked the evaluation complete (an inspection record always is)."""
    suggested: dict[str, int | None] = field(default_factory=dict)
    confirmed: dict[str, int | None] = field(default_factory=dict)
    validated: str = ""
    """For a submission to the authority: "yes", "feedback given" or "no" (read from the
    officers' feedback beside it by `selfeval.authority.validation`, never cached); "" for an
    evaluation not handed in."""
    coded: bool = False
    """Shown under a code (`--anonymise`): no table counts fewer than the threshold at a level."""

    def level(self, qi: str) -> int | None:
        """The level that stands: confirmed, else suggested; None if neither."""
        confirmed = self.confirmed.get(qi)
        return confirmed if confirmed is not None else self.suggested.get(qi)

    def group(self, by: str | None) -> str:
        """The group this record falls in for ``--by`` (stage, authority or cluster)."""
        if by is None:
            return "all"
        value = getattr(self, by, None)
        return str(value) if value else NOT_RECORDED


@dataclass(frozen=True)
class LeftOut:
    """An input not included in the comparison, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True)
class Part:
    """The records of a comparison judged against one reference framework, with its QIs:
    what one table or chart shows (a QI is counted only among settings it applies to)."""

    framework: str
    """The reference framework's id ("hgios4"); "" where the records do not say."""
    name: str
    """Its short name ("HGIOS4"), as headings and captions name it."""
    columns: list[QIColumn]
    records: list[Record]


@dataclass
class Collection:
    """Everything read for a comparison."""

    facts: Digest | None
    """What counting needs of the self-evaluations' framework (None: inspection grades only)."""
    columns: list[QIColumn]
    records: list[Record]
    left_out: list[LeftOut]
    in_moderation: list[str] = field(default_factory=list)
    """Settings with colleagues' contributions but no agreed evaluation yet (not counted)."""
    stage_titles: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per stage, each QI's title in that stage's own framework (HGIOELC for nurseries)."""
    seed_clashes: dict[str, list[str]] = field(default_factory=dict)
    """SEED codes given to settings of different names (each counted, and said): by code."""
    ungraded: int = 0
    """Schools in the inspection files read with no HGIOS4 grade (not in `records`: a school
    never graded is not a school graded below good)."""
    older_grades: int = 0
    """Graded schools left out as inspected before the date asked for (`since`)."""
    councils: tuple[str, ...] = ()
    """The councils of the schools graded, kept when an anonymised comparison drops them
    from the records (`selfeval.compare.strata.whose_grades`)."""
    earlier_years: int = 0
    """Earlier evaluations of settings counted once, by their latest (not in `records`)."""
    same_year: int = 0
    """Second files of a setting's evaluation of one school year (a copy under a name nobody
    foresaw), counted once when every year counts (not in `records`)."""
    sheets_not_read: list[str] = field(default_factory=list)
    """Sheets of schools in the inspection workbooks that the import did not read (the
    independent schools'), to be said beside the figures."""
    anonymised: bool = False
    """Settings shown as codes (`selfeval.compare.anonymise`); otherwise outputs that name
    settings beside their levels say they are for internal use."""
    framework_spec: str = ""
    """How the framework was named (an id or a path), to load it whole when it is asked for."""

    @cached_property
    def framework(self) -> Framework | None:
        """The self-evaluations' framework whole, loaded on first use: counting needs only
        `facts`; charts and the brief's words need the rest."""
        if self.facts is None:
            return None
        from selfeval.framework.catalog import cached_framework

        return cached_framework(self.framework_spec or self.facts.id)

    def columns_for(self, stage: str | None) -> list[QIColumn]:
        """The columns titled as a setting at *stage* knows its QIs."""
        titles = self.stage_titles.get(stage or "", {})
        return [replace(c, title=titles.get(c.id, c.title)) for c in self.columns]

    def of_kind(self, kind: Kind) -> list[Record]:
        """The records of one kind."""
        return [r for r in self.records if r.kind == kind]

    def parts(self, records: Sequence[Record]) -> list[Part]:
        """*records* split by the reference framework their levels are QIs of, each part with
        its own QIs in its own words (schools' HGIOS4 apart from nurseries' HGIOELC, whose
        3.2 is another QI), in the columns' order; a part's QIs are those its settings were
        asked."""
        names = self.facts.reference_names if self.facts else {}
        by_framework: dict[str, list[Record]] = {}
        for record in records:
            by_framework.setdefault(record.against, []).append(record)
        order = {c.framework: n for n, c in reversed(list(enumerate(self.columns)))}
        found = []
        for framework in sorted(by_framework, key=lambda f: order.get(f, len(order))):
            members = by_framework[framework]
            asked = {qi for r in members for qi in (*r.suggested, *r.confirmed)}
            columns = [c for c in self.columns if c.framework == framework and c.id in asked]
            found.append(Part(framework, names.get(framework, framework), columns, members))
        return found


NOT_RECORDED = "not recorded"
STAGE_NOT_KNOWN = "stage not known"
"""The group of a record whose place (its cluster, authority or stage) is not recorded: the
inspection spreadsheet gives no cluster."""
NOT_GRADED = "not graded at their inspection"
"""Said of an inspection record with no grade for a QI (a short-model inspection grades only
some), in summary.md and on the charts alike."""
Grouping = Callable[[Record], tuple[int, str]]
"""A record's group as (its place in the order, its name): sorting by it orders the groups."""


def grouping(by: str | None, framework: Staged | None = None) -> Grouping:
    """How records group for ``--by``: stages named in words and in *framework*'s order (early
    years first), other groups by name; every record in one group "all" without ``--by``."""
    stages = list(framework.stages) if framework is not None and by == "stage" else []
    order = {stage.id: n for n, stage in enumerate(stages)}
    words = {stage.id: stage.label for stage in stages}
    if stages:
        words[NOT_RECORDED] = STAGE_NOT_KNOWN

    def group(record: Record) -> tuple[int, str]:
        key = record.group(by)
        return order.get(key, len(order)), words.get(key, key)

    return group


def group_records(
    records: Iterable[Record], by: str | None, framework: Staged | None = None
) -> dict[str, list[Record]]:
    """Records grouped for ``--by`` (see `grouping`), groups in order, by their names."""
    group = grouping(by, framework)
    found: dict[tuple[int, str], list[Record]] = {}
    for record in records:
        found.setdefault(group(record), []).append(record)
    return {name: members for (_, name), members in sorted(found.items())}


def distributions(
    records: Sequence[Record],
    columns: Sequence[QIColumn],
    scale: LevelScale,
    min_group: int = MIN_GROUP,
) -> list[Distribution]:
    """For each QI: settings per level, with and without a level, and how many good or better
    (as counts only where fewer than *min_group* settings have a level). "Without a level"
    counts only the settings the QI applies to: asked it (a nursery is never counted under a
    school's QI), or for inspections, graded on it. *records* are of one reference framework
    (`Collection.parts`): a QI's number alone means another QI in another framework."""
    tally = _tally(records)
    asked = Counter(qi for r in records for qi in r.suggested.keys() | r.confirmed.keys())
    result = []
    for column in columns:
        found = tally.get(column.id, {})
        present = sum(found.values())
        counts = {value: found.get(value, 0) for value in scale.values}
        good = sum(n for level, n in found.items() if level >= scale.good_from)
        without = asked[column.id] - present
        result.append(Distribution(column, counts, present, without, good, min_group))
    if any(r.coded for r in records):  # a coded paper: no count of a level under the threshold
        result = [replace(d, hidden=hidden_levels(d, scale.good_from), coded=True) for d in result]
    return result


def _tally(records: Iterable[Record]) -> dict[str, dict[int, int]]:
    """How many records have each level, per QI (`Record.level` of every record and QI at
    once: a comparison of thousands of settings counts 25 QIs each, so the counting is left
    to `Counter`, and a record's levels are merged only where it confirmed one)."""
    pairs: Counter[tuple[str, int | None]] = Counter()
    for record in records:
        confirmed = record.confirmed
        if any(level is not None for level in confirmed.values()):
            merged = record.suggested | {q: v for q, v in confirmed.items() if v is not None}
            pairs.update(merged.items())
        else:
            pairs.update(record.suggested.items())
    tally: dict[str, dict[int, int]] = {}
    for (qi, level), n in pairs.items():
        if level is not None:
            tally.setdefault(qi, {})[level] = n
    return tally
