"""Turn a setting's answers into suggested QI levels, strengths and next steps: pure functions.

The rules, stated once (the README repeats them for users):

* **Suggested level of a QI** = the *lower median* of the ratings given to its statements. The
  median ignores a single outlier either way; taking the lower of the two middle values when
  the count is even keeps the suggestion cautious. Statements marked not applicable, and those
  not yet answered, are left out.
* **Enough evidence**: a QI gets a suggested level only when at least `MIN_RATED` statements are
  rated *and* they are at least `MIN_COVERAGE` of the statements asked of the setting's stage.
  Otherwise the result says "not enough evidence" instead of a level.
* **Themes are never graded** (HGIOS grades whole QIs): they get a profile, the count at each level.
* **Strengths**: statements rated at or above the scale's ``strength_from`` (very good or better).
* **Next steps**: the framework's improvement actions whose target is rated at or below their
  threshold, for the setting's stage, ordered by how far below "good" the target is.

The suggestion is a starting point for professional judgement; the setting confirms or changes
it, and both are kept (see `Evaluation.qi`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from selfeval.evaluation.model import Answer, Evaluation
from selfeval.evaluation.progress import progress
from selfeval.framework.model import (
    Framework,
    ImprovementAction,
    Scale,
    Section,
    Statement,
    Theme,
)

__all__ = [
    "MIN_COVERAGE",
    "MIN_RATED",
    "NextStep",
    "QILevel",
    "QIResult",
    "Result",
    "Strength",
    "TagProfile",
    "ThemeProfile",
    "lower_median",
    "proportion_word",
    "score",
    "score_section",
    "suggest",
    "suggest_levels",
]

MIN_RATED = 2
"""Fewest rated statements for a QI to get a suggested level."""
MIN_COVERAGE = 0.5
"""Smallest share of a QI's statements (for the stage) that must be rated for a level."""


def lower_median(values: Sequence[int]) -> int:
    """The lower of the two middle values (the middle one when the count is odd)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def proportion_word(part: int, whole: int) -> str:
    """The inspectors' word for a proportion: all, almost all, most, the majority, … none."""
    if whole <= 0 or part <= 0:
        return "none"
    if part >= whole:
        return "all"
    share = part / whole
    if share > 0.9:
        return "almost all"
    if share >= 0.75:
        return "most"
    if share >= 0.5:
        return "the majority"
    if share >= 0.15:
        return "less than half"
    return "few"


@dataclass(frozen=True)
class Strength:
    """A statement the setting rated very good or better, with the evidence they gave."""

    statement_id: str
    text: str
    rating: int
    word: str
    evidence: str


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
class QIResult:
    """Everything scoring says about one section (one quality indicator)."""

    section_id: str
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

    @property
    def unanswered(self) -> int:
        """Statements asked but neither rated nor marked not applicable."""
        return self.asked - self.rated - self.not_applicable

    @property
    def level(self) -> int | None:
        """The level that stands: the confirmed one if the setting gave it, else the suggestion."""
        return self.confirmed if self.confirmed is not None else self.suggested

    @property
    def label(self) -> str:
        """E.g. "QI 1.3"."""
        return f"QI {self.qi_id}"


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


def score(evaluation: Evaluation, framework: Framework) -> Result:
    """Score *evaluation* against *framework* (which it must have been reconciled with)."""
    stage = evaluation.setting.stage
    answers = evaluation.answers
    qis = [
        score_section(framework, section, stage, answers, _confirmed(evaluation, section))
        for section in framework.sections
    ]
    asked = framework.statements_for(stage)
    done = progress(evaluation, asked)
    return Result(qis, _tag_profiles(framework, asked, answers), done.asked, done.answered)


def _confirmed(evaluation: Evaluation, section: Section) -> int | None:
    judgement = evaluation.qi.get(section.id)
    return judgement.confirmed if judgement else None


def score_section(
    framework: Framework,
    section: Section,
    stage: str,
    answers: dict[str, Answer],
    confirmed: int | None = None,
) -> QIResult:
    """Score one section for a setting at *stage* from its *answers*."""
    scale = framework.rating_scale
    asked, ratings = _section_ratings(section, stage, answers)
    not_applicable = sum(1 for s in asked if s.id in answers and answers[s.id].not_applicable)
    suggested = suggest(list(ratings.values()), len(asked))
    level = confirmed if confirmed is not None else suggested
    ref, indicator = framework.qi_for(section, stage)
    good = sum(1 for r in ratings.values() if r >= scale.good_from)
    return QIResult(
        section_id=section.id,
        qi_id=ref.id,
        qi_framework=ref.framework,
        title=section.title or indicator.title,
        asked=len(asked),
        rated=len(ratings),
        not_applicable=not_applicable,
        counts=_counts(ratings.values(), scale),
        suggested=suggested,
        confirmed=confirmed,
        level_word=scale.word(level) if level is not None else None,
        good_or_better=good,
        strengths=_strengths(asked, answers, scale, stage, framework),
        next_steps=_next_steps(section, stage, ratings, level, scale, framework),
        themes=_theme_profiles(section, stage, answers, scale),
        narrative=_narrative(len(ratings), good, len(asked), not_applicable, scale),
    )


class QILevel(NamedTuple):
    """A QI's levels alone, for comparisons."""

    qi: str
    suggested: int | None
    confirmed: int | None


