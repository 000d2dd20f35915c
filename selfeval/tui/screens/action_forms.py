"""What the action plan's forms share: how a change is saved and its outcome shown, and dates
as people in Scotland type them.

Like every answer, each change is saved the moment it is made: there is no Save button to
forget. A field that cannot be saved yet (a date that is not one, an action with no words)
says so beside the form and keeps the last saved value. Each form is a screen of its own
(`action_editor`, `next_steps`, `target`); they all save through `saving`, and show and read
dates through `date_field` and `typed_day`, kept here once so that no two forms do either
differently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import parse_day
from selfeval.evaluation.session import EvaluationSession
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["date_field", "saving", "short_day", "typed_day"]

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


def date_field(question: str, day: date | None, field_id: str) -> ComposeResult:
    """A date to type: the *question* (with how to write a date) over a box holding *day*."""
    yield Label(f"{question} ({DATE_HINT})")
    yield Input(short_day(day), id=field_id, placeholder="day/month/year", compact=True)


def typed_day(screen: ModalScreen[Any], field_id: str) -> date | None:
    """The date typed in the box *field_id* (`date_field`), None if it is empty; raises
    ValueError, saying why, where it is not a date."""
    typed = screen.query_one(f"#{field_id}", Input).value.strip()
    return parse_day(typed) if typed else None
