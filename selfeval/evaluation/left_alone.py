"""What a user is told on opening an evaluation of what was left alone: copies of it under
other names (a sync's or a person's); for a view given without a name, the earlier views of the
same role, which are never reopened by role alone; and for last year's evaluation opened by
name, this year's not started."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from selfeval.evaluation.years import school_year

if TYPE_CHECKING:
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["left_alone_said"]


def left_alone_said(session: EvaluationSession) -> str:
    """What to tell the user of *session*'s `left_alone` and `earlier_views`, or "" for none."""
    said = []
    if session.left_alone:
        names = ", ".join(p.name for p in session.left_alone)
        said.append(
            f"Opened {session.path.name}. The folder also holds {names}: the same evaluation "
            "under another name (a copy a sync or a person made), left alone. Open both, "
            "keep one and delete the other."
        )
    if session.earlier_views and (who := session.evaluation.contributor) is not None:
        n = len(session.earlier_views)
        views = "a view" if n == 1 else f"{n} views"
        said.append(
            f"A new view was started for {who.role!r}. The folder already holds {views} "
            f"given as {who.role!r} without a name ({session.earlier_views[0].name}"
            f"{' and more' if n > 1 else ''}), kept as it was: a view without a name is "
            "never reopened by its role alone, so the next person in that role does not "
            "see the last one's answers. If it was yours, give your name as well next "
            "time (--as-name) so that your view can be carried on; until the moderator "
            "removes one, the two count as two views."
        )
    this_year = school_year(date.today())
    evaluation = session.evaluation
    if evaluation.contributor is None and evaluation.year < this_year:
        said.append(
            f"This is {evaluation.setting.name}'s evaluation of {evaluation.year}, a past "
            "school year: what you change is changed there. To start this school year's "
            f"({this_year}), give --stage as well (in the app: Start on the start screen); "
            "last year's actions not yet done and its targets come with it."
        )
    return "\n".join(said)
