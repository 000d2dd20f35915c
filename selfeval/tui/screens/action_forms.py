"""What the action plan's forms share: how a change is saved and its outcome shown, and dates
as people in Scotland type them.

Like every answer, each change is saved the moment it is made: there is no Save button to
forget. A field that cannot be saved yet (a date that is not one, an action with no words)
says so beside the form and keeps the last saved value. Each form is a screen of its own
(`action_editor`, `next_steps`, `target`); they all save through `saving` and write dates with
`short_day`, kept here once so that no two forms do either differently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.screen import ModalScreen

from selfeval.errors import SelfevalError
from selfeval.evaluation.session import EvaluationSession
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["DATE_HINT", "saving", "short_day"]

DATE_HINT = "e.g. 30/6/2027 or June 2027"


def saving(
    screen: ModalScreen[Any], session: EvaluationSession, change: Callable[[], None]
) -> bool:
    """Run *change* (which saves) and show the outcome in the screen's status line."""
    status = screen.query_one(SaveStatus)
    try:
        change()
    except SelfevalError as exc:
        status.failed(exc)
        return False
    status.report(session)
    return True


def short_day(day: date | None) -> str:
    """A date as people in Scotland type it, e.g. 30/6/2027 (and as the forms read it back)."""
    return f"{day.day}/{day.month}/{day.year}" if day else ""
