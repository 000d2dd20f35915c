"""What a setting is asked: sections of themes of rated statements, and the next steps offered.

The bulk of a framework file, apart from the framework as a whole (`model.Framework`), so
that the rules of one statement (its wording for ELC, whom it is asked of) read on their own.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from pydantic import Field, StrictBool, StrictInt, StringConstraints

from selfeval.framework.reference import QIRef
from selfeval.framework.stages import AGE_SEPARATOR, split_audience
from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = ["ImprovementAction", "Section", "Statement", "Theme"]

_T = TypeVar("_T")


def _worded(elc: bool, school: _T, for_elc: _T | None) -> _T:
    """A piece of wording as a setting sees it: the ELC version where the setting uses ELC
    wording and the framework gives one (an empty one counts as none), else the school's."""
    return for_elc if elc and for_elc else school


class Statement(_Model):
    """A rated statement: something a setting says about itself and rates on the scale."""

    id: Id
    """Stable id; evaluations key their answers on it, so never reuse one for new meaning."""
    text: Text
    """The statement in the "we" voice of a school."""
    text_elc: Text | None = None
    """The same statement worded for an ELC setting, where the school wording does not fit."""
    stages: tuple[Id, ...] = ()
    """The stages it applies to; empty means every stage of the framework."""
    age_ranges: tuple[Id, ...] = ()
    """In a stage with age ranges, the only ones asked it (senior-phase statements go to
    special schools with secondary-age pupils); empty means every age range."""
    tags: tuple[Id, ...] = ()
    """Tags from the framework's vocabulary."""
    evidence_prompts: tuple[Text, ...] = ()
    """What would show this is true: prompts for "How do we know?"."""
    evidence_prompts_elc: tuple[Text, ...] = ()
    """The evidence prompts in the words of early learning and childcare, where they differ."""
    anchors: dict[int, Text] = Field(default_factory=dict)
    """What practice looks like at some levels, keyed by scale value (e.g. 2, 4, 5)."""
    anchors_elc: dict[int, Text] = Field(default_factory=dict)
    """The same in the words of early learning and childcare, where they differ."""
    since: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] | None = None
    """The framework version that added it, so older evaluations can be told what is new."""
    critical: StrictBool = False
    """A failure here cannot be offset by strengths elsewhere (safe practical work, child
    protection): rated weak or unsatisfactory, its QI is at most weak and its next steps are
    urgent."""
    na_allowed: StrictBool = True
    """Whether a setting may mark it not applicable; false for what every setting of its
    stages must answer (an inspector would challenge "not applicable" there)."""

    def wording(self, elc: bool) -> str:
        """The text to show in a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.text, self.text_elc)

    def prompts(self, elc: bool) -> tuple[str, ...]:
        """The evidence prompts for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.evidence_prompts, self.evidence_prompts_elc)

    def looks_like(self, elc: bool) -> dict[int, str]:
        """The anchors for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.anchors, self.anchors_elc)

    def applies_to(self, audience: str) -> bool:
        """Whether this statement is asked of a setting at *audience*: a stage id, or a stage
        and the age range the setting chose ("asn:primary-age"). A setting that has not said
        its age range is asked everything its stage is."""
        if AGE_SEPARATOR not in audience:  # the common case, asked for every statement
            return not self.stages or audience in self.stages
        stage, age_range = split_audience(audience)
        if self.stages and stage not in self.stages:
            return False
        return not self.age_ranges or age_range in self.age_ranges


class Theme(_Model):
    """A group of statements within a section, following the QI's themes where they fit."""

    id: Id
    """Stable id."""
    title: Text
    """Its title."""
    title_elc: Text | None = None
    """Its title in the words of early learning and childcare, where they differ."""
    statements: tuple[Statement, ...] = Field(min_length=1)
    """Its rated statements."""
    qi: tuple[QIRef, ...] = ()
    """Where it feeds another QI of a broad reference framework than its section does: the
    STEM spaces theme of QI 1.5 feeds the 2025 ELC framework's "Children experience high
    quality spaces", the rest of 1.5 its "Leadership and management of staff and resources"."""

    def heading(self, elc: bool) -> str:
        """The title for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.title, self.title_elc)


class ImprovementAction(_Model):
    """A next step the plan offers when what it applies to is rated at or below a threshold."""

    id: Id
    """Stable id."""
    text: Text
    """The next step, concrete enough to go into an improvement plan."""
    text_elc: Text | None = None
    """The same step in the words of early learning and childcare, where the school wording
    (learners, lessons, assemblies) does not fit a nursery."""
    applies_to: tuple[Id, ...] = ()
    """Statement or theme ids in this section; empty means the section's QI as a whole."""
    when_at_most: StrictInt
    """Offered when the rating (or the QI's level) is this value or lower."""
    stages: tuple[Id, ...] = ()
    """The stages it suits; empty means every stage."""
    tags: tuple[Id, ...] = ()
    """Tags from the framework's vocabulary, e.g. the NIF priority and driver it serves; empty
    means those of the statements it applies to and of its section (`Framework.offered_tags`)."""

    def wording(self, elc: bool) -> str:
        """The text to show in a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.text, self.text_elc)

    def suits(self, audience: str) -> bool:
        """Whether this action is offered to a setting at *audience* (a stage, with or
        without an age range)."""
        return not self.stages or split_audience(audience)[0] in self.stages


class Section(_Model):
    """A part of the framework tied to one quality indicator (in one or more QI catalogues)."""

    id: Id
    """Stable id."""
    qi: tuple[QIRef, ...] = Field(min_length=1)
    """The quality indicators this section evaluates, e.g. HGIOS4 1.3 and HGIOELC 1.3."""
    tags: tuple[Id, ...] = ()
    """Tags from the framework's vocabulary for the QI as a whole: the NIF priorities and
    drivers its next steps serve where neither they nor their statements say."""
    title: Text | None = None
    """A title of its own; by default the title of its first QI."""
    intro: Text | None = None
    """What this QI asks of a setting's STEM, in plain words: shown with its journey."""
    intro_elc: Text | None = None
    """The intro in the words of early learning and childcare, where they differ."""
    journey: Text | None = None
    """The journey this QI's STEM work follows, from starting out to sustained improvement, in
    a few sentences: shown before its first statement and in the plan, so a setting sees where
    it is heading, not only where it is."""
    journey_elc: Text | None = None
    """The journey in the words of early learning and childcare, where they differ."""
    challenge_questions: tuple[Text, ...] = ()
    """Questions for professional dialogue; prompts, never rated."""
    challenge_questions_elc: tuple[Text, ...] = ()
    """The questions in the words of early learning and childcare, where they differ."""
    themes: tuple[Theme, ...] = Field(min_length=1)
    """Its themes, each with rated statements."""
    improvement_actions: tuple[ImprovementAction, ...] = ()
    """Next steps offered when its statements or its QI are rated low."""

    def about(self, elc: bool) -> str | None:
        """The intro for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.intro, self.intro_elc)

    def path(self, elc: bool) -> str | None:
        """The journey for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.journey, self.journey_elc)

    def questions(self, elc: bool) -> tuple[str, ...]:
        """The challenge questions for a setting that does (or does not) use ELC wording."""
        return _worded(elc, self.challenge_questions, self.challenge_questions_elc)

    @property
    def statements(self) -> list[Statement]:
        """Every statement of every theme, in order."""
        return [statement for theme in self.themes for statement in theme.statements]
