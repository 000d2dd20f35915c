"""`selfeval submit FILE --to INBOX`: hand the setting's evaluation in to the authority, a
numbered copy and its plan (Word, Markdown, the tracker) in the inbox folder, and record the
hand-in in FILE. Anything refused or failed leaves FILE, and the inbox, as they were."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval.commands.common import EXIT_OK
from selfeval.errors import SelfevalError
from selfeval.files.terminal import printable

if TYPE_CHECKING:
    from selfeval.evaluation.model import Evaluation
    from selfeval.framework.model import Framework

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.authority.submission import check_inbox, hand_in, recorded
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.files.submitted import is_feedback, submission_version

    file: Path = args.file
    if submission_version(file) is not None or is_feedback(file):
        raise SelfevalError(
            f"{file.name} is already in an inbox (a submission or feedback)",
            "hand in the setting's own evaluation (e.g. responses/oakfield.stem.2026-27.toml)",
        )
    evaluation, framework = open_for_reading(file, args.framework)
    if evaluation.contributor is not None:
        raise SelfevalError(
            f"{file.name} is one colleague's view ({evaluation.contributor.role}), not the "
            "setting's evaluation: only the setting's own is handed in",
            "bring the views together first (selfeval moderate), then hand in the setting's file",
        )
    check_inbox(args.to)
    _not_open_elsewhere(file)
    written: list[Path] = []
    try:  # FILE is opened, and written, only once the hand-in is whole
        handed = hand_in(evaluation, args.to)
        written.append(handed.path)
        written += _plan_names(handed.path)  # taken back with the rest if anything fails
        written[1:] = _plans(evaluation, framework, handed.path)
        session = EvaluationSession.open(EvaluationStore(file.parent), framework, file)
    except BaseException:
        _take_back(written)
        raise
    try:
        session.apply(lambda e: recorded(e, handed.submission, session.who))
    except BaseException:
        session.pending = False  # the hand-in is taken back: nothing of it is to be saved
        _take_back(written)
        raise
    finally:
        session.close()
    submission = handed.submission
    print(f"handed in {evaluation.setting.name}'s evaluation of {evaluation.year} as "
          f"version {submission.version}: {handed.path}", file=out)  # fmt: skip
    for path in written[1:]:
        print(f"    with {path.name}", file=out)
    print(f"recorded in {file.name} (sha256 {submission.sha256[:12]}…)", file=out)
    if session.merged:
        print(printable(session.merged), file=out)
    return EXIT_OK


def _not_open_elsewhere(file: Path) -> None:
    """Refuse, before anything is written, an evaluation another window has open."""
    from selfeval.evaluation.lock import FileLock

    lock = FileLock(file)
    lock.acquire()
    lock.release()


def _take_back(written: list[Path]) -> None:
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
