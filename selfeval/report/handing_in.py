"""Handing in with the plan: the numbered copy of the evaluation in the authority's inbox and
its plan beside it (Word, Markdown with its chart, the tracker), written whole or taken back.

One piece of code for `selfeval submit`, the app's results screen and `--plain`: each then
records the hand-in in the evaluation through its own session (`record_hand_in`).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.authority.submission import check_inbox, hand_in, recorded
from selfeval.errors import SelfevalError

if TYPE_CHECKING:
    from selfeval.evaluation.model import Evaluation
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.submissions import Submission
    from selfeval.framework.model import Framework

__all__ = [
    "HandedIn",
    "hand_in_with_plan",
    "record_hand_in",
    "refusal",
    "take_back",
    "typed_folder",
]


@dataclass(frozen=True)
class HandedIn:
    """What a hand-in wrote: the copy, what the evaluation records of it, and its plan."""

    path: Path
    submission: Submission
    plans: list[Path]

    @property
    def written(self) -> list[Path]:
        """Every file it wrote, the copy first."""
        return [self.path, *self.plans]


def typed_folder(typed: str) -> Path | None:
    """The folder *typed* names: quotes around it (Windows' "Copy as path") and a leading
    ``~`` taken as the home folder; None for nothing typed."""
    text = typed.strip().strip('"').strip("'").strip()
    return Path(text).expanduser() if text else None


def refusal(exc: SelfevalError | OSError) -> tuple[str, str]:
    """Why a hand-in from the app was refused, and what to do (""), without the example of
    `submit`'s --to that only the command line takes."""
    if not isinstance(exc, SelfevalError):
        return f"{exc.strerror or exc}", ""
    hint = re.sub(r" \(e\.g\. --to [^)]*\)", "", exc.hint or "")
    return exc.message, f"{hint[:1].upper()}{hint[1:]}." if hint else ""


def hand_in_with_plan(evaluation: Evaluation, framework: Framework, inbox: Path) -> HandedIn:
    """Write *evaluation* into *inbox* as its next version, with its plan beside it. Anything
    refused (the inbox missing, a file, not writable) is refused before a file is written;
    anything failing after takes back what was written."""
    check_inbox(inbox)
    written: list[Path] = []
    try:
        handed = hand_in(evaluation, inbox)
        written.append(handed.path)
        written += _plan_names(handed.path)  # taken back with the rest if anything fails
        written[1:] = _plans(evaluation, framework, handed.path)
    except BaseException:
        _unlink(written)
        raise
    return HandedIn(handed.path, handed.submission, written[1:])


def record_hand_in(session: EvaluationSession, handed: HandedIn) -> None:
    """Record *handed* in the evaluation *session* has open (saved as every change is)."""
    session.apply(lambda e: recorded(e, handed.submission, session.who))


def take_back(handed: HandedIn) -> None:
    """Remove what *handed* wrote (a hand-in that could not be recorded)."""
    _unlink(handed.written)


def _unlink(written: list[Path]) -> None:
    for path in reversed(written):
        with contextlib.suppress(OSError):
            path.unlink()


def _plan_names(submitted: Path) -> list[Path]:
    """Every file the plan beside *submitted* may be written to."""
    from selfeval.report.plan import EXPORTED

    named = [submitted.with_suffix(suffix) for suffix in EXPORTED]
    return [*named, *(p.with_name(f"{p.stem}-radar.png") for p in named if p.suffix == ".md")]


def _plans(evaluation: Evaluation, framework: Framework, submitted: Path) -> list[Path]:
    """The plan beside the submission: Word, Markdown with its chart, and the tracker."""
    from selfeval.report.plan import export_plan
    from selfeval.scoring import score

    return export_plan(score(evaluation, framework), evaluation, framework, submitted)
