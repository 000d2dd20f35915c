"""What the start screen shows of a framework, as plain data: it is drawn before the framework
(and pydantic, a sixth of the start) is loaded.

Derived once from the framework and kept beside its compiled copy under the same key
(`selfeval.framework.catalog.cached_derived`); the framework itself loads when the screen
first needs it (to open or start an evaluation, or to show saved ones).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfeval.framework.model import Framework

__all__ = ["StageStart", "StartFacts", "start_facts", "start_facts_of"]


@dataclass(frozen=True)
class StageStart:
    """A stage as the start screen offers it."""

    id: str
    label: str
    ages: tuple[tuple[str, str], ...]
    """The age ranges it asks a setting to choose from, as (id, label); none for most."""
    qi_frameworks: tuple[tuple[str, str], ...]
    """Where it offers a choice, the quality indicators a setting may be judged against, as
    (reference framework id, title), its own first; empty where there is no choice."""


@dataclass(frozen=True)
class StartFacts:
    """The framework as the start screen describes it."""

    id: str
    title: str
    sections: int
    highest: str
    """The top of the rating scale in words, e.g. "6 excellent"."""
    lowest: str
    stages: tuple[StageStart, ...]

    def stage_label(self, stage: str) -> str:
        """The stage in words ("Primary school"), or as recorded if the framework lacks it."""
        return next((s.label for s in self.stages if s.id == stage), stage)


def start_facts_of(framework: Framework) -> StartFacts:
    """The start screen's facts of *framework*."""
    scale = framework.rating_scale
    return StartFacts(
        id=framework.id,
        title=framework.title,
        sections=len(framework.sections),
        highest=scale.label(scale.highest),
        lowest=scale.label(scale.lowest),
        stages=tuple(
            StageStart(
                id=stage.id,
                label=stage.label,
                ages=tuple((a.id, a.label) for a in stage.age_ranges),
                qi_frameworks=tuple(
                    (ref, framework.reference(ref).title)
                    for ref in (stage.qi_framework, *stage.other_qi_frameworks)
                )
                if stage.other_qi_frameworks
                else (),
            )
            for stage in framework.stages
        ),
    )


def start_facts(spec: str | None) -> StartFacts:
    """The start screen's facts of the framework *spec* names, without loading it where they
    are kept from before."""
    from selfeval.framework.catalog import DEFAULT_FRAMEWORK, cached_derived

    found: StartFacts = cached_derived(
        spec or DEFAULT_FRAMEWORK, "start-screen", StartFacts, start_facts_of
    )
    return found
