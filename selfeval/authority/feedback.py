"""An officer's written feedback on a submission, and whether they validated it: a file of
its own beside the submission, one per officer (``….submitted-2.feedback.NAME.toml``), so two
officers writing at once write two files, and neither ever writes the school's."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, ValidationError

from selfeval.errors import ProblemsError, SelfevalError
from selfeval.evaluation.limits import FREE_TEXT_LIMIT, NAME_LIMIT, STATEMENT_ID_LIMIT
from selfeval.evaluation.model import now
from selfeval.evaluation.store import slugify
from selfeval.files.atomic import atomic_write_bytes
from selfeval.files.explain import locator, problems_from_validation
from selfeval.files.locate import LineIndex
from selfeval.files.submitted import feedback_name, is_feedback, submission_version, whole
from selfeval.files.toml import read_toml
from selfeval.scoring import QIResult

__all__ = [
    "Feedback",
    "FeedbackError",
    "QIFeedback",
    "give_feedback",
    "qi_named",
    "read_feedback",
    "read_submission",
]

HEADER = (
    "# Feedback on a selfeval submission, from the authority: one officer's file.\n"
    "# selfeval writes it (selfeval feedback); the school reads it and never writes it.\n"
)
Line = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=NAME_LIMIT, pattern=r"^[^\x00-\x1f]*$"
    ),
]
Text = Annotated[str, StringConstraints(max_length=FREE_TEXT_LIMIT)]


class FeedbackError(ProblemsError):
    """A feedback file cannot be read as it is."""

    noun = "feedback"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class QIFeedback(_Model):
    """What the officer wrote on one quality indicator."""

    qi: Annotated[str, StringConstraints(min_length=1, max_length=STATEMENT_ID_LIMIT)]
    """Where the setting keeps that QI's level (`QIResult.key`)."""
    label: Line
    """The QI as the setting knows it ("QI 1.3 Leadership of change")."""
    text: Text


class Feedback(_Model):
    """One officer's feedback on one submission."""

    submission: Line
    """The name of the submission file it is about."""
    submission_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    """The submission's sha256 when the feedback was written."""
    setting: Line
    by: Line
    """Who gave it, as they want the school to read it ("Quality improvement officer")."""
    given: datetime
    """When it was last written."""
    overall: Text = ""
    qis: list[QIFeedback] = Field(default_factory=list)
    validated: StrictBool = False
    """Whether the officer validated the submission (the authority agrees the evaluation)."""
    validated_at: datetime | None = None


def read_submission(path: Path) -> bytes:
    """The bytes of the submission at *path*, refused unless it is a whole submission."""
    if is_feedback(path):
        raise SelfevalError(
            f"{path.name} is feedback, not a submission",
            "name the submission itself (….submitted-N.toml)",
        )
    if submission_version(path) is None:
        raise SelfevalError(
            f"{path.name} is not named as a submission (….submitted-N.toml)",
            "give feedback on a file a school handed in with selfeval submit",
        )
    data = path.read_bytes()
    if not whole(data):
        raise SelfevalError(
            f"{path.name} is not whole (still syncing, or cut short); nothing was written",
            "wait for the sync to finish, then try again",
        )
    return data


def qi_named(qis: Sequence[QIResult], typed: str) -> QIResult:
    """The QI *typed* names: its number ("1.3", "QI 1.3"), its key or its title."""
    wanted = " ".join(typed.split()).casefold().removeprefix("qi ").strip()
    for qi in qis:
        names = {qi.qi_id, qi.key, qi.title, qi.label.removeprefix("QI ").strip()}
        if wanted in {n.casefold() for n in names if n}:
            return qi
    known = ", ".join(qi.label.removeprefix("QI ") or qi.title for qi in qis)
    raise SelfevalError(f"no QI {typed!r} in this evaluation", f"name one of: {known}")


def give_feedback(
    submission: Path,
    by: str,
    overall: str | None,
    qis: Sequence[QIFeedback],
    validated: bool | None,
) -> tuple[Path, Feedback]:
    """Write *by*'s feedback on *submission* into their own file beside it, keeping what they
    wrote before that this does not replace (a QI not named again; their validation, where
    *validated* is None: False takes it back)."""
    data = read_submission(submission)
    slug = slugify(by) or "officer-" + hashlib.sha256(by.encode()).hexdigest()[:8]
    path = submission.with_name(feedback_name(submission.name, slug))
    before = read_feedback(path) if path.exists() else None
    kept = {q.qi: q for q in (before.qis if before else [])}
    kept.update({q.qi: q for q in qis})
    setting = _setting_of(data)
    when = now()
    was_validated = before is not None and before.validated
    now_validated = was_validated if validated is None else validated
    try:
        feedback = Feedback(
            submission=submission.name,
            submission_sha256=hashlib.sha256(data).hexdigest(),
            setting=setting,
            by=by,
            given=when,
            overall=overall if overall is not None else (before.overall if before else ""),
            qis=list(kept.values()),
            validated=now_validated,
            validated_at=(
                ((before.validated_at if was_validated and before else None) or when)
                if now_validated
                else None
            ),
        )
    except ValidationError as exc:
        where = ".".join(str(part) for part in exc.errors()[0]["loc"])
        raise SelfevalError(
            f"the feedback cannot be written: {where} {exc.errors()[0]['msg'].lower()}",
            '--by takes a name or role on one line, e.g. --by "Quality improvement officer"',
        ) from None
    atomic_write_bytes(path, (HEADER + tomli_w.dumps(_dumped(feedback))).encode("utf-8"))
    return path, feedback


def _setting_of(data: bytes) -> str:
    import tomllib

    try:
        name = tomllib.loads(data.decode("utf-8"))["setting"]["name"]
    except (ValueError, KeyError, TypeError):
        return "unknown setting"
    return str(name) if name else "unknown setting"


def _dumped(feedback: Feedback) -> dict[str, Any]:
    data = feedback.model_dump(exclude_none=True)
    data["qis"] = [q.model_dump() for q in feedback.qis]
    if not data["qis"]:
        del data["qis"]
    return data


def read_feedback(path: Path) -> Feedback:
    """The feedback file at *path*; `FeedbackError` naming the line for anything wrong."""
    doc = read_toml(path, FeedbackError, "feedback", max_bytes=4 * FREE_TEXT_LIMIT * 20)
    try:
        return Feedback.model_validate(doc.data)
    except ValidationError as exc:
        problem_at = locator(doc.path, LineIndex(doc.text))
        raise FeedbackError(problems_from_validation(exc, problem_at, Feedback)) from None
