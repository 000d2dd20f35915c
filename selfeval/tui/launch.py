"""Start the terminal app for the command line: check there is a terminal, open, run, close.

The CLI calls `run_app`; `selfeval serve` runs the same command in each browser tab.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from selfeval.errors import SelfevalError
from selfeval.tui.app import SIGNAL_EXIT, SelfevalApp
from selfeval.tui.factory import make_app, make_reopening_app, make_start_app

if TYPE_CHECKING:  # the start screen opens before these load (they need pydantic)
    from selfeval.evaluation.model import Contributor
    from selfeval.evaluation.session import EvaluationSession

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
    app = _opened(framework_spec, responses, setting, stage, age_range, contributor)
    _forgiving_keyboard()
    try:
        app.run()
    finally:
        if app.session is not None:
            app.session.close()
    if app.failure is not None:  # a reopened evaluation that could not be opened in full
        raise app.failure
    if app.session is not None and not app.reopened:
        _ready_to_reopen(framework_spec, app.session)
    message, code = farewell(app.session, app.return_code or 0)
    if message:
        print(message, file=out)
    return code


def _forgiving_keyboard() -> None:
    """Read keystrokes that are not UTF-8 as "\ufffd" instead of stopping the app.

    Textual's Linux and macOS driver decodes the terminal's bytes strictly: one stray byte (a
    terminal set to Latin-1, a paste of binary) ends its input thread with a traceback, and
    the app then exits as if the user had quit. Its decoder is looked up in the driver's module
    when the input thread starts, so a replacing one is put there (the Windows driver reads
    characters, not bytes, and is untouched).
    """
    if sys.platform == "win32":
        return
    import codecs
    import functools

    from textual.drivers import linux_driver

    def replacing(encoding: str) -> functools.partial[codecs.IncrementalDecoder]:
        return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")

    linux_driver.getincrementaldecoder = replacing  # type: ignore[attr-defined,assignment]


def _opened(
    framework_spec: str | None,
    responses: Path,
    setting: str | None,
    stage: str | None,
    age_range: str | None,
    contributor: Contributor | None,
) -> SelfevalApp:
    """The app, on *setting*'s evaluation (opened here, or reopened with its statement drawn
    first) or else on its start screen (which is drawn before the framework is loaded). A
    framework that cannot be loaded, options that do not go together, or no terminal are
    refused before any file is opened."""
    if not setting:
        app = make_start_app(framework_spec, responses)  # reads the framework or says why not
        _check()
        return app
    if contributor is None:
        from selfeval.tui.reopen import reopening

        reopen = reopening(framework_spec, responses, setting, stage, age_range)
        if reopen is not None:
            _check()
            return make_reopening_app(framework_spec, responses, reopen)
    from selfeval.evaluation.opening import open_setting
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.framework.catalog import find_framework

    _, framework = find_framework(framework_spec)
    _check()
    store = EvaluationStore(responses)
    session = open_setting(store, framework, setting, stage, contributor, age_range)
    return make_app(framework, store, session)


def _ready_to_reopen(framework_spec: str | None, session: EvaluationSession) -> None:
    """Keep what the statement screen shows of the framework for this setting (if it is not
    kept already), so that reopening it next time draws its statement before the models load
    (see `selfeval.tui.reopen`); a colleague's view is never reopened that way."""
    from selfeval.digest.wording import wording
    from selfeval.framework.catalog import DEFAULT_FRAMEWORK

    setting = session.evaluation.setting
    spec = framework_spec or DEFAULT_FRAMEWORK
    if session.evaluation.contributor is None:
        with contextlib.suppress(SelfevalError):
            wording(spec, setting.audience, setting.qi_framework)


def _check() -> None:
    if not has_terminal():
        raise SelfevalError(
            "the evaluation app needs a terminal window, and this is not one",
            "run `selfeval` in a terminal, or `selfeval serve` to use it in a web browser; "
            "`selfeval --help` lists the commands that work without one",
        )


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
