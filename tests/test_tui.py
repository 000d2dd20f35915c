"""The app as a headteacher uses it, driven by Textual's Pilot; assertions read the saved file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, OptionList, RadioButton, Static, TextArea, Tree

from selfeval.evaluation import (
    EvaluationSession,
    EvaluationStore,
    SaveFailed,
    Setting,
    load_evaluation,
)
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.screens.overview import OverviewScreen
from selfeval.tui.screens.results import ReasonScreen, ResultsScreen
from selfeval.tui.screens.start import StartScreen
from selfeval.tui.screens.statement import StatementScreen
from selfeval.tui.widgets.rating_picker import Choice
from selfeval.tui.widgets.save_status import SaveStatus

from .conftest import REPO
from .evaluation_helpers import rate_with_evidence
from .tui_helpers import listed, notifications, screen_text, until

SIZE = (100, 40)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture
def store(tmp_path: Path) -> EvaluationStore:
    return EvaluationStore(tmp_path / "responses")


def _only_file(store: EvaluationStore) -> Path:
    files = list(store.folder.glob("*.toml"))
    assert len(files) == 1
    return files[0]


async def test_first_evaluation_then_resume_where_we_stopped(
    stem: Framework, store: EvaluationStore
) -> None:
    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, StartScreen)
        await pilot.click("#name")
        await pilot.press(*"Oakfield Primary")
        app.screen.query_one("#stage-primary", RadioButton).value = True
        await pilot.click("#begin")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("4", "right", "5", "right", "n", "right")
        await pilot.press("e", *"Pupil focus group", "escape")
        await pilot.press("w", *"Plan a STEM week", "escape")
        await pilot.press("2")
        await pilot.press("ctrl+q")
    saved = load_evaluation(_only_file(store))
    ids = [s.id for s in stem.statements_for("primary")]
    assert saved.answers[ids[0]].rating == 4
    assert saved.answers[ids[1]].rating == 5
    assert saved.answers[ids[2]].not_applicable
    assert saved.answers[ids[3]].rating == 2
    assert saved.answers[ids[3]].evidence == "Pupil focus group"
    assert saved.answers[ids[3]].notes == "Plan a STEM week"
    assert saved.position == ids[3]

    again = make_app(stem, store)
    async with again.run_test(size=SIZE) as pilot:
        start = again.screen
        assert isinstance(start, StartScreen)
        await listed(pilot)
        assert start.query_one("#resume", OptionList).option_count == 1
        await pilot.press("enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, StatementScreen)
        assert screen.statement_id == ids[3]
        assert screen.query_one("#evidence", TextArea).text == "Pupil focus group"
        where = f"Statement 4 of {len(ids)}"
        assert where in str(screen.query_one("#where", Static).render())
        await pilot.press("ctrl+q")
    assert load_evaluation(_only_file(store)).answers == saved.answers


async def test_start_screen_explains_missing_name_and_stage(
    stem: Framework, store: EvaluationStore
) -> None:
    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#begin")
        assert "Type the name" in str(app.screen.query_one("#start-error", Static).render())
        app.screen.query_one("#name", Input).value = "Oakfield"
        error = app.screen.query_one("#start-error", Static)  # put right: the red line goes
        assert await until(pilot, lambda: not str(error.render()).strip())  # (a trial: it stayed)
        while app.screen.query_one("#begin").has_class("-active"):  # a button ignores clicks
            await pilot.pause(0.05)  # for a moment after one (Textual's press effect)
        await pilot.click("#begin")
        assert "Choose your stage" in str(app.screen.query_one("#start-error", Static).render())
        assert not store.folder.exists() or not list(store.folder.iterdir())


async def test_a_start_form_warning_goes_once_the_evaluation_starts(
    stem: Framework, store: EvaluationStore
) -> None:
    """The warning "type the name first" was still on the first statement, and on the
    results, seconds after the name was typed and the evaluation had started (seen in a
    browser)."""
    app = make_app(stem, store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.screen.query_one("#stage-primary", RadioButton).value = True
        await pilot.click("#begin")
        await pilot.pause()
        assert "Type the name" in notifications(app)
        await pilot.click("#name")
        await pilot.press(*"Oakfield", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "Type the name" not in notifications(app)
        await pilot.press("ctrl+q")


async def test_results_side_by_side_show_every_column_of_titled_qis(
    stem: Framework, store: EvaluationStore
) -> None:
    """Beside the details (120 columns and wider) the table is as wide as its columns: a
    nursery's QIs have titles, not numbers, and "Our evaluation" was cut off at 52 columns."""
    setting = Setting(name="Wee Acorns", stage="elc")
    session = EvaluationSession.start(store, stem, setting)
    app = make_app(stem, store, session)
    async with app.run_test(size=(120, 35)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        table = app.screen.query_one("#qis", DataTable)
        assert app.screen.query_one("#results").has_class("-wide")
        assert table.virtual_size.width > 52  # titles
        assert table.scrollable_content_region.width >= table.virtual_size.width
        assert "Our evaluation" in screen_text(app)
        await pilot.press("ctrl+q")


async def test_change_an_answer_from_the_overview(stem: Framework, store: EvaluationStore) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="secondary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "right", "3", "o")
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen)
        await pilot.press("up", "enter")  # onto the first statement of QI 1.1
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatementScreen)
        assert screen.index == 0
        await pilot.press("6", "ctrl+q")
    saved = load_evaluation(session.path)
    first, second = (s.id for s in stem.statements_for("secondary")[:2])
    assert saved.answers[first].rating == 6
    assert saved.answers[second].rating == 3


