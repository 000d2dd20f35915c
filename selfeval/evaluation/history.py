"""The evaluation's history: a short log of what matters to an authority, not every keystroke.

A level agreed or changed (by whom, when, why), statements agreed at the median of the views,
each hand-in to the authority. Entries are only ever added, never changed or removed, so two
colleagues saving at once lose none: a version saved elsewhere keeps its entries and this
window's are added beside them (`with_entry` is a union, and every change is made again on a
colleague's version by `selfeval.evaluation.edits`). Optional in the file: an evaluation
written before selfeval kept it loads unchanged, with none, and is saved without it until
something is logged.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, Literal, Protocol

from pydantic import BaseModel, ConfigDict, StringConstraints

from selfeval.evaluation.limits import FREE_TEXT_LIMIT, NAME_LIMIT

__all__ = ["HISTORY_LIMIT", "HistoryEntry", "Kind", "appended", "level_entry", "who_is_here"]

HISTORY_LIMIT = 2000
"""The most entries the log keeps (the newest): years of levels and hand-ins, not a file that
grows without end when a level is chosen again and again."""

Kind = Literal["level", "moderation", "submission", "feedback"]
"""What an entry records: a QI's level agreed or changed (or taken back), statements agreed
in moderation, a hand-in to the authority, feedback from it."""

Said = Callable[[int | None, bool], str]
"""A level in words ("4 good")."""

_Line = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        min_length=1,
        max_length=NAME_LIMIT * 2,
        pattern=r"^[^\x00-\x1f\x7f-\x9f]*$",
    ),
]


class HistoryEntry(BaseModel):
    """One thing that happened to the evaluation, as the plan's history table shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    at: datetime
    """When it happened."""
    kind: Kind
    """What sort of thing it was."""
    what: _Line
    """What happened, in words ("QI 1.3 Leadership of change: agreed as 4 good")."""
    by: Annotated[str, StringConstraints(max_length=NAME_LIMIT)] | None = None
    """Who did it, where known: the name this computer knows its user by, or a command."""
    why: Annotated[str, StringConstraints(max_length=FREE_TEXT_LIMIT)] = ""
    """The reason given, if any."""


def appended(entries: Sequence[HistoryEntry], entry: HistoryEntry) -> list[HistoryEntry]:
    """*entries* with *entry* added in order of time, unless it is there already: the union of
    two windows' logs never holds one entry twice. The oldest go beyond `HISTORY_LIMIT`."""
    if entry in entries:
        return list(entries)
    ordered = sorted([*entries, entry], key=lambda e: e.at)
    return ordered[-HISTORY_LIMIT:]


def now() -> datetime:
    """The current time in UTC, to the second (what the file records)."""
    return datetime.now(UTC).replace(microsecond=0)


def who_is_here() -> str | None:
    """The name this computer knows its user by (the login name), or None where it has none;
    what the history records as who agreed a level or handed the evaluation in."""
    try:
        name = "".join(c for c in getpass.getuser() if c.isprintable()).strip()
    except (OSError, KeyError, ImportError):  # no login name (a container, a service)
        return None
    return name[:NAME_LIMIT] or None


class Level(Protocol):
    """A QI's level as the evaluation keeps it (`QIJudgement`, not imported: it imports this)."""

    @property
    def suggested(self) -> int | None: ...
    @property
    def confirmed(self) -> int: ...
    @property
    def reason(self) -> str: ...


def level_entry(
    name: str, before: Level | None, after: Level | None, said: Said, by: str | None
) -> HistoryEntry | None:
    """What the history says of a QI's level going from *before* to *after* (None: none
    agreed), or None where neither the level nor its reason changed."""
    was = before.confirmed if before else None
    now_ = after.confirmed if after else None
    if after is None:
        what = f"{name}: level {said(was, False)} taken back, none agreed"
    elif before is None:
        what = f"{name}: agreed as {said(now_, False)}"
    elif was == now_:
        if before.reason == after.reason:
            return None
        what = f"{name}: reason given for {said(now_, False)}"
    else:
        what = f"{name}: changed from {said(was, False)} to {said(now_, False)}"
    if after is not None and after.suggested != now_:
        suggestion = "no level" if after.suggested is None else said(after.suggested, False)
        what += f" (selfeval suggested {suggestion})"
    why = after.reason if after else ""
    return HistoryEntry(at=now(), kind="level", what=what, by=by, why=why)
