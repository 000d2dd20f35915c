"""A QI's next steps in `--plain`: each one suggested, with why, and whether it is in the action
plan; a number puts one in the plan (adopted, as Space does in the app) and opens its details,
o writes an action of the team's own. Taking one out is done from its details (d).
"""

from __future__ import annotations

from selfeval.evaluation.action_tags import adopted
from selfeval.evaluation.actions import Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.action import ActionForm, add_action, write_own
from selfeval.plain.conversation import Conversation, numbers, picked
from selfeval.plain.fields import shown
from selfeval.plain.page import Page, Reply
from selfeval.scoring import QIResult
from selfeval.scoring.results import NextStep
from selfeval.scoring.words import step_reason

__all__ = ["NextSteps"]


class NextSteps(Page):
    """One QI's suggested next steps and the actions the team has for it."""

    kind = "steps"

    def __init__(
        self, talk: Conversation, session: EvaluationSession, qi: QIResult, qis: list[QIResult]
    ) -> None:
        super().__init__(talk)
        self.session = session
        self.qi = qi
        self.qis = qis
        self.entries: list[tuple[NextStep | None, Action | None]] = []

    def refresh(self) -> bool:
        self.entries = self._entries()
        return True

    def _entries(self) -> list[tuple[NextStep | None, Action | None]]:
        """Each step suggested, with the action adopted from it (or None); then the team's
        other actions for the QI (their own, or from a step no longer suggested)."""
        mine = [a for a in self.session.evaluation.actions if a.qi == self.qi.key]
        adopted = {a.source: a for a in mine if a.source}
        entries: list[tuple[NextStep | None, Action | None]] = [
            (step, adopted.get(step.action_id)) for step in self.qi.next_steps
        ]
        offered = {step.action_id for step in self.qi.next_steps}
        return entries + [(None, a) for a in mine if a.source not in offered]

    def heard(self) -> list[str]:
        lines = [f"{self.qi.heading}: next steps and our actions."]
        if not self.qi.next_steps:
            lines.append("selfeval suggests no next steps here: nothing rated is low enough.")
        for n in range(len(self.entries)):
            lines += self._entry(n, why=True)
        return lines

    def _entry(self, index: int, why: bool = False) -> list[str]:
        """One step or action as it is listed (with why the step is suggested, if *why*)."""
        step, action = self.entries[index]
        where = "In our plan" if action else "Not in the plan"
        if step is None:
            assert action is not None
            own = ", our own" if action.is_own else ""
            return [f"{index + 1}. {where}{own}: {shown(action.text)}"]
        urgent = ", urgent, act now" if step.urgent else ""
        line = f"{index + 1}. {where}{urgent}: {step.text}"
        return [line, f"Why: {step_reason(step, self.session.scale)}."] if why else [line]

    def keys(self) -> tuple[str, str]:
        count = len(self.entries)
        pick = (
            f"type {numbers(count)}: a step not in the plan is put in it, one in the plan opens "
            "its details (d there takes it out); "
        )
        return (
            f"Next steps: {pick if count else ''}o to add an action of our own, l to list them "
            "again, Enter to go back, q to stop.",
            f"Next steps: {numbers(count, short=True) + ', ' if count else ''}o, l, Enter, q.",
        )

    def take(self, answer: str) -> Reply:
        """A number adopts or opens a step, o writes our own action; afterwards only what
        changed is said, not the whole list again (l reads it)."""
        chosen = picked(answer, len(self.entries))
        if answer.lower() == "o":
            write_own(self.talk, self.session, self.qi.key, self.qis)
            chosen = len(self.entries)  # ours is listed last
        elif chosen is not None:
            self._open(*self.entries[chosen])
        else:
            return Reply.WRONG
        self.refresh()
        if chosen < len(self.entries):
            self.talk.say("Back at the next steps.", *self._entry(chosen))
        return Reply.STAY

    def _open(self, step: NextStep | None, action: Action | None) -> None:
        """Adopt *step* if it is not in the plan yet; then its details."""
        if action is None:
            assert step is not None
            new = adopted(
                self.session.evaluation,
                self.session.framework,
                self.qi.key,
                step.text,
                step.action_id,
            )
            kept = add_action(self.talk, self.session, new, "in the action plan")
        else:
            kept = action.id
        ActionForm(self.talk, self.session, kept, self.qis).run()
