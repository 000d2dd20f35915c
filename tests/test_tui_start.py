"""The start screen on a folder of saved evaluations: drawn before any is read, then listing
the most recent, with a box to find the others in a large folder."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.evaluation.store import Stored
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.screens.start import StartScreen
from selfeval.tui.screens.statement import StatementScreen
from selfeval.tui.widgets.saved import SHOWN

from .conftest import REPO
from .tui_helpers import listed, screen_text, until


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _saved(store: EvaluationStore, stem: Framework, names: Iterable[str]) -> None:
    for name in names:
        EvaluationSession.start(store, stem, Setting(name=name, stage="primary")).close()


async def test_the_start_screen_is_drawn_before_the_folder_is_read(
    tmp_path: Path, stem: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a slow shared drive, or a folder of thousands, the screen is there (and the name
    box takes typing) while the evaluations are still being read; they are listed after."""
    store = EvaluationStore(tmp_path / "responses")
    _saved(store, stem, ["Oakfield Primary"])
    release = threading.Event()
    read = EvaluationStore.read

    def slow_read(self: EvaluationStore, paths: Iterable[Path]) -> Sequence[Stored]:
        assert release.wait(60), "the test never let the folder be read"
        return read(self, paths)

    monkeypatch.setattr(EvaluationStore, "read", slow_read)
    app = make_app(stem, store)
    async with app.run_test(size=(100, 40)) as pilot:
        start = app.screen
        assert isinstance(start, StartScreen)
        await pilot.pause()
        assert "Reading the evaluations saved in this folder" in screen_text(app)
        assert not start.listed
        await pilot.click("#name")
        await pilot.press(*"Kilbride")
        assert start.query_one("#name", Input).value == "Kilbride"
        release.set()
        await listed(pilot)
        assert "Oakfield Primary · Primary school" in screen_text(app)
        await pilot.press("ctrl+q")


async def test_a_large_folder_lists_the_most_recent_and_finds_the_others(
    tmp_path: Path, stem: Framework
) -> None:
    """More evaluations than the list shows: the most recently changed are listed, and the
    find box lists those whose name holds what is typed; Enter there goes to the list, and
    Enter on the list opens the evaluation."""
    store = EvaluationStore(tmp_path / "responses")
    _saved(store, stem, [f"School {n:03}" for n in range(SHOWN + 5)])
    app = make_app(stem, store)
    async with app.run_test(size=(100, 40)) as pilot:
        await listed(pilot)
        resume = app.screen.query_one("#resume", OptionList)
        assert resume.option_count == SHOWN
        assert f"The {SHOWN} most recently changed of {SHOWN + 5} are listed" in screen_text(app)
        assert "School 054" in str(resume.get_option_at_index(0).prompt)  # the newest first
        find = app.screen.query_one("#find", Input)
        assert find.display
        find.focus()
        await pilot.press(*"school 002")
        assert await until(pilot, lambda: resume.option_count == 1)
        assert "School 002" in str(resume.get_option_at_index(0).prompt)
        await pilot.press("enter")
        assert app.screen.focused is resume
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert app.session is not None
        assert app.session.evaluation.setting.name == "School 002"
        await pilot.press("ctrl+q")


async def test_a_small_folder_has_no_find_box(tmp_path: Path, stem: Framework) -> None:
    store = EvaluationStore(tmp_path / "responses")
    _saved(store, stem, ["Oakfield Primary", "Kilbride Primary"])
    app = make_app(stem, store)
    async with app.run_test(size=(100, 40)) as pilot:
        await listed(pilot)
        assert not app.screen.query_one("#find", Input).display
        assert app.screen.query_one("#resume", OptionList).option_count == 2
        await pilot.press("ctrl+q")


async def test_evaluations_of_another_framework_are_said_not_listed(
    tmp_path: Path, stem: Framework
) -> None:
    """An evaluation answered against another framework is not offered (its statements mean
    nothing here), and the screen says it is there and how to open it."""
    store = EvaluationStore(tmp_path / "responses")
    _saved(store, stem, ["Oakfield Primary"])
    core = load_framework(REPO / "frameworks" / "hgios4-core.toml")
    stage = core.stages[0].id
    EvaluationSession.start(store, core, Setting(name="Kilbride Primary", stage=stage)).close()
    app = make_app(stem, store)
    async with app.run_test(size=(120, 40)) as pilot:
        await listed(pilot)
        assert app.screen.query_one("#resume", OptionList).option_count == 1
        said = " ".join(screen_text(app).split())
        assert "answered against another framework: 1 of the 'hgios4-core' framework" in said
        assert "selfeval --framework hgios4-core" in said
        await pilot.press("ctrl+q")


