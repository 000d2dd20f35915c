"""Why a QI's level changed from last year, in one plain sentence for the report's table.

A reader seeing "lower" asks why. The team's own reason answers where it agreed a level other
than the one selfeval suggested; otherwise selfeval's reason for its suggestion does (its
first sentence, `QIResult.why`), with what keeps the level from the one above where that
reason does not already say.
"""

from __future__ import annotations

import re

from selfeval.evaluation.model import Evaluation
from selfeval.framework.scale import Scale
from selfeval.scoring import QIResult

__all__ = ["level_why"]

_SENTENCE_END = re.compile(r"(?<=[.?!]) (?=[A-Z])")
_SUGGESTED = re.compile(r"^Suggested [^:]*: ")


def level_why(qi: QIResult, evaluation: Evaluation, scale: Scale) -> str:
    """Why *qi* stands where it does this year, in a sentence ("" where nothing says)."""
    judgement = evaluation.qi.get(qi.key)
    if qi.confirmed is not None and qi.confirmed != qi.suggested:
        reason = " ".join((judgement.reason if judgement else "").split()).rstrip(".")
        agreed = f"We agreed {scale.label(qi.confirmed)}"
        if qi.suggested is not None:
            agreed += f" rather than the suggested {scale.label(qi.suggested)}"
        return f"{agreed}: {reason}." if reason else f"{agreed} (no reason recorded)."
    first = _SENTENCE_END.split(" ".join(qi.why.split()))[0]
    first = _SUGGESTED.sub("", first, count=1)  # the level is in the column beside it
    first = first[:1].upper() + first[1:]
    if qi.suggested is None or qi.suggested >= scale.highest or ", but " in first:
        return first
    above = qi.suggested + 1
    count = sum(n for value, n in qi.counts.items() if value >= above)
    rated = sum(qi.counts.values())
    what = scale.word(above) if above == scale.highest else f"{scale.word(above)} or better"
    return (
        f"{first.rstrip('.')}; {'only ' if count else ''}{count} of {rated} "
        f"{'is' if count == 1 else 'are'} {what}, not enough for {scale.label(above)}."
    )
