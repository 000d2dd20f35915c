"""The action plan in the app: adopt next steps, fill in who, when and how we will know, write
our own actions, set targets, export for Word (and, in a browser, download it). Every change is
read back from the saved file, as the next session would."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Select, SelectionList, Static

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.app import SelfevalApp
from selfeval.tui.screens.action_editor import ActionEditor
from selfeval.tui.screens.action_plan import ActionPlanScreen
from selfeval.tui.screens.confirm import ConfirmScreen
from selfeval.tui.screens.next_steps import NextStepsScreen
from selfeval.tui.screens.results import ResultsScreen
from selfeval.tui.screens.target import TargetScreen

from .conftest import REPO
from .tui_helpers import notifications, screen_text, until

SIZE = (100, 40)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture
def session(stem: Framework, tmp_path: Path) -> EvaluationSession:
    """A primary school that rated every QI 1.1 statement weak, so next steps are offered."""
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for statement in stem.sections[0].statements:
        if statement.applies_to("primary"):
            session.rate(statement.id, 2)
    return session


def _saved(session: EvaluationSession) -> Any:
    return load_evaluation(session.path)


async def _results(pilot: Any) -> None:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ResultsScreen)


async def _type(pilot: Any, field: str, text: str) -> None:
    """Move to *field* and type over what it holds (focus selects a field's all, as for a
    person; what we will do is a wrapping box, emptied first)."""
    from textual.widgets import TextArea

    box = pilot.app.screen.query_one(f"#{field}")
    box.focus()
    if isinstance(box, TextArea):
        box.select_all()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()
    assert (box.text if isinstance(box, TextArea) else box.value) == text


async def test_adopt_a_next_step_and_fill_in_its_details(
    stem: Framework, session: EvaluationSession
) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NextStepsScreen)
        offered = app.screen.qi.next_steps
        assert offered
        await pilot.press("space")
        await pilot.pause()
        (adopted,) = _saved(session).actions
        assert adopted.source == offered[0].action_id and adopted.text == offered[0].text
        assert "in plan: " in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ActionEditor)
        assert "What will be better for learners?" in screen_text(app)  # a school's words
        await _type(pilot, "lead", "Ms Rahman [depute]")
        await _type(pilot, "due", "June 2027")
        await _type(pilot, "measure", "8 of 10 | visits")
        (action,) = _saved(session).actions
        assert (action.lead, action.due, action.measure) == (
            "Ms Rahman [depute]",
            date(2027, 6, 30),
            "8 of 10 | visits",
        )
        await _type(pilot, "due", "soonish")
        error = str(app.screen.query_one("#form-error", Static).render())
        assert "'soonish' is not a date" in error and "the last date saved is kept" in error
        assert _saved(session).actions[0].due == date(2027, 6, 30)
        await pilot.press("escape")
        await pilot.pause()
        # taking out an action with details asks first; n keeps it
        app.screen.query_one(SelectionList).highlighted = 0
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert len(_saved(session).actions) == 1
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert _saved(session).actions == []
        await pilot.press("escape")
        await pilot.pause()
        detail = str(app.screen.query_one("#qi-detail", Static).render())
        assert "✓" not in detail and "    in our action plan" not in detail
        await pilot.press("ctrl+q")


async def test_text_and_tabs_typed_in_one_burst_fill_their_own_fields(
    stem: Framework, session: EvaluationSession
) -> None:
    """Typed "outcome, Tab, lead" faster than the app redraws (a quick typist, the browser):
    each text lands in its own field, and Tabs move as many fields as pressed. Tab was a key
    binding, run after the letters queued behind it, so both texts went into the outcome."""
    from textual import events

    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("space", "d")
        await pilot.pause()
        assert isinstance(app.screen, ActionEditor)
        app.screen.query_one("#outcome", Input).focus()
        await pilot.pause()
        for key in [*"More", "tab", *"Ms R", "tab", "shift+tab", "shift+tab"]:  # at once
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        outcome = app.screen.query_one("#outcome", Input)
        assert await until(pilot, lambda: app.screen.focused is outcome, 30)  # the last key
        assert await until(pilot, lambda: _saved(session).actions[0].lead == "Ms R", 30)
        (action,) = _saved(session).actions
        assert (action.outcome, action.lead) == ("More", "Ms R")
        assert app.screen.focused is app.screen.query_one("#outcome", Input)
        app.screen.query_one("#lead", Input).focus()
        await pilot.pause()
        for key in ["end", *"abc", "backspace", "d", "left", "left", "delete", "e"]:  # at once
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        lead = app.screen.query_one("#lead", Input)
        assert await until(pilot, lambda: lead.value == "Ms Raed", 30), lead.value  # in order
        assert await until(pilot, lambda: _saved(session).actions[0].lead == "Ms Raed", 30)
        await pilot.press("ctrl+q")


async def test_own_action_from_the_action_plan_screen(
    stem: Framework, session: EvaluationSession
) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ActionPlanScreen)
        assert "No actions yet" in screen_text(app)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ActionEditor)
        await _type(pilot, "lead", "P5 teacher")
        assert _saved(session).actions == []  # nothing to save until it says what we will do
        assert "Type what we will do" in str(app.screen.query_one("#form-error", Static).render())
        await _type(pilot, "text", "Family STEM morning")
        app.screen.query_one("#qi", Select).value = "curriculum"
        await pilot.pause()
        (own,) = _saved(session).actions
        assert (own.text, own.lead, own.qi, own.source) == (
            "Family STEM morning",
            "P5 teacher",
            "curriculum",
            None,
        )
        await pilot.press("escape")
        await pilot.pause()
        assert "Family STEM morning" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert _saved(session).actions == []
        await pilot.press("ctrl+q")


async def test_a_nursery_s_plan_names_each_action_s_qi(stem: Framework, tmp_path: Path) -> None:
    """ELC quality indicators have titles, not numbers: the plan's QI column shows the start
    of the title (it was empty); an action's outcome asks what will be better for children."""
    from selfeval.evaluation.actions import Action

    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, stem, Setting(name="Wee Acorns", stage="elc"))
    key = next(g.key for g in stem.groups("elc", None) if g.asked)
    session.save_action(Action(id="own-1", qi=key, text="Family STEM morning"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await _results(pilot)
        await pilot.press("p")
        await pilot.pause()
        row = app.screen.query_one("#actions", DataTable).get_row_at(0)
        assert str(row[0]).startswith("Leadership")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionEditor)
        assert "What will be better for children?" in screen_text(app)
        await pilot.press("ctrl+q")


async def test_set_and_remove_a_target(stem: Framework, session: EvaluationSession) -> None:
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TargetScreen)
        assert "how good can we be?" in screen_text(app)
        app.screen.query_one("#target-level", Select).value = 4
        await pilot.pause()
        await _type(pilot, "target-by", "30/6/2027")
        target = _saved(session).targets["self-evaluation"]
        assert (target.level, target.by) == (4, date(2027, 6, 30))
        app.screen.query_one("#target-level", Select).focus()  # back: typing replaces it all
        await _type(pilot, "target-by", "soonish")  # said beside the form; the date kept
        error = str(app.screen.query_one("#form-error", Static).render())
        assert error.startswith("By when: 'soonish' is not a date")
        assert _saved(session).targets["self-evaluation"].by == date(2027, 6, 30)
        await pilot.press("escape")
        await pilot.pause()
        detail = str(app.screen.query_one("#qi-detail", Static).render())
        assert "Our target: 4 good by 30 June 2027" in detail
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert _saved(session).targets == {}
        await pilot.press("ctrl+q")


