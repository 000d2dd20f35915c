"""One quality indicator in `--plain`: why its level is suggested, the team's own level (c
agrees with the suggestion, a number chooses another), and the way to its next steps and
actions (`steps`) and its target (`target`): what the app's results screen offers for the
highlighted QI.
"""

from __future__ import annotations

from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.conversation import Conversation, number, one_line
from selfeval.plain.fields import saved
from selfeval.plain.page import Page, Reply
from selfeval.plain.steps import NextSteps
from selfeval.plain.target import set_target, target_words
from selfeval.scoring import QIResult, score, spread
from selfeval.scoring.words import NO_LEVEL, no_evidence, qi_context

__all__ = ["QIPage"]


class QIPage(Page):
    """One QI: heard, judged, its next steps adopted and its target set, until Enter."""

    kind = "qi"

    def __init__(self, talk: Conversation, session: EvaluationSession, key: str) -> None:
        super().__init__(talk)
        self.session = session
        self.key = key
        self.scale = session.scale

    def refresh(self) -> bool:
        """This QI, and every QI asked, scored on the evaluation as it is now."""
        result = score(self.session.evaluation, self.session.framework)
        self.qis = [qi for qi in result.qis if qi.asked]
        self.qi = next(qi for qi in self.qis if qi.key == self.key)
        return True

    def heard(self) -> list[str]:
        """The QI read out, a fact a line: its level, why, its target and its next steps."""
        qi = self.qi
        label = self.scale.label
        judgement = self.session.evaluation.qi.get(qi.key)
        target = self.session.evaluation.targets.get(qi.key)
        adopted = [a for a in self.session.evaluation.actions if a.qi == qi.key]
        urgent = sum(step.urgent for step in qi.next_steps)
        lines = ["", f"{qi.heading}."]
        if context := qi_context(qi):
            lines.append(context)
        lines += [
            f"Suggested: {label(qi.suggested) if qi.suggested else NO_LEVEL}.",
            f"Our level: {'agreed ' + label(qi.confirmed) if qi.confirmed else 'not yet agreed'}.",
        ]
        if judgement and judgement.reason:
            lines.append(f"Why we chose our level: {one_line(judgement.reason)}")
        lines += [f"Ratings: {spread(qi.counts, self.scale) or 'none yet'}.", qi.why]
        if qi.without_evidence:
            lines.append(f"{no_evidence(qi.without_evidence)}.")
        lines.append(
            f"Our target: {target_words(self.session, target)}." if target else "No target yet."
        )
        lines.append(
            f"Next steps: {len(qi.next_steps)} suggested"
            + (f", {urgent} of them urgent (safeguarding)" if urgent else "")
            + f"; {len(adopted)} action{'' if len(adopted) == 1 else 's'} in our plan."
        )
        return lines

    def keys(self) -> tuple[str, str]:
        levels = f"{self.scale.lowest} to {self.scale.highest}"
        suggested = self.qi.suggested
        agree = f"c to agree with {self.scale.label(suggested)}, " if suggested else ""
        return (
            f"{self.qi.short}: {agree}{levels} for a level of your own, a for its next steps "
            "and actions, t for its target, l to hear it again, Enter to go back to the "
            "results, q to stop.",
            f"{self.qi.short}: {'c, ' if agree else ''}{levels}, a, t, l, Enter, q.",
        )

    def take(self, answer: str) -> Reply:
        key = answer.lower()
        if key == "c":
            self._agree(self.qi)
        elif key == "a":
            NextSteps(self.talk, self.session, self.qi, self.qis).run()
            self.refresh()
            self.talk.say(f"Back at {self.qi.heading}.", self.heard()[-1])  # its steps now
        elif key == "t":
            set_target(self.talk, self.session, self.qi)
        elif (level := number(key)) is not None and level in self.scale.by_value:
            self._judge(self.qi, level)
        else:
            return Reply.WRONG
        return Reply.STAY

    def _agree(self, qi: QIResult) -> None:
        if qi.suggested is None:
            self.talk.say(
                f"No suggestion to agree with yet. {qi.why} Or choose your own level with "
                f"{self.scale.lowest} to {self.scale.highest}."
            )
            return
        self._judge(qi, qi.suggested)

    def _judge(self, qi: QIResult, level: int) -> None:
        """Agree *level* for *qi*, saved at once; then, if it is not the suggestion, why."""
        label = self.scale.label
        before = self.session.evaluation.qi.get(qi.key)
        reason = before.reason if before and before.confirmed == level else ""
        differs = qi.suggested is not None and level != qi.suggested
        if differs and qi.urgent and qi.suggested is not None and level > qi.suggested:
            self.talk.say(
                "A safeguarding statement here is rated weak or unsatisfactory: an inspector "
                f"would not accept more than {label(qi.suggested)} until it is put right."
            )
        if not self._confirm(qi, level, reason, f"{qi.short} agreed at {label(level)}"):
            return
        if not differs:
            return
        assert qi.suggested is not None
        kept = f"Enter keeps “{one_line(reason)}”" if reason else "Enter to skip"
        typed = self.talk.ask(
            f"You chose {label(level)} where selfeval suggested {label(qi.suggested)}; both are "
            f"kept. Why did you choose it? Type the reason on one line (optional: {kept}); "
            "q to stop."
        )
        if typed and typed != reason:
            self._confirm(qi, level, typed, "why you chose it")

    def _confirm(self, qi: QIResult, level: int, reason: str, said: str) -> bool:
        return saved(
            self.talk,
            lambda: self.session.confirm_level(qi.key, qi.suggested, level, reason),
            said,
        )
