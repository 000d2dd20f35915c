"""The level rule: from a QI's statement ratings to a suggested level, or not enough evidence.

The rule follows the HGIOS level definitions (the scale's numbers in `Scale.judgement` tune it):

1. **Enough evidence.** Only the statements that apply count: those asked of the setting's
   stage and not marked not applicable. A level is suggested when at least ``min_rated`` of them
   (or all, when fewer apply) are rated, and at least ``min_coverage`` of them.
2. **The balance.** The starting point is the middle of the ratings: the median, and where an
   even number of ratings splits into two camps, the level halfway between them (rounded down).
   A polarised QI (6, 6, 1, 1) is not reported as its worst half.
3. **Caps the definitions imply.** The suggestion is lowered to the highest level each of these
   allows, and the lowest of them wins:
   - *satisfactory* means strengths just outweigh weaknesses: while statements rated at the
     bottom of the scale (unsatisfactory) are as many as those rated good or better, at most
     the level above the bottom (weak);
   - *good* means strengths clearly outweigh weaknesses: unless more statements are rated good
     or better than below good, at most the level below good (satisfactory);
   - *very good* means very few areas for improvement, none significant: while any statement
     is a weakness (rated ``weakness_at`` or below: weak or unsatisfactory), while more than
     ``few_below_good`` of the ratings are below good, or while fewer than
     ``evidence_for_strength`` of the ratings say how we know (evidence), at most good;
   - *excellent* is excellent throughout: unless every rating is very good or better and at
     least ``evidence_for_highest`` of them have evidence, at most very good.

Raising any one rating never lowers the suggestion; ratings all at one level suggest that level
(with evidence for very good and above); a single weak or unsatisfactory statement keeps a QI
below very good; marking an unanswered statement not applicable never costs a level.

`score` (one evaluation, with the reasons in words) and `suggest_levels` (thousands of
evaluations, levels only) share `tally` and `decide`, so the two paths cannot disagree.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from selfeval.evaluation.model import Answer, Evaluation
from selfeval.framework.model import Framework, QIGroup, Scale, Statement
from selfeval.scoring.results import QILevel

__all__ = [
    "Cap",
    "Decision",
    "Tally",
    "confirmed_level",
    "count",
    "decide",
    "enough",
    "median_level",
    "ratings_of",
    "suggest",
    "suggest_levels",
    "tally",
]

Cap = Literal[
    "major", "balance", "weakness", "few", "evidence", "throughout", "evidence-throughout"
]
"""Which definition lowered a suggestion (see the module docstring)."""


@dataclass(frozen=True)
class Tally:
    """A QI's answers, counted: what the rule needs and nothing else."""

    asked: list[Statement]
    ratings: dict[str, int]
    """Statement id to rating, for rated statements only, in framework order."""
    not_applicable: int
    evidenced: int
    """Rated statements whose evidence ("How do we know?") is not blank."""

    @property
    def applicable(self) -> int:
        """Statements asked and not marked not applicable."""
        return len(self.asked) - self.not_applicable


@dataclass(frozen=True)
class Decision:
    """The suggested level and how it was reached."""

    level: int | None
    """None: not enough evidence."""
    balance: int | None = None
    """The level the ratings' balance gives, before any cap."""
    cap: Cap | None = None
    """The definition that lowered it, if one did."""


def tally(statements: Iterable[Statement], answers: dict[str, Answer]) -> Tally:
    """Count the answers to *statements*: ratings, not applicable, ratings with evidence."""
    asked = list(statements)
    ratings, not_applicable, evidenced = count([s.id for s in asked], answers)
    return Tally(asked, ratings, not_applicable, evidenced)


def enough(rated: int, applicable: int, scale: Scale) -> bool:
    """Whether *rated* of *applicable* statements are enough evidence for a level."""
    rule = scale.judgement
    return rated >= min(rule.min_rated, applicable) and rated >= max(
        1, math.ceil(rule.min_coverage * applicable)
    )


def decide(ratings: Sequence[int], applicable: int, evidenced: int, scale: Scale) -> Decision:
    """The suggested level of a QI rated *ratings*, *evidenced* of them with evidence."""
    n = len(ratings)
    if not enough(n, applicable, scale):
        return Decision(None)
    ordered = sorted(ratings)
    balance = median_level(ordered)
    level, cap = balance, None
    for ceiling, reason in _ceilings(ordered, evidenced, scale):
        if ceiling < level:
            level, cap = ceiling, reason
    return Decision(max(level, scale.lowest), balance, cap)


