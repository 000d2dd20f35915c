"""Where colleagues' views differed most, read back from the agreed evaluation.

The agreed evaluation keeps every contributor's answer beside the team's (``Answer.views``),
so the plan and `score` can say, long after moderation, where the team had to talk and what
it decided, without the contributors' files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selfeval.evaluation.model import Answer, Evaluation, View

__all__ = ["MOST_SHOWN", "WIDE", "Differed", "where_views_differed"]

WIDE = 2
"""Views this many levels apart or more differed enough to report: one level apart is the
ordinary give and take of a team; two levels (weak against good) is a disagreement."""

MOST_SHOWN = 5
"""At most this many statements per QI, the widest first."""


@dataclass(frozen=True)
class Differed:
    """One statement where the views were far apart, and what the team agreed."""

    statement_id: str
    views: dict[str, View]
    """Each contributor's view, by the label the moderation used (role, and name if given),
    from the lowest rating up."""
    spread: int
    agreed: Answer


def where_views_differed(evaluation: Evaluation, statement_ids: Iterable[str]) -> list[Differed]:
    """The statements among *statement_ids* whose views were at least `WIDE` levels apart,
    widest first (then in the order given), at most `MOST_SHOWN`. A view of "not applicable"
    beside ratings counts as the widest difference the ratings could have: the team had to
    decide whether the statement applies at all."""
    found = []
    for order, sid in enumerate(statement_ids):
        answer = evaluation.answers.get(sid)
        if answer is None or len(answer.views) < 2:
            continue
        spread = _spread(answer.views.values())
        if spread >= WIDE:
            views = dict(sorted(answer.views.items(), key=_lowest_first))
            found.append((-spread, order, Differed(sid, views, spread, answer)))
    found.sort(key=lambda item: item[:2])
    return [item[2] for item in found[:MOST_SHOWN]]


def _lowest_first(item: tuple[str, View]) -> tuple[int, str]:
    """Views from the lowest rating up (the spread reads left to right), "not applicable"
    last, then by label."""
    key, view = item
    return (view.rating if view.rating is not None else 99, key.casefold())


def _spread(views: Iterable[View]) -> int:
    given = list(views)
    ratings = [v.rating for v in given if v.rating is not None]
    if ratings and any(v.not_applicable for v in given):
        return max(WIDE, max(ratings) - min(ratings))
    return max(ratings) - min(ratings) if ratings else 0