async def test_the_overview_opens_another_quality_indicator_and_goes_to_its_statement(
    stem: Framework, store: EvaluationStore
) -> None:
    """Only the current QI's statements are listed when the overview opens (a 300-statement
    framework took 15 ms to list them all); another QI lists its statements when opened."""
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="secondary"))
    asked = {s.id for s in stem.statements_for("secondary")}
    first_qi, second_qi = (
        [s.id for s in sec.statements if s.id in asked] for sec in stem.sections[:2]
    )
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        tree = app.screen.query_one(Tree)
        assert [len(node.children) for node in tree.root.children[:2]] == [len(first_qi), 0]
        await pilot.press(*["down"] * len(first_qi), "enter")  # onto QI 2, open it
        await pilot.pause()
        assert len(tree.root.children[1].children) == len(second_qi)
        await pilot.press("down", "down", "enter")  # its second statement
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatementScreen)
        assert screen.statement_id == second_qi[1]
        await pilot.press("ctrl+q")


async def test_results_confirm_and_override_keep_both(
    stem: Framework, store: EvaluationStore
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for sid in [s.id for s in stem.sections[0].statements if s.applies_to("primary")]:
        rate_with_evidence(session, sid, 4)
    for sid in [s.id for s in stem.sections[1].statements if s.applies_to("primary")]:
        rate_with_evidence(session, sid, 3)
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("c")  # QI 1.1: agree with the suggested 4
        await pilot.press("down", "5")  # QI 1.2: suggested 3, we say 5
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"moderated [with] cluster", "enter")
        await pilot.pause()
        detail = str(app.screen.query_one("#qi-detail", Static).render())
        assert "moderated [with] cluster" in detail
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    assert saved.qi["self-evaluation"].suggested == 4
    assert saved.qi["self-evaluation"].confirmed == 4
    assert saved.qi["leadership-of-learning"].suggested == 3
    assert saved.qi["leadership-of-learning"].confirmed == 5
    assert saved.qi["leadership-of-learning"].reason == "moderated [with] cluster"


async def test_results_kept_between_openings_show_what_changed_meanwhile(
    stem: Framework, store: EvaluationStore
) -> None:
    """The results screen is built once and brought back; whatever was rated in between is in
    its table and details when it comes back, and the row chosen before is still chosen."""
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        table = results.query_one("#qis", DataTable)
        assert str(table.get_row_at(0)[1]).startswith("0/")
        await pilot.press("down", "escape")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("5", "right", "5")  # the first two statements of QI 1.1
        await pilot.press("r")
        await pilot.pause()
        assert app.screen_stack[-1] is results  # the same screen, brought back
        assert str(table.get_row_at(0)[1]).startswith("2/")
        assert table.cursor_row == 1  # where we were
        await pilot.press("up")
        await pilot.pause()
        detail = str(results.query_one("#qi-detail", Static).render())
        assert "Ratings: 2 very good" in detail
        await pilot.press("ctrl+q")


