"""`x` in `--plain`: the improvement plan written beside the evaluation (Word, Markdown and a
spreadsheet tracker), from the results and from the action plan alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfeval.errors import SelfevalError
from selfeval.plain.conversation import Conversation
from selfeval.scoring import score

if TYPE_CHECKING:
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["export"]


def export(talk: Conversation, session: EvaluationSession) -> None:
    """Write the plan beside *session*'s file, and say where (or why it could not be)."""
    from selfeval.report.plan import export_plan

    result = score(session.evaluation, session.framework)
    try:
        written = export_plan(result, session.evaluation, session.framework, session.path)
    except (OSError, SelfevalError) as exc:
        talk.say(f"Could not write the plan: {exc}")
        return
    talk.say("Improvement plan written:", *(str(p) for p in written))