async def test_export_in_a_browser_downloads_the_word_file(
    stem: Framework, session: EvaluationSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[Path] = []
    monkeypatch.setattr(SelfevalApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(
        SelfevalApp, "deliver_binary", lambda self, path, **kw: delivered.append(Path(path))
    )
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await _results(pilot)
        await pilot.press("x")
        assert await until(
            pilot, lambda: "Your browser is downloading the Word file" in notifications(app), 60
        )
        await pilot.press("ctrl+q")
    assert delivered == [session.path.with_suffix(".plan.docx")]
    assert delivered[0].read_bytes().startswith(b"PK")


async def test_statuses_are_whole_at_80_columns_and_the_texts_fit_the_screen(
    stem: Framework, session: EvaluationSession
) -> None:
    """At 80 columns the status column read "planne" (the table ran off the screen): now the
    QI, date and status are whole and what we will do and the lead are shortened to fit, at
    any width, and again when the window is resized."""
    from selfeval.evaluation.actions import ACTION_STATUSES, Action

    text = "Develop a whole-school approach to tracking STEM participation across all stages"
    for n, status in enumerate(ACTION_STATUSES, 1):
        session.save_action(
            Action(
                id=f"a{n}",
                qi="self-evaluation",
                text=text,
                lead="Depute headteacher (curriculum and STEM)",
                due=date(2027, 12, 31),
                status=status,
            )
        )
    app = make_app(stem, session.store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await _results(pilot)
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, ActionPlanScreen))
        table = app.screen.query_one("#actions", DataTable)
        await pilot.press("down", "down")
        for width in (80, 100, 160, 80):
            await pilot.resize_terminal(width, 24)
            assert await until(pilot, lambda: table.virtual_size.width <= table.size.width)
            shown = screen_text(app)
            for words in ACTION_STATUSES.values():
                assert f"31/12/2027  {words}" in shown  # whole, after a whole date
            assert table.cursor_row == 2  # still on the action chosen
        assert text not in screen_text(app)  # shortened at 80 (whole in the action itself)
        await pilot.resize_terminal(160, 24)
        assert await until(pilot, lambda: text in screen_text(app))
        await pilot.press("ctrl+q")


async def test_an_adopted_steps_whole_sentence_is_in_view_at_80_columns(
    stem: Framework, session: EvaluationSession
) -> None:
    """A next step's sentence is longer than the form is wide: its box wraps, so the start of
    the sentence is in view (a one-line box showed only its end), Enter moves on rather than
    breaking the line, and an edit saves the sentence as one line."""
    from textual.widgets import TextArea

    app = make_app(stem, session.store, session)
    async with app.run_test(size=(80, 24)) as pilot:
        await _results(pilot)
        await pilot.press("a", "space", "d")
        assert await until(pilot, lambda: isinstance(app.screen, ActionEditor))
        box = app.screen.query_one("#text", TextArea)
        assert len(box.text) > box.content_size.width  # longer than one line
        assert box.content_size.height >= box.wrapped_document.height
        assert box.scroll_offset.y == 0
        assert box.text.split()[0] in screen_text(app)
        await pilot.press("enter")
        assert await until(pilot, lambda: app.screen.focused is not box)
        assert "\n" not in box.text
        box.focus()
        await pilot.press("home", "end", "!")  # End: the sentence's, not its first line's
        assert await until(pilot, lambda: _saved(session).actions[0].text.endswith("!"))
        await pilot.press("ctrl+q")


async def test_the_next_steps_line_says_the_save_a_form_made(
    stem: Framework, session: EvaluationSession
) -> None:
    """The next steps' "Saved" line kept the time of its own last save after the details
    form saved later ones: on coming back it says the latest save."""
    from selfeval.tui.widgets.save_status import SaveStatus

    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("a", "space")
        assert await until(pilot, lambda: bool(_saved(session).actions))
        steps = app.screen
        steps.query_one(SaveStatus).update("an old line")
        await pilot.press("d")
        assert await until(pilot, lambda: isinstance(app.screen, ActionEditor))
        await _type(pilot, "lead", "Mr Byrne")
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is steps)
        line = str(steps.query_one(SaveStatus).render())
        assert session.saved_at is not None
        assert line.startswith("✓ Saved " + session.saved_at.astimezone().strftime("%H:%M:%S"))
        await pilot.press("ctrl+q")


