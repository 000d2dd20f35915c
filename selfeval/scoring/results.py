"""What scoring produces: plain frozen dataclasses, free of any rule or rendering."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from selfeval.framework.reference import QIHeaded

__all__ = [
    "WHOLE_QI",
    "NextStep",
    "QILevel",
    "QIResult",
    "Result",
    "Strength",
    "TagProfile",
    "ThemeProfile",
]


@dataclass(frozen=True)
class Strength:
    """A statement the setting rated very good or better, with the evidence they gave."""

    statement_id: str
    text: str
    rating: int
    word: str
    evidence: str


WHOLE_QI = "the quality indicator as a whole"
"""What a next step for the QI's level (not one statement's rating) was set off by."""


@dataclass(frozen=True)
class NextStep:
    """An improvement action offered because something it targets is rated low."""

    action_id: str
    text: str
    because: str
    """What was rated low, as a phrase: a quoted statement, a theme, or the QI as a whole."""
    rating: int
    """The lowest rating (or the QI level) that triggered it."""
    below_good: int
    """How many levels below "good" that is (0 when at good)."""
    urgent: bool = False
    """For a critical statement rated as a weakness (safeguarding): act now, not next term."""


@dataclass(frozen=True)
class ThemeProfile:
    """Counts of ratings in one theme: a profile, never a grade."""

    theme_id: str
    title: str
    counts: dict[int, int]
    rated: int
    not_applicable: int
    asked: int


@dataclass(frozen=True)
class QIResult(QIHeaded):
    """Everything scoring says about one quality indicator: one section's, or (in a broad
    reference framework such as the 2025 ELC one) several sections' statements together."""

    key: str
    """Where the setting's agreed level, target and actions for this QI are kept (see
    `QIGroup.key`)."""
    qi_id: str
    qi_framework: str
    title: str
    asked: int
    rated: int
    not_applicable: int
    counts: dict[int, int]
    suggested: int | None
    confirmed: int | None
    level_word: str | None
    good_or_better: int
    strengths: list[Strength]
    next_steps: list[NextStep]
    themes: list[ThemeProfile]
    narrative: str
    why: str
    """Why the suggestion is what it is, naming the statements that capped or lowered it."""
    without_evidence: int
    """Ratings whose "How do we know?" is empty."""
    statement_ids: tuple[str, ...] = ()
    """The statements asked of the setting, in the framework's order."""
    label: str = ""
    """How the QI is named before its title ("QI 1.3"; empty where QIs have no number)."""
    lead: str | None = None
    """The inspectorate that leads on it, where the reference framework says."""
    category: str = ""
    """The area of its reference framework it belongs to, e.g. "Leadership"."""
    sections: tuple[tuple[str, str], ...] = ()
    """The id and title of each section that feeds it (more than one in a broad framework)."""

    @property
    def urgent(self) -> bool:
        """Whether a next step must not wait (a safeguarding statement rated as a weakness):
        said beside the level wherever the QI is listed, not only in its detail."""
        return any(step.urgent for step in self.next_steps)

    @property
    def unanswered(self) -> int:
        """Statements asked but neither rated nor marked not applicable."""
        return self.asked - self.rated - self.not_applicable

    @property
    def level(self) -> int | None:
        """The level that stands: the confirmed one if the setting gave it, else the suggestion."""
        return self.confirmed if self.confirmed is not None else self.suggested

    @property
    def short(self) -> str:
        """How a table column names it: "QI 1.3", or its title where QIs have no number."""
        return self.label or self.title


@dataclass(frozen=True)
class TagProfile:
    """Counts of ratings across every statement with one tag (e.g. a STEM strategy theme)."""

    tag_id: str
    label: str
    group: str
    counts: dict[int, int]
    rated: int
    good_or_better: int


@dataclass(frozen=True)
class Result:
    """The scored evaluation."""

    qis: list[QIResult]
    tags: list[TagProfile]
    asked: int
    answered: int

    @property
    def complete(self) -> bool:
        """Whether every statement asked has an answer."""
        return self.answered >= self.asked


class QILevel(NamedTuple):
    """A QI's levels alone, for comparisons."""

    qi: str
    suggested: int | None
    confirmed: int | None
