"""The feedback a setting has received: found through the hand-ins its evaluation records,
in the inbox folders they went to, when those can be reached from this computer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from selfeval.authority.feedback import Feedback, read_feedback
from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.submissions import Submission
from selfeval.files.submitted import feedback_name

__all__ = ["Received", "received"]


@dataclass(frozen=True)
class Received:
    """The feedback on the latest hand-in that has any, and a note where some could not be
    looked for or read."""

    submission: Submission | None = None
    feedback: list[Feedback] = field(default_factory=list)
    note: str = ""


def received(evaluation: Evaluation) -> Received:
    """The feedback officers gave on *evaluation*'s latest hand-in that has any (none where it
    was never handed in: then nothing is read)."""
    notes: list[str] = []
    for submission in reversed(evaluation.submissions):
        inbox = Path(submission.inbox)
        if not inbox.is_dir():
            notes.append(
                f"the inbox version {submission.version} went to cannot be reached from this "
                "computer: feedback on it is not shown"
            )
            break  # an earlier hand-in's feedback is not the latest word
        found = _feedback_on(inbox, submission, notes)
        if found:
            return Received(submission, found, "; ".join(notes))
    return Received(note="; ".join(notes))


def _feedback_on(inbox: Path, submission: Submission, notes: list[str]) -> list[Feedback]:
    found = []
    pattern = feedback_name(submission.file, "*")
    for path in sorted(inbox.glob(pattern)):
        try:
            feedback = read_feedback(path)
        except (SelfevalError, OSError):
            notes.append(f"{path.name} could not be read")
            continue
        if feedback.submission_sha256 == submission.sha256:  # about what this setting sent
            found.append(feedback)
    return sorted(found, key=lambda f: f.given)
