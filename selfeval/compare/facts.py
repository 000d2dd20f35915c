"""What a comparison needs of a framework, as plain data that loads without pydantic.

A warm comparison of thousands of cached files is mostly start-up, and the framework models
(pydantic) are the largest part of it (about 0.15 s of 0.5 s). What a comparison asks of its
framework (ids, stages, each stage's QI columns and titles, the scale's values) is small and
fixed for a framework's contents, so it is derived once and kept beside the compiled framework
(`selfeval.framework.compiled.load_derived`), under the same key. The full framework is loaded
only by what needs more (charts, the Markdown brief), through `Collection.framework`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfeval.compare.records import QIColumn

if TYPE_CHECKING:
    from selfeval.framework.groups import QIGroup
    from selfeval.framework.model import Framework

__all__ = ["FrameworkFacts", "StageFacts", "facts_of", "framework_facts"]


@dataclass(frozen=True)
class StageFacts:
    """A stage as a comparison groups and titles it."""

    id: str
    label: str
    offered: tuple[str, ...]
    """The reference frameworks its settings may be judged against, its own first."""
    own: frozenset[str]
    """The QIs of its own reference framework (a setting may have chosen another's)."""
    columns: tuple[QIColumn, ...]
    """Every QI a setting at this stage may have a level for, titled in its own words."""


@dataclass(frozen=True)
class FrameworkFacts:
    """A framework as a comparison sees it."""

    id: str
    version: str
    title: str
    content_hash: str
    stages: tuple[StageFacts, ...]
    """In the framework's order (early years first): the order groups are shown in."""
    columns: tuple[QIColumn, ...]
    """The QIs of the sections, for records without a stage."""
    reference_qis: dict[str, frozenset[str]]
    """Each reference framework's QI ids."""
    scale_values: tuple[int, ...]
    """The rating scale's values, highest first."""
    good_from: int
    """The lowest value that counts as good or better."""

    def stage(self, stage_id: str) -> StageFacts | None:
        """The stage *stage_id*, or None if the framework has no such stage."""
        return next((s for s in self.stages if s.id == stage_id), None)

    def columns_of(self, stage: str | None) -> tuple[QIColumn, ...]:
        """The QIs a setting at *stage* may be given levels for (all sections' without one)."""
        found = self.stage(stage) if stage else None
        return found.columns if found else self.columns

    @property
    def values(self) -> list[int]:
        """The scale's values, highest first (as `Scale.values`, so counting takes either)."""
        return list(self.scale_values)

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
            for against in stage.offered:
                if not self.reference_qis[against].isdisjoint(have):
                    used.add(against)
                    break
        return used


def facts_of(framework: Framework) -> FrameworkFacts:
    """The facts of *framework*."""
    scale = framework.rating_scale
    return FrameworkFacts(
        id=framework.id,
        version=framework.version,
        title=framework.title,
        content_hash=framework.content_hash,
        stages=tuple(_stage(framework, stage.id) for stage in framework.stages),
        columns=tuple(_section_columns(framework)),
        reference_qis={
            r.id: frozenset(qi.id for qi in r.indicators) for r in framework.reference_frameworks
        },
        scale_values=tuple(scale.values),
        good_from=scale.good_from,
    )


def framework_facts(spec: str) -> FrameworkFacts:
    """The facts of the framework *spec* names (an id or a path), from the copy kept beside
    its compiled framework where that matches."""
    from selfeval.framework.catalog import cached_derived

    facts: FrameworkFacts = cached_derived(spec, "compare-facts", FrameworkFacts, facts_of)
    return facts


def _stage(framework: Framework, stage_id: str) -> StageFacts:
    stage = framework.stage(stage_id)
    offered = (stage.qi_framework, *stage.other_qi_frameworks)
    return StageFacts(
        id=stage.id,
        label=stage.label,
        offered=offered,
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
        QIColumn(ref.id, title, framework.reference(ref.framework).numbered) for ref, title in found
    ]


def _column(framework: Framework, group: QIGroup, stage: str) -> QIColumn:
    """A QI group as a column: a narrow QI titled as its section, a broad one as itself."""
    reference = framework.reference(group.ref.framework)
    only = group.sections[0] if len(group.sections) == 1 and not reference.broad else None
    title = framework.section_title(only, stage) if only else group.indicator.title
    return QIColumn(group.ref.id, title, reference.numbered)
