"""`selfeval submit FILE --to INBOX`: hand the setting's evaluation in to the authority, a
numbered copy and its plan (Word, Markdown, the tracker) in the inbox folder, and record the
hand-in in FILE. Anything refused or failed leaves FILE, and the inbox, as they were."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from selfeval.commands.common import EXIT_OK
from selfeval.errors import SelfevalError
from selfeval.files.terminal import printable

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.authority.submission import check_inbox
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.files.submitted import is_feedback, submission_version
    from selfeval.report.before_hand_in import before_hand_in, not_again
    from selfeval.report.handing_in import hand_in_with_plan, record_hand_in, take_back

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
    before = before_hand_in(evaluation, framework, args.to)
    if before.unchanged is not None and not args.again:
        print(f"{not_again(before.unchanged)}: not handed in again (--again hands in a "
              "copy all the same)", file=out)  # fmt: skip
        return EXIT_OK
    for warning in before.warnings:  # said, not asked: a script hands in as it is told
        print(f"warning: {warning}", file=out)
    handed = hand_in_with_plan(evaluation, framework, args.to)
    try:  # FILE is opened, and written, only once the hand-in is whole
        session = EvaluationSession.open(EvaluationStore(file.parent), framework, file)
    except BaseException:
        take_back(handed)
        raise
    try:
        record_hand_in(session, handed)
    except BaseException:
        session.pending = False  # the hand-in is taken back: nothing of it is to be saved
        take_back(handed)
        raise
    finally:
        session.close()
    submission = handed.submission
    print(f"handed in {evaluation.setting.name}'s evaluation of {evaluation.year} as "
          f"version {submission.version}: {handed.path}", file=out)  # fmt: skip
    for path in handed.plans:
        print(f"    with {path.name}", file=out)
    print(f"recorded in {file.name} (sha256 {submission.sha256[:12]}…)", file=out)
    if session.merged:
        print(printable(session.merged), file=out)
    _remember(args.to, out)
    return EXIT_OK


def _remember(inbox: Path, out: TextIO) -> None:
    """Keep *inbox* for the app's and --plain's next hand-in, as they keep theirs."""
    from selfeval.files.remember import remember

    try:
        remember("authority", "inbox", str(inbox.absolute()))
    except (SelfevalError, OSError) as exc:
        print(f"not remembered for the app's next hand-in: {exc}", file=out)


def _not_open_elsewhere(file: Path) -> None:
    """Refuse, before anything is written, an evaluation another window has open."""
    from selfeval.evaluation.lock import EvaluationLocked, FileLock

    lock = FileLock(file)
    try:
        lock.acquire()
    except EvaluationLocked as exc:
        if "open in another selfeval window" not in exc.message:
            raise
        raise SelfevalError(
            f"{file.name} is open in selfeval elsewhere (another window): nothing was handed in",
            "close it there, then hand in",
        ) from None
    lock.release()
