"""Next year from this year: what the setting's evaluation of last school year gives the new
one started beside it (issue 33).

When the setting's own evaluation of a new school year is created and last year's is in the
same folder (`selfeval.evaluation.previous.find_previous`), the actions not yet done (planned
or under way) are carried into the new file with everything the team wrote about them, each
marked with the year it came from (`Action.carried_from`), and the targets are kept; done and
dropped actions stay only in last year's file. Ratings are never copied: this year's are this
year's judgement, and last year's is shown beside each statement instead (`LastYear.said`).
Last year's file is only read, never written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import STILL_TO_DO, Action
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.previous import find_previous
from selfeval.evaluation.reading import read_reconciled
from selfeval.framework.model import Framework, Scale

__all__ = ["CarriedOver", "LastYear", "carried_into", "last_year_of", "still_to_do"]


@dataclass(frozen=True)
class LastYear:
    """The setting's own evaluation of last school year, found beside this year's."""

    path: Path
    evaluation: Evaluation
    """As read against this year's framework (answers moved to renamed statements)."""

    @property
    def year(self) -> str:
        return self.evaluation.year

    def said(self, statement_id: str, scale: Scale) -> str:
        """Last year's answer to *statement_id*, as shown beside it: "Last year: 4 good",
        "Last year: not applicable" or "Last year: not rated"."""
        answer = self.evaluation.answer(statement_id)
        if answer.not_applicable:
            return "Last year: not applicable"
        if answer.rating is None:
            return "Last year: not rated"
        value = answer.rating
        return f"Last year: {scale.label(value) if value in scale.by_value else value}"


@dataclass(frozen=True)
class CarriedOver:
    """What was carried from last year's evaluation into a new one, said once on opening."""

    last_year: LastYear
    actions: int
    """How many actions not yet done were carried into the plan."""
    targets: int
    """How many targets were kept."""

    @property
    def sentence(self) -> str:
        """E.g. "Carried over from 2025-26: 3 actions not yet done and 2 targets; last year's
        ratings are shown beside each statement." """
        parts = [
            _counted(self.actions, "action not yet done", "actions not yet done"),
            _counted(self.targets, "target", "targets"),
        ]
        return (
            f"Carried over from {self.last_year.year}: {' and '.join(parts)}; last year's "
            "ratings are shown beside each statement."
        )


def _counted(count: int, one: str, many: str) -> str:
    return f"{'no' if count == 0 else count} {one if count == 1 else many}"


def still_to_do(last: Evaluation) -> list[Action]:
    """Last year's actions carried into next year's plan: those planned or under way, each
    marked with the year it was first planned in (kept when carried a second time)."""
    return [
        action.model_copy(update={"carried_from": action.carried_from or last.year})
        for action in last.actions
        if action.status in STILL_TO_DO
    ]


def last_year_of(path: Path, evaluation: Evaluation, framework: Framework) -> LastYear | None:
    """The setting's own evaluation of the school year before *evaluation*'s (saved, or to be
    saved, at *path*) in the same folder, read against *framework*; None where there is none,
    it cannot be read, or *evaluation* is a colleague's own view (last year's team ratings
    are not shown to someone giving theirs)."""
    if evaluation.contributor is not None:
        return None
    try:
        found = find_previous(path, evaluation)
        if found is None:
            return None
        last, _ = read_reconciled(found, framework)
    except (SelfevalError, OSError):
        return None
    return LastYear(found, last)


def carried_into(
    path: Path, fresh: Evaluation, framework: Framework
) -> tuple[Evaluation, CarriedOver | None]:
    """*fresh*, a new evaluation to be saved at *path*, with last year's actions not yet done
    and its targets carried over, and what was carried; unchanged (and None) where there is
    no evaluation of last year beside it."""
    last = last_year_of(path, fresh, framework)
    if last is None:
        return fresh, None
    actions = still_to_do(last.evaluation)
    targets = dict(last.evaluation.targets)
    carried = fresh.model_copy(update={"actions": actions, "targets": targets})
    return carried, CarriedOver(last, len(actions), len(targets))
