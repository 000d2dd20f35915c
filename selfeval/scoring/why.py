"""Why a QI got its suggested level, in one or two plain sentences a team would defend in a
moderation meeting.

It names the statements and themes that capped or lowered the level, so that the reason can be
checked against the ratings, e.g. "Suggested 4 good: most ratings (6 of 7) are very good or
better, but “We track STEM participation by gender…” is rated unsatisfactory, so not very good."
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from selfeval.framework.model import Scale
from selfeval.scoring.counting import Counted
from selfeval.scoring.levels import Decision, needed, weaknesses
from selfeval.scoring.words import RATINGS, WORDS_FROM, share

__all__ = ["Named", "explain", "quote"]


def quote(text: str, width: int = 60) -> str:
    """A statement's words in quotation marks, shortened with an ellipsis."""
    return f"“{textwrap.shorten(text, width, placeholder='…')}”"


@dataclass(frozen=True)
class Named:
    """The words for what a reason may name: statements and themes, by id."""

    statements: Mapping[str, str]
    themes: Mapping[str, str]
    critical: Mapping[str, str]
    """The words of the QI's critical statements, rated or not."""


def explain(decision: Decision, counted: Counted, names: Named, scale: Scale) -> str:
    """The reason for *decision* on the answers *counted*: what keeps the level from the one
    above (a cap the definitions set, or the middle of the ratings short of it), and where
    the ratings balance, never as praise of a weak level ("all weak or better")."""
    if decision.level is None or decision.balance is None:
        return _no_level(decision, counted, scale)
    ordered = counted.facts.ratings
    level, balance = decision.level, decision.balance
    reason = f"Suggested {scale.label(level)}"
    if decision.cap is not None:
        joined = "but" if balance >= scale.good_from else "and"
        capped = _cap(decision, counted, names, scale)
        reason += f": {_balance(balance, ordered, scale)}, {joined} {capped}"
    elif level < scale.highest:
        reason += f", not {scale.label(level + 1)}: {_short(level + 1, ordered, scale)}"
        if level >= scale.good_from:
            reason += f"; {_balance(balance, ordered, scale)}"
    else:
        reason += f": {_balance(balance, ordered, scale)}"
    if level == scale.highest:
        return reason + (
            f". {scale.word(scale.highest).capitalize()} means sector-leading practice, shared "
            "beyond the setting: is yours?"
        )
    return reason + "."


def _balance(balance: int, ratings: tuple[int, ...], scale: Scale) -> str:
    """Where the ratings balance: "most of the ratings (6 of 7) are very good or better"; where
    that is below good, how few are good or better (weak or better is no strength)."""
    if balance < scale.good_from:
        good = sum(1 for r in ratings if r >= scale.good_from)
        return _only(good, len(ratings), f"{scale.word(scale.good_from)} or better")
    if balance == scale.highest:
        count, what = sum(1 for r in ratings if r == balance), scale.word(balance)
    else:
        count = sum(1 for r in ratings if r >= balance)
        what = f"{scale.word(balance)} or better"
    return share(count, len(ratings), RATINGS, what)


def _short(above: int, ratings: tuple[int, ...], scale: Scale) -> str:
    """Why the ratings' middle falls short of *above*: "only 3 of the 8 ratings are good or
    better"; with exactly half there, the other half too far below to meet them."""
    n = len(ratings)
    count = sum(1 for r in ratings if r >= above)
    what = scale.word(above) if above == scale.highest else f"{scale.word(above)} or better"
    if 2 * count == n:  # the other half too low to meet them in the middle
        rest = f"the rest {scale.word(ratings[n // 2 - 1])} or below"  # ratings are sorted
        if n < WORDS_FROM:
            return f"{_only(count, n, what)}, and {rest}"
        return f"only half the ratings ({count} of {n}) are {what}, and {rest}"
    return _only(count, n, what)


def _only(count: int, n: int, what: str) -> str:
    """A shortfall: "only 1 of the 3 ratings is good or better"; in proportion words, which
    say it already, "less than half of the ratings (3 of 8) are good or better"."""
    said = share(count, n, RATINGS, what)
    return f"only {said}" if count and n < WORDS_FROM else said


def _no_level(decision: Decision, counted: Counted, scale: Scale) -> str:
    facts = counted.facts
    rated = len(facts.ratings)
    if decision.missing == "nothing-applies":
        return "No level: every statement was marked not applicable."
    if decision.missing == "evidence":
        return (
            f"Not yet evaluated: none of the {rated} rating{'s' if rated != 1 else ''} says "
            "how we know (“How do we know?” is empty); add evidence for a suggested level."
        )
    marked = facts.not_applicable
    least = needed(facts, scale)
    if least is None:
        return (
            f"Not enough evidence for a level: {rated} of the {facts.asked} statements "
            f"{'is' if rated == 1 else 'are'} rated and {marked} marked not applicable; "
            "a level needs more of the QI rated (not applicable does not count towards one)."
        )
    also = f" and {marked} marked not applicable" if marked else ""
    return (
        f"Not enough evidence yet: {rated} of the {facts.asked} statements "
        f"{'is' if rated == 1 else 'are'} rated{also}; rate at least {least} for a suggested "
        "level."
    )