async def test_results_of_another_evaluation_are_its_own(
    stem: Framework, store: EvaluationStore
) -> None:
    """The kept results screen belongs to one evaluation: working on another builds its own."""
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    other = EvaluationSession.start(store, stem, Setting(name="Birchwood", stage="primary"))
    for sid in [s.id for s in stem.sections[0].statements if s.applies_to("primary")]:
        rate_with_evidence(other, sid, 2)
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        first = app.screen
        await pilot.press("escape")
        await pilot.pause()
        app.session = other
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen) and app.screen is not first
        assert app.screen.session is other
        assert not first.is_attached  # let go, not left running
        row = app.screen.query_one("#qis", DataTable).get_row_at(0)
        assert str(row[2]) == "2 weak"
        await pilot.press("ctrl+q")


async def test_results_open_with_their_keys_and_details_drawn_once(
    stem: Framework, store: EvaluationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening the results draws the footer's keys and the QI's details once each: each
    drawing again was a layout pass of the whole screen."""
    from textual.widgets._footer import FooterKey

    drawn: list[str] = []
    update = Static.update

    def counted(self: Static, *args: Any, **kwargs: Any) -> None:
        if self.id == "qi-detail":
            drawn.append("details")
        update(self, *args, **kwargs)

    monkeypatch.setattr(Static, "update", counted)
    keys: list[FooterKey] = []
    monkeypatch.setattr(FooterKey, "on_mount", lambda self: keys.append(self), raising=False)
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys.clear()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert drawn == ["details"]
        shown = [k for k in keys if k.screen is app.screen]
        assert len(shown) == len(app.screen.query(FooterKey)) > 0  # built once, not twice
        await pilot.press("ctrl+q")


MARKUP = "[bold]Focus[/x] groups [link=https://example.org]see[/link] \x1b[31mred\x1b[0m"


async def test_typed_markup_is_saved_and_shown_as_typed(
    stem: Framework, store: EvaluationStore
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="[red]Oak[/]", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "e")
        area = app.screen.query_one("#evidence", TextArea)
        area.insert(MARKUP)
        await pilot.press("escape")
        assert "[red]Oak[/]" in str(app.screen.query_one("#where", Static).render())
        await pilot.press("r")
        await pilot.pause()
        detail = str(app.screen.query_one("#qi-detail", Static).render())
        assert "[bold]Focus[/x] groups [link=https://example.org]see[/link]" in detail
        assert "\x1b" not in detail and "␛[31mred" in detail
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).answers["stem-1.1-01"].evidence == MARKUP


async def test_a_locked_evaluation_is_explained_not_crashed(
    stem: Framework, store: EvaluationStore
) -> None:
    holder = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        await listed(pilot)
        await pilot.press("enter")  # resume the listed evaluation
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        error = str(app.screen.query_one("#start-error", Static).render())
        assert "open in another selfeval window" in error
    holder.close()


async def test_failed_save_keeps_text_and_says_so(
    stem: Framework, store: EvaluationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    real_save = store.save

    def failing(*args: object, **kwargs: object) -> None:
        raise SaveFailed(session.path, OSError(28, "No space left on device"))

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(store, "save", failing)
        await pilot.press("e", *"kept safe", "escape")
        status = app.screen.query_one("#status", SaveStatus)
        assert "NOT SAVED" in str(status.render())
        assert "disk is full" in str(status.render())
        assert session.answer("stem-1.1-01").evidence == "kept safe"
        monkeypatch.setattr(store, "save", real_save)
        await pilot.press("ctrl+s")
        assert "Saved" in str(status.render())
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).answers["stem-1.1-01"].evidence == "kept safe"


async def test_a_rating_given_on_a_full_disk_is_saved_by_ctrl_s(
    stem: Framework, store: EvaluationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rating refused by a full disk stays in the window, said NOT SAVED; Ctrl+S once the
    disk has room writes it."""
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    real_save = store.save

    def failing(*args: object, **kwargs: object) -> None:
        raise SaveFailed(session.path, OSError(28, "No space left on device"))

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(store, "save", failing)
        await pilot.press("4")
        status = app.screen.query_one("#status", SaveStatus)
        assert await until(pilot, lambda: "NOT SAVED" in str(status.render()))
        assert session.pending and session.answer("stem-1.1-01").rating == 4
        monkeypatch.setattr(store, "save", real_save)
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: not session.pending)
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).answers["stem-1.1-01"].rating == 4


