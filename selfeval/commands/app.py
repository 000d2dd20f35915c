"""`selfeval` with no command: the evaluation app in the terminal, or `--plain`'s questions
as plain lines."""

from __future__ import annotations

import argparse
import io
import sys
from typing import TextIO

from selfeval.commands.arguments import contributor_of
from selfeval.commands.common import responses
from selfeval.errors import SelfevalError

__all__ = ["run"]


def run(args: argparse.Namespace, out: TextIO) -> int:
    if (args.stage or args.age_range) and not args.setting:  # in the app and --plain alike
        raise SelfevalError(
            "--stage and --ages go with --setting",
            'e.g. selfeval --setting "Oakfield Primary" --stage primary',
        )
    contributor = contributor_of(args.contributor_role, args.contributor_name, args.setting)
    opening = (args.framework, responses(args), args.setting, args.stage, args.age_range)
    if args.plain:
        from selfeval.plain.journey import run_plain

        if isinstance(sys.stdin, io.TextIOWrapper):  # bytes that are not UTF-8 read as
            sys.stdin.reconfigure(errors="surrogateescape")  # markers, told and replaced
        return run_plain(*opening, sys.stdin, out, contributor)
    from selfeval.settling import pause

    pause()  # until the first frame: see selfeval.settling
    from selfeval.tui.launch import run_app

    return run_app(*opening, out, contributor)
