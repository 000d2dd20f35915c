"""Hand an evaluation in: a numbered copy in the authority's inbox folder that never replaces
an earlier one, written whole or not at all, and the hand-in recorded in the evaluation."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from selfeval.errors import SelfevalError
from selfeval.evaluation.history import HistoryEntry
from selfeval.evaluation.model import Evaluation, now
from selfeval.evaluation.store import dump_evaluation, slugify
from selfeval.evaluation.submissions import Submission
from selfeval.files.atomic import atomic_create_bytes
from selfeval.files.submitted import ended, submission_name, submission_version

__all__ = [
    "HANDED_IN_MOST",
    "Handed",
    "check_inbox",
    "hand_in",
    "next_version",
    "recorded",
    "submission_base",
    "unchanged_since",
]

HANDED_IN_MOST = 999
"""The most versions of one evaluation an inbox takes (far more than a year needs)."""


@dataclass(frozen=True)
class Handed:
    """A copy handed in: where it is, and what the evaluation records of it."""

    path: Path
    submission: Submission


def check_inbox(inbox: Path) -> None:
    """Refuse, before anything is written, an inbox that is missing, a file, or not writable."""
    example = "e.g. --to 'S:/Authority/Self-evaluation/Oakfield Primary'"
    if not inbox.exists():
        raise SelfevalError(
            f"the inbox {inbox} does not exist",
            f"name the folder your authority gave you for hand-ins ({example}); if it is on "
            "SharePoint or OneDrive, check it is synced to this computer",
        )
    if not inbox.is_dir():
        raise SelfevalError(
            f"the inbox {inbox} is a file, not a folder", f"name the folder itself ({example})"
        )
    if not os.access(inbox, os.W_OK | os.X_OK):
        raise SelfevalError(
            f"you cannot write to the inbox {inbox}",
            "ask your authority for write access to your setting's folder",
        )


def submission_base(evaluation: Evaluation) -> str:
    """The name every hand-in of *evaluation* starts with: its setting, framework and year
    ("oakfield-primary.stem.2026-27")."""
    slug = slugify(evaluation.setting.name) or "setting"
    return f"{slug}.{evaluation.framework.id}.{evaluation.year}"


def hand_in(evaluation: Evaluation, inbox: Path) -> Handed:
    """Write *evaluation* into *inbox* as its next numbered hand-in (atomically, never over an
    earlier one or one another computer writes at the same moment). *evaluation* is not
    changed: `recorded` adds the hand-in to it."""
    check_inbox(inbox)
    base = submission_base(evaluation)
    at = now()
    data = _sent(evaluation, at)
    path = atomic_create_bytes(inbox, _names(base, next_version(evaluation, inbox)), data)
    version = submission_version(path) or 1
    submission = Submission(
        at=at,
        inbox=str(inbox.absolute()),
        file=path.name,
        version=version,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    return Handed(path, submission)


def _sent(evaluation: Evaluation, at: datetime) -> bytes:
    """The bytes handed in: the evaluation without where its user last was (the authority
    has no use for it, and moving about is no change worth handing in again)."""
    return ended(dump_evaluation(evaluation.with_position(None)).encode("utf-8"), at)


def unchanged_since(evaluation: Evaluation) -> Submission | None:
    """*evaluation*'s last hand-in, where what it would send now is what was sent then (the
    hand-in's own record and history entry left out): handing in again would make an
    identical copy. None where it was never handed in, or has changed since."""
    if not evaluation.submissions:
        return None
    last = evaluation.submissions[-1]
    history = [e for e in evaluation.history if not (e.kind == "submission" and e.at == last.at)]
    before = evaluation.model_copy(
        update={"submissions": evaluation.submissions[:-1], "history": history}
    )
    return last if hashlib.sha256(_sent(before, last.at)).hexdigest() == last.sha256 else None


def next_version(evaluation: Evaluation, inbox: Path) -> int:
    """The version a hand-in of *evaluation* to *inbox* will be, the one rule the dialog's
    promise and the hand-in both use: one more than the highest of the evaluation's own
    hand-ins (so the numbers are its own sequence, whichever folder each went to) and of
    this setting's hand-ins already in *inbox* (so none is ever written over). A folder
    that cannot be read counts as empty: the hand-in itself says why."""
    own = [s.version for s in evaluation.submissions]
    try:
        there = [submission_version(p) or 0 for p in _own(inbox, submission_base(evaluation))]
    except OSError:
        there = []
    return max([*own, *there], default=0) + 1


def _own(inbox: Path, base: str) -> Iterator[Path]:
    """The hand-ins of *base* already in *inbox* (the glob is the inbox's own spelling: a
    name of another case is another base)."""
    return inbox.glob(f"{base}.submitted-*.toml")


def _names(base: str, start: int) -> Iterator[str]:
    """The names to try, from *start* on (a name taken meanwhile is passed over)."""
    for version in range(start, HANDED_IN_MOST + 1):
        yield submission_name(base, version)


def recorded(evaluation: Evaluation, submission: Submission, by: str | None) -> Evaluation:
    """*evaluation* with *submission* recorded, and in its history (handed in *by*); its
    answers and when they changed untouched."""
    entry = HistoryEntry(
        at=submission.at,
        kind="submission",
        what=f"handed in to the authority as version {submission.version}, to {_shown(submission)}",
        by=by,
    )
    listed = [*evaluation.submissions, submission]
    return evaluation.model_copy(update={"submissions": listed}).with_entry(entry)


def _shown(submission: Submission) -> str:
    """The inbox as the history says it: printable, and its last 300 characters at most (the
    folder's own name is at the end)."""
    where = "".join(c if c.isprintable() else "?" for c in submission.inbox)
    return where if len(where) <= 300 else "…" + where[-299:]
