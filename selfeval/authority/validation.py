"""Whether the authority validated each submission a comparison counts: read from the
officers' feedback files beside it (never read as evaluations), fresh on every comparison:
feedback is given after a submission is read and cached, so it is never taken from the cache.

One folder listing per folder of submissions, and only feedback files are read: an inbox of
thousands of hand-ins costs a listing each, not a search per file. The feedback model (and
pydantic) loads only where there is feedback to read: a warm comparison needs neither."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

from selfeval.compare.records import Collection, Record
from selfeval.errors import SelfevalError
from selfeval.files.submitted import feedback_of, submission_version

__all__ = ["FEEDBACK_GIVEN", "NOT_YET", "VALIDATED", "VALIDATION_WORDS", "with_validation"]

VALIDATED = "yes"
FEEDBACK_GIVEN = "feedback given"
"""Feedback was given, and no officer validated the submission (yet)."""
NOT_YET = "no"
"""Handed in, with no feedback yet."""
VALIDATION_WORDS = (VALIDATED, FEEDBACK_GIVEN, NOT_YET)
"""Every value of `Record.validated` for a submission, in the order a summary counts them
("" is an evaluation not handed in: nobody could validate it)."""


def with_validation(collection: Collection) -> Collection:
    """*collection* with each submission's `validated` said from the feedback beside it."""
    wanted: dict[Path, set[str]] = defaultdict(set)
    for record in collection.records:
        if submission_version(record.source) is not None:
            wanted[record.source.parent].add(record.source.name)
    said: dict[Path, str] = {}
    for folder, names in wanted.items():
        said |= _validation_in(folder, names)
    records = [_said(record, said) for record in collection.records]
    return replace(collection, records=records)


def _said(record: Record, said: dict[Path, str]) -> Record:
    if submission_version(record.source) is None:
        return record
    return replace(record, validated=said.get(record.source, NOT_YET))


def _validation_in(folder: Path, names: set[str]) -> dict[Path, str]:
    """For each submission named in *names* in *folder* that has feedback: validated, or
    feedback given. A feedback file that cannot be read still says feedback was given."""
    found: dict[Path, str] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return found
    for entry in entries:
        about = feedback_of(Path(entry.name))
        if about is None or about not in names:
            continue
        submission = folder / about
        from selfeval.authority.feedback import read_feedback  # only where feedback is given

        try:
            validated = read_feedback(Path(entry.path)).validated
        except (SelfevalError, OSError):
            validated = False
        if validated or found.get(submission) != VALIDATED:
            found[submission] = VALIDATED if validated else FEEDBACK_GIVEN
    return found
