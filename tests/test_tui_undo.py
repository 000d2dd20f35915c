"""Ctrl+Z in the app (issue 32): the last change undone, saved and said, from the statement and
results screens; in a text box Ctrl+Z undoes typing, as the box does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, TextArea

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.screens.results import ResultsScreen
from selfeval.tui.screens.statement import StatementScreen
from selfeval.tui.widgets.rating_picker import RatingPicker

from .conftest import REPO
from .evaluation_helpers import rate_with_evidence
from .tui_helpers import notifications, screen_text, until

SIZE = (100, 40)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture
def session(stem: Framework, tmp_path: Path) -> EvaluationSession:
    store = EvaluationStore(tmp_path / "responses")
    return EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))


async def test_ctrl_z_undoes_ratings_one_by_one_and_says_so(session: EvaluationSession) -> None:
    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, StatementScreen)
        first, second = screen.ids[:2]
        await pilot.press("4", "right", "3")  # the first statement rated 4, the second 3
        assert await until(pilot, lambda: session.answer(second).rating == 3)
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: "Undid: rating 3" in notifications(app))
        assert "(now unrated)" in notifications(app)
        assert load_evaluation(session.path).answer(second).rating is None
        assert screen.statement_id == second
        await pilot.press("left", "ctrl+z")
        assert await until(pilot, lambda: "Undid: rating 4" in notifications(app))
        assert load_evaluation(session.path).answer(first).rating is None
        assert screen.query_one("#picker", RatingPicker).value is None
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: "Nothing more to undo" in notifications(app))
        assert "Undo" in screen_text(app)  # the footer shows the key
        await pilot.press("ctrl+q")


async def test_in_a_text_box_ctrl_z_undoes_typing_then_esc_ctrl_z_the_change(
    session: EvaluationSession,
) -> None:
    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        assert isinstance(screen, StatementScreen)
        sid = screen.statement_id
        area = screen.query_one("#evidence", TextArea)
        await pilot.press("e", *"Minutes")
        assert await until(pilot, lambda: area.text == "Minutes")
        await pilot.press("ctrl+z")  # the box's own undo: the word typed goes
        assert await until(pilot, lambda: area.text == "")
        await pilot.press(*"Learner focus group", "escape")
        assert await until(pilot, lambda: session.answer(sid).evidence == "Learner focus group")
        await pilot.press("ctrl+z")  # out of the box: the whole evidence change
        assert await until(pilot, lambda: "Undid: the evidence" in notifications(app))
        assert load_evaluation(session.path).answer(sid).evidence == ""
        assert area.text == ""
        await pilot.press("ctrl+q")


async def test_ctrl_z_on_the_results_undoes_an_agreed_level(session: EvaluationSession) -> None:
    stem = session.framework
    for sid in [s.id for s in stem.sections[0].statements if s.applies_to("primary")]:
        rate_with_evidence(session, sid, 4)
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("c")  # agree with the suggested 4
        assert await until(pilot, lambda: "self-evaluation" in session.evaluation.qi)
        await pilot.press("down", "ctrl+z")
        assert await until(pilot, lambda: "Undid: the level 4 good" in notifications(app))
        assert "(now not agreed)" in notifications(app)
        assert load_evaluation(session.path).qi == {}
        table = app.screen.query_one("#qis", DataTable)
        assert table.cursor_row == 0  # the QI it changed back is highlighted
        assert "to agree" in str(table.get_row_at(0)[3])
        await pilot.press("ctrl+z")  # further back: the evidence given before the results
        assert await until(pilot, lambda: "Undid: the evidence on" in notifications(app))
        await pilot.press("ctrl+q")


async def test_an_action_removed_by_mistake_comes_back_with_ctrl_z(
    session: EvaluationSession,
) -> None:
    from selfeval.evaluation.actions import Action
    from selfeval.tui.screens.action_plan import ActionPlanScreen

    session.save_action(Action(id="a1", qi="self-evaluation", text="Plan a STEM week"))
    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, ActionPlanScreen))
        await pilot.press("d", "y")  # removed, confirmed
        assert await until(pilot, lambda: not session.evaluation.actions)
        await pilot.press("ctrl+z")
        assert await until(pilot, lambda: "(it is back in the plan)" in notifications(app))
        assert [a.id for a in load_evaluation(session.path).actions] == ["a1"]
        assert app.screen.query_one("#actions", DataTable).row_count == 1
        await pilot.press("ctrl+q")
