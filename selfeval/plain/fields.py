"""What the plain forms (an action, a target) share: a field asked, typed or kept, and a change
saved with its outcome said.

A field is asked with what is there now; Enter on its own keeps it, a single - clears it.
Dates are read as the app reads them (`parse_day`: 30/6/2027, 30 June 2027, June 2027) and read
back in words ("30 June 2027"); a date that is not one is refused with what to type, the last
one saved is kept, and the question is asked again. Every change is saved at once through the
session, so it merges with a colleague's as the app's do, and the outcome is said: "Saved: …"
or "NOT SAVED: why".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Literal

from pydantic import ValidationError

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import day_text, parse_day
from selfeval.plain.conversation import Conversation, one_line

__all__ = ["CLEAR", "KEEP", "Kept", "ask_day", "ask_text", "problems", "saved", "shown"]

CLEAR = "-"
"""Typed on its own, clears a field."""
DATE_HINT = "a date like 30/6/2027 or June 2027"
NONE_YET = "none yet"


class Kept(Enum):
    """Enter on its own: the field stays as it is."""

    KEEP = "keep"


KEEP = Kept.KEEP


def shown(value: object) -> str:
    """A field's value as it is read out: a date in words, text on one line, or "none yet"."""
    if isinstance(value, date):
        return day_text(value)
    return one_line(str(value or "")) or NONE_YET


def ask_text(
    talk: Conversation, question: str, now: str, typed: str | None = None, *, needed: bool = False
) -> str | Literal[Kept.KEEP]:
    """A line of text for a field that holds *now*: *typed* already (on the line that chose
    the field), or asked. Enter keeps it; - clears it, unless it is *needed*."""
    if typed is None:
        clear = "" if needed else f"; {CLEAR} clears it"
        typed = talk.ask(
            f"{question}. Now: {shown(now)}. Type it on one line; Enter keeps it{clear}; q to stop."
        )
    while needed and typed == CLEAR:
        typed = talk.ask(
            f"It cannot be empty. {question}. Type it on one line; Enter keeps it; q to stop."
        )
    if not typed:
        return KEEP
    return "" if typed == CLEAR else typed


def ask_day(
    talk: Conversation, question: str, now: date | None, typed: str | None = None
) -> date | Literal[Kept.KEEP] | None:
    """A date for a field that holds *now* (None: no date): *typed* already, or asked, until
    it is a date, Enter (kept) or - (no date)."""
    while True:
        if typed is None:
            typed = talk.ask(
                f"{question} Now: {shown(now)}. Type {DATE_HINT}; Enter keeps it; {CLEAR} for "
                "no date; q to stop."
            )
        if not typed:
            return KEEP
        if typed == CLEAR:
            return None
        try:
            return parse_day(typed)
        except ValueError as exc:
            kept = f": it is still {day_text(now)}" if now else ""
            talk.say(f"{exc}.", f"Nothing changed{kept}.")
        typed = None


def problems(exc: ValidationError, labels: dict[str, str]) -> str:
    """Why a value cannot be kept, in words, naming the field by its label in *labels*."""
    said = []
    for error in exc.errors():
        field = labels.get(str(error["loc"][0]), str(error["loc"][0])) if error["loc"] else ""
        if error["type"] == "string_too_long":
            why = f"at most {error.get('ctx', {}).get('max_length')} characters"
        elif error["type"] == "string_pattern_mismatch":
            why = "plain words on one line, without control characters"
        else:
            why = str(error["msg"])
        said.append(f"{field}: {why}" if field else why)
    return "; ".join(said)


def saved(talk: Conversation, change: Callable[[], None], what: str) -> bool:
    """Make *change* (which saves) and say so: "Saved: *what*." or "NOT SAVED: why"."""
    try:
        change()
    except SelfevalError as exc:
        talk.say(f"NOT SAVED: {exc}")
        return False
    talk.say(f"Saved: {what.rstrip('.')}.")  # typed text may end a sentence itself
    return True