async def test_help_explains_keys_and_scale(stem: Framework, store: EvaluationStore) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        assert "1 to 6" in text and "not applicable" in text
        box = app.screen.query_one("#help-box")
        box.scroll_to_widget(app.screen.query_one("#help-scale"), animate=False, top=True)
        await pilot.pause()
        text = screen_text(app)
        assert "3 satisfactory" in text and "6 excellent" in text and "1 unsatisfactory" in text
        box.scroll_end(animate=False)
        await pilot.pause()
        text = screen_text(app)
        assert "never more kindly than an inspector would" in text
        await pilot.press("escape")
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("ctrl+q")


async def test_a_key_off_the_scale_says_the_scale_s_ends(
    stem: Framework, store: EvaluationStore
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("7")
        assert await until(pilot, lambda: "7 is not on the scale" in notifications(app))
        assert "use 1 to 6." in notifications(app)
        await pilot.press("ctrl+q")
    assert not session.evaluation.answers


async def test_mouse_rates_and_keyboard_starts(stem: Framework, store: EvaluationStore) -> None:
    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Mouse School", "enter")
        await pilot.press("down", "down", "enter")  # the third stage: secondary
        await pilot.pause()
        assert "✓ Secondary school" in str(app.screen.query_one("#stage-secondary").render())
        assert app.screen.focused is not None and app.screen.focused.id == "begin"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        choices = list(app.screen.query(".choice"))
        await pilot.click(choices[1])  # the second choice: 5 very good
        await pilot.press("ctrl+q")
    saved = load_evaluation(_only_file(store))
    first = stem.statements_for("secondary")[0].id
    assert saved.answers[first].rating == 5


def _answered_session(stem: Framework, store: EvaluationStore) -> EvaluationSession:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for n, sid in enumerate(s.id for s in stem.statements_for("primary")[:12]):
        session.rate(sid, 3 + n % 4)
    return session


@pytest.mark.parametrize("screen", ["results", "action plan"])
async def test_export_writes_the_plan_its_chart_and_tracker_beside_the_evaluation(
    stem: Framework, store: EvaluationStore, screen: str
) -> None:
    """x on the results screen, and on the action plan opened from it (a trial pressed x
    there, where a head expects to export, and nothing happened)."""
    from selfeval.tui.screens.action_plan import ActionPlanScreen

    session = _answered_session(stem, store)
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        if screen == "action plan":
            await pilot.press("p")
            assert await until(pilot, lambda: isinstance(app.screen, ActionPlanScreen))
        shown = app.screen
        await pilot.press("x")
        assert await until(
            pilot, lambda: "Improvement plan written for Word" in notifications(app), 60
        )
        assert app.screen is shown  # still where the head was
        await pilot.press("ctrl+q")
    assert session.path.with_suffix(".plan.docx").read_bytes().startswith(b"PK")
    plan = session.path.with_suffix(".plan.md")
    assert plan.read_text(encoding="utf-8").startswith("# STEM self-evaluation: improvement plan")
    assert plan.with_name(f"{plan.stem}-radar.png").read_bytes().startswith(b"\x89PNG")
    assert session.path.with_suffix(".plan.xlsx").read_bytes().startswith(b"PK")


async def test_mark_complete_is_saved_and_said(stem: Framework, store: EvaluationStore) -> None:
    session = _answered_session(stem, store)
    assert load_evaluation(session.path).status == "in-progress"
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("m", "enter")  # Enter: without saying who (it is optional)
        assert await until(pilot, lambda: "Marked as complete" in notifications(app))
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).status == "complete"


