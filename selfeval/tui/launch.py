"""Start the terminal app for the command line: check there is a terminal, open, run, close.

The CLI calls `run_app`; `selfeval serve` runs the same command in each browser tab.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from selfeval.errors import SelfevalError
from selfeval.evaluation.session import open_setting
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.catalog import find_framework
from selfeval.tui.factory import make_app

__all__ = ["has_terminal", "run_app"]


def has_terminal() -> bool:
    """Whether the app has somewhere to draw: a terminal at both ends of this process, or a
    Textual driver that needs none (textual-serve sets ``TEXTUAL_DRIVER`` to its web driver
    for each browser tab's app process)."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_app(
    framework_spec: str | None,
    responses: Path,
    setting: str | None,
    stage: str | None,
    out: TextIO,
) -> None:
    """Run the app until the user quits; with *setting*, on that setting's evaluation."""
    _, framework = find_framework(framework_spec)
    store = EvaluationStore(responses)
    if stage and not setting:
        raise SelfevalError(
            "--stage goes with --setting",
            'e.g. selfeval --setting "Oakfield Primary" --stage primary',
        )
    if not has_terminal():
        raise SelfevalError(
            "the evaluation app needs a terminal window, and this is not one",
            "run `selfeval` in a terminal, or `selfeval serve` to use it in a web browser; "
            "`selfeval --help` lists the commands that work without one",
        )
    session = open_setting(store, framework, setting, stage) if setting else None
    try:
        make_app(framework, store, session).run()
    finally:
        if session is not None:
            session.close()
    if session is not None:
        print(f"Your answers are saved in {session.path}", file=out)
