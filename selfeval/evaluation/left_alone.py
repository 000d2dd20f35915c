"""What a user is told of the files opening an evaluation left alone: copies of it under other
names (a sync's or a person's), and for a view given without a name, the earlier views of the
same role, which are never reopened by role alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
    return "\n".join(said)
