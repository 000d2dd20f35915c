"""Letters typed where no text box has them are not taken for commands (issue 32): reported
from the browser, where a click beside the notes box left the focus outside it and typing
"Ask parent council" opened the action plan, the results and a target dialog."""

from __future__ import annotations

from selfeval.evaluation import EvaluationSession, load_evaluation
from selfeval.tui import make_app
from selfeval.tui.screens.results import ResultsScreen
from selfeval.tui.screens.statement import StatementScreen
from selfeval.tui.widgets.rating_picker import RatingPicker

from .tui_helpers import notifications, until

SIZE = (100, 40)


async def test_a_sentence_typed_outside_a_box_changes_nothing_and_says_where_to_type(
    oakfield: EvaluationSession,
) -> None:
    session = oakfield
    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        shown = app.screen
        assert isinstance(shown, StatementScreen)
        screen: StatementScreen = shown
        sid = screen.statement_id
        screen.query_one("#picker", RatingPicker).focus()  # a click that missed the box
        await pilot.press(*"Ask 3 parents, then review")
        assert await until(pilot, lambda: "typed outside a text box" in notifications(app))
        assert app.screen is screen and screen.statement_id == sid
        assert session.answer(sid) == load_evaluation(session.path).answer(sid)
        assert not session.answer(sid).is_answered and not session.answer(sid).evidence
        await pilot.press("escape", "4")  # the keys mean what they say again
        assert await until(pilot, lambda: session.answer(sid).rating == 4)
        await pilot.press("ctrl+q")


async def test_the_results_screen_lets_a_typed_sentence_go_too(
    oakfield: EvaluationSession,
) -> None:
    session = oakfield
    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        results = app.screen
        before = load_evaluation(session.path)
        await pilot.press(*"Ask parent council")  # p, t and c would each have acted
        assert await until(pilot, lambda: "typed outside a text box" in notifications(app))
        assert app.screen is results  # no action plan, no target dialog
        after = load_evaluation(session.path)
        assert (after.qi, after.targets, after.actions) == (before.qi, before.targets, [])
        await pilot.press("escape", "p")  # Esc ends it; p opens the plan again
        assert await until(pilot, lambda: app.screen is not results)
        await pilot.press("ctrl+q")