async def test_the_results_keys_are_said_once_in_the_sentence_the_footer_and_the_help(
    stem: Framework, session: EvaluationSession
) -> None:
    """The results screen's sentence named its keys by hand and its help listed the statement
    screen's: both now come from the table its bindings and footer are built from, so every
    key the sentence names works, and ? lists this screen's keys."""
    from selfeval.tui.screens.help import HelpScreen
    from selfeval.tui.screens.results_keys import RESULTS_KEYS

    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        top = " ".join(str(app.screen.query_one("#where", Static).render()).split())
        bound = set(app.screen._bindings.key_to_bindings)
        for key in RESULTS_KEYS:
            if key.said:
                assert f"{key.named.format(low=1, high=6)} {key.said}" in top
                assert key.keys.split(",")[0] in bound
        assert "Press c to agree with it; 1 to 6 to choose your own level;" in top
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = screen_text(app)
        assert "agree with the suggested level" in shown and "type evidence" not in shown
        await pilot.press("escape")
        await pilot.press("ctrl+q")


async def test_the_remove_key_is_the_same_above_the_table_and_in_the_footer(
    stem: Framework, session: EvaluationSession
) -> None:
    """A trial: the line above the table said "d removes one", the footer "del Remove"."""
    from textual.widgets._footer import FooterKey

    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        await _results(pilot)
        await pilot.press("p")
        assert await until(pilot, lambda: isinstance(app.screen, ActionPlanScreen))
        assert await until(pilot, lambda: bool(app.screen.query(FooterKey)))
        remove = next(k for k in app.screen.query(FooterKey) if k.description == "Remove")
        said = str(app.screen.query_one("#where", Static).render())
        assert f"{remove.key_display} or Delete to remove one" in said, (remove.key_display, said)
        await pilot.press("ctrl+q")