async def test_a_changed_framework_is_announced_on_opening(
    tmp_path: Path, minimal_framework_path: Path
) -> None:
    store = EvaluationStore(tmp_path / "responses")
    before = load_framework(minimal_framework_path)
    session = EvaluationSession.start(store, before, Setting(name="Kilbride", stage="school"))
    session.rate("mini-01", 2)
    session.close()
    changed = tmp_path / "minimal.toml"
    text = minimal_framework_path.read_text(encoding="utf-8")
    changed.write_text(text.replace('version = "1.0"', 'version = "1.1"', 1), encoding="utf-8")
    after = load_framework(changed)
    reopened = EvaluationSession.open(store, after, session.path)
    app = make_app(after, store, reopened)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = notifications(app)
        assert "The framework has changed" in text
        assert "started with version 1.0 of the framework; it is now version 1.1" in text
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).answers["mini-01"].rating == 2


async def test_start_form_tab_and_enter_always_lead_somewhere(
    stem: Framework, store: EvaluationStore
) -> None:
    """Name, Tab, stage, Tab: focus never lands on something invisible; Enter always starts or
    says what is missing."""
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Tabby Primary", "tab", "down", "enter")  # primary, then Start
        await pilot.press("shift+tab", "tab")
        focused = app.screen.focused
        assert focused is not None and focused.id in {"begin", "stage", "name"}
        await pilot.press("tab", "tab", "tab")
        for _ in range(4):
            focused = app.screen.focused
            assert focused is not None
            assert focused.id in {"begin", "stage", "name"} or (
                type(focused).__name__ == "CollapsibleTitle"  # "giving your own view?"
            )
            await pilot.press("tab")
        app.screen.query_one("#name", Input).focus()
        await pilot.press("enter")  # name and stage given: Enter in the name box starts
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("ctrl+q")
    assert load_evaluation(_only_file(store)).setting.stage == "primary"


async def test_enter_without_a_stage_says_what_to_do(
    stem: Framework, store: EvaluationStore
) -> None:
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"No Stage Yet", "enter")
        await pilot.pause()
        assert "choose your stage" in screen_text(app)
        focused = app.screen.focused
        assert focused is not None and focused.id == "stage"
        await pilot.press("ctrl+q")


async def test_c_opens_and_closes_the_challenge_questions(
    stem: Framework, store: EvaluationStore
) -> None:
    from textual.widgets import Collapsible

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        challenge = app.screen.query_one("#challenge", Collapsible)
        assert challenge.collapsed  # closed on a small terminal
        await pilot.press("c")
        assert not challenge.collapsed
        await pilot.press("e", *"c is a letter here")  # while typing, c types
        assert challenge.collapsed is False
        await pilot.press("escape", "c")
        assert challenge.collapsed
        await pilot.pause()
        first = stem.statements_for("primary")[0]
        assert first.text[:30] in screen_text(app)  # closed: back to the statement
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).answers[first.id].evidence == "c is a letter here"


def test_a_far_future_date_in_a_file_never_breaks_the_start_screen() -> None:
    from datetime import datetime, timedelta, timezone

    from selfeval.tui.widgets.saved import _local

    far = datetime(9999, 12, 31, 23, 59, 59, tzinfo=timezone(timedelta(hours=-12)))
    assert _local(far) == "31 Dec 9999 23:59"


@pytest.mark.parametrize("then", [["escape", "ctrl+q"], ["ctrl+q"], ["right", "ctrl+q"]])
async def test_a_burst_of_keys_after_w_lands_in_the_text(
    stem: Framework, store: EvaluationStore, then: list[str]
) -> None:
    """Rate 4, then `w`, "now we know" and Esc, Ctrl+Q or → in one burst (a fast typist, SSH,
    the browser while the app is busy): the rating stays 4 and every letter lands in the
    notes; `n` and `o` are text, not commands. The notes were saved from the box's change
    messages, so one still queued when Esc arrived was lost ('now we kno'); and Ctrl+Q, run
    as it arrives, quit before the keys queued ahead of it were handled."""
    from textual import events

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in [*"4wnow we know", *then]:  # posted at once: nothing is handled in between
            app.post_message(events.Key("space" if key == " " else key, _character(key)))
        # the burst's own Ctrl+Q quits (not the test's end); a busy machine takes longer
        assert await until(pilot, lambda: app.return_code is not None, seconds=60)
    first = stem.statements_for("primary")[0].id
    saved = load_evaluation(session.path).answers[first]
    assert (saved.rating, saved.notes, saved.not_applicable) == (4, "now we know", False)


