"""`selfeval validate`: check framework files and report every problem, with nurseries'
wording warnings."""

from __future__ import annotations

import argparse
from typing import TextIO

from selfeval.commands.common import EXIT_OK, EXIT_PROBLEM
from selfeval.errors import FrameworkError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    from selfeval.framework import load_framework
    from selfeval.framework.wording import school_wording, wording_unchecked

    failed = 0
    for path in args.paths:
        try:
            framework = load_framework(path)
        except FrameworkError as exc:
            failed += 1
            count = len(exc.problems)
            print(f"{exc}\n{path}: {count} problem{'s' if count != 1 else ''}", file=out)
            continue
        print(
            f"{path}: ok ({framework.id} {framework.version}: {len(framework.sections)} sections, "
            f"{len(framework.statements)} statements)",
            file=out,
        )
        if wording_unchecked(framework):
            print(
                f"{path}: warning: nurseries' wording is not checked: the framework lists no "
                '`school_words`\n    hint: include "common/stages.toml", or list the words a '
                "nursery should not meet in `school_words`",
                file=out,
            )
        for found in school_wording(framework):
            print(
                f"{path}: warning: {found.where} is shown to nurseries but says "
                f'"{found.word}"\n    hint: add `{found.fix}` with the nursery\'s words',
                file=out,
            )
    return EXIT_PROBLEM if failed else EXIT_OK
