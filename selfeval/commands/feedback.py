"""`selfeval feedback SUBMITTED_FILE --by NAME --text TEXT [--qi QI --text …] [--validated |
--not-validated]`:
an officer's written feedback on a submission, overall and per QI, and validation, in the
officer's own file beside it (the submission itself is never written)."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import EXIT_OK
from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.authority.feedback import QIFeedback, give_feedback, qi_named, read_submission
    from selfeval.evaluation.actions import day_text
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.scoring import score

    if args.pending_qi is not None:
        raise SelfevalError(
            f"--qi {args.pending_qi} has no --text after it",
            f'give --qi {args.pending_qi} --text "..."',
        )
    said: list[tuple[str | None, str]] = args.said or []
    if not said and args.validated is None:
        raise SelfevalError(
            "nothing to record: give --text, --qi QI --text, --validated or --not-validated",
            'e.g. --text "A clear evaluation." --qi 1.3 --text "Say how you know." --validated',
        )
    read_submission(args.submission)  # whole, and a submission, before anything else
    evaluation, framework = open_for_reading(args.submission, args.framework)
    qis = score(evaluation, framework).qis
    overall = next((text for about, text in said if about is None), None)
    per_qi = []
    for about, text in said:
        if about is not None:
            qi = qi_named(qis, about)
            label = qi.heading
            per_qi.append(QIFeedback(qi=qi.key, label=label, text=text))
    path, feedback = give_feedback(args.submission, args.by, overall, per_qi, args.validated)
    what = [
        *(["overall"] if overall is not None else []),
        *(q.label for q in per_qi),
    ]
    print(f"feedback from {feedback.by} on {evaluation.setting.name}'s submission "
          f"({', '.join(what) or 'no new text'}) written to {path}", file=out)  # fmt: skip
    if feedback.validated and feedback.validated_at:
        print(f"validated ({day_text(feedback.validated_at.astimezone().date())})", file=out)
    elif args.validated is False:
        print("not validated: your validation is taken back", file=out)
    return EXIT_OK
