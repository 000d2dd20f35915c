"""The level rule: from a QI's statement ratings to a suggested level, or not enough evidence.

`score` (one evaluation, everything) and `suggest_levels` (thousands of evaluations, levels only)
share `section_ratings` and `suggest`, so the two paths cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from selfeval.evaluation.model import Answer, Evaluation
from selfeval.framework.model import Framework, Section, Statement
from selfeval.scoring.results import QILevel

__all__ = [
    "MIN_COVERAGE",
    "MIN_RATED",
    "confirmed_level",
    "lower_median",
    "ratings_of",
    "section_ratings",
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


def suggest(ratings: Sequence[int], asked: int) -> int | None:
    """The suggested level from a QI's ratings, or None when there is not enough evidence."""
    if len(ratings) < MIN_RATED or len(ratings) < math.ceil(MIN_COVERAGE * asked):
        return None
    return lower_median(ratings)


def section_ratings(
    section: Section, stage: str, answers: dict[str, Answer]
) -> tuple[list[Statement], dict[str, int]]:
    """The kernel both scoring paths share: the statements asked of *stage*, and their ratings."""
    asked = [s for s in section.statements if s.applies_to(stage)]
    return asked, ratings_of(asked, answers)


def ratings_of(statements: Iterable[Statement], answers: dict[str, Answer]) -> dict[str, int]:
    """The rating of each of *statements* that has one (not applicable and unanswered left out)."""
    found = {}
    for statement in statements:
        answer = answers.get(statement.id)
        if answer is not None and answer.rating is not None:
            found[statement.id] = answer.rating
    return found


def confirmed_level(evaluation: Evaluation, section: Section) -> int | None:
    """The level the setting confirmed for *section*, if it did."""
    judgement = evaluation.qi.get(section.id)
    return judgement.confirmed if judgement else None


def suggest_levels(evaluation: Evaluation, framework: Framework) -> list[QILevel]:
    """The QI levels of each section asked of the setting: levels only, fast.

    Comparisons of thousands of settings need just the levels; this skips strengths, next
    steps and profiles but applies exactly the rule `score` uses.
    """
    stage = evaluation.setting.stage
    answers = evaluation.answers
    out = []
    for section in framework.sections:
        asked, ratings = section_ratings(section, stage, answers)
        if asked:
            ref, _ = framework.qi_for(section, stage)
            level = suggest(list(ratings.values()), len(asked))
            out.append(QILevel(ref.id, level, confirmed_level(evaluation, section)))
    return out
