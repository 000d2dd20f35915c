"""Files handed in to an authority's inbox, told by name alone, without reading any.

A submission is a copy of a setting's evaluation, numbered so that a second never replaces
the first (``oakfield-primary.stem.2026-27.submitted-2.toml``), and ends with a line that says
it arrived whole (`END_MARK`): a copy a sync has half written, or a cloud placeholder, lacks
it. An officer's feedback on a submission is a file of its own beside it
(``….submitted-2.feedback.quality-improvement-officer.toml``), one per officer: it is never an
evaluation, and comparisons, moderation and the app's lists pass over it.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path

__all__ = [
    "END_MARK",
    "ended",
    "feedback_name",
    "feedback_of",
    "handed_in_at",
    "is_feedback",
    "submission_name",
    "submission_version",
    "whole",
]

_SUBMITTED = re.compile(r"^(?P<base>.+)\.submitted-(?P<n>[1-9][0-9]{0,5})\.toml$", re.IGNORECASE)
_FEEDBACK = re.compile(
    r"^(?P<submission>.+\.submitted-[1-9][0-9]{0,5})\.feedback\.[^.]+\.toml$", re.IGNORECASE
)
END_MARK = "# selfeval: handed in "
"""A submission's last line begins so, and gives when it was handed in and the sha256 of
everything before it: ``# selfeval: handed in 2027-03-03T09:14:02+00:00, sha256 …``."""
_END = re.compile(r"^# selfeval: handed in (\S+), sha256 ([0-9a-f]{64})$")


def submission_name(base: str, version: int) -> str:
    """The name of *base*'s submission number *version* ("NAME.stem.2026-27.submitted-1.toml")."""
    return f"{base}.submitted-{version}.toml"


def submission_version(path: Path) -> int | None:
    """The number in a submission's name, or None for a file not named as one."""
    found = _SUBMITTED.match(path.name)
    return int(found["n"]) if found else None


def is_feedback(path: Path) -> bool:
    """Whether *path* is named as an officer's feedback on a submission (never an evaluation)."""
    return _FEEDBACK.match(path.name) is not None


def feedback_of(path: Path) -> str | None:
    """The name of the submission the feedback file *path* is about, or None."""
    found = _FEEDBACK.match(path.name)
    return f"{found['submission']}.toml" if found else None


def feedback_name(submission: str, officer_slug: str) -> str:
    """The name of one officer's feedback file on the submission named *submission*."""
    return f"{submission.removesuffix('.toml')}.feedback.{officer_slug}.toml"


def ended(text: bytes, at: datetime) -> bytes:
    """*text* (a submission's TOML) with its last line, which says it is whole, added."""
    body = text if text.endswith(b"\n") else text + b"\n"
    return (
        body + f"{END_MARK}{at.isoformat()}, sha256 {hashlib.sha256(body).hexdigest()}\n".encode()
    )


def handed_in_at(data: bytes) -> datetime | None:
    """When the submission *data* was handed in, if it is whole (its last line is `END_MARK`
    with the sha256 of everything before it); None for a copy a sync has half written, a
    cloud placeholder, or a file changed since."""
    body, _, last = data.rstrip(b"\n").rpartition(b"\n")
    found = _END.match(last.decode("utf-8", "replace"))
    if found is None or found[2] != hashlib.sha256(body + b"\n").hexdigest():
        return None
    try:
        return datetime.fromisoformat(found[1])
    except ValueError:
        return None


def whole(data: bytes) -> bool:
    """Whether *data* is a whole submission (see `handed_in_at`)."""
    return handed_in_at(data) is not None
