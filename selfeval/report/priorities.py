"""The action plan by NIF priority: each action under the first National Improvement Framework
priority it serves, the groups in the NIF's order (children's rights first), and those linked
to no priority last, as many authorities' improvement plan templates arrange them.

An action's priorities are the tags the team gave it, or for a next step adopted before
actions were tagged, the step's (`selfeval.evaluation.action_tags.priorities`). Its drivers
and any further priority are said beside it, so nothing the team chose is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from selfeval.evaluation.action_tags import priorities
from selfeval.framework.tagnames import DRIVER_GROUP, PRIORITY_GROUP

if TYPE_CHECKING:
    from selfeval.evaluation.actions import Action
    from selfeval.framework.model import Framework
    from selfeval.report.content import ActionRow

__all__ = ["NO_PRIORITY", "ActionGroup", "action_groups", "with_priorities"]

NO_PRIORITY = "Not yet linked to a NIF priority"
"""The heading of the actions that serve no NIF priority the framework knows."""


@dataclass(frozen=True)
class ActionGroup:
    """The actions serving one NIF priority (the plan's groups), in the plan's order."""

    heading: str
    """ "NIF priority: …", `NO_PRIORITY`, or "" where the framework has no NIF priorities
    (one group, no heading)."""
    actions: list[ActionRow]


def with_priorities(row: ActionRow, action: Action, framework: Framework) -> ActionRow:
    """*row* with the NIF priorities and drivers of *action* in words."""
    served = priorities(action, framework)
    tags = action.tags or list(framework.offered_tags(action.source))  # adopted untagged
    drivers = [t.label for t in framework.tags_in(DRIVER_GROUP) if t.id in tags]
    said = []
    if len(served) > 1:
        also = "; ".join(t.label for t in served[1:])
        said.append(f"Also serves: {also}.")
    if drivers:
        said.append(f"Driver{'s' if len(drivers) > 1 else ''}: {'; '.join(drivers)}.")
    return replace(row, priority=served[0].label if served else "", also=" ".join(said))


def action_groups(rows: list[ActionRow], framework: Framework) -> list[ActionGroup]:
    """*rows* grouped by the priority each serves first, in the framework's order of the NIF
    priorities, those serving none last; one group without a heading where the framework has
    no NIF priorities."""
    labels = [t.label for t in framework.tags_in(PRIORITY_GROUP)]
    if not labels:
        return [ActionGroup("", rows)] if rows else []
    groups = [
        ActionGroup(f"NIF priority: {label}", [r for r in rows if r.priority == label])
        for label in labels
    ]
    groups.append(ActionGroup(NO_PRIORITY, [r for r in rows if not r.priority]))
    return [group for group in groups if group.actions]
