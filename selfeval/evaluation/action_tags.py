"""The tags of the team's actions: the NIF priority and driver each serves, checked against
the framework's vocabulary, renamed where the framework renamed them, and chosen in the forms.

An action adopted from a next step takes the step's tags of the groups a team chooses from
(`PLAN_GROUPS`); the team can change them, or tag its own actions. An evaluation tagged with a
tag the framework has since renamed (the four NIF priorities before 2024) has its actions
retagged when it is opened; a tag the framework does not know at all is kept as it is, never
dropped, and left out of the plan's grouping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from selfeval.evaluation.actions import Action
from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework, Tag
from selfeval.framework.tagnames import PLAN_GROUPS, PRIORITY_GROUP, current_tags

__all__ = [
    "Retagged",
    "adopted",
    "adopted_tags",
    "choosing",
    "chosen",
    "priorities",
    "retagged",
]


def adopted(
    evaluation: Evaluation, framework: Framework, qi: str, text: str, step_id: str
) -> Action:
    """The framework's next step *step_id* (its words *text*) adopted into the plan for the QI
    kept under *qi*: a new action with the next free id, that remembers its step and takes its
    tags. The app and `--plain` both adopt through here, so an adopted action is the same in
    either."""
    return Action(
        id=evaluation.new_action_id(),
        qi=qi,
        text=text,
        source=step_id,
        tags=adopted_tags(framework, step_id),
    )


def adopted_tags(framework: Framework, action_id: str) -> list[str]:
    """The tags the framework's next step *action_id* carries into the action plan: those of
    the groups a team chooses from (its NIF priorities and drivers)."""
    groups = {tag.id: tag.group for tag in framework.tags}
    return [t for t in framework.offered_tags(action_id) if groups.get(t) in PLAN_GROUPS]


def chosen(tags: list[str], framework: Framework, group: str) -> str | None:
    """The first of *tags* in *group* (what a form shows as chosen), or None."""
    ids = {tag.id for tag in framework.tags_in(group)}
    return next((t for t in tags if t in ids), None)


def choosing(tags: list[str], framework: Framework, group: str, tag_id: str | None) -> list[str]:
    """*tags* with *tag_id* chosen in *group* (None: none), in place of the one chosen before;
    every other tag, a second priority included, is kept."""
    before = chosen(tags, framework, group)
    if before is None:
        return [*tags, tag_id] if tag_id is not None and tag_id not in tags else list(tags)
    if tag_id is None:
        return [t for t in tags if t != before]
    return list(dict.fromkeys(tag_id if t == before else t for t in tags))


def priorities(action: Action, framework: Framework) -> list[Tag]:
    """The NIF priorities *action* serves, in the order the team gave them: its own tags, or,
    for a next step adopted before actions were tagged, the step's."""
    tags = action.tags or (adopted_tags(framework, action.source) if action.source else [])
    known = {tag.id: tag for tag in framework.tags_in(PRIORITY_GROUP)}
    return [known[t] for t in current_tags(tags, framework.renamed_tags) if t in known]


@dataclass(frozen=True)
class Retagged:
    """What opening an evaluation did to its actions' tags."""

    renamed: list[tuple[str, str]] = field(default_factory=list)
    """Each old tag id met and its new one, once each."""
    unknown: list[str] = field(default_factory=list)
    """Tags the framework does not know, kept in the file as they are."""


def retagged(evaluation: Evaluation, framework: Framework) -> tuple[Evaluation, Retagged]:
    """*evaluation* with its actions' tags under the framework's current ids."""
    if not any(action.tags for action in evaluation.actions):
        return evaluation, Retagged()  # nearly every file
    known = {tag.id for tag in framework.tags}
    renamed: dict[str, str] = {}
    unknown: dict[str, None] = {}
    actions = []
    for action in evaluation.actions:
        tags = current_tags(action.tags, framework.renamed_tags)
        for old in action.tags:
            if old not in known and (new := current_tags([old], framework.renamed_tags)[0]) != old:
                renamed[old] = new
        unknown |= dict.fromkeys(t for t in tags if t not in known)
        actions.append(action if tags == action.tags else action.model_copy(update={"tags": tags}))
    if not renamed:
        return evaluation, Retagged(unknown=list(unknown))
    migrated = evaluation.model_copy(update={"actions": actions})
    return migrated, Retagged(sorted(renamed.items()), list(unknown))
