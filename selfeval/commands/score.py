"""`selfeval score`: suggested levels, strengths and next steps of an evaluation, as text,
JSON or Markdown."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import EXIT_OK

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.report.markdown import result_markdown
    from selfeval.report.result import result_json, result_text
    from selfeval.scoring import score

    evaluation, framework = open_for_reading(args.file, args.framework)
    render = {"text": result_text, "json": result_json, "markdown": result_markdown}[args.format]
    out.write(render(score(evaluation, framework), evaluation, framework))
    return EXIT_OK
