"""The authority's feedback on what the setting handed in, in sentences for `score`, the plan
(Markdown and Word) and JSON: "Feedback from Quality improvement officer, 3 March 2027: …".
Said only for an evaluation that was handed in; plain text here, escaped by each renderer."""

from __future__ import annotations

from typing import Any

from selfeval.authority.received import Received, received
from selfeval.evaluation.actions import day_text
from selfeval.evaluation.model import Evaluation

__all__ = [
    "feedback_heading",
    "feedback_json",
    "feedback_received",
    "feedback_sentences",
    "overall_sentences",
    "qi_sentences",
]


def feedback_received(evaluation: Evaluation) -> Received | None:
    """The feedback on *evaluation*'s hand-ins, or None where it was never handed in (then
    nothing is looked for, and nothing said)."""
    return received(evaluation) if evaluation.submissions else None


def feedback_heading(got: Received) -> str:
    """What the sentences are about: "Feedback from the authority on version 2, handed in 3
    March 2027"."""
    if got.submission is None:
        return "Feedback from the authority"
    handed = got.submission
    return (
        f"Feedback from the authority on version {handed.version}, handed in "
        f"{day_text(handed.at.astimezone().date())}"
    )


def feedback_sentences(got: Received) -> list[str]:
    """Each officer's overall feedback, then theirs on each QI, then their validation; a short
    note where feedback could not be looked for; "None yet." where none was given."""
    lines: list[str] = []
    for feedback in got.feedback:
        said = f"Feedback from {feedback.by}, {day_text(feedback.given.astimezone().date())}"
        if feedback.overall.strip():
            lines.append(f"{said}: {_one_line(feedback.overall)}")
        lines += [f"{said}, on {q.label}: {_one_line(q.text)}" for q in feedback.qis]
        if feedback.validated:
            at = (feedback.validated_at or feedback.given).astimezone().date()
            lines.append(f"Validated by {feedback.by}, {day_text(at)}.")
    if got.note:
        lines.append(f"Note: {got.note}.")
    return lines or ["None yet."]


def overall_sentences(got: Received) -> list[str]:
    """What is said of the whole submission: each officer's overall feedback and validation,
    and the note (the app shows each QI's feedback beside that QI: `qi_sentences`)."""
    lines: list[str] = []
    for feedback in got.feedback:
        day = day_text(feedback.given.astimezone().date())
        if feedback.overall.strip():
            lines.append(f"Feedback from {feedback.by}, {day}: {_one_line(feedback.overall)}")
        if feedback.validated:
            at = (feedback.validated_at or feedback.given).astimezone().date()
            lines.append(f"Validated by {feedback.by}, {day_text(at)}.")
    if got.note:
        lines.append(f"Note: {got.note}.")
    return lines


def qi_sentences(got: Received, key: str) -> list[str]:
    """What officers said of the QI kept as *key*, each with who and when ("validated" where
    that officer validated the submission)."""
    lines: list[str] = []
    for feedback in got.feedback:
        day = day_text(feedback.given.astimezone().date())
        mark = " (validated)" if feedback.validated else ""
        lines += [
            f"Feedback from {feedback.by}{mark}, {day}: {_one_line(q.text)}"
            for q in feedback.qis
            if q.qi == key and q.text.strip()
        ]
    return lines


def feedback_json(got: Received) -> dict[str, Any]:
    """The feedback as `score --format json` gives it."""
    handed = got.submission
    return {
        "submission": handed.model_dump(mode="json") if handed else None,
        "given": [
            {
                "by": f.by,
                "given": f.given.isoformat(),
                "overall": f.overall,
                "qis": [q.model_dump(mode="json") for q in f.qis],
                "validated": f.validated,
                "validated_at": f.validated_at.isoformat() if f.validated_at else None,
            }
            for f in got.feedback
        ],
        "note": got.note,
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())