def _character(key: str) -> str | None:
    return " " if key == "space" else key if len(key) == 1 else None


@pytest.mark.parametrize(("forward", "clicked"), [("right", False), ("enter", True)])
async def test_ratings_and_moves_in_one_burst_land_on_their_own_statements(
    stem: Framework, store: EvaluationStore, forward: str, clicked: bool
) -> None:
    """Typed "5 → 4 → 3 ← n" faster than the screen redraws (a quick rater, a paste, SSH, the
    browser): each rating lands on the statement it was typed on, as if typed slowly. The
    moves were key bindings, run after the ratings already queued behind them: 4 overwrote 5
    on the first statement."""
    from textual import events

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        if clicked:  # the page, not the choices, has focus
            await pilot.click("#statement")
            assert app.screen.focused is app.screen.query_one("#body")
        for key in ["5", forward, "4", forward, "3", "left", "n"]:  # at once
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        second = stem.statements_for("primary")[1].id
        # the burst's last key handled (a busy machine takes its time), then quit
        assert await until(pilot, lambda: session.answer(second).not_applicable, 30)
        await pilot.press("ctrl+q")
    ids = [s.id for s in stem.statements_for("primary")]
    answers = load_evaluation(session.path).answers
    assert answers[ids[0]].rating == 5
    assert answers[ids[1]].not_applicable  # 4, then back from the third and n
    assert answers[ids[2]].rating == 3


@pytest.mark.parametrize("box_open", [True, False])
async def test_editing_keys_in_a_burst_edit_where_they_were_typed(
    stem: Framework, store: EvaluationStore, box_open: bool
) -> None:
    """Typing evidence quickly with a correction ("abc⌫d", a browser sending keys while a save
    waits on the disk): Backspace, arrows and Delete act where they were typed, not after the
    letters typed behind them (Textual ran them later: textual#6605)."""
    from textual import events

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        if box_open:
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen.focused, TextArea)
        keys = [*"abc", "backspace", "d", "left", "left", "delete", "e"]
        for key in keys if box_open else ["e", *keys]:  # at once (with `e`, before it opens)
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        box = app.screen.query_one("#evidence", TextArea)
        # the burst handled (a busy machine takes its time), then the text is saved on leaving
        assert await until(pilot, lambda: box.text == "aed", 30), box.text
        await pilot.press("escape", "ctrl+q")
    first = stem.statements_for("primary")[0].id
    assert load_evaluation(session.path).answers[first].evidence == "aed"


async def test_start_refusal_shows_on_a_small_screen(
    stem: Framework, store: EvaluationStore
) -> None:
    """At 80x24 the form runs past the bottom of the window; Start, and a message beside it,
    stay on screen below the form (Start was below the fold), and the message is shown as a
    notice too."""
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        form = app.screen.query_one("#start")
        assert form.virtual_size.height > form.size.height  # the form does not fit
        begin = app.screen.query_one("#begin")
        assert begin.region.height > 0 and begin.region.bottom <= 23  # above the footer
        app.screen.show_error("Oakfield is open in another window")
        await pilot.pause()
        assert "Oakfield is open in another window" in notifications(app)
        error = app.screen.query_one("#start-error", Static)
        assert error.region.y < 24 and error.region.height > 0
        assert "f1 Help" in screen_text(app) or "f1Help" in screen_text(app).replace(" ", "")
        await pilot.press("f1")
        await pilot.pause()
        assert "Help" in type(app.screen).__name__
        await pilot.press("ctrl+q")


