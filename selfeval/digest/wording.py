"""The statements and QIs in the words one setting sees, as plain data: a reopened
evaluation's first statement is drawn from it before the framework (and pydantic, a fifth of
the start) is loaded, and every later statement is drawn from it too, so the screen has one
way of showing a statement whether or not the models have loaded yet.

Which statements a setting is asked, and in which words, depends on its audience (its stage,
and its age range where the stage offers them) and on the quality indicators it is judged
against; the facts are derived for one such pair and kept beside the compiled framework under
the same key (`selfeval.framework.catalog.cached_derived`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selfeval.framework.model import Framework
    from selfeval.framework.sections import Statement

__all__ = [
    "Levels",
    "SectionText",
    "StatementText",
    "Wording",
    "wording",
    "wording_of",
]


@dataclass(frozen=True)
class Levels:
    """The rating scale as the screen offers it: each value with its words."""

    values: tuple[int, ...]
    labels: tuple[str, ...]
    not_applicable: bool
    """Whether "not applicable" is offered."""

    def label(self, value: int) -> str:
        """The value in words, e.g. "4 good"."""
        return self.labels[self.values.index(value)]

    @property
    def highest(self) -> int:
        """The top of the scale."""
        return max(self.values)

    @property
    def lowest(self) -> int:
        """The bottom of the scale."""
        return min(self.values)


@dataclass(frozen=True)
class StatementText:
    """One statement in the words its setting sees."""

    id: str
    section: str
    """The id of its section (quality indicator)."""
    theme: str
    """The heading of its theme."""
    wording: str
    anchors: tuple[tuple[str, str], ...]
    """What it can look like, as (level in words, text), highest level first."""
    prompts: tuple[str, ...]
    """Evidence the setting might use."""
    na_allowed: bool = True
    """Whether it may be marked not applicable (`Statement.na_allowed`)."""
    place: str = ""
    """Where it sits, where that differs from its section's place (its theme feeds a QI of
    its own: `Theme.qi`)."""


@dataclass(frozen=True)
class SectionText:
    """One section (quality indicator) in the words its setting sees."""

    place: str
    """Where it sits, as a heading ("QI 1.3 Leadership of change")."""
    about: str | None
    journey: str | None
    questions: tuple[str, ...]
    """Its challenge questions."""


@dataclass(frozen=True)
class Wording:
    """The framework as the statement screen shows it to a setting at one audience, judged
    against one set of quality indicators."""

    framework: str
    """The framework's id."""
    title: str
    audience: str
    against: str | None
    elc: bool
    """Whether the setting sees the ELC wording (a nursery's words, not a school's)."""
    levels: Levels
    statements: tuple[StatementText, ...]
    """The statements asked of the setting, in order."""
    sections: dict[str, SectionText]

    @property
    def ids(self) -> list[str]:
        """The ids of the statements asked, in order."""
        return [s.id for s in self.statements]

    def statement(self, index: int) -> StatementText:
        """Statement number *index* (from 0)."""
        return self.statements[index]


def wording_of(framework: Framework, audience: str, against: str | None = None) -> Wording:
    """The statement screen's facts of *framework* for a setting at *audience*, judged
    *against* a reference framework (None: its stage's own)."""
    elc = framework.stage(audience).elc_wording
    scale = framework.scale_judged(audience, against)  # a nursery's words where judged so
    asked = framework.statements_for(audience)
    sections = {framework.section_of[s.id].id: framework.section_of[s.id] for s in asked}
    return Wording(
        framework=framework.id,
        title=framework.title,
        audience=audience,
        against=against,
        elc=elc,
        levels=Levels(
            values=tuple(scale.values),
            labels=tuple(scale.label(v) for v in scale.values),
            not_applicable=scale.not_applicable,
        ),
        statements=tuple(
            StatementText(
                id=s.id,
                section=framework.section_of[s.id].id,
                theme=framework.theme_of[s.id].heading(elc),
                wording=s.wording(elc),
                anchors=tuple(
                    (scale.label(value), text)
                    for value, text in sorted(s.looks_like(elc).items(), reverse=True)
                ),
                prompts=tuple(s.prompts(elc)),
                na_allowed=s.na_allowed,
                place=_own_place(framework, s, audience, against),
            )
            for s in asked
        ),
        sections={
            sid: SectionText(
                place=framework.place(section, audience, against),
                about=section.about(elc),
                journey=section.path(elc),
                questions=tuple(section.questions(elc)),
            )
            for sid, section in sections.items()
        },
    )


def _own_place(
    framework: Framework, statement: Statement, audience: str, against: str | None
) -> str:
    """The statement's place where its theme feeds another QI than its section, else ""."""
    section, theme = framework.section_of[statement.id], framework.theme_of[statement.id]
    if not theme.qi:
        return ""
    own = framework.place(section, audience, against, theme)
    return "" if own == framework.place(section, audience, against) else own


def wording(spec: str, audience: str, against: str | None) -> Wording:
    """The statement screen's facts of the framework *spec* names, without loading it where
    they are kept from before."""
    from selfeval.framework.catalog import cached_derived

    # the name becomes part of a file name: an audience has a colon ("asn:primary-age")
    name = hashlib.sha256(f"{audience}\n{against or ''}".encode()).hexdigest()[:16]

    def derive(framework: Framework) -> Wording:
        return wording_of(framework, audience, against)

    found: Wording = cached_derived(spec, f"statements-{name}", Wording, derive)
    return found
