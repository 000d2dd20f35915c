"""Handing in from the app and hearing back in it (issue 34): the results screen's hand-in
dialog (the inbox offered from the settings file, remembered after a hand-in, a refused inbox
leaving the evaluation as it was) and the authority's feedback shown on the results screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore
from selfeval.evaluation.reading import open_for_reading
from selfeval.files.remember import remember, remembered
from selfeval.report.handing_in import typed_folder
from selfeval.tui import make_app
from selfeval.tui.screens.hand_in import HandInScreen
from selfeval.tui.screens.results import ResultsScreen

from .conftest import DATA
from .tui_helpers import notifications, screen_text, until

PRIMARY = "balmuir-primary-school.stem.2026-27.toml"


@pytest.fixture
def school(tmp_path: Path) -> Path:
    folder = tmp_path / "school"
    folder.mkdir()
    return Path(shutil.copy(DATA / "golden" / "evaluations" / PRIMARY, folder))


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox" / "Balmuir Primary"
    folder.mkdir(parents=True)
    return folder


def _app(file: Path):  # type: ignore[no-untyped-def]
    _, framework = open_for_reading(file, None)
    store = EvaluationStore(file.parent)
    session = EvaluationSession.open(store, framework, file)
    return make_app(framework, store, session), session


async def _results(pilot, app) -> ResultsScreen:  # type: ignore[no-untyped-def]
    await pilot.press("r")
    assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen), 30)
    screen = app.screen
    assert isinstance(screen, ResultsScreen)
    return screen


async def test_hand_in_from_the_results_screen_is_remembered(school: Path, inbox: Path) -> None:
    app, session = _app(school)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _results(pilot, app)
        await pilot.press("h")
        assert await until(pilot, lambda: isinstance(app.screen, HandInScreen))
        assert "Hand in to your authority" in screen_text(app)
        assert "Not finished: 82 of 98 statements answered" in screen_text(app)
        await pilot.press(*str(inbox))
        await pilot.press("enter")  # what is unfinished is asked about: Enter again hands in
        assert await until(pilot, lambda: "Enter again hands in all the same" in screen_text(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: "Handed in as version 1" in notifications(app), 60)
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("h")  # the second time, the inbox is offered: Enter hands in
        assert await until(pilot, lambda: isinstance(app.screen, HandInScreen))
        said = " ".join(str(app.screen.query_one("#hand-in-before").render()).split())
        assert "Handed in once before (last as version 1" in said
        assert "This will be version 2" in said and "Nothing has changed since version 1" in said
        await pilot.press("enter", "enter")
        assert await until(pilot, lambda: "Handed in as version 2" in notifications(app), 60)
    first = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    assert first.is_file() and first.with_suffix(".plan.docx").is_file()
    assert [s.version for s in session.evaluation.submissions] == [1, 2]
    assert remembered("authority", "inbox") == str(inbox.absolute())
    assert b"submitted-2.toml" in school.read_bytes()  # recorded in the evaluation's file


@pytest.mark.parametrize("wrong", ["missing", "a file"])
async def test_a_refused_inbox_leaves_the_evaluation_unchanged(
    school: Path, tmp_path: Path, wrong: str
) -> None:
    target = tmp_path / "Council inbox"
    if wrong == "a file":
        target.write_text("not a folder")
    app, session = _app(school)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _results(pilot, app)
        before = school.read_bytes()  # as opened (an older file is brought up to date)
        await pilot.press("h")
        assert await until(pilot, lambda: isinstance(app.screen, HandInScreen))
        await pilot.press(*f'"{target}"')  # quoted, as Windows' "Copy as path" gives it
        await pilot.press("enter")
        assert await until(pilot, lambda: "evaluation is unchanged" in screen_text(app), 30)
        said = screen_text(app)
        assert ("does not exist" if wrong == "missing" else "is a file, not a folder") in said
        assert isinstance(app.screen, HandInScreen)  # still open, to put it right
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        assert school.read_bytes() == before
    assert session.evaluation.submissions == []
    assert remembered("authority", "inbox") is None


async def test_the_results_screen_shows_the_feedback(school: Path, inbox: Path) -> None:
    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    officer = ["--by", "Quality improvement officer"]
    said = ["--text", "A clear, honest evaluation.", "--qi", "1.3", "--text", "Say how you know."]
    app, _ = _app(school)
    async with app.run_test(size=(120, 40)) as pilot:
        await _results(pilot, app)
        await pilot.press("escape")  # the officer writes while the school has the app open
        assert main(["feedback", str(submitted), *officer, *said, "--validated"]) == 0
        screen = await _results(pilot, app)
        assert await until(pilot, lambda: "A clear, honest evaluation" in screen_text(app), 30)
        text = screen_text(app)
        assert "Feedback from Quality improvement officer" in text
        assert "Validated by Quality improvement officer" in text
        table = screen.query_one("#qis")
        while "QI 1.3" not in screen_text(app) or "Say how you know" not in screen_text(app):
            await pilot.press("down")
            assert table.cursor_row < 20, "QI 1.3's feedback never shown"  # type: ignore[attr-defined]
        assert "(validated)" in screen_text(app)


def test_remembering_keeps_the_rest_of_the_settings_file(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("# mine\n[plan]\ntemplate = 'council.docx'  # the council's\n")
    remember("authority", "inbox", "C:\\Council\\Oakfield", settings)
    remember("authority", "officer", "Ms Gray", settings)
    remember("authority", "inbox", "S:/Inbox", settings)
    text = settings.read_text()
    assert text.startswith("# mine\n[plan]\ntemplate = 'council.docx'  # the council's\n")
    assert remembered("authority", "inbox", settings) == "S:/Inbox"
    assert remembered("authority", "officer", settings) == "Ms Gray"


def test_a_typed_folder_loses_its_quotes() -> None:
    assert typed_folder('  "C:\\Council\\Oakfield" ') == Path("C:\\Council\\Oakfield")
    assert typed_folder("   ") is None


def test_plain_hands_in_and_remembers_the_inbox(school: Path, inbox: Path) -> None:
    from .plain_helpers import talk

    typed = ["r", "h", str(inbox.parent / "nowhere"), "h", str(inbox), "y", "h", "", "y", "q"]
    code, said = talk(school.parent, typed, setting="Balmuir Primary School")
    assert code == 0, said
    assert "Not finished: 82 of 98 statements answered" in said  # said, and asked
    assert "Hand in all the same, as version 1? (y/n)" in said
    assert "Handed in once before (last as version 1" in said
    assert "Nothing has changed since version 1 (handed in " in said
    assert "Not handed in: the inbox" in said and "your evaluation is unchanged" in said
    assert "--to" not in said  # the command's example, not the prompt's
    assert "Handed in as version 1" in said and "Handed in as version 2" in said
    assert f"Enter hands in to {inbox.absolute()}" in said
    assert (inbox / "balmuir-primary-school.stem.2026-27.submitted-2.plan.docx").is_file()


def test_plain_says_the_feedback_with_the_results(school: Path, inbox: Path) -> None:
    from .plain_helpers import talk

    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    said = ["--by", "Ms Gray", "--qi", "1.3", "--text", "Say how you know.", "--validated"]
    assert main(["feedback", str(submitted), *said]) == 0
    code, heard = talk(school.parent, ["r", "q"], setting="Balmuir Primary School")
    assert code == 0, heard
    assert "Feedback from the authority on version 1" in heard
    assert (
        "Feedback from Ms Gray" in heard and "on QI 1.3" in heard and "Say how you know." in heard
    )
    assert "Validated by Ms Gray" in heard


def test_a_long_inbox_is_said_on_a_line_of_its_own(tmp_path: Path) -> None:
    from selfeval.authority.submission import check_inbox
    from selfeval.errors import SelfevalError
    from selfeval.tui.screens.hand_in import refused

    inbox = tmp_path / ("Shared Documents/Quality Improvement/" * 3) / "Kilburn Nursery"
    with pytest.raises(SelfevalError) as refusal:
        check_inbox(inbox)
    lines = refused(refusal.value, inbox, 64).splitlines()
    assert lines[0] == "Not handed in: the inbox"
    assert lines[1].startswith("…/") and lines[1].endswith("/Kilburn Nursery")
    assert len(lines[1]) <= 64 and lines[2] == "does not exist."
    assert "--to" not in "".join(lines) and lines[-1].endswith("your evaluation is unchanged.")


async def test_opening_a_handed_in_evaluation_says_the_feedback(school: Path, inbox: Path) -> None:
    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    said = ["--by", "Ms Gray", "--text", "A clear, honest evaluation.", "--qi", "1.3"]
    assert main(["feedback", str(submitted), *said, "--text", "Say how.", "--validated"]) == 0
    app, _ = _app(school)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert await until(pilot, lambda: "A clear, honest evaluation" in notifications(app), 30)
        told = notifications(app)
        assert "Validated by Ms Gray" in told and "Feedback on 1 quality indicator too" in told


async def test_the_feedback_notice_goes_once_at_the_results(school: Path, inbox: Path) -> None:
    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    said = ["--by", "Ms Gray", "--text", "A clear, honest evaluation.", "--qi", "1.3"]
    assert main(["feedback", str(submitted), *said, "--text", "Say how."]) == 0
    app, _ = _app(school)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert await until(pilot, lambda: "A clear, honest evaluation" in notifications(app), 30)
        await _results(pilot, app)  # where it points: the notice would cover each QI's
        assert await until(pilot, lambda: "A clear, honest" not in notifications(app))
        assert "A clear, honest evaluation" in screen_text(app)  # said on the screen itself


async def test_the_start_screen_says_handed_in_and_validated(school: Path, inbox: Path) -> None:
    from selfeval.tui.factory import make_start_app

    from .conftest import REPO
    from .tui_helpers import listed

    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    app = make_start_app(str(REPO / "frameworks" / "stem.toml"), school.parent)
    async with app.run_test(size=(200, 30)) as pilot:
        await listed(pilot)
        assert await until(pilot, lambda: "handed in (version 1)" in screen_text(app), 30)
    assert main(["feedback", str(submitted), "--by", "QIO", "--validated"]) == 0
    app = make_start_app(str(REPO / "frameworks" / "stem.toml"), school.parent)
    async with app.run_test(size=(200, 30)) as pilot:
        await listed(pilot)
        said = "handed in (version 1), validated"
        assert await until(pilot, lambda: said in screen_text(app), 30)


async def test_help_on_the_results_lists_the_keys_the_footer_leaves_out(school: Path) -> None:
    from selfeval.tui.screens.help import HelpScreen

    app, _ = _app(school)
    async with app.run_test(size=(80, 24)) as pilot:
        await _results(pilot, app)
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        rows = dict(help_screen.rows or [])
        assert rows["m"] == "mark the evaluation complete"
        assert rows["h"].startswith("hand in the evaluation") and rows["l"].startswith("the hist")


async def test_a_new_attempt_clears_the_last_refusal(
    school: Path, inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a wrong folder is put right, "Handing in…" is said alone, not under the last
    attempt's refusal or doubts (the writing is held until the dialog is looked at)."""
    import threading

    from textual.widgets import Input

    from selfeval.report.handing_in import hand_in_with_plan
    from selfeval.tui.screens import hand_in

    looked = threading.Event()
    real = hand_in_with_plan

    def held(*args):  # type: ignore[no-untyped-def]
        looked.wait(30)
        return real(*args)

    monkeypatch.setattr(hand_in, "hand_in_with_plan", held)
    app, _ = _app(school)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _results(pilot, app)
        await pilot.press("h")
        assert await until(pilot, lambda: isinstance(app.screen, HandInScreen))
        await pilot.press(*str(tmp_path / "missing"), "enter")
        assert await until(pilot, lambda: "does not exist" in screen_text(app), 30)
        app.screen.query_one(Input).value = str(inbox)
        await pilot.press("enter")  # what is unfinished is asked about: Enter again hands in
        assert await until(pilot, lambda: "Enter again hands in all the same" in screen_text(app))
        await pilot.press("enter")
        assert await until(pilot, lambda: "Handing in…" in screen_text(app))
        said = screen_text(app)
        error = str(app.screen.query_one("#complete-error").render()).strip()
        looked.set()
        assert "does not exist" not in said and "not finished" not in said and not error
        assert await until(pilot, lambda: "Handed in as version 1" in notifications(app), 60)