async def test_a_colleague_gives_their_own_view_from_the_start_screen(
    stem: Framework, store: EvaluationStore
) -> None:
    from textual.widgets import Collapsible

    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not app.screen.query("#role")  # made when first opened, not before
        app.screen.query_one("#name", Input).value = "Kilbride Primary"
        app.screen.query_one("#stage-primary", RadioButton).value = True
        app.screen.query_one("#own-view", Collapsible).collapsed = False
        assert await until(pilot, lambda: bool(app.screen.query("#role")))
        app.screen.query_one("#role", Input).focus()
        await pilot.press(*"P5 teacher", "enter")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("4")
        await pilot.press("ctrl+q")
    path = _only_file(store)
    assert path.name.endswith(".p5-teacher.toml")
    saved = load_evaluation(path)
    assert saved.contributor is not None and saved.contributor.role == "P5 teacher"
    assert saved.contributor.name is None  # anonymous: no name is added


async def test_the_footer_rebuilds_its_keys_only_when_they_change(
    stem: Framework, store: EvaluationStore
) -> None:
    """Screens report their bindings changed several times as they open; the footer keeps its
    key widgets while the keys it would show are the same as those it shows, and rebuilds them
    when they are not (here: as if it had shown other keys before)."""
    from textual.widgets._footer import FooterKey

    from selfeval.tui.widgets.key_footer import KeyFooter

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        keys = list(footer.query(FooterKey))
        assert {k.description for k in keys} >= {"Back", "Help", "Agree", "Export"}
        app.screen.refresh_bindings()  # "the bindings changed": the footer is asked to rebuild
        await pilot.pause()
        assert list(footer.query(FooterKey)) == keys  # the very same widgets
        footer._shown = ("other keys",)
        app.screen.refresh_bindings()
        await pilot.pause()
        rebuilt = list(footer.query(FooterKey))
        assert rebuilt and not set(rebuilt) & set(keys)
        assert [k.description for k in rebuilt] == [k.description for k in keys]


async def test_a_stage_s_own_choices_appear_with_it_and_keep_their_answer(
    stem: Framework, store: EvaluationStore
) -> None:
    """The ages (special schools) and the quality indicators (nurseries) are asked only once
    their stage is chosen, are built then (not at start), and keep what was chosen when the
    stage is changed and changed back."""
    app = make_app(stem, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert not screen.query(".ages, .qis")  # nothing built before a stage is chosen

        async def choose(stage: str) -> None:
            screen.query_one(f"#stage-{stage}", RadioButton).value = True
            await pilot.pause()

        def shown() -> set[str]:
            return {str(box.id) for box in screen.query(".ages, .qis") if box.display}

        await choose("asn")
        assert shown() == {"ages-of-asn"}
        screen.query_one("#age-all-through", RadioButton).value = True
        await choose("elc")
        assert shown() == {"qis-of-elc"}
        await choose("asn")
        assert shown() == {"ages-of-asn"}
        assert screen.query_one("#age-all-through", RadioButton).value
        await choose("primary")
        assert shown() == set()


def test_footer_keys_are_shortened_then_left_out_in_order_until_they_fit() -> None:
    from selfeval.tui.widgets.key_footer import fit_keys

    keys = [("help", "?", "Help"), ("more", "m", "Many more words"), ("extra", "x", "Extra")]
    assert fit_keys(keys, 80, {}, ()) == [
        ("help", "Help"),
        ("more", "Many more words"),
        ("extra", "Extra"),
    ]
    # "? Help m Many more words x Extra" is 32 columns: at 31, the short label first
    assert fit_keys(keys, 31, {"more": "More"}, ("extra",)) == [
        ("help", "Help"),
        ("more", "More"),
        ("extra", "Extra"),
    ]
    assert fit_keys(keys, 13, {"more": "More"}, ("extra", "more")) == [
        ("help", "Help"),
        ("more", "More"),
    ]
    assert fit_keys(keys, 6, {"more": "More"}, ("extra", "more")) == [("help", "Help")]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 30), (160, 45)])
