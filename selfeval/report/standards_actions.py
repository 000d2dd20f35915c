"""What the Standards and Quality Report says of the actions of the two years' plans: how each
of last year's stands now, and what this year completed.

Last year's actions not yet done were carried into this year's file with their ids
(`selfeval.evaluation.carry`), and the team goes on working on them there: a carried action
marked done, given a newer review or dropped in this year's file stands as this year's file
says, never as last year's did. One of last year's left out of this year's plan is said to be
so. An action completed this year is an achievement of this year: carried or new, it is told.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval.evaluation.actions import ACTION_STATUSES, STILL_TO_DO, Action, ActionStatus
from selfeval.evaluation.model import Evaluation
from selfeval.report.content import ActionRow, PlanContent, ordered_actions
from selfeval.scoring import Result

__all__ = ["COMPLETED_THIS_YEAR", "NOT_IN_THIS_YEAR", "ActionsTold", "actions_told"]

COMPLETED_THIS_YEAR = "Completed this year"
NOT_IN_THIS_YEAR = "Not in this year's plan"
_PROGRESS: tuple[tuple[str, str], ...] = (
    ("done", "Completed last year"),
    ("done-now", COMPLETED_THIS_YEAR),
    ("under-way", "Under way"),
    ("planned", "Not yet started"),
    ("dropped", "No longer pursued"),
    ("left-out", NOT_IN_THIS_YEAR),
)
"""Last year's actions by where each stands now, in the order the report tells them."""


@dataclass(frozen=True)
class ActionsTold:
    """Last year's actions by where they stand now, and this year's others completed."""

    progress: list[tuple[str, list[ActionRow]]]
    completed: list[ActionRow]
    """This year's completed actions not already told under last year's (its own, mostly)."""


def actions_told(
    this: tuple[Result, Evaluation, PlanContent],
    last: tuple[Result, Evaluation, PlanContent] | None,
) -> ActionsTold:
    """How each of last year's actions stands (this year's file winning for those carried
    over), and the rest of this year's actions completed."""
    now = _pairs(*this)
    carried = {action.id: (action, row) for action, row in now if action.carried_from}
    groups: dict[str, list[ActionRow]] = {key: [] for key, _ in _PROGRESS}
    told: set[str] = set()
    for action, row in _pairs(*last) if last else []:
        key, row = _where_now(action, row, carried)
        groups[key].append(row)
        if key != "left-out" and action.status in STILL_TO_DO:
            told.add(action.id)
    done = ACTION_STATUSES["done"]
    completed = [row for action, row in now if row.status == done and action.id not in told]
    progress = [(title, groups[key]) for key, title in _PROGRESS if groups[key]]
    return ActionsTold(progress, completed)


def _where_now(
    action: Action, row: ActionRow, carried: dict[str, tuple[Action, ActionRow]]
) -> tuple[str, ActionRow]:
    """Which group one of last year's actions goes in, told by the row that says it now."""
    if action.status not in STILL_TO_DO:
        return action.status, row
    found = carried.get(action.id)
    if found is None:  # carried, then taken out of this year's plan (or never carried)
        return "left-out", row  # still said overdue where it is: it was never done
    action, row = found
    status: ActionStatus = action.status
    return ("done-now" if status == "done" else status), row


def _pairs(
    result: Result, evaluation: Evaluation, plan: PlanContent
) -> list[tuple[Action, ActionRow]]:
    """Each action beside its row in *plan* (the rows are in `ordered_actions`' order)."""
    return list(zip(ordered_actions(evaluation, result), plan.actions, strict=True))