def _cap(decision: Decision, counted: Counted, names: Named, scale: Scale) -> str:
    """The clause that says which definition lowered the level, naming what it can."""
    assert decision.cap is not None
    assert decision.level is not None
    facts = counted.facts
    rated = {sid: (names.statements[sid], r) for sid, r in counted.ratings.items()}
    n = len(rated)
    good = scale.good_from
    higher = f"so not {scale.word(min(decision.level + 1, scale.highest))}"
    strengths = sum(1 for r in facts.ratings if r >= good)
    cap = decision.cap
    if cap == "critical":
        sid = counted.critical[0]
        text, rating = rated[sid]
        return (
            f"{quote(text)} is rated {scale.word(rating)}, and a failure there cannot be "
            f"offset by strengths elsewhere: at most {scale.word(decision.level)}, and act "
            "on it now"
        )
    if cap == "critical-short":
        if counted.critical_unrated:
            text = names.critical[counted.critical_unrated[0]]
            return (
                f"{quote(text)} is not rated yet, and a QI is not judged without its "
                f"safeguarding: {higher[3:]}"
            )
        text, rating = rated[counted.critical[0]]
        return (
            f"{quote(text)} is rated {scale.word(rating)}: safeguarding must be "
            f"{scale.word(good)} or better for more, {higher}"
        )
    if cap == "outweighed":
        weighed = _weighed(facts.ratings, strengths, scale)
        return f"{weighed}: strengths do not outweigh weaknesses, {higher}"
    if cap == "balance":
        return (
            f"{_weighed(facts.ratings, strengths, scale)}: strengths do not clearly outweigh "
            f"the areas for improvement, {higher}"
        )
    if cap == "evidence-good":
        says = "says" if facts.evidenced == 1 else "say"
        return f"only {facts.evidenced} of the {n} ratings {says} how we know, under half, {higher}"
    if cap == "not-applicable":
        return (
            f"{facts.not_applicable} of {facts.asked} statements "
            f"{'is' if facts.not_applicable == 1 else 'are'} marked not applicable, "
            f"more than a few, so the QI is not judged whole: {higher[3:]}"
        )
    if cap == "unrated-theme":
        titles = [names.themes[t] for t in counted.unrated_themes]
        return (
            f"nothing is rated yet on {_listed(titles)}, so the QI is not judged whole: "
            f"{higher[3:]}"
        )
    if cap == "weakness":
        return f"{_named(rated, lambda r: r <= scale.weakness_at, scale)}, {higher}"
    if cap == "few":
        return f"{n - strengths} of {n} are below {scale.word(good)}, more than very few, {higher}"
    if cap == "throughout":
        if facts.ratings[0] < scale.strength_from:
            return f"{_named(rated, lambda r: r < scale.strength_from, scale)}, {higher}"
        left = facts.asked - n
        return (
            f"{left} of the {facts.asked} statements {'is' if left == 1 else 'are'} not rated "
            f"(or marked not applicable), and {scale.word(scale.highest)} rests on all of them: "
            f"{higher[3:]}"
        )
    missing = n - facts.evidenced
    return (
        f"{missing} of the {n} ratings {'has' if missing == 1 else 'have'} no evidence "
        f"(“How do we know?” is empty), {higher}"
    )


def _weighed(ordered: tuple[int, ...], strengths: int, scale: Scale) -> str:
    """ "3 rated good or better beside 3 weak or unsatisfactory (1 unsatisfactory, counted
    twice)", or beside those below good where nothing is a weakness."""
    weak, major, _ = weaknesses(ordered, scale)
    good = f"{strengths} rated {scale.word(scale.good_from)} or better"
    if not weak:
        below = len(ordered) - strengths
        return f"{good} beside {below} below {scale.word(scale.good_from)}"
    words = f"{scale.word(scale.weakness_at)} or {scale.word(scale.lowest)}"
    if scale.weakness_at == scale.lowest:
        words = scale.word(scale.lowest)
    weight = scale.judgement.major_weakness_weight
    times = "twice" if weight == 2 else f"{weight:g} times"
    counted = (
        f" ({major} {scale.word(scale.lowest)}, {'each ' if major > 1 else ''}a major "
        f"weakness counted {times})"
        if major and weight != 1
        else ""
    )
    return f"{good} beside {weak} {words}{counted}"


def _listed(titles: list[str]) -> str:
    quoted = [quote(t, 50) for t in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + f" and {quoted[-1]}"


def _named(rated: dict[str, tuple[str, int]], chosen: Callable[[int], bool], scale: Scale) -> str:
    """The lowest-rated statement that meets *chosen*, quoted, and how many more there are."""
    hits = sorted((r, text) for text, r in rated.values() if chosen(r))
    rating, text = hits[0]
    others = len(hits) - 1
    return f"{quote(text)} is rated {scale.word(rating)}" + (
        f" (and {others} more)" if others else ""
    )
