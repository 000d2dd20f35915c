"""Why a QI's level changed from last year, in one plain sentence for the report's table.

A reader seeing "higher" or "lower" asks what changed. The team's own reason answers where it
agreed a level other than the one selfeval suggested. Otherwise the ratings do: how many were
at the level that moved, this year against last ("5 of 7 ratings are very good or better,
against 2 of 6 last year"). selfeval's reason for this year's level alone (what keeps it from
the one above) said why it is not higher still, not why it moved.
"""

from __future__ import annotations

from selfeval.evaluation.model import Evaluation
from selfeval.framework.scale import Scale
from selfeval.scoring import QIResult

__all__ = ["level_why"]


def level_why(qi: QIResult, last: QIResult, evaluation: Evaluation, scale: Scale) -> str:
    """Why *qi* moved from where it stood last year (*last*), in a sentence ("" where
    nothing says): the team's reason for its own level, else the ratings of both years."""
    judgement = evaluation.qi.get(qi.key)
    if qi.confirmed is not None and qi.confirmed != qi.suggested:
        reason = " ".join((judgement.reason if judgement else "").split()).rstrip(".")
        agreed = f"We agreed {scale.label(qi.confirmed)}"
        if qi.suggested is not None:
            agreed += f" rather than the suggested {scale.label(qi.suggested)}"
        return f"{agreed}: {reason}." if reason else f"{agreed} (no reason recorded)."
    now, before = _level(qi), _level(last)
    if now is None or before is None or now == before:
        return ""
    mark = max(now, before)  # the level gained, or the level lost
    what = scale.word(mark) if mark == scale.highest else f"{scale.word(mark)} or better"
    part, whole = _at_least(qi, mark)
    then, of = _at_least(last, mark)
    return f"{_rated(part, whole, what)}, against {then} of {of} last year."


def _level(qi: QIResult) -> int | None:
    return qi.confirmed if qi.confirmed is not None else qi.suggested


def _at_least(qi: QIResult, level: int) -> tuple[int, int]:
    """How many of *qi*'s ratings are *level* or better, and how many there are."""
    return sum(n for value, n in qi.counts.items() if value >= level), sum(qi.counts.values())


def _rated(part: int, whole: int, what: str) -> str:
    """ "5 of 7 ratings are very good or better", "The one rating is not good or better"."""
    if whole == 1:
        return f"The one rating is {'' if part else 'not '}{what}"
    if part == whole:
        return f"All {whole} ratings are {what}"
    verb = "is" if part == 1 else "are"
    return f"{part if part else 'None'} of the {whole} ratings {verb} {what}"
