"""The evaluation's history as the plan, `score` and the app show it: a short table of date,
what, who and why, oldest first.

The file's own entries (levels agreed, hand-ins) are joined by the authority's feedback on the
hand-ins, read from the inbox where it can be reached: feedback lives in the officer's file,
never the school's, so it is shown from there rather than copied in (`score` and the plan only
read). Plain text here; each renderer escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from selfeval.authority.received import Received
from selfeval.evaluation.actions import day_text
from selfeval.evaluation.model import Evaluation

__all__ = ["HISTORY_HEADER", "HistoryRow", "history_rows", "history_text"]

HISTORY_HEADER = ("Date", "What", "Who", "Why")
"""The history table's columns, in every format."""


@dataclass(frozen=True)
class HistoryRow:
    """One thing that happened, in words."""

    at: datetime
    when: str
    """The day, as the plan prints dates ("3 March 2027")."""
    what: str
    who: str
    why: str

    @property
    def cells(self) -> tuple[str, str, str, str]:
        """The row as the table's cells, in `HISTORY_HEADER`'s order."""
        return (self.when, self.what, self.who, self.why)


def history_rows(evaluation: Evaluation, got: Received | None = None) -> list[HistoryRow]:
    """The history of *evaluation*, with the feedback *got* on its latest hand-in that has
    any, oldest first."""
    rows = [
        _row(entry.at, entry.what, entry.by or "", " ".join(entry.why.split()))
        for entry in evaluation.history
    ]
    if got is not None and got.submission is not None:
        version = got.submission.version
        for feedback in got.feedback:
            rows.append(_row(feedback.given, f"feedback given on version {version}", feedback.by))
            if feedback.validated:
                at = feedback.validated_at or feedback.given
                rows.append(_row(at, f"version {version} validated by the authority", feedback.by))
    return sorted(rows, key=lambda row: row.at)


def _row(at: datetime, what: str, who: str, why: str = "") -> HistoryRow:
    return HistoryRow(at, day_text(at.astimezone().date()), what, who, why)


def history_text(rows: list[HistoryRow]) -> list[str]:
    """*rows* as lines of plain text (`score`, the app): "3 March 2027  what (who): why"."""
    lines = []
    for row in rows:
        who = f" ({row.who})" if row.who else ""
        why = f": {row.why}" if row.why else ""
        lines.append(f"{row.when}  {row.what}{who}{why}")
    return lines
