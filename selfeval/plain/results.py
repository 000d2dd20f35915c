"""The end of `selfeval --plain`: the results, each QI opened, the action plan, the plan exported.

Apart from the statement walk (`journey`), which hands over here when the statements are done
or the user asks for the results, and takes back over when they go back to the statements:
what is said about levels and the plan is one job, and the walk another. A QI opened is
`qi` (its level, next steps and target), the action plan `plan`.
"""

from __future__ import annotations

from functools import partial

from pydantic import ValidationError

from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.conversation import Conversation, numbers, picked
from selfeval.plain.export import export
from selfeval.plain.fields import problems, saved
from selfeval.plain.hand_in import feedback_said, hand_in
from selfeval.plain.page import Page, Reply
from selfeval.plain.plan import ActionPlan
from selfeval.plain.qi import QIPage
from selfeval.scoring import QIResult, score
from selfeval.scoring.words import NO_LEVEL

__all__ = ["Results"]


class Results(Page):
    """The suggested levels of the QIs asked, each to open (`QIPage`: hear why, agree or
    choose its level, adopt next steps, set a target); the action plan; the plan exported.
    Left by b (back to the statements) or q."""

    kind = "results"
    enter_goes_back = False

    def __init__(self, talk: Conversation, session: EvaluationSession) -> None:
        super().__init__(talk)
        self.session = session
        self.scale = session.scale
        self.qis: list[QIResult] = []

    def refresh(self) -> bool:
        self.result = score(self.session.evaluation, self.session.framework)
        self.qis = [qi for qi in self.result.qis if qi.asked]
        return True

    def heard(self) -> list[str]:
        return [
            "",
            f"Results: {self.result.answered} of {self.result.asked} answered.",
            *(f"{n}. {self._qi_line(qi)}" for n, qi in enumerate(self.qis, 1)),
            *feedback_said(self.session),
        ]

    def keys(self) -> tuple[str, str]:
        return (
            f"Results: type {numbers(len(self.qis))} to open a QI (to hear why, agree its "
            "level, adopt its next steps or set its target), p for the action plan, l to list "
            "the QIs again, x to export the improvement plan, m to mark the evaluation "
            "complete, h to hand in to your authority, u to undo the last change, b to go "
            "back to the statements, q to stop.",
            f"Results: {numbers(len(self.qis), short=True)}, p, l, x, m, h, u, b, q.",
        )

    def take(self, answer: str) -> Reply:
        key = answer.lower()
        if key == "p":
            ActionPlan(self.talk, self.session).run()
            self.talk.say("Back at the results.")
            return Reply.STAY
        if key == "x":
            export(self.talk, self.session)
            return Reply.STAY
        if key == "m":
            self._complete()
            return Reply.STAY
        if key == "h":
            hand_in(self.talk, self.session)
            return Reply.STAY
        if (chosen := picked(key, len(self.qis))) is not None:
            QIPage(self.talk, self.session, self.qis[chosen].key).run()
            self.refresh()  # the QI as it is now, not the whole list again (l reads that)
            self.talk.say(
                "Back at the results.", f"{chosen + 1}. {self._qi_line(self.qis[chosen])}"
            )
            return Reply.STAY
        return Reply.WRONG

    def _complete(self) -> None:
        """Mark the evaluation complete, by whom if the person says (a name on one line,
        asked again until it is one, or left out)."""
        now = self.session.evaluation.completed_by
        kept = f"now {now}; Enter keeps it" if now else "Enter to leave it out"
        while True:
            typed = self.talk.ask(
                "Who is completing the evaluation? The improvement plan says who: type a name "
                f"and role on one line (for example: Ms Reid, headteacher); {kept}; q to stop."
            )
            by = typed or now
            try:
                saved(
                    self.talk,
                    partial(self.session.complete, typed or None),
                    f"marked complete{f', by {by}' if by else ''}; you can still change answers",
                )
            except ValidationError as exc:
                self.talk.say(f"Not marked: a name and role must be {problems(exc, {})}.")
                continue
            return

    def _qi_line(self, qi: QIResult) -> str:
        label = self.scale.label
        suggested = f"suggested {label(qi.suggested)}" if qi.suggested else NO_LEVEL
        agreed = f"agreed {label(qi.confirmed)}" if qi.confirmed else "not yet agreed"
        rated = f"{qi.rated} of {qi.asked} rated"
        urgent = "; an urgent next step (safeguarding)" if qi.urgent else ""
        return f"{qi.heading}: {suggested}; {agreed}; {rated}{urgent}."
