"""`selfeval validate`: check framework files and report every problem, with nurseries'
wording warnings."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from selfeval.commands.common import EXIT_OK, EXIT_PROBLEM
from selfeval.errors import FrameworkError, SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework import load_framework
    from selfeval.framework.wording import school_wording, wording_unchecked

    failed = 0
    for given in args.paths:
        try:
            path = _resolved(given)
            framework = load_framework(path)
        except FrameworkError as exc:
            failed += 1
            count = len(exc.problems)
            print(f"{exc}\n{given}: {count} problem{'s' if count != 1 else ''}", file=out)
            continue
        except SelfevalError as exc:  # neither a file nor a framework's id
            failed += 1
            print(f"selfeval: {exc}", file=out)
            continue
        print(
            f"{given}: ok ({framework.id} {framework.version}: {len(framework.sections)} sections, "
            f"{len(framework.statements)} statements)",
            file=out,
        )
        if wording_unchecked(framework):
            print(
                f"{given}: warning: nurseries' wording is not checked: the framework lists no "
                '`school_words`\n    hint: include "common/stages.toml", or list the words a '
                "nursery should not meet in `school_words`",
                file=out,
            )
        for found in school_wording(framework):
            print(
                f"{given}: warning: {found.where} is shown to nurseries but says "
                f'"{found.word}"\n    hint: add `{found.fix}` with the nursery\'s words',
                file=out,
            )
    return EXIT_PROBLEM if failed else EXIT_OK


def _resolved(given: Path) -> Path:
    """The framework file *given* names: the file itself, or, where no such file exists and it
    is a framework's id ("stem", as `selfeval frameworks` lists them), that framework's file
    (an unknown id is refused with the known ones)."""
    from selfeval.framework.catalog import find_framework, is_framework_id

    if given.exists() or given.suffix or not is_framework_id(str(given)):
        return given
    return find_framework(str(given))[0]
