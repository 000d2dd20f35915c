"""The level rule: from a QI's statement ratings to a suggested level, or no level yet.

A suggestion must never be kinder than an HM Inspector would be (``domain.md`` §2.4-2.5): "good"
is the line of the national figure, so every generous suggestion inflates what an authority
reports. The rule (the scale's numbers in `Scale.judgement` tune it):

1. **Enough evidence, or no level.** Only the statements asked of the setting's stage count,
   and "not applicable" neither costs nor carries a QI. A level needs at least ``min_rated``
   ratings (or all, when fewer apply), ``min_coverage`` of the statements not marked not
   applicable, and ``min_rated_of_asked`` of every statement asked: one rating beside seven
   statements marked not applicable is not enough. A statement its framework says every
   setting must answer (`Statement.na_allowed` false) counts as unanswered when marked not
   applicable. With no rating saying how we know (evidence), the QI is not yet evaluated.
2. **The balance.** The starting point is the middle of the ratings: the median, and where an
   even number of ratings splits into two camps, the level halfway between them (rounded down).
3. **Caps the definitions imply.** The suggestion is lowered to the highest level each of these
   allows, and the lowest of them wins:
   - a *critical* statement (safeguarding) rated weak or unsatisfactory: at most weak, since
     strengths elsewhere cannot offset it;
   - *satisfactory* means strengths just outweigh weaknesses: while the weaknesses (ratings
     ``weakness_at`` or below, weak or unsatisfactory; an unsatisfactory one counting
     ``major_weakness_weight`` times) are at least as many as the strengths (good or better),
     at most weak;
   - *good* means strengths clearly outweigh weaknesses: unless more statements are rated good
     or better than below good, and the strengths are ``clearly_outweigh`` times the weighted
     weaknesses, at most satisfactory; likewise while fewer than ``evidence_for_good`` of the
     ratings have evidence (assertions are not evaluations);
   - *very good* is a whole QI with very few areas for improvement: while a critical
     statement is not rated, or rated below good, while more than
     ``most_not_applicable`` of the statements asked are marked not applicable, while a whole
     theme has nothing rated, while any statement is a weakness, while more than
     ``few_below_good`` of the ratings are below good, or while fewer than
     ``evidence_for_strength`` of them have evidence, at most good;
   - *excellent* is excellent throughout: unless every statement asked is rated very good or
     better, with ``evidence_for_highest`` of them evidenced, at most very good.

So: raising any one rating never lowers the suggestion; removing evidence never raises it;
marking an unanswered statement not applicable never raises it and never takes it away; a
critical statement rated weak caps its QI at weak; ratings all at one level, all evidenced and
every statement rated, suggest that level.

`score` (one evaluation, with the reasons in words) and `suggest_levels` (thousands of
evaluations, levels only) share `count` (in `counting`) and `decide`, so the two paths cannot
disagree.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from selfeval.evaluation.model import Evaluation
from selfeval.framework.groups import QIGroup
from selfeval.framework.model import Framework, Scale
from selfeval.scoring.counting import Facts, facts_of
from selfeval.scoring.results import QILevel

__all__ = [
    "Cap",
    "Decision",
    "Missing",
    "confirmed_level",
    "decide",
    "enough",
    "median_level",
    "needed",
    "suggest",
    "suggest_levels",
    "weaknesses",
]

Cap = Literal[
    "critical",
    "critical-short",
    "outweighed",
    "balance",
    "evidence-good",
    "not-applicable",
    "unrated-theme",
    "weakness",
    "few",
    "evidence",
    "throughout",
    "evidence-throughout",
]
"""Which definition lowered a suggestion (see the module docstring)."""

Missing = Literal["nothing-applies", "coverage", "evidence"]
"""Why there is no level: everything marked not applicable, too few ratings, no evidence."""


@dataclass(frozen=True)
class Decision:
    """The suggested level and how it was reached."""

    level: int | None
    """None: no level yet (see `missing`)."""
    balance: int | None = None
    """The level the ratings' balance gives, before any cap."""
    cap: Cap | None = None
    """The definition that lowered it, if one did."""
    missing: Missing | None = None
    """Why there is no level, where there is none."""


def enough(rated: int, applicable: int, asked: int, scale: Scale) -> bool:
    """Whether *rated* ratings are enough evidence for a level, of *applicable* statements
    that apply and *asked* statements asked."""
    rule = scale.judgement
    return (
        rated >= min(rule.min_rated, applicable)
        and rated >= max(1, math.ceil(rule.min_coverage * applicable))
        and rated >= math.ceil(rule.min_rated_of_asked * asked - 1e-9)
    )


def needed(facts: Facts, scale: Scale) -> int | None:
    """The fewest ratings that would be enough, or None if even rating every statement that
    applies would not be (too many marked not applicable)."""
    return next(
        (
            k
            for k in range(len(facts.ratings) + 1, facts.applicable + 1)
            if enough(k, facts.applicable, facts.asked, scale)
        ),
        None,
    )


