"""Start the terminal app for the command line: check there is a terminal, open, run, close.

The CLI calls `run_app`; `selfeval serve` runs the same command in each browser tab.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Contributor
from selfeval.evaluation.session import EvaluationSession, open_setting
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.catalog import find_framework
from selfeval.tui.app import SIGNAL_EXIT
from selfeval.tui.factory import make_app

__all__ = ["farewell", "has_terminal", "run_app"]


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
    age_range: str | None,
    out: TextIO,
    contributor: Contributor | None = None,
) -> int:
    """Run the app until the user quits; with *setting*, on that setting's evaluation.
    Returns the exit code: non-zero if the app stopped on an error or a change is unsaved."""
    _, framework = find_framework(framework_spec)
    store = EvaluationStore(responses)
    if (stage or age_range) and not setting:
        raise SelfevalError(
            "--stage and --ages go with --setting",
            'e.g. selfeval --setting "Oakfield Primary" --stage primary',
        )
    if not has_terminal():
        raise SelfevalError(
            "the evaluation app needs a terminal window, and this is not one",
            "run `selfeval` in a terminal, or `selfeval serve` to use it in a web browser; "
            "`selfeval --help` lists the commands that work without one",
        )
    session = (
        open_setting(store, framework, setting, stage, contributor, age_range) if setting else None
    )
    app = make_app(framework, store, session)
    try:
        app.run()
    finally:
        if session is not None:
            session.close()
    message, code = farewell(app.session, app.return_code or 0)
    if message:
        print(message, file=out)
    return code


def farewell(session: EvaluationSession | None, code: int) -> tuple[str, int]:
    """What to say on leaving, and the exit code: never "saved" unless it is."""
    if session is None:
        return "", code
    if session.pending:
        return (
            f"NOT SAVED: the last change could not be written to {session.path}; everything "
            "before it is in that file. Check the folder (space, permissions), then open the "
            "evaluation again.",
            code or 1,
        )
    if code and code != SIGNAL_EXIT:
        return (
            f"selfeval stopped because of an error (shown above). Every answer shown as saved "
            f"is in {session.path}.",
            code,
        )
    return f"Your answers are saved in {session.path}", code
