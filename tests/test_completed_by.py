"""Who completed the evaluation (issue 32): asked, optionally, when it is marked complete (the
app's results screen and `--plain`, both `m`), saved with the completion, refused clearly where
it is not a name on one line, and printed in the plan. Assertions read the saved file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from textual.widgets import Input

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import Framework, load_framework
from selfeval.report.markdown import result_markdown
from selfeval.scoring import score
from selfeval.tui import make_app
from selfeval.tui.screens.complete import CompleteScreen
from selfeval.tui.screens.results import ResultsScreen

from .conftest import REPO
from .plain_helpers import only, talk
from .tui_helpers import notifications, screen_text, until


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture
def session(stem: Framework, tmp_path: Path) -> EvaluationSession:
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for statement in stem.statements_for("primary")[:8]:
        session.rate(statement.id, 4)
    return session


def _plan(path: Path, stem: Framework) -> str:
    evaluation = load_evaluation(path)
    return result_markdown(score(evaluation, stem), evaluation, stem)


@pytest.mark.parametrize(
    "name", ["Ms Reid\nheadteacher", "Ms Reid\x1b[2J", "Ms Reid\theadteacher", "x" * 301]
)
def test_a_name_that_is_not_one_line_is_refused_and_nothing_changes(
    session: EvaluationSession, name: str
) -> None:
    """`model_copy` checks nothing: a line break was saved, and the file then could not be
    opened. Now it is refused before anything changes, in memory or on disk."""
    with pytest.raises(ValidationError):
        session.complete(name)
    assert session.evaluation.status == "in-progress"
    saved = load_evaluation(session.path)
    assert (saved.status, saved.completed_by) == ("in-progress", None)


async def test_the_app_asks_who_saves_it_and_the_plan_prints_it(
    session: EvaluationSession, stem: Framework
) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("m")
        assert await until(pilot, lambda: isinstance(app.screen, CompleteScreen))
        assert "Who is completing it?" in screen_text(app)
        await pilot.press(*"Ms Reid, headteacher", "enter")
        assert await until(pilot, lambda: "by Ms Reid, headteacher" in notifications(app))
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    assert (saved.status, saved.completed_by) == ("complete", "Ms Reid, headteacher")
    assert "**Completed by:** Ms Reid, headteacher" in _plan(session.path, stem)


async def test_the_app_says_why_a_name_is_refused_and_takes_it_put_right(
    session: EvaluationSession, stem: Framework
) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r", "m")
        assert await until(pilot, lambda: isinstance(app.screen, CompleteScreen))
        await pilot.press(*"Ms Reid")
        app.screen.query_one("#completed-by", Input).insert_text_at_cursor("\x1b[2J")  # pasted
        await pilot.press("enter")
        assert await until(pilot, lambda: "control character" in screen_text(app))
        assert isinstance(app.screen, CompleteScreen)  # still open, to put it right
        assert load_evaluation(session.path).status == "in-progress"
        await pilot.press("ctrl+u", *"Ms Reid", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).completed_by == "Ms Reid"


async def test_enter_leaves_the_name_out_and_esc_marks_nothing(
    session: EvaluationSession, stem: Framework
) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r", "m")
        assert await until(pilot, lambda: isinstance(app.screen, CompleteScreen))
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert load_evaluation(session.path).status == "in-progress"
        await pilot.press("m")
        assert await until(pilot, lambda: isinstance(app.screen, CompleteScreen))
        await pilot.press("enter")
        assert await until(pilot, lambda: "Marked as complete." in notifications(app))
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    assert (saved.status, saved.completed_by) == ("complete", None)
    assert "Completed by" not in _plan(session.path, stem)  # said only when known


def test_plain_asks_who_refuses_a_control_character_and_saves_the_name(
    tmp_path: Path, stem: Framework
) -> None:
    responses = tmp_path / "r"
    lines = ["Plainfield", "2", "4", "r", "m", "Ms Reid\x07 head", "Ms Reid, headteacher", "q"]
    code, said = talk(responses, lines)
    assert code == 0, said
    assert "Who is completing the evaluation?" in said
    assert "Not marked: a name and role must be plain words on one line" in said
    assert "Saved: marked complete, by Ms Reid, headteacher" in said
    saved = load_evaluation(only(responses))
    assert (saved.status, saved.completed_by) == ("complete", "Ms Reid, headteacher")
    assert "**Completed by:** Ms Reid, headteacher" in _plan(only(responses), stem)


def test_plain_enter_leaves_the_name_out_or_keeps_the_one_given(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    code, said = talk(responses, ["Plainfield", "2", "4", "r", "m", "", "q"])
    assert code == 0 and "Saved: marked complete; you can still change answers" in said
    assert load_evaluation(only(responses)).completed_by is None
    talk(responses, ["1", "r", "m", "Mr Khan, depute", "q"])
    code, said = talk(responses, ["1", "r", "m", "", "q"])
    assert "now Mr Khan, depute; Enter keeps it" in said
    assert load_evaluation(only(responses)).completed_by == "Mr Khan, depute"
