"""`selfeval plan`: the improvement plan of an evaluation, for Word, as Markdown or as a
spreadsheet tracker of its actions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from selfeval.commands.common import EXIT_OK
from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.report.plan import check_plan_name, write_plan
    from selfeval.scoring import score

    output: Path = args.output
    check_plan_name(output)
    evaluation, framework = open_for_reading(args.file, args.framework)
    problem = "" if output.parent.is_dir() else f"no folder {output.parent}"
    try:
        if problem:
            raise OSError(problem)
        written = write_plan(score(evaluation, framework), evaluation, framework, output)
    except OSError as exc:
        raise SelfevalError(
            f"could not write {output} ({problem or exc.strerror or exc})",
            "check that the folder exists and you can write to it",
        ) from None
    print(f"wrote {' and '.join(str(path) for path in written)}", file=out)
    return EXIT_OK