def _ceilings(ordered: Sequence[int], evidenced: int, scale: Scale) -> list[tuple[int, Cap]]:
    """Each definition's highest allowed level (only those that apply), most severe first.

    *ordered* is sorted, so every count is a binary search.
    """
    rule = scale.judgement
    n = len(ordered)
    below_good = bisect_left(ordered, scale.good_from)
    strengths = n - below_good
    bottom = scale.lowest
    lowest = ordered[0]
    out: list[tuple[int, Cap]] = []
    if lowest == bottom and bisect_right(ordered, bottom) >= strengths:
        out.append((min(bottom + 1, scale.good_from - 1), "major"))
    if strengths <= below_good:
        out.append((scale.good_from - 1, "balance"))
    below_strength = scale.strength_from - 1
    if lowest <= scale.weakness_at:
        out.append((below_strength, "weakness"))
    if below_good > rule.few_below_good * n:
        out.append((below_strength, "few"))
    if evidenced < rule.evidence_for_strength * n:
        out.append((below_strength, "evidence"))
    if lowest < scale.strength_from:
        out.append((scale.highest - 1, "throughout"))
    if evidenced < rule.evidence_for_highest * n:
        out.append((scale.highest - 1, "evidence-throughout"))
    return out


def suggest(
    ratings: Sequence[int], applicable: int, scale: Scale, evidenced: int | None = None
) -> int | None:
    """The suggested level, or None for not enough evidence (*evidenced*: default all)."""
    return decide(
        ratings, applicable, len(ratings) if evidenced is None else evidenced, scale
    ).level


def median_level(ordered: Sequence[int]) -> int:
    """The median of *ordered* (sorted) ratings as a level: the middle one, or halfway between
    the two middle ones, rounded down (3 and 5 give 4, 4 and 5 give 4, 1, 1, 6, 6 give 3).

    One rule for a QI's balance and for a statement's views: two camps meet in the middle, and
    neither is reported as its worse half (two views, 5 and 3, are not "3")."""
    if not ordered:
        raise ValueError("no values")
    n = len(ordered)
    return (ordered[(n - 1) // 2] + ordered[n // 2]) // 2


def ratings_of(statements: Iterable[Statement], answers: dict[str, Answer]) -> dict[str, int]:
    """The rating of each of *statements* that has one (not applicable and unanswered left out)."""
    return count([s.id for s in statements], answers)[0]


def confirmed_level(evaluation: Evaluation, group: QIGroup) -> int | None:
    """The level the setting confirmed for the QI *group*, if it did."""
    judgement = evaluation.qi.get(group.key)
    return judgement.confirmed if judgement else None


def suggest_levels(
    evaluation: Evaluation, framework: Framework, against: str | None = None
) -> list[QILevel]:
    """The level of each QI asked of the setting (judged *against* the reference framework it
    chose, unless another is given): levels only, fast.

    Comparisons of thousands of settings need just the levels; this skips strengths, next
    steps, profiles and the reasons in words, but applies exactly the rule `score` uses
    (`count` and `decide`; a property test holds the two paths together).
    """
    answers = evaluation.answers
    scale = framework.rating_scale
    decided = _decided_on(scale)
    setting = evaluation.setting
    out = []
    for group in framework.groups(setting.audience, against or setting.qi_framework):
        ids = group.asked
        if not ids:
            continue
        ratings, not_applicable, evidenced = count(ids, answers)
        pattern = (tuple(sorted(ratings.values())), len(ids) - not_applicable, evidenced)
        level = decided.get(pattern, _UNDECIDED)
        if level == _UNDECIDED:
            level = decided[pattern] = decide(pattern[0], pattern[1], evidenced, scale).level
        out.append(QILevel(group.ref.id, level, confirmed_level(evaluation, group)))
    return out


Pattern = tuple[tuple[int, ...], int, int]
"""A QI's ratings in order, how many statements apply, how many ratings have evidence: all
the rule looks at."""
_UNDECIDED = 0
"""Not yet decided (no scale has a level 0)."""
_decided: dict[int, tuple[Scale, dict[Pattern, int | None]]] = {}
_MOST_PATTERNS = 100_000


def _decided_on(scale: Scale) -> dict[Pattern, int | None]:
    """The levels already decided on *scale*, by pattern (`Pattern`).

    The rule is a function of the pattern alone, and thousands of settings share a few hundred
    patterns (a QI has a handful of statements rated 1 to 6), so a comparison decides each
    pattern once. Kept per scale object (held, so that its id is not reused) and emptied
    when it grows past `_MOST_PATTERNS`.
    """
    held = _decided.get(id(scale))
    if held is None or held[0] is not scale or len(held[1]) > _MOST_PATTERNS:
        if len(_decided) > 8:
            _decided.clear()
        held = _decided[id(scale)] = (scale, {})
    return held[1]


def count(ids: Iterable[str], answers: dict[str, Answer]) -> tuple[dict[str, int], int, int]:
    """Ratings of the statements *ids* (by id), how many are not applicable, how many ratings
    have evidence: the counting both scoring paths share."""
    ratings: dict[str, int] = {}
    not_applicable = evidenced = 0
    for sid in ids:
        answer = answers.get(sid)
        if answer is None:
            continue
        if answer.rating is not None:
            ratings[sid] = answer.rating
            evidence = answer.evidence
            evidenced += bool(evidence) and not evidence.isspace()
        elif answer.not_applicable:
            not_applicable += 1
    return ratings, not_applicable, evidenced
