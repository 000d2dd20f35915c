"""The team's action plan and targets: what they will do about their next steps, and how good
they aim to be. Part of the evaluation file since schema version 2.

Each action is the team's own: adopted from a next step selfeval offered (``source`` names the
framework's improvement action) or written by the team. Dates are plain calendar dates; every text
field is the team's words, kept exactly as typed.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from selfeval.evaluation.limits import NAME_LIMIT, STATEMENT_ID_LIMIT
from selfeval.evaluation.years import SCHOOL_YEAR
from selfeval.framework.limits import HIGHEST_VALUE, LOWEST_VALUE

__all__ = [
    "ACTION_STATUSES",
    "Action",
    "ActionStatus",
    "Target",
    "day_text",
    "parse_day",
    "today",
]

ActionStatus = Literal["planned", "under-way", "done", "dropped"]
ACTION_STATUSES: dict[ActionStatus, str] = {
    "planned": "planned",
    "under-way": "under way",
    "done": "done",
    "dropped": "no longer pursued",
}
"""Each status and the words a plan shows for it."""
STILL_TO_DO: tuple[ActionStatus, ...] = ("planned", "under-way")
"""The statuses of an action not yet done nor given up: carried into next year's plan, and
overdue once its date has passed."""

ActionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]
SectionId = Annotated[str, StringConstraints(min_length=1, max_length=STATEMENT_ID_LIMIT)]
Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=NAME_LIMIT, pattern=r"^[^\x00-\x1f\x7f]*$"),
]
"""A short text on one line: a lead's name or role."""
Paragraph = Annotated[str, StringConstraints(max_length=10_000)]
TagId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")]
"""A tag of the framework's vocabulary, as a framework spells its ids."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Action(_Model):
    """One action in the improvement plan."""

    id: ActionId
    """Stable within the file, e.g. "a3"."""
    qi: SectionId
    """The section (quality indicator) it improves."""
    text: Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
    """What we will do."""
    source: SectionId | None = None
    """The framework's improvement action it was adopted from; absent for the team's own."""
    outcome: Paragraph = ""
    """The outcome sought: what will be better for children and young people."""
    lead: Line = ""
    """Who leads it."""
    due: date | None = None
    """By when."""
    measure: Paragraph = ""
    """How we will know: the measure of progress."""
    status: ActionStatus = "planned"
    """Where it stands."""
    review_date: date | None = None
    """When progress will next be reviewed."""
    review: Paragraph = ""
    """Notes from reviews of progress."""
    tags: list[TagId] = Field(default_factory=list, max_length=20)
    """Tags from the framework's vocabulary the team gave it: the NIF priority it serves (the
    plan groups actions by it) and the NIF driver. An old id is renamed on opening
    (`selfeval.evaluation.action_tags`); one the framework does not know is kept as it is."""
    carried_from: Annotated[str, StringConstraints(pattern=SCHOOL_YEAR)] | None = None
    """The school year whose plan it was first in, where it was carried over into a later
    year's plan not yet done (`selfeval.evaluation.carry`); absent for this year's own."""
    updated: datetime | None = None
    """When it last changed."""

    @property
    def carried_said(self) -> str:
        """ "carried over from 2025-26" for an action carried over, else ""."""
        return f"carried over from {self.carried_from}" if self.carried_from else ""

    def overdue_said(self, on: date | None = None) -> str:
        """ "overdue (due 12 March 2026)" for an action still to do (planned or under way)
        whose due date is before *on* (today if not given), else "": a plan read in December
        must not leave an action meant for March looking on course."""
        on = on or today()
        if self.due is None or self.due >= on or self.status not in STILL_TO_DO:
            return ""
        return f"overdue (due {day_text(self.due)})"

    @property
    def is_own(self) -> bool:
        """Whether the team wrote it rather than adopting a next step."""
        return self.source is None


class Target(_Model):
    """How good can we be? The level the team aims for on one QI, and by when."""

    level: StrictInt = Field(ge=LOWEST_VALUE, le=HIGHEST_VALUE)
    """The level aimed for, on the framework's scale."""
    by: date | None = None
    """By when."""
    updated: datetime | None = None
    """When it was set."""


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def today() -> date:
    """Today's date where the computer is: what an action's due date is compared with (a due
    date is a calendar day in the setting's own time)."""
    return date.today()


def day_text(day: date | None) -> str:
    """A date as a plan prints it, e.g. "30 June 2027" (no platform-specific format codes)."""
    return f"{day.day} {day:%B %Y}" if day else ""


def parse_day(text: str) -> date:
    """A date as a person in Scotland types it: "30/6/2027", "30 June 2027", "June 2027" (the
    month's last day) or "2027-06-30". Raises ValueError with a sentence saying what to type."""
    words = text.strip().lower().replace(",", " ")
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", words):
            return date.fromisoformat("-".join(p.zfill(2) for p in words.split("-")))
        if found := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", words):
            day, month, year = (int(g) for g in found.groups())
            return date(year, month, day)
        if found := re.fullmatch(r"(?:(\d{1,2})\s+)?([a-z]+)\s+(\d{4})", words):
            day_text, month_name, year_text = found.groups()
            month, year = _MONTHS[month_name], int(year_text)
            return date(year, month, int(day_text)) if day_text else _month_end(year, month)
    except (KeyError, ValueError):
        pass
    raise ValueError(f"{text.strip()!r} is not a date: type it like 30/6/2027 or June 2027")


def _month_end(year: int, month: int) -> date:
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)