def decide(facts: Facts, scale: Scale) -> Decision:
    """The suggested level of a QI whose answers are *facts*."""
    n = len(facts.ratings)
    if facts.applicable <= 0:
        return Decision(None, missing="nothing-applies")
    if not n or not enough(n, facts.applicable, facts.asked, scale):
        return Decision(None, missing="coverage")
    if facts.evidenced == 0:
        return Decision(None, missing="evidence")
    balance = median_level(facts.ratings)
    level, cap = balance, None
    for ceiling, reason in _ceilings(facts, scale):
        if ceiling < level:
            level, cap = ceiling, reason
    return Decision(max(level, scale.lowest), balance, cap)


def weaknesses(ordered: Sequence[int], scale: Scale) -> tuple[int, int, float]:
    """How many of *ordered* (sorted) ratings are weaknesses, how many of those are at the
    bottom of the scale (major weaknesses), and their weight against strengths."""
    weak = bisect_right(ordered, scale.weakness_at)
    major = bisect_right(ordered, scale.lowest) if weak else 0
    return weak, major, weak + (scale.judgement.major_weakness_weight - 1) * major


def _ceilings(facts: Facts, scale: Scale) -> list[tuple[int, Cap]]:
    """Each definition's highest allowed level (only those that apply), most severe first.

    The ratings are sorted, so every count is a binary search.
    """
    rule = scale.judgement
    ordered = facts.ratings
    n = len(ordered)
    below_good = bisect_left(ordered, scale.good_from)
    strengths = n - below_good
    weak, _, weighted = weaknesses(ordered, scale)
    lowest = ordered[0]
    not_good, not_strong = scale.good_from - 1, scale.strength_from - 1
    checks: list[tuple[bool, int, Cap]] = [
        (
            facts.critical_low is not None and facts.critical_low <= scale.weakness_at,
            scale.good_from - 2,
            "critical",
        ),
        (weak > 0 and weighted >= strengths, scale.good_from - 2, "outweighed"),
        (
            strengths <= below_good or strengths < rule.clearly_outweigh * weighted,
            not_good,
            "balance",
        ),
        (facts.evidenced < rule.evidence_for_good * n, not_good, "evidence-good"),
        (
            facts.not_applicable > rule.most_not_applicable * facts.asked,
            not_strong,
            "not-applicable",
        ),
        (
            facts.critical_unrated > 0
            or (facts.critical_low is not None and facts.critical_low < scale.good_from),
            not_strong,
            "critical-short",
        ),
        (facts.unrated_themes > 0, not_strong, "unrated-theme"),
        (lowest <= scale.weakness_at, not_strong, "weakness"),
        (below_good > rule.few_below_good * n, not_strong, "few"),
        (facts.evidenced < rule.evidence_for_strength * n, not_strong, "evidence"),
        (lowest < scale.strength_from or n < facts.asked, scale.highest - 1, "throughout"),
        (
            facts.evidenced < rule.evidence_for_highest * n,
            scale.highest - 1,
            "evidence-throughout",
        ),
    ]
    return [(max(ceiling, scale.lowest), cap) for applies, ceiling, cap in checks if applies]


def suggest(
    ratings: Sequence[int],
    applicable: int,
    scale: Scale,
    evidenced: int | None = None,
    asked: int | None = None,
) -> int | None:
    """The suggested level of *ratings* of *applicable* statements (of *asked*: default
    *applicable*, none marked not applicable), *evidenced* of them (default all) with
    evidence, or None for no level yet: the rule without themes or critical statements."""
    asked = applicable if asked is None else asked
    facts = Facts(
        tuple(sorted(ratings)),
        asked,
        asked - applicable,
        len(ratings) if evidenced is None else evidenced,
    )
    return decide(facts, scale).level


def median_level(ordered: Sequence[int]) -> int:
    """The median of *ordered* (sorted) ratings as a level: the middle one, or halfway between
    the two middle ones, rounded down (3 and 5 give 4, 4 and 5 give 4, 1, 1, 6, 6 give 3).

    One rule for a QI's balance and for a statement's views: two camps meet in the middle, and
    neither is reported as its worse half (two views, 5 and 3, are not "3")."""
    if not ordered:
        raise ValueError("no values")
    n = len(ordered)
    return (ordered[(n - 1) // 2] + ordered[n // 2]) // 2


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
        if not group.asked:
            continue
        facts, _ = facts_of(group, framework, answers)
        level = decided.get(facts, _UNDECIDED)
        if level == _UNDECIDED:
            level = decided[facts] = decide(facts, scale).level
        out.append(QILevel(group.ref.id, level, confirmed_level(evaluation, group)))
    return out


_UNDECIDED = 0
"""Not yet decided (no scale has a level 0)."""
_decided: dict[int, tuple[Scale, dict[Facts, int | None]]] = {}
_MOST_PATTERNS = 100_000


def _decided_on(scale: Scale) -> dict[Facts, int | None]:
    """The levels already decided on *scale*, by `Facts`.

    The rule is a function of the facts alone, and thousands of settings share a few hundred
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
