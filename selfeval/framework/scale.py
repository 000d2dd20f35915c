"""A rating scale as data: its levels and words, and the numbers that turn ratings into a level.

The HGIOS six-point scale is the usual one (frameworks/common/hgios.toml); a framework may define
its own, e.g. with "adequate" for level 3 as the Care Inspectorate says, or four levels.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import Field, StrictBool, StrictInt

from selfeval.framework.limits import HIGHEST_VALUE, LOWEST_VALUE
from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = ["Judgement", "Level", "Scale"]


class Level(_Model):
    """One point of a rating scale."""

    value: StrictInt = Field(ge=LOWEST_VALUE, le=HIGHEST_VALUE)
    """The number a user presses to give this rating (1 is the lowest)."""
    word: Text
    """The evaluation word, e.g. "very good"; level 3 may be "satisfactory" or "adequate"."""
    gloss: Text
    """The short official meaning, e.g. "major strengths"."""
    meaning: Text | None = None
    """A longer plain-words explanation shown in help screens."""


class Judgement(_Model):
    """The numbers that turn a QI's statement ratings into a suggested level.

    `selfeval.scoring.levels` states the rule; these tune it per scale, so a framework with
    another scale (or another view of the evidence needed) states its own.
    """

    min_rated: StrictInt = Field(default=2, ge=1)
    """Fewest rated statements for a suggested level (fewer when fewer apply)."""
    min_coverage: float = Field(default=0.5, ge=0, le=1)
    """Smallest share of the statements that apply (not marked not applicable) that are rated."""
    min_rated_of_asked: float = Field(default=0.34, ge=0, le=1)
    """Smallest share of the statements asked of the stage that are rated, however many are
    marked not applicable: one rating among seven statements marked not applicable is not
    enough evidence for a level."""
    most_not_applicable: float = Field(default=0.2, ge=0, le=1)
    """Largest share of the statements asked that may be marked not applicable for a level
    above good ("not applicable" must not carry a QI)."""
    weakness_at: StrictInt | None = None
    """Ratings at or below this are weaknesses; any one keeps the level below `strength_from`.
    Default: two below `good_from` (2, weak, on the HGIOS scale)."""
    major_weakness_weight: float = Field(default=2, ge=1)
    """How many weaknesses a rating at the bottom of the scale (unsatisfactory, a major
    weakness) counts as when strengths are weighed against weaknesses."""
    clearly_outweigh: float = Field(default=2, ge=1)
    """How many times the weaknesses (weighted) the strengths must be for good: "strengths
    clearly outweigh weaknesses". As many weaknesses as strengths is weak."""
    few_below_good: float = Field(default=0.25, ge=0, le=1)
    """Largest share of ratings below good that still allows a strength level ("very few
    areas for improvement")."""
    evidence_for_good: float = Field(default=0.5, ge=0, le=1)
    """Smallest share of ratings with evidence for good or better; with none evidenced there
    is no level at all ("not yet evaluated")."""
    evidence_for_strength: float = Field(default=0.75, ge=0, le=1)
    """Smallest share of ratings with evidence for a level at or above `strength_from`."""
    evidence_for_highest: float = Field(default=1.0, ge=0, le=1)
    """Smallest share of ratings with evidence for the highest level ("throughout")."""


class Scale(_Model):
    """A rating scale defined as data; the HGIOS six-point scale is the usual one."""

    id: Id
    """How frameworks refer to this scale."""
    title: Text
    """Its name as shown to users."""
    levels: tuple[Level, ...] = Field(min_length=2)
    """Every level, in any order; values must run 1, 2, 3 … with no gaps."""
    good_from: StrictInt
    """The lowest value that counts as "good or better" in comparisons (4 on the HGIOS scale)."""
    strength_from: StrictInt
    """The lowest value reported as a strength (5, "very good", on the HGIOS scale)."""
    not_applicable: StrictBool = True
    """Whether users may mark a statement "not applicable"; such answers never count in a level."""
    judgement: Judgement = Field(default_factory=Judgement)
    """How statement ratings become a suggested QI level; the defaults suit the HGIOS scale."""

    @cached_property
    def weakness_at(self) -> int:
        """The highest rating that counts as a weakness (0 when the scale has none)."""
        chosen = self.judgement.weakness_at
        return chosen if chosen is not None else max(0, self.good_from - 2)

    @cached_property
    def by_value(self) -> dict[int, Level]:
        """Levels keyed by value."""
        return {level.value: level for level in self.levels}

    @property
    def values(self) -> list[int]:
        """Values from highest to lowest, as rating pickers list them."""
        return sorted(self.by_value, reverse=True)

    @cached_property
    def lowest(self) -> int:
        """The lowest value."""
        return min(self.by_value)

    @cached_property
    def highest(self) -> int:
        """The highest value."""
        return max(self.by_value)

    def word(self, value: int) -> str:
        """The evaluation word for *value*."""
        return self.by_value[value].word

    def label(self, value: int) -> str:
        """*value* with its word, as people read a level: "4 good"."""
        return f"{value} {self.word(value)}"

    @property
    def span(self) -> str:
        """The scale from its lowest to its highest level: "1 unsatisfactory to 6 excellent"."""
        return f"{self.label(self.lowest)} to {self.label(self.highest)}"
