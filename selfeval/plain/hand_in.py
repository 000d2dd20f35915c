"""`h` in `--plain`'s results: hand in to the authority, as the app's results screen and
`selfeval submit` do (one piece of code writes the submission and its plan), the inbox asked
for and offered from the settings file, where a hand-in that worked is remembered. Also the
authority's feedback on the latest hand-in, said with the results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from selfeval.errors import SelfevalError
from selfeval.plain.conversation import Conversation
from selfeval.plain.fields import saved

if TYPE_CHECKING:
    from pathlib import Path

    from selfeval.evaluation.session import EvaluationSession

__all__ = ["feedback_said", "hand_in"]


def hand_in(talk: Conversation, session: EvaluationSession) -> None:
    """Ask for the inbox, hand in, and say where it went and which version (or why not)."""
    from selfeval.files.remember import remember, remembered
    from selfeval.report.before_hand_in import handed_before
    from selfeval.report.handing_in import hand_in_with_plan, record_hand_in, refusal, typed_folder

    if (view := session.evaluation.contributor) is not None:
        talk.say(
            f"This is one colleague's view ({view.role}): only the setting's own evaluation "
            "is handed in. Bring the views together first."
        )
        return
    own = session.evaluation.submissions  # where it went last, then where any went last
    offered = own[-1].inbox if own else remembered("authority", "inbox")
    kept = f"Enter hands in to {offered}" if offered else "Enter on its own goes back"
    before = handed_before(session.evaluation, None)
    typed = talk.ask(
        "Hand in to your authority: the evaluation and its plan are copied into the inbox "
        "folder your authority gave you, as a new version (an earlier one is kept). "
        f"{before + ' ' if before else ''}Type the inbox folder; {kept}; q to stop."
    )
    inbox = typed_folder(typed) or typed_folder(offered or "")
    if inbox is None or not _confirmed(talk, session, inbox):
        talk.say("Not handed in.")
        return
    try:
        handed = hand_in_with_plan(session.evaluation, session.framework, inbox)
    except (OSError, SelfevalError) as exc:
        said, hint = refusal(exc)
        talk.say(
            f"Not handed in: {said}.",
            *filter(None, [hint]),
            "Nothing was written; your evaluation is unchanged.",
        )
        return
    talk.say(
        f"Handed in as version {handed.submission.version}: {handed.path}",
        *(f"    with {path.name}" for path in handed.plans),
    )
    saved(talk, lambda: record_hand_in(session, handed), "the hand-in, in your evaluation")
    try:
        remember("authority", "inbox", str(inbox.absolute()))
    except (OSError, SelfevalError) as exc:
        talk.say(f"Not remembered for next time: {exc}")


def _confirmed(talk: Conversation, session: EvaluationSession, inbox: Path) -> bool:
    """Whether to hand in to *inbox*: asked where it is unfinished, unchanged since the last
    hand-in, or the folder looks like the wrong one; yes at once where none is so, and for
    an inbox that is refused (the hand-in says why at once)."""
    from selfeval.authority.submission import check_inbox
    from selfeval.report.before_hand_in import before_hand_in, not_again

    try:
        check_inbox(inbox)
    except SelfevalError:
        return True

    before = before_hand_in(session.evaluation, session.framework, inbox)
    said = [f"{not_again(before.unchanged)}."] if before.unchanged is not None else []
    said += before.warnings
    if not said:
        return True
    talk.say(*said)
    answer = talk.ask(f"Hand in all the same, as version {before.version}? (y/n)")
    return answer.strip().casefold() in {"y", "yes"}


def feedback_said(session: EvaluationSession) -> list[str]:
    """The authority's feedback on the latest hand-in, overall and per QI ([] where the
    evaluation was never handed in)."""
    from selfeval.report.feedback import feedback_heading, feedback_received, feedback_sentences

    got = feedback_received(session.evaluation)
    if got is None:
        return []
    return [f"{feedback_heading(got)}:", *(f"  {s}" for s in feedback_sentences(got))]
