"""`selfeval plan`: the improvement plan of an evaluation, for Word (on the authority's template,
if one is given or set), as Markdown or as a spreadsheet tracker of its actions."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval.commands.common import EXIT_OK, not_written
from selfeval.errors import SelfevalError
from selfeval.settling import settling

if TYPE_CHECKING:
    from selfeval.report.wordtemplate import WordTemplate

__all__ = ["run", "word_template"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    with settling():  # loading the models, matplotlib and Word: see selfeval.settling
        return _run(args, out)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.evaluation.reading import open_for_reading
    from selfeval.report.plan import check_plan_name, write_plan
    from selfeval.scoring import score

    output: Path = args.output
    check_plan_name(output)
    template = word_template(args.template, args.no_template, output)  # before any work
    evaluation, framework = open_for_reading(args.file, args.framework)
    problem = "" if output.parent.is_dir() else f"no folder {output.parent}"
    try:
        if problem:
            raise OSError(problem)
        result = score(evaluation, framework)
        written = write_plan(result, evaluation, framework, output, template)
    except OSError as exc:  # *problem* too: it is the OSError's message
        raise not_written(output, exc) from None
    on = f" on the template {template.path}" if template else ""
    print(f"wrote {' and '.join(str(path) for path in written)}{on}", file=out)
    return EXIT_OK


def word_template(
    named: Path | None, none: bool, output: Path, what: str = "plan"
) -> WordTemplate | None:
    """The Word template for *output*: the one *named* (--template), else the one the
    settings file sets, unless *none* (--no-template) or the *what* ("plan", "report") is
    not for Word."""
    from selfeval.report.plan import configured_word_template
    from selfeval.report.wordtemplate import read_template

    if named is not None and none:
        raise SelfevalError(
            "--template and --no-template say opposite things", "give one of them, or neither"
        )
    if output.suffix.lower() != ".docx":
        if named is not None:
            raise SelfevalError(
                f"--template is for a Word document; {output.name} is not one",
                f"name the output e.g. {output.stem or what}.docx, or leave out --template",
            )
        return None
    if none:
        return None
    if named is not None:
        return read_template(named, what=what)
    return configured_word_template(what)
