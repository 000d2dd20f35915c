"""What to say before a hand-in, the same in the app, `--plain` and `selfeval submit`: what is
unfinished, whether nothing has changed since the last hand-in, whether the folder looks like
the wrong one, and which version this will be."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.authority.submission import next_version, unchanged_since
from selfeval.authority.wrong_folder import folder_doubt

if TYPE_CHECKING:
    from datetime import datetime

    from selfeval.evaluation.model import Evaluation
    from selfeval.evaluation.submissions import Submission
    from selfeval.framework.model import Framework

__all__ = [
    "Before",
    "before_hand_in",
    "handed_before",
    "not_again",
    "unfinished",
    "when_said",
]


UNFINISHED = "Not finished:"
"""How the warning of what is unfinished begins."""


@dataclass(frozen=True)
class Before:
    """What a hand-in of an evaluation to a folder would be, and what to warn of."""

    version: int
    unchanged: Submission | None
    """The last hand-in, where nothing has changed since it (handing in again is refused
    unless asked for)."""
    warnings: list[str] = field(default_factory=list)
    """Sentences to say, and in the app and --plain to confirm, before handing in."""


def unfinished(evaluation: Evaluation, framework: Framework) -> str | None:
    """What is unfinished ("61 of 98 statements answered; 12 of 15 levels not yet agreed by
    the team; not marked complete"), or None for a finished evaluation."""
    from selfeval.scoring import score

    result = score(evaluation, framework)
    said: list[str] = []
    if result.answered < result.asked:
        said.append(f"{result.answered} of {result.asked} statements answered")
    no_level = sum(1 for qi in result.qis if qi.suggested is None and qi.confirmed is None)
    if no_level:
        said.append(f"{no_level} QI{'' if no_level == 1 else 's'} with no level")
    open_ = sum(1 for qi in result.qis if qi.confirmed is None)
    if open_:
        said.append(f"{open_} of {len(result.qis)} levels not yet agreed by the team")
    if evaluation.status != "complete":
        said.append("not marked complete")
    return "; ".join(said) or None


def before_hand_in(evaluation: Evaluation, framework: Framework, inbox: Path | None) -> Before:
    """What to say before handing *evaluation* in to *inbox* (None: not yet chosen)."""
    warnings = []
    if (undone := unfinished(evaluation, framework)) is not None:
        warnings.append(f"{UNFINISHED} {undone}.")
    if inbox is not None and (doubt := folder_doubt(evaluation, inbox)) is not None:
        warnings.append(f"Is this the right folder? {doubt[:1].upper()}{doubt[1:]}.")
    version = next_version(evaluation, inbox) if inbox is not None else 0
    return Before(version, unchanged_since(evaluation), warnings)


def when_said(at: datetime) -> str:
    """A hand-in's time, short and local ("3 Mar 14:02")."""
    local = at.astimezone()
    return f"{local.day} {local:%b %H:%M}"


def not_again(last: Submission) -> str:
    """That nothing has changed since *last* ("Nothing has changed since version 2 (handed
    in 3 Mar 14:02)"): each front end says what it then does."""
    return f"Nothing has changed since version {last.version} (handed in {when_said(last.at)})"


def handed_before(evaluation: Evaluation, version: int | None) -> str:
    """How often it was handed in, and which version this will be ("" for the first)."""
    times = len(evaluation.submissions)
    if not times:
        return f"This will be version {version}." if version and version > 1 else ""
    last = evaluation.submissions[-1]
    said = (
        f"Handed in {'once' if times == 1 else f'{times} times'} before (last as version "
        f"{last.version}, {when_said(last.at)})."
    )
    return f"{said} This will be version {version}." if version else said
