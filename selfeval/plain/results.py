"""The end of `selfeval --plain`: the results, a QI's level agreed or chosen, the plan exported.

Apart from the statement walk (`journey`), which hands over here when the statements are done
or the user asks for the results, and takes back over when they go back to the statements:
what is said about levels and the plan is one job, and the walk another.
"""

from __future__ import annotations

from selfeval.errors import SelfevalError
from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.conversation import Conversation, number
from selfeval.scoring import QIResult, score, spread
from selfeval.scoring.words import NO_LEVEL

__all__ = ["Results"]


class Results:
    """The suggested levels of the QIs asked, to hear why, agree or choose; the plan exported."""

    def __init__(self, talk: Conversation, session: EvaluationSession) -> None:
        self.talk = talk
        self.session = session
        self.scale = session.scale

    def run(self) -> str:
        """The suggested levels; agree or choose levels, export the plan. Returns back or quit."""
        listing = True
        while True:
            result = score(self.session.evaluation, self.session.framework)
            qis = [qi for qi in result.qis if qi.asked]
            if listing:
                self.talk.say("", f"Results: {result.answered} of {result.asked} answered.")
                self.talk.say(*(f"{n}. {self._qi_line(qi)}" for n, qi in enumerate(qis, 1)))
            listing = False
            answer = self.talk.ask(
                "Results: type a QI's number to hear why and to agree or choose its level, l to "
                "list the QIs again, x to export the improvement plan, m to mark the evaluation "
                "complete, b to go back to the statements, q to stop."
            ).lower()
            if answer in ("b", "back", "q", "quit"):
                return "back" if answer.startswith("b") else "quit"
            if answer == "l":
                listing = True
            elif answer == "x":
                self._export()
            elif answer == "m":
                self.session.complete()
                self.talk.say("Saved: marked complete. You can still change answers.")
            elif (chosen := number(answer)) is not None and 1 <= chosen <= len(qis):
                self._judge(qis[chosen - 1])
            else:
                typed = f"{answer!r} is not one of the choices" if answer else "Nothing typed"
                self.talk.say(
                    f"{typed}: type a QI's number from 1 to {len(qis)}, or l, x, m, b or q."
                )

    def _qi_line(self, qi: QIResult) -> str:
        label = self.scale.label
        suggested = f"suggested {label(qi.suggested)}" if qi.suggested else NO_LEVEL
        agreed = f"agreed {label(qi.confirmed)}" if qi.confirmed else "not yet agreed"
        rated = f"{qi.rated} of {qi.asked} rated"
        urgent = "; an urgent next step (safeguarding)" if qi.urgent else ""
        return f"{qi.heading}: {suggested}; {agreed}; {rated}{urgent}."

    def _judge(self, qi: QIResult) -> None:
        self.talk.say(
            f"{qi.heading}.",
            f"Ratings: {spread(qi.counts, self.scale)}.",
            qi.why,
            *(
                f"{'Urgent next step, act now' if step.urgent else 'Next step'}: {step.text}"
                for step in qi.next_steps[:3]
            ),
        )
        offer = "Enter agrees with the suggestion; type" if qi.suggested else "Type"
        answer = self.talk.ask(
            f"{offer} {self.scale.lowest} to {self.scale.highest} to choose your own level, "
            "or b to go back."
        ).lower()
        if answer == "b" or (not answer and not qi.suggested):
            return
        level = qi.suggested if not answer else number(answer)
        if level is None or level not in self.scale.by_value:
            self.talk.say(f"{answer!r} is not a level; nothing changed.")
            return
        reason = ""
        if qi.suggested is not None and level != qi.suggested:
            reason = self.talk.ask("Why did you choose it? (optional; Enter to skip)")
        try:
            self.session.confirm_level(qi.key, qi.suggested, level, reason)
        except SelfevalError as exc:
            self.talk.say(f"NOT SAVED: {exc}")
            return
        self.talk.say(f"Saved: {qi.label} agreed at {self.scale.label(level)}.")

    def _export(self) -> None:
        from selfeval.report.plan import export_plan

        session = self.session
        result = score(session.evaluation, session.framework)
        try:
            written = export_plan(result, session.evaluation, session.framework, session.path)
        except (OSError, SelfevalError) as exc:
            self.talk.say(f"Could not write the plan: {exc}")
            return
        self.talk.say("Improvement plan written: " + ", ".join(str(p) for p in written))
