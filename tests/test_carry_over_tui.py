"""Next year from this year in the app (issue 33): last year's rating beside each statement,
and what was carried over said once, on opening."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.evaluation import EvaluationStore
from selfeval.evaluation.opening import open_setting
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.app import SelfevalApp
from selfeval.tui.factory import make_reopening_app
from selfeval.tui.reopen import reopening
from selfeval.tui.screens.results import ResultsScreen
from selfeval.tui.screens.statement import StatementScreen

from .conftest import REPO
from .test_carry_over import LAST_YEAR, NAME, last_years
from .tui_helpers import listed, notifications, screen_text, until

SIZE = (100, 40)
CARRIED = f"Carried over from {LAST_YEAR}: 3 actions not yet done and 2 targets"


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


async def test_the_new_year_shows_last_years_rating_and_says_what_was_carried(
    stem: Framework, tmp_path: Path
) -> None:
    folder = tmp_path / "responses"
    last_path = last_years(stem, folder)
    before = last_path.read_bytes()
    store = EvaluationStore(folder)
    app = make_app(stem, store, open_setting(store, stem, NAME, "primary"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert isinstance(app.screen, StatementScreen)
        assert await until(pilot, lambda: CARRIED in notifications(app))
        assert "last year's ratings are shown beside each statement" in notifications(app)
        assert "How are we doing?   Last year: 4 good" in screen_text(app)
        await pilot.press("right")
        assert await until(pilot, lambda: "Last year: not applicable" in screen_text(app))
        await pilot.press("right")
        assert await until(pilot, lambda: "Last year: not rated" in screen_text(app))
        await pilot.press("5")  # this year's rating is this year's own
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("p")  # the action plan: each action carried over says so
        assert await until(pilot, lambda: f"From {LAST_YEAR}: Action 1" in screen_text(app))
        assert "30/6/2026 overdue" in screen_text(app)  # due before today (tests' TODAY)
        await pilot.press("ctrl+q")
    assert app.session is not None
    assert app.session.evaluation.answers  # saved this year
    assert last_path.read_bytes() == before


async def test_reopened_the_line_appears_once_the_session_is_attached(
    stem: Framework, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "responses"
    last_years(stem, folder)
    store = EvaluationStore(folder)
    open_setting(store, stem, NAME, "primary").close()  # this year's made, last year's beside
    reopen = reopening("stem", folder, NAME, None, None)
    assert reopen is not None and reopen.glance.year != LAST_YEAR
    opening = SelfevalApp._finish_opening
    monkeypatch.setattr(SelfevalApp, "_finish_opening", lambda self: None)  # held back
    app = make_reopening_app("stem", folder, reopen)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "How are we doing?" in screen_text(app)
        assert "Last year:" not in screen_text(app)  # drawn before the session loads
        opening(app)
        assert await until(pilot, lambda: "Last year: 4 good" in screen_text(app))
        assert "Carried over" not in notifications(app)  # said once, when it was made
        await pilot.press("ctrl+q")


async def test_started_from_the_start_screen_it_is_said(stem: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    last_years(stem, folder)
    app = make_app(stem, EvaluationStore(folder))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await listed(pilot)  # with evaluations saved, the form comes just after the list
        await pilot.click("#name")
        await pilot.press(*NAME)
        await pilot.press("tab", "down", "enter")  # the stage: primary
        assert await until(
            pilot, lambda: app.screen.focused is not None and app.screen.focused.id == "begin"
        )
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert await until(pilot, lambda: CARRIED in notifications(app))
        assert "Last year: 4 good" in screen_text(app)
        await pilot.press("ctrl+q")


async def test_start_in_june_after_this_year_is_complete_begins_next_years(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trial at the end of June marked the year complete and pressed Start: the year just
    finished opened again, where `--setting --stage` began next year's. Start now decides
    the year as the command line does."""
    from datetime import UTC, datetime

    from textual.widgets import Input

    from selfeval.evaluation import EvaluationSession, Setting

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "responses")
    setting = Setting(name="Auchhaven Primary", stage="primary")
    done = EvaluationSession.start(store, stem, setting, year="2026-27")
    done.complete(None)
    done.close()
    monkeypatch.setattr(
        "selfeval.evaluation.opening.now", lambda: datetime(2027, 6, 28, 9, 0, tzinfo=UTC)
    )
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await listed(pilot)
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"Auchhaven Primary", "tab", "down", "enter", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert app.session is not None
        assert app.session.evaluation.year == "2027-28"
        assert app.session.path != done.path
        await pilot.press("ctrl+q")
