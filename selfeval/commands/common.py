"""What the commands share: their exit codes, the folder of evaluations they work in, and
how they list what they left out."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from selfeval.errors import ProblemsError, SelfevalError, one_line
from selfeval.files.terminal import printable

__all__ = [
    "EXIT_CLOSED_PIPE",
    "EXIT_OK",
    "EXIT_PROBLEM",
    "not_written",
    "print_left_out",
    "quiet_stdout",
    "report",
    "responses",
]

EXIT_OK = 0
EXIT_PROBLEM = 2
"""A user's error (a bad file, a wrong argument): said in a sentence, never a traceback."""


def responses(args: argparse.Namespace) -> Path:
    """The folder of evaluations: ``--responses``, else the default (``./responses``)."""
    from selfeval.paths import default_responses_dir

    chosen: Path | None = args.responses
    return chosen or default_responses_dir()


def not_written(output: Path, exc: OSError) -> SelfevalError:
    """Why the file *output* a command writes (a plan, a report) could not be written, and
    what to check: said alike by every command that writes one."""
    return SelfevalError(
        f"could not write {output} ({exc.strerror or exc})",
        "check that the folder exists and you can write to it",
    )


def print_left_out(left_out: Sequence[object]) -> None:
    """Say, on stderr, each file a command left out and why, one line each: a file name with a
    line break in it must not print lines of its own (or hide the reason on the next one)."""
    for left in left_out:
        print(printable(one_line(f"left out {left}")), file=sys.stderr)


EXIT_CLOSED_PIPE = 141
"""As Unix tools end when what they print is no longer read (128 + SIGPIPE)."""


def quiet_stdout() -> None:
    """Point standard output at nothing, so that Python's own flush at exit does not fail on
    the closed pipe and print a traceback after all."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def report(exc: SelfevalError) -> None:
    """Say a user's error on stderr, in a sentence (a file's problems one a line)."""
    if isinstance(exc, ProblemsError):
        text = f"selfeval: the {exc.noun} cannot be used ({exc.message}):\n{exc}"
    else:
        text = f"selfeval: {exc}"
    print(printable(text), file=sys.stderr)
