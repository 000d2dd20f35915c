"""The whole action plan in `--plain`: every action, by QI, with who leads it, by when, how we
will know and where it stands, a field a line; a number opens one, o writes one of our own
for a QI chosen from the list (as the app's action plan screen does).
"""

from __future__ import annotations

from selfeval.evaluation.actions import ACTION_STATUSES, Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.action import LABELS, ActionForm, write_own
from selfeval.plain.conversation import Conversation, numbers, picked
from selfeval.plain.export import export
from selfeval.plain.fields import shown
from selfeval.plain.page import Page, Reply
from selfeval.scoring import QIResult, score

__all__ = ["ActionPlan"]


class ActionPlan(Page):
    """Every action the team has adopted or written, in the order of the QIs."""

    kind = "plan"

    def __init__(self, talk: Conversation, session: EvaluationSession) -> None:
        super().__init__(talk)
        self.session = session
        self.qis: list[QIResult] = []
        self.actions: list[Action] = []

    def refresh(self) -> bool:
        result = score(self.session.evaluation, self.session.framework)
        self.qis = [qi for qi in result.qis if qi.asked]
        order = {qi.key: n for n, qi in enumerate(self.qis)}
        actions = self.session.evaluation.actions
        self.actions = sorted(actions, key=lambda a: order.get(a.qi, len(order)))
        return True

    def heard(self) -> list[str]:
        """The plan read out: each action's QI and words, then its lead, date, measure and
        status on lines of their own (its outcome and review when it is opened)."""
        actions, qis = self.actions, self.qis
        if not actions:
            return [
                "",
                "Action plan: no actions yet. Choose a QI's number on the results and type a "
                "to put its next steps in the plan, or type o here to write one of our own.",
            ]
        names = {qi.key: qi.short for qi in qis}
        lines = ["", self._count()]
        for n, action in enumerate(actions, 1):
            lines.append(f"{n}. {names.get(action.qi, action.qi)}: {shown(action.text)}")
            lines += [
                f"{LABELS[field]}: {shown(getattr(action, field))}"
                for field in ("lead", "due", "measure")
                if getattr(action, field)
            ]
            carried = f" ({action.carried_said})" if action.carried_from else ""
            lines.append(f"{LABELS['status']}: {ACTION_STATUSES[action.status]}{carried}")
        return lines

    def _count(self) -> str:
        count = len(self.actions)
        return f"Action plan: {count} action{'s' if count != 1 else ''}."

    def keys(self) -> tuple[str, str]:
        count = len(self.actions)
        pick = f"type {numbers(count)} to open an action; " if count else ""
        return (
            f"Action plan: {pick}o to add an action of our own, l to hear the plan again, "
            "x to export the improvement plan, Enter to go back to the results, q to stop.",
            f"Action plan: {numbers(count, short=True) + ', ' if count else ''}o, l, x, Enter, q.",
        )

    def take(self, answer: str) -> Reply:
        if answer.lower() == "x":
            export(self.talk, self.session)
            return Reply.STAY
        if answer.lower() == "o":
            self._own(self.qis)
        elif (chosen := picked(answer, len(self.actions))) is not None:
            ActionForm(self.talk, self.session, self.actions[chosen].id, self.qis).run()
        else:
            return Reply.WRONG
        self.refresh()  # how many now, not every action again (l reads them)
        self.talk.say(
            "Back at the action plan.", self._count() if self.actions else self.heard()[-1]
        )
        return Reply.STAY

    def _own(self, qis: list[QIResult]) -> None:
        which = self.talk.choose(
            "Which quality indicator will our action improve?",
            [qi.heading for qi in qis],
            enter="Enter to go back",
        )
        if which is not None:
            write_own(self.talk, self.session, qis[which].key, qis)
