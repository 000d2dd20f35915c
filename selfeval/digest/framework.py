"""A framework's digest: what the start screen shows of it and what a comparison asks of it
(ids, titles, stages and the QIs each may have levels for, the scale), as plain data.

The start screen is drawn from it before the framework (and pydantic, a sixth of the start)
loads; a warm comparison of thousands of cached files groups and titles its rows from it, and
loads the full framework only for what needs more (charts, the Markdown brief).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfeval.framework.groups import QIGroup
    from selfeval.framework.model import Framework

__all__ = ["Digest", "QIColumn", "StageDigest", "digest_of", "framework_digest"]


@dataclass(frozen=True)
class QIColumn:
    """A quality indicator as a column of a comparison."""

    id: str
    title: str
    numbered: bool = True
    """Whether its id is a number people know it by ("2.3"); the 2025 ELC framework's QIs
    have titles only (their ids are slugs, never shown)."""
    framework: str = ""
    """The reference framework it is a QI of ("hgios4", "hgioelc"): a QI is known by its
    framework and its number together (3.2 of HGIOS4 is not 3.2 of HGIOELC); "" where the
    source does not say."""

    @property
    def short(self) -> str:
        """How a narrow label names it: "2.3", or its title."""
        return self.id if self.numbered else self.title

    @property
    def heading(self) -> str:
        """Its number and title, e.g. "2.3 Learning, teaching and assessment"."""
        return f"{self.id} {self.title}" if self.numbered else self.title


@dataclass(frozen=True)
class StageDigest:
    """A stage, as the start screen offers it and a comparison groups and titles it."""

    id: str
    label: str
    ages: tuple[tuple[str, str], ...]
    """The age ranges it asks a setting to choose from, as (id, label); none for most."""
    offered: tuple[tuple[str, str], ...]
    """The reference frameworks its settings may be judged against, as (id, title), its own
    first."""
    own: frozenset[str]
    """The QIs of its own reference framework (a setting may have chosen another's)."""
    columns: tuple[QIColumn, ...]
    """Every QI a setting at this stage may have a level for, titled in its own words."""

    @property
    def choices(self) -> tuple[tuple[str, str], ...]:
        """The reference frameworks a setting chooses from, as (id, title); none where the
        stage offers no choice."""
        return self.offered if len(self.offered) > 1 else ()


@dataclass(frozen=True)
class Digest:
    """A framework as the start screen and the comparisons see it."""

    id: str
    version: str
    title: str
    content_hash: str
    sections: int
    """How many sections (quality indicators) it has."""
    scale_values: tuple[int, ...]
    """The rating scale's values, highest first."""
    scale_labels: tuple[str, ...]
    """Each value in words ("6 excellent"), in the same order."""
    good_from: int
    """The lowest value that counts as good or better."""
    stages: tuple[StageDigest, ...]
    """In the framework's order (early years first): the order groups are shown in."""
    columns: tuple[QIColumn, ...]
    """The QIs of the sections, for records without a stage."""
    reference_qis: dict[str, frozenset[str]]
    """Each reference framework's QI ids."""
    reference_names: dict[str, str]
    """Each reference framework's short name ("HGIOS4")."""

    @property
    def highest(self) -> str:
        """The top of the rating scale in words, e.g. "6 excellent"."""
        return self.scale_labels[0]

    @property
    def lowest(self) -> str:
        """The bottom of the rating scale in words, e.g. "1 unsatisfactory"."""
        return self.scale_labels[-1]

    @property
    def values(self) -> list[int]:
        """The scale's values, highest first (as `Scale.values`, so counting takes either)."""
        return list(self.scale_values)

    def stage(self, stage_id: str) -> StageDigest | None:
        """The stage *stage_id*, or None if the framework has no such stage."""
        return next((s for s in self.stages if s.id == stage_id), None)

    def stage_label(self, stage_id: str) -> str:
        """The stage in words ("Primary school"), or as recorded if the framework lacks it."""
        found = self.stage(stage_id)
        return found.label if found else stage_id

    def columns_of(self, stage: str | None) -> tuple[QIColumn, ...]:
        """The QIs a setting at *stage* may be given levels for (all sections' without one)."""
        found = self.stage(stage) if stage else None
        return found.columns if found else self.columns

    def references_used(
        self, stages_and_qis: Iterable[tuple[str | None, Iterable[str]]]
    ) -> set[str]:
        """The reference frameworks settings are judged against, told from (stage, QIs with
        a level) pairs: a nursery on the 2025 framework has levels for its QIs, one still on
        HGIOELC for HGIOELC's."""
        used: set[str] = set()
        for stage_id, qis in stages_and_qis:
            stage = self.stage(stage_id) if stage_id else None
            if stage is None:
                continue
            have = set(qis)
            for against, _ in stage.offered:
                if not self.reference_qis[against].isdisjoint(have):
                    used.add(against)
                    break
        return used


def digest_of(framework: Framework) -> Digest:
    """The digest of *framework*."""
    scale = framework.rating_scale
    return Digest(
        id=framework.id,
        version=framework.version,
        title=framework.title,
        content_hash=framework.content_hash,
        sections=len(framework.sections),
        scale_values=tuple(scale.values),
        scale_labels=tuple(scale.label(v) for v in scale.values),
        good_from=scale.good_from,
        stages=tuple(_stage(framework, stage.id) for stage in framework.stages),
        columns=tuple(_section_columns(framework)),
        reference_qis={
            r.id: frozenset(qi.id for qi in r.indicators) for r in framework.reference_frameworks
        },
        reference_names={r.id: r.short_title for r in framework.reference_frameworks},
    )


def framework_digest(spec: str | None = None) -> Digest:
    """The digest of the framework *spec* names (an id or a path; the default framework
    without one), from the copy kept beside its compiled framework where that matches."""
    from selfeval.framework.catalog import DEFAULT_FRAMEWORK, cached_derived

    found: Digest = cached_derived(spec or DEFAULT_FRAMEWORK, "digest", Digest, digest_of)
    return found


def _stage(framework: Framework, stage_id: str) -> StageDigest:
    stage = framework.stage(stage_id)
    offered = (stage.qi_framework, *stage.other_qi_frameworks)
    return StageDigest(
        id=stage.id,
        label=stage.label,
        ages=tuple((a.id, a.label) for a in stage.age_ranges),
        offered=tuple((ref, framework.reference(ref).title) for ref in offered),
        own=frozenset(g.ref.id for g in framework.groups(stage.id)),
        columns=tuple(
            _column(framework, group, stage.id)
            for against in offered
            for group in framework.groups(stage.id, against)
        ),
    )


def _section_columns(framework: Framework) -> list[QIColumn]:
    found = [(framework.qi_for(s)[0], framework.section_title(s)) for s in framework.sections]
    return [
        QIColumn(ref.id, title, framework.reference(ref.framework).numbered, ref.framework)
        for ref, title in found
    ]


def _column(framework: Framework, group: QIGroup, stage: str) -> QIColumn:
    """A QI group as a column: a narrow QI titled as its section, a broad one as itself."""
    reference = framework.reference(group.ref.framework)
    only = group.sections[0] if len(group.sections) == 1 and not reference.broad else None
    title = framework.section_title(only, stage) if only else group.indicator.title
    return QIColumn(group.ref.id, title, reference.numbered, group.ref.framework)
