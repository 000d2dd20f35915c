"""A QI's target in `--plain`: how good can we be? The level the team aims for, and by when.

The app's target form as two questions (the level, then the date), or one line with both
("5 June 2027"); saved through the same session method (`set_target`), the level as soon as it
is typed, so a date still to come (or mistyped) never costs it.
"""

from __future__ import annotations

from selfeval.evaluation.actions import Target, day_text
from selfeval.evaluation.session import EvaluationSession
from selfeval.plain.conversation import Conversation, number, quoted
from selfeval.plain.fields import CLEAR, KEEP, ask_day, saved
from selfeval.scoring import QIResult

__all__ = ["set_target", "target_words"]


def target_words(session: EvaluationSession, target: Target) -> str:
    """A target as it is read out: "5 very good by 30 June 2027"."""
    by = f" by {day_text(target.by)}" if target.by else ""
    return f"{session.scale.label(target.level)}{by}"


def _now_words(session: EvaluationSession, qi: QIResult) -> str:
    label = session.scale.label
    if qi.confirmed is not None:
        return f"agreed {label(qi.confirmed)}"
    if qi.suggested is not None:
        return f"suggested {label(qi.suggested)}, not yet agreed"
    return "no level yet"


def set_target(talk: Conversation, session: EvaluationSession, qi: QIResult) -> None:
    """Ask for the level the team aims for on *qi* and by when; save each as it comes."""
    scale = session.scale
    current = session.evaluation.targets.get(qi.key)
    talk.say(
        f"{qi.heading}: how good can we be?",
        f"Now: {_now_words(session, qi)}.",
        f"Our target: {target_words(session, current)}." if current else "No target yet.",
    )
    keeps = "keeps it" if current else "goes back"
    while True:
        answer = talk.ask(
            f"The level we aim for: type {scale.lowest} to {scale.highest} ({scale.span}), or "
            f"the level and by when on one line (5 June 2027); {CLEAR} removes the target; "
            f"Enter {keeps}; q to stop."
        )
        if not answer:
            return
        if answer == CLEAR:
            if current is None:
                talk.say("There is no target to remove.")
            else:
                saved(talk, lambda: session.set_target(qi.key, None), "target removed")
            return
        first, _, rest = answer.partition(" ")
        level = number(first)
        if level is not None and level in scale.by_value:
            break
        talk.say(f"{quoted(first)} is not a level: type {scale.lowest} to {scale.highest}.")
    by = current.by if current else None
    if rest.strip():  # a date on the same line: asked again only if it is not one
        day = ask_day(talk, "By when?", by, rest.strip())
        by = by if day is KEEP else day
    if current is None or (current.level, current.by) != (level, by):
        _save(talk, session, qi.key, Target(level=level, by=by))
    if rest.strip():
        return
    day = ask_day(talk, "By when?", by)
    if day is not KEEP and day != by:
        _save(talk, session, qi.key, Target(level=level, by=day))


def _save(talk: Conversation, session: EvaluationSession, key: str, target: Target) -> None:
    saved(talk, lambda: session.set_target(key, target), f"target {target_words(session, target)}")