@pytest.mark.parametrize("screen", ["plan", "overview", "review"])
async def test_help_on_each_screen_lists_that_screens_keys(
    stem: Framework, session: EvaluationSession, screen: str
) -> None:
    """? on the action plan, the overview and the review listed the statement screen's keys
    (how to rate, type evidence), none of their own; the action plan's line above the table
    named no x. Each screen's bindings, footer, help and top sentence now come from one table,
    so every key it binds is in its help and every key its sentence names is bound."""
    from importlib import import_module

    from selfeval.tui.screens.help import HelpScreen

    module = import_module(f"selfeval.tui.screens.{ {'plan': 'action_plan'}.get(screen, screen) }")
    app = make_app(stem, session.store, session)
    async with app.run_test(size=SIZE) as pilot:
        if screen == "plan":
            await _results(pilot)
        await pilot.press({"plan": "p", "overview": "o", "review": "u"}[screen])
        assert await until(pilot, lambda: type(app.screen).__module__ == module.__name__)
        top = " ".join(str(app.screen.query_one("#where", Static).render()).split())
        bound = set(app.screen._bindings.key_to_bindings)
        for key in module.KEYS:
            assert not key.keys or key.keys.split(",")[0] in bound
            if key.said and screen != "review":  # the review's top counts what is left
                assert f"{key.named} {key.said}" in top
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))

        def squeezed(text: str) -> str:  # where the help wraps, lines run on past its border
            return re.sub(r"[\s█▀▄]", "", text)

        shown = squeezed(screen_text(app))
        assert "typeevidence" not in shown
        for key in module.KEYS:
            assert squeezed(key.help) in shown
        await pilot.press("escape")
        await pilot.press("ctrl+q")
