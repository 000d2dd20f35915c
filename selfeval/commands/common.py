"""What the commands share: their exit codes, the folder of evaluations they work in, and
how they list what they left out."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from selfeval.errors import one_line
from selfeval.files.terminal import printable

__all__ = ["EXIT_OK", "EXIT_PROBLEM", "print_left_out", "responses"]

EXIT_OK = 0
EXIT_PROBLEM = 2
"""A user's error (a bad file, a wrong argument): said in a sentence, never a traceback."""


def responses(args: argparse.Namespace) -> Path:
    """The folder of evaluations: ``--responses``, else the default (``./responses``)."""
    from selfeval.paths import default_responses_dir

    chosen: Path | None = args.responses
    return chosen or default_responses_dir()


def print_left_out(left_out: Sequence[object]) -> None:
    """Say, on stderr, each file a command left out and why, one line each: a file name with a
    line break in it must not print lines of its own (or hide the reason on the next one)."""
    for left in left_out:
        print(printable(one_line(f"left out {left}")), file=sys.stderr)
