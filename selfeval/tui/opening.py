"""What the app opens on, said before it starts: the start screen, a saved evaluation drawn
from a first look at its file (`Reopening`), or an evaluation already open. The app is built
one way, from an `Opening` (`selfeval.tui.factory` makes them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the start screen is drawn before these load (they need pydantic)
    from textual.app import App

    from selfeval.digest.framework import Digest
    from selfeval.digest.glance import Glance
    from selfeval.digest.wording import Wording
    from selfeval.evaluation.model import Contributor, Evaluation, Setting
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.framework.model import Framework
    from selfeval.moderation.table import Table
    from selfeval.tui.screens.start import StartScreen

__all__ = ["Opening", "Reopening", "begun", "tell_opened"]


@dataclass(frozen=True)
class Opening:
    """What the app opens on: what its first screen says of the framework, the folder of
    evaluations, and how to load the framework itself when it is first needed (to start or
    open an evaluation, or show saved ones); and where it opens, if not on the start screen."""

    facts: Digest
    responses: Path
    framework: Callable[[], Framework]
    reopen: Reopening | None = None
    """Given, the app opens on this saved evaluation, drawn from a first look at its file."""
    session: EvaluationSession | None = None
    """Given, the app opens on this evaluation, already open."""
    moderation: Table | None = None
    """Given with *session*, the app opens on the moderation of its colleagues' views."""
    store: EvaluationStore | None = None
    """The store of *responses*, where one is already made."""


@dataclass(frozen=True)
class Reopening:
    """How the app reopens a saved evaluation with its statement on screen before the session
    (and pydantic, a fifth of the start) is loaded: the first look at its file, what the
    statement screen shows of the framework for it, and how to open it in full. The session
    opens straight after the first frame, and before any key or click is handled."""

    glance: Glance
    facts: Wording
    open: Callable[[], EvaluationSession]


def begun(begin: StartScreen.Begin) -> tuple[Setting, Contributor | None]:
    """The setting, and the colleague giving their own view if one is, that the start form
    *begin* asks for; ValueError (pydantic's) where a name is not plain words on one line."""
    from selfeval.evaluation.model import Contributor, Setting  # pydantic: not at the start

    school = begin.school
    setting = Setting(
        name=begin.name,
        stage=begin.stage,
        age_range=begin.age_range or None,
        qi_framework=begin.qi_framework or None,
        seed_code=school.seed_code if school else None,
        local_authority=school.local_authority if school else None,
    )
    contributor = Contributor(role=begin.role, name=begin.person or None) if begin.role else None
    return setting, contributor


def tell_opened(app: App[None], session: EvaluationSession) -> None:
    """Say what was carried over from last year's evaluation into a new one, what changed
    in the framework since the evaluation was last saved, which copies of the evaluation
    under other names were left alone, and the authority's feedback on its latest hand-in
    (looked for off the app's thread: the inbox is a synced folder, maybe slow)."""
    if session.evaluation.submissions:
        evaluation = session.evaluation
        app.run_worker(lambda: _tell_feedback(app, evaluation), thread=True, group="feedback")
    if session.carried is not None:
        app.notify(
            session.carried.sentence, title="Last year's evaluation", timeout=20, markup=False
        )
    if said := session.left_alone_said:
        app.notify(
            said,
            title="About what opened",
            severity="warning",
            timeout=20,
            markup=False,
        )
    if session.changes is not None and session.changes.any:
        app.notify(
            " ".join(session.changes.describe()),
            title="The framework has changed",
            timeout=15,
            markup=False,
        )


def _tell_feedback(app: App[None], evaluation: Evaluation) -> None:
    """Off the app's thread: say what the authority said of the whole submission, and that
    each QI's feedback is beside it in the results."""
    from selfeval.report.feedback import feedback_heading, feedback_received, overall_sentences

    got = feedback_received(evaluation)
    if got is None or not (got.feedback or got.note):
        return
    lines = overall_sentences(got)
    if on_qis := sum(len(f.qis) for f in got.feedback):
        lines.append(
            f"Feedback on {on_qis} quality indicator{'s' if on_qis > 1 else ''} too: r for "
            "the results, where it is beside each."
        )
    app.call_from_thread(
        app.notify, "\n".join(lines), title=feedback_heading(got), timeout=30, markup=False
    )