def suggest_levels(evaluation: Evaluation, framework: Framework) -> list[QILevel]:
    """The QI levels of each section asked of the setting: levels only, fast.

    Comparisons of thousands of settings need just the levels; this skips strengths, next
    steps and profiles but applies exactly the rule `score` uses.
    """
    stage = evaluation.setting.stage
    answers = evaluation.answers
    out = []
    for section in framework.sections:
        asked, ratings = _section_ratings(section, stage, answers)
        if asked:
            ref, _ = framework.qi_for(section, stage)
            level = suggest(list(ratings.values()), len(asked))
            out.append(QILevel(ref.id, level, _confirmed(evaluation, section)))
    return out


def _section_ratings(
    section: Section, stage: str, answers: dict[str, Answer]
) -> tuple[list[Statement], dict[str, int]]:
    """The kernel both scoring paths share: the statements asked of *stage*, and their ratings."""
    asked = [s for s in section.statements if s.applies_to(stage)]
    return asked, _ratings(asked, answers)


def suggest(ratings: Sequence[int], asked: int) -> int | None:
    """The suggested level from a QI's ratings, or None when there is not enough evidence."""
    if len(ratings) < MIN_RATED or len(ratings) < math.ceil(MIN_COVERAGE * asked):
        return None
    return lower_median(ratings)


def _ratings(statements: Iterable[Statement], answers: dict[str, Answer]) -> dict[str, int]:
    found = {}
    for statement in statements:
        answer = answers.get(statement.id)
        if answer is not None and answer.rating is not None:
            found[statement.id] = answer.rating
    return found


def _counts(ratings: Iterable[int], scale: Scale) -> dict[int, int]:
    tally = Counter(ratings)
    return {value: tally.get(value, 0) for value in scale.values}


def _strengths(
    asked: list[Statement],
    answers: dict[str, Answer],
    scale: Scale,
    stage: str,
    framework: Framework,
) -> list[Strength]:
    elc = framework.stage(stage).elc_wording
    found = []
    for statement in asked:
        answer = answers.get(statement.id)
        if answer is None or answer.rating is None or answer.rating < scale.strength_from:
            continue
        found.append(
            Strength(
                statement.id,
                statement.wording(elc),
                answer.rating,
                scale.word(answer.rating),
                answer.evidence,
            )
        )
    return sorted(found, key=lambda s: -s.rating)


def _next_steps(
    section: Section,
    stage: str,
    ratings: dict[str, int],
    level: int | None,
    scale: Scale,
    framework: Framework,
) -> list[NextStep]:
    elc = framework.stage(stage).elc_wording
    themes = {theme.id: theme for theme in section.themes}
    statements = {s.id: s for s in section.statements}
    steps = []
    for order, action in enumerate(section.improvement_actions):
        if not action.suits(stage):
            continue
        trigger = _trigger(action, ratings, level, themes, statements, elc)
        if trigger is None:
            continue
        rating, because = trigger
        below = max(0, scale.good_from - rating)
        steps.append(
            (
                -(scale.good_from - rating),
                order,
                NextStep(action.id, action.text, because, rating, below),
            )
        )
    return [step for _, _, step in sorted(steps, key=lambda item: (item[0], item[1]))]


def _trigger(
    action: ImprovementAction,
    ratings: dict[str, int],
    level: int | None,
    themes: dict[str, Theme],
    statements: dict[str, Statement],
    elc: bool,
) -> tuple[int, str] | None:
    """The lowest rating that sets *action* off, and what it belongs to; None if nothing does."""
    if not action.applies_to:
        if level is not None and level <= action.when_at_most:
            return level, "the quality indicator as a whole"
        return None
    worst: tuple[int, str] | None = None
    for target in action.applies_to:
        if target in statements:
            candidates = (
                [(ratings[target], f"“{statements[target].wording(elc)}”")]
                if target in ratings
                else []
            )
        else:
            theme = themes[target]
            candidates = [
                (ratings[s.id], f"a statement in the theme “{theme.title}”")
                for s in theme.statements
                if s.id in ratings
            ]
        for rating, because in candidates:
            if rating <= action.when_at_most and (worst is None or rating < worst[0]):
                worst = (rating, because)
    return worst


def _theme_profiles(
    section: Section, stage: str, answers: dict[str, Answer], scale: Scale
) -> list[ThemeProfile]:
    profiles = []
    for theme in section.themes:
        asked = [s for s in theme.statements if s.applies_to(stage)]
        if not asked:
            continue
        ratings = _ratings(asked, answers)
        na = sum(1 for s in asked if s.id in answers and answers[s.id].not_applicable)
        profiles.append(
            ThemeProfile(
                theme.id,
                theme.title,
                _counts(ratings.values(), scale),
                len(ratings),
                na,
                len(asked),
            )
        )
    return profiles


def _tag_profiles(
    framework: Framework, asked: list[Statement], answers: dict[str, Answer]
) -> list[TagProfile]:
    scale = framework.rating_scale
    profiles = []
    for tag in framework.tags:
        tagged = [s for s in asked if tag.id in s.tags]
        ratings = list(_ratings(tagged, answers).values())
        good = sum(1 for r in ratings if r >= scale.good_from)
        profiles.append(
            TagProfile(tag.id, tag.label, tag.group, _counts(ratings, scale), len(ratings), good)
        )
    return profiles


def _narrative(rated: int, good: int, asked: int, not_applicable: int, scale: Scale) -> str:
    if rated == 0:
        return "No statements have been rated yet."
    good_word = scale.word(scale.good_from)
    word = proportion_word(good, rated)
    verb = "was" if word in ("none",) or rated == 1 else "were"
    sentence = (
        f"{word.capitalize()} of the statements rated ({good} of {rated}) {verb} "
        f"{good_word} or better."
    )
    if not_applicable:
        sentence += f" {not_applicable} did not apply."
    if rated + not_applicable < asked:
        sentence += f" {asked - rated - not_applicable} not yet answered."
    return sentence