async def test_every_footer_key_is_shown_whole_at_any_width(
    stem: Framework, store: EvaluationStore, size: tuple[int, int]
) -> None:
    """At 80 columns the statement screen's keys were wider than the window and the footer
    cut the last one to a bare "c": every key shown is whole, within the width, on each
    screen; Help, Quit and the challenge questions' key are always among them."""
    from textual.widgets._footer import FooterKey

    from selfeval.tui.widgets.key_footer import KeyFooter

    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=size) as pilot:
        for key, leave in [("", ""), ("o", "escape"), ("r", "escape"), ("u", "escape")]:
            if key:
                await pilot.press(key)
            await pilot.pause()
            keys = list(app.screen.query_one(KeyFooter).query(FooterKey))
            width = sum(len(k.key_display) + len(k.description) + 2 for k in keys) - 1
            assert width <= size[0], [(k.key_display, k.description) for k in keys]
            assert all(k.region.right <= size[0] for k in keys)
            if not key:
                shown = {k.key_display: k.description for k in keys}
                assert {"?", "^q", "c"} <= shown.keys()
                assert shown["c"] == ("Challenge questions" if size[0] >= 120 else "Challenge")
            if leave:
                await pilot.press(leave)


async def test_not_applicable_is_refused_where_every_setting_must_answer(
    stem: Framework, store: EvaluationStore
) -> None:
    """Said under the statement, not offered to the mouse, refused by key with why."""
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    session.rate("stem-1.1-06", 4)
    session.move_to("stem-1.1-06")
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert isinstance(app.screen, StatementScreen)
        assert app.screen.statement_id == "stem-1.1-06"
        await pilot.press("n")
        assert await until(pilot, lambda: "Every setting must answer" in notifications(app))
        choices = list(app.screen.query(".choice").results(Choice))
        assert choices[-1].value == "na" and not choices[-1].display  # not offered to click
        assert choices[2].has_class("-chosen")  # the rating stands
        assert "Every setting must answer this statement" in screen_text(app)  # said up front
        await pilot.press("right")  # the next statement may be marked not applicable
        assert await until(pilot, lambda: bool(choices[-1].display))
        await pilot.press("ctrl+q")
    answer = load_evaluation(session.path).answer("stem-1.1-06")
    assert answer.rating == 4 and not answer.not_applicable


async def test_not_applicable_asks_why_in_the_evidence_box(
    stem: Framework, store: EvaluationStore
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        question = app.screen.query_one("#evidence-question", Static)
        assert str(question.render()) == "How do we know?"
        await pilot.press("n")  # marks the first statement not applicable and stays on it
        assert await until(pilot, lambda: "does not apply" in str(question.render()))
        await pilot.press("e", *"No lab", "escape")
        await pilot.press("4")  # rated after all: the reason is kept, but is not evidence
        assert await until(pilot, lambda: str(question.render()) == "How do we know?")
        box = app.screen.query_one("#evidence", TextArea)
        assert box.text == ""
        await pilot.press("n")  # and back: the reason is there again
        assert await until(pilot, lambda: box.text == "No lab")
        await pilot.press("ctrl+q")
    first = stem.statements_for("primary")[0].id
    answer = load_evaluation(session.path).answer(first)
    assert (answer.not_applicable, answer.why_not_applicable, answer.evidence) == (
        True,
        "No lab",
        "",
    )


async def test_agreeing_above_a_safeguarding_failure_is_warned(
    stem: Framework, store: EvaluationStore
) -> None:
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for sid, value in zip(("stem-2.1-01", "stem-2.1-02", "stem-2.1-03", "stem-2.1-04"),
                          (6, 6, 1, 6), strict=True):  # fmt: skip
        rate_with_evidence(session, sid, value)
    app = make_app(stem, store, session)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert "2 weak URGENT" in screen_text(app)
        await pilot.press(*["down"] * 5, "6")  # QI 2.1, the sixth row
        assert await until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        warning = str(app.screen.query_one("#reason-warning", Static).render())
        assert "an inspector would not accept more than 2 weak" in warning
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert load_evaluation(session.path).qi["safe-stem"].confirmed == 6  # the team decides
