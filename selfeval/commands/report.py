"""`selfeval report`: the STEM section of the setting's Standards and Quality Report for the
school year of an evaluation, beside last year's evaluation (found in the same folder, or
named), for Word (on the authority's template, if one is given or set) or as Markdown."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from selfeval.commands.common import EXIT_OK, not_written
from selfeval.errors import SelfevalError
from selfeval.settling import settling

__all__ = ["run"]

_SUFFIXES = (".docx", ".md")


def run(args: argparse.Namespace, out: TextIO) -> int:
    with settling():  # loading the models, matplotlib and Word: see selfeval.settling
        return _run(args, out)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.commands.plan import word_template
    from selfeval.evaluation.previous import find_previous
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.files.atomic import atomic_write_bytes, atomic_write_text, check_target
    from selfeval.report.standards import standards_content
    from selfeval.report.standards_render import standards_docx, standards_markdown
    from selfeval.scoring import score

    output: Path = args.output
    if output.suffix.lower() not in _SUFFIXES:
        raise SelfevalError(
            f"{output.name}: the report is written as a Word document (.docx) or as Markdown (.md)",
            f"name the output e.g. {output.stem or 'report'}.docx",
        )
    template = word_template(args.template, args.no_template, output, "report")  # before work
    evaluation, framework = open_for_reading(args.file, args.framework)
    if evaluation.contributor is not None:
        raise SelfevalError(
            f"{args.file} is one colleague's view, not the setting's evaluation",
            "give the setting's own evaluation file (the team's, after moderation)",
        )
    previous = args.previous or find_previous(args.file, evaluation)
    last = None
    if previous is not None:
        before, _ = open_for_reading(previous, args.framework)
        _check_previous(previous, before.year, evaluation.year)
        last = (score(before, framework), before)
    content = standards_content(
        (score(evaluation, framework), evaluation),
        last,
        framework,
        previous.name if previous else "",
    )
    try:
        check_target(output)
        if output.suffix.lower() == ".docx":
            atomic_write_bytes(output, standards_docx(content, template))
        else:
            atomic_write_text(output, standards_markdown(content))
    except OSError as exc:
        raise not_written(output, exc) from None
    whence = f"last year's from {previous}" if previous else "no evaluation of last year found"
    on = f", on the template {template.path}" if template else ""
    print(f"wrote {output} ({whence}){on}", file=out)
    return EXIT_OK


def _check_previous(path: Path, year: str, this_year: str) -> None:
    """A `--previous` file must come before this year's: else the report says "last year" of
    a year that is not."""
    if year >= this_year:
        raise SelfevalError(
            f"{path} is of the school year {year}, not before this evaluation's ({this_year})",
            "give last year's evaluation with --previous, or leave it out to have it found",
        )
