"""One QI's answers counted: the few numbers the level rule looks at (`Facts`), and for the full
path the statements and themes they came from (`Counted`).

Kept apart from the rule itself (`levels`, which decides): counting reads an evaluation's
answers through the framework's grouping of statements into QIs, while deciding is a function
of the counts alone, which is what lets a comparison of thousands of settings decide each
pattern of counts once. Both scoring paths count here, so they cannot count differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from selfeval.evaluation.model import Answer
from selfeval.framework.groups import QIGroup
from selfeval.framework.model import Framework
from selfeval.framework.sections import Statement

__all__ = ["Counted", "Facts", "count", "facts_of", "ratings_of"]


@dataclass(frozen=True, slots=True)
class Facts:
    """All the rule looks at for one QI: a few numbers, so thousands of settings that share a
    pattern are decided once (`suggest_levels`)."""

    ratings: tuple[int, ...]
    """The ratings given, lowest first."""
    asked: int
    """Statements asked of the setting's stage."""
    not_applicable: int
    """Of those, marked not applicable (where the framework allows it)."""
    evidenced: int
    """Ratings whose evidence ("How do we know?") is not blank."""
    unrated_themes: int = 0
    """Themes with statements asked and none of them rated."""
    critical_low: int | None = None
    """The lowest rating of a critical statement (`Statement.critical`), if one is rated."""
    critical_unrated: int = 0
    """Critical statements asked and not rated (unanswered, or marked not applicable where
    the framework does not allow it)."""

    @property
    def applicable(self) -> int:
        """Statements asked and not marked not applicable."""
        return self.asked - self.not_applicable


@dataclass(frozen=True)
class Counted:
    """One QI's answers counted for the full path: the `Facts`, and which statements and
    themes they came from, so the reason can name them."""

    facts: Facts
    ratings: dict[str, int]
    """Statement id to rating, for rated statements only, in framework order."""
    unrated_themes: tuple[str, ...] = ()
    """The ids of the themes with nothing rated."""
    critical: tuple[str, ...] = ()
    """The ids of the critical statements rated, lowest rating first."""
    critical_unrated: tuple[str, ...] = ()
    """The ids of the critical statements not rated."""


def ratings_of(statements: Sequence[Statement], answers: dict[str, Answer]) -> dict[str, int]:
    """The rating of each of *statements* that has one (not applicable and unanswered left out)."""
    return {
        s.id: rating
        for s in statements
        if (answer := answers.get(s.id)) is not None and (rating := answer.rating) is not None
    }


def count(group: QIGroup, framework: Framework, answers: dict[str, Answer]) -> Counted:
    """The answers to the statements of *group*, counted, with the themes and critical
    statements the reason names: the full path's `tally`."""
    facts, ratings = facts_of(group, framework, answers)
    unrated = tuple(
        theme.id for theme, ids in group.themes if not any(sid in ratings for sid in ids)
    )
    critical = sorted((ratings[sid], sid) for sid in group.critical if sid in ratings)
    unrated_critical = tuple(sid for sid in group.critical if sid not in ratings)
    return Counted(facts, ratings, unrated, tuple(sid for _, sid in critical), unrated_critical)


def facts_of(
    group: QIGroup, framework: Framework, answers: dict[str, Answer]
) -> tuple[Facts, dict[str, int]]:
    """The `Facts` of *group*'s answers, and its ratings by statement id: what both scoring
    paths share (the fast path needs nothing more, and asks it of every QI of every file).

    "Not applicable" on a statement its framework says every setting must answer counts as
    unanswered (the answer is kept; the screens refuse new ones)."""
    ratings: dict[str, int] = {}
    not_applicable = evidenced = 0
    statements = framework.statements
    for sid in group.asked:
        answer = answers.get(sid)
        if answer is None:
            continue
        if answer.rating is not None:
            ratings[sid] = answer.rating
            evidence = answer.evidence
            evidenced += bool(evidence) and not evidence.isspace()
        elif answer.not_applicable and statements[sid].na_allowed:
            not_applicable += 1
    theme_at = group.theme_at
    unrated = len(group.themes) - len({theme_at[sid] for sid in ratings})
    critical_low, critical_unrated = None, 0
    for sid in group.critical:
        rating = ratings.get(sid)
        if rating is None:
            critical_unrated += 1
        elif critical_low is None or rating < critical_low:
            critical_low = rating
    facts = Facts(
        tuple(sorted(ratings.values())),
        len(group.asked),
        not_applicable,
        evidenced,
        unrated,
        critical_low,
        critical_unrated,
    )
    return facts, ratings
