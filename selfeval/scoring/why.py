"""Why a QI got its suggested level, in one or two plain sentences a team would defend.

It names the statements that capped or lowered the level, so that the reason can be checked
against the ratings, e.g. "Suggested 4 good: most ratings (6 of 7) are very good or better,
but “We track STEM participation by gender…” is rated unsatisfactory, so not very good."
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from selfeval.framework.model import Scale
from selfeval.scoring.levels import Decision, enough
from selfeval.scoring.words import proportion_word

__all__ = ["explain", "quote"]


def quote(text: str, width: int = 60) -> str:
    """A statement's words in quotation marks, shortened with an ellipsis."""
    return f"“{textwrap.shorten(text, width, placeholder='…')}”"


def explain(
    decision: Decision,
    rated: dict[str, tuple[str, int]],
    applicable: int,
    evidenced: int,
    scale: Scale,
) -> str:
    """The reason for *decision*; *rated* maps statement ids to (wording, rating)."""
    n = len(rated)
    if decision.level is None or decision.balance is None:
        return _not_enough(n, applicable, scale)
    reason = f"Suggested {scale.label(decision.level)}: {_balance(decision.balance, rated, scale)}"
    if decision.cap is None:
        return reason + "."
    return f"{reason}, but {_cap(decision, rated, evidenced, scale)}."


def _balance(balance: int, rated: dict[str, tuple[str, int]], scale: Scale) -> str:
    """Where the ratings balance, in proportion words: "most of the ratings (6 of 7) are …"."""
    ratings = [r for _, r in rated.values()]
    if balance == scale.lowest or balance == scale.highest:
        count, what = sum(1 for r in ratings if r == balance), scale.word(balance)
    else:
        count = sum(1 for r in ratings if r >= balance)
        what = f"{scale.word(balance)} or better"
    word = proportion_word(count, len(ratings))
    return f"{word} of the ratings ({count} of {len(ratings)}) are {what}"


def _not_enough(rated: int, applicable: int, scale: Scale) -> str:
    if applicable == 0:
        return "No level: every statement was marked not applicable."
    needed = next(k for k in range(rated + 1, applicable + 1) if enough(k, applicable, scale))
    return (
        f"Not enough evidence yet: {rated} of the {applicable} statements that apply "
        f"{'is' if rated == 1 else 'are'} rated; rate at least {needed} for a suggested level."
    )


def _cap(
    decision: Decision, rated: dict[str, tuple[str, int]], evidenced: int, scale: Scale
) -> str:
    """The clause that says which definition lowered the level, naming statements."""
    assert decision.cap is not None
    assert decision.level is not None
    n = len(rated)
    ratings = [r for _, r in rated.values()]
    good = scale.good_from
    higher = f"so not {scale.word(min(decision.level + 1, scale.highest))}"
    strengths = sum(1 for r in ratings if r >= good)
    if decision.cap == "major":
        bottom = [text for text, r in rated.values() if r == scale.lowest]
        return (
            f"{len(bottom)} {'is' if len(bottom) == 1 else 'are'} rated "
            f"{scale.word(scale.lowest)} (such as {quote(bottom[0])}), as many as those rated "
            f"{scale.word(good)} or better, {higher}"
        )
    if decision.cap == "balance":
        return (
            f"{n - strengths} of {n} are below {scale.word(good)}, so strengths do not clearly "
            f"outweigh the areas for improvement: {higher[3:]}"
        )
    if decision.cap == "weakness":
        return f"{_named(rated, lambda r: r <= scale.weakness_at, scale)}, {higher}"
    if decision.cap == "few":
        below = n - strengths
        return f"{below} of {n} are below {scale.word(good)}, more than very few, {higher}"
    if decision.cap == "throughout":
        return f"{_named(rated, lambda r: r < scale.strength_from, scale)}, {higher}"
    missing = n - evidenced
    return (
        f"{missing} of the {n} ratings {'has' if missing == 1 else 'have'} no evidence "
        f"(“How do we know?” is empty), {higher}"
    )


def _named(rated: dict[str, tuple[str, int]], chosen: Callable[[int], bool], scale: Scale) -> str:
    """The lowest-rated statement that meets *chosen*, quoted, and how many more there are."""
    hits = sorted((r, text) for text, r in rated.values() if chosen(r))
    rating, text = hits[0]
    others = len(hits) - 1
    return f"{quote(text)} is rated {scale.word(rating)}" + (
        f" (and {others} more)" if others else ""
    )