def _focused(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    focused = app.screen.focused
    return f"{type(focused).__name__}#{focused.id}" if focused else "nothing"


@pytest.mark.parametrize("typed", ["Oak", "Oakfield Primary"])  # with and without schools listed
async def test_two_tabs_from_the_name_box_reach_start(
    tmp_path: Path, stem: Framework, typed: str
) -> None:
    """At 80x24 Start took four Tabs from the name box (the matching schools, the stage,
    'giving your own view?'): now the stage, then Start; what is optional comes after it."""
    app = make_app(stem, EvaluationStore(tmp_path / "responses"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*typed)
        matches = app.screen.query_one("#school-matches", OptionList)
        assert await until(pilot, lambda: matches.display == (typed == "Oak"))
        await pilot.press("tab")
        assert _focused(app) == "RadioSet#stage"
        await pilot.press("tab")
        assert _focused(app) == "Button#begin"
        await pilot.press("tab")
        assert _focused(app) == "CollapsibleTitle#None"  # "giving your own view?", after Start
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert _focused(app) == "Input#name"
        await pilot.press("ctrl+q")


async def test_down_still_picks_a_school_and_tab_leaves_the_list_for_the_stage(
    tmp_path: Path, stem: Framework
) -> None:
    app = make_app(stem, EvaluationStore(tmp_path / "responses"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Kilb")
        matches = app.screen.query_one("#school-matches", OptionList)
        assert await until(pilot, lambda: matches.display)
        await pilot.press("down")
        assert app.screen.focused is matches
        await pilot.press("tab")
        assert _focused(app) == "RadioSet#stage"
        await pilot.press("shift+tab", "down", "enter")  # back to the name, ↓ to the list
        name = app.screen.query_one("#name", Input)
        assert await until(pilot, lambda: name.value == "Kilbarchan Primary School")
        assert _focused(app) == "Button#begin"  # the stage came with the school
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        await pilot.press("ctrl+q")
    assert app.session is not None
    assert app.session.evaluation.setting.seed_code is not None


async def test_enter_in_the_name_box_with_a_stage_chosen_starts(
    tmp_path: Path, stem: Framework
) -> None:
    """The stage chosen first, then the name typed: Enter there starts (the stage is not
    asked again); with no name yet, Enter says to type it."""
    app = make_app(stem, EvaluationStore(tmp_path / "responses"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", "down", "enter")  # the stage first: primary
        assert await until(pilot, lambda: _focused(app) == "Button#begin")
        await pilot.press("shift+tab", "shift+tab")
        assert _focused(app) == "Input#name"
        await pilot.press("enter")
        assert await until(pilot, lambda: "Type the name of your school" in screen_text(app))
        await pilot.press(*"Enterprise Primary", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        await pilot.press("ctrl+q")
    assert app.session is not None
    setting = app.session.evaluation.setting
    assert (setting.name, setting.stage) == ("Enterprise Primary", "primary")


async def test_a_long_folder_is_shown_whole_or_shortened_from_the_left(
    tmp_path: Path, stem: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is on a line of its own: whole where it fits, else its last folders after
    "…"; wrapped as words it broke at its spaces."""
    monkeypatch.chdir(tmp_path)  # a folder named from here, as `--responses` names it
    folder = Path("Shared drive/Quality improvement/Oakfield Primary School/2026-27/responses")
    app = make_app(stem, EvaluationStore(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "the folder …/Oakfield Primary School/2026-27/responses" in screen_text(app)
        await pilot.resize_terminal(160, 45)
        assert await until(pilot, lambda: f"the folder {folder}" in screen_text(app))
        await pilot.press("ctrl+q")


async def test_start_with_the_focus_says_what_enter_will_start(
    tmp_path: Path, stem: Framework
) -> None:
    """A focused button is shown only by its colour: a trial, the stage chosen with Enter,
    did not see that Start had the focus, tabbed on past it to the saved evaluations and
    opened last year's. Beside Start, once it has the focus, a line says what Enter starts;
    it goes when the focus does, and an error is never overwritten by it."""
    from textual.widgets import Static

    _saved(EvaluationStore(tmp_path / "responses"), stem, ["Ardbrae Primary"])
    app = make_app(stem, EvaluationStore(tmp_path / "responses"))
    async with app.run_test(size=(80, 24)) as pilot:
        await listed(pilot)
        said = app.screen.query_one("#start-error", Static)
        app.screen.query_one("#name", Input).focus()
        await pilot.press(*"Ardbrae Primary", "tab", "down", "enter")
        assert await until(pilot, lambda: _focused(app) == "Button#begin")
        assert await until(
            pilot, lambda: "Enter starts Ardbrae Primary's evaluation" in str(said.render())
        )
        await pilot.press("tab")
        assert await until(pilot, lambda: str(said.render()).strip() == "")
        app.screen.query_one("#name", Input).value = ""
        app.screen.query_one("#begin").focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: "Type the name" in str(said.render()))
        app.screen.query_one("#begin").focus()
        await pilot.pause()
        assert "Type the name" in str(said.render())
        await pilot.press("ctrl+q")


async def test_giving_ones_own_view_by_keys_alone(tmp_path: Path, stem: Framework) -> None:
    """The boxes for one's own view are made when the section is first opened (most never
    open it): Enter on its title opens it, Tab reaches the role, and Enter there starts the
    colleague's own file."""
    store = EvaluationStore(tmp_path / "responses")
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#role, #person")
        await pilot.press(*"Kilbride Primary", "tab", "down", "enter")  # primary: then Start
        assert await until(pilot, lambda: _focused(app) == "Button#begin")
        await pilot.press("tab", "enter")  # "giving your own view?" opened
        assert await until(pilot, lambda: bool(app.screen.query("#role")))
        await pilot.press("tab", *"P5 teacher", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        await pilot.press("ctrl+q")
    (path,) = store.folder.rglob("*.toml")
    assert path.name.endswith(".p5-teacher.toml")


async def test_with_saved_evaluations_the_form_is_made_after_the_first_frame(
    tmp_path: Path, stem: Framework
) -> None:
    """Where evaluations are saved, their list is at the top and the form for a new one below
    the fold: it is made once the screen is drawn. Keys pressed on the list before then are
    the list's (↓ here asked the form for its matching schools, before it was there)."""
    store = EvaluationStore(tmp_path / "responses")
    _saved(store, stem, ["Oakfield Primary"])
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, StartScreen)
        await pilot.press("down", "up", "tab")
        await listed(pilot)
        assert screen.ready
        screen.query_one("#name", Input).focus()
        await pilot.press(*"Kilbride Primary", "tab", "down", "enter", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        await pilot.press("ctrl+q")
    assert len(list(store.folder.glob("*.toml"))) == 2
