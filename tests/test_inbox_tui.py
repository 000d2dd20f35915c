"""The officer's inbox as an app (issue 34): `selfeval inbox INBOX` in a terminal lists the
submissions, opens one read-only, and writes the officer's feedback (two QIs, validated) into
their own file through the same code as `selfeval feedback`; the row then says so."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from selfeval.authority.feedback import read_feedback
from selfeval.cli import main
from selfeval.files.remember import remembered
from selfeval.tui.inbox.app import InboxApp
from selfeval.tui.inbox.forms import LineForm
from selfeval.tui.inbox.listing import InboxScreen
from selfeval.tui.inbox.submission import SubmissionScreen

from .conftest import DATA
from .tui_helpers import notifications, screen_text, until

PRIMARY = "balmuir-primary-school.stem.2026-27.toml"
BASE = "balmuir-primary-school.stem.2026-27.submitted-1"


@pytest.fixture
def handed_in(tmp_path: Path) -> tuple[Path, Path]:
    """A school's evaluation handed in to an inbox: (the school's file, the inbox)."""
    school = tmp_path / "school"
    school.mkdir()
    file = Path(shutil.copy(DATA / "golden" / "evaluations" / PRIMARY, school))
    inbox = tmp_path / "inbox"
    (inbox / "Balmuir").mkdir(parents=True)
    assert main(["submit", str(file), "--to", str(inbox / "Balmuir")]) == 0
    return file, inbox


async def _typed(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    assert await until(pilot, lambda: isinstance(app.screen, LineForm))
    form = app.screen
    await pilot.press(*text)
    await pilot.press("enter")
    assert await until(pilot, lambda: app.screen is not form)  # (the next form, maybe)


async def test_an_officer_writes_feedback_on_two_qis_and_validates(
    handed_in: tuple[Path, Path],
) -> None:
    school, inbox = handed_in
    submitted = inbox / "Balmuir" / f"{BASE}.toml"
    before = (school.read_bytes(), submitted.read_bytes())
    app = InboxApp(inbox)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "none yet" in screen_text(app), 30)
        assert "Balmuir Primary" in screen_text(app)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, SubmissionScreen))
        assert "read only" in screen_text(app).replace("\n", " ")
        await pilot.press("f")  # first, who the feedback is from (remembered)
        await _typed(pilot, "Quality improvement officer")
        await _typed(pilot, "Say how you know.")
        await pilot.press("down", "down", "f")
        await _typed(pilot, "Well evidenced.")
        await pilot.press("o")
        await _typed(pilot, "A clear, honest evaluation.")
        await pilot.press("v")  # asked first: n leaves it unvalidated
        assert await until(pilot, lambda: "Validate Balmuir Primary" in screen_text(app))
        await pilot.press("n")
        assert await until(pilot, lambda: "Not validated by you" in screen_text(app))
        await pilot.press("v")
        assert await until(pilot, lambda: "Validate Balmuir Primary" in screen_text(app))
        await pilot.press("y")
        assert await until(pilot, lambda: "Validated by you" in screen_text(app))
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, InboxScreen))
        assert await until(
            pilot, lambda: bool(re.search(r"validated +Balmuir/", screen_text(app))), 30
        )
    (written,) = (inbox / "Balmuir").glob(f"{BASE}.feedback.*.toml")
    feedback = read_feedback(written)
    assert feedback.by == "Quality improvement officer" and feedback.validated
    assert feedback.overall == "A clear, honest evaluation."
    assert [q.text for q in feedback.qis] == ["Say how you know.", "Well evidenced."]
    assert (school.read_bytes(), submitted.read_bytes()) == before  # nothing else written
    assert remembered("authority", "officer") == "Quality improvement officer"


async def test_validation_can_be_taken_back(handed_in: tuple[Path, Path]) -> None:
    _, inbox = handed_in
    submitted = inbox / "Balmuir" / f"{BASE}.toml"
    assert main(["feedback", str(submitted), "--by", "Ms Gray", "--validated"]) == 0
    assert main(["inbox", str(inbox)]) == 0  # not a terminal: printed, as to a pipe
    from selfeval.files.remember import remember

    remember("authority", "officer", "Ms Gray")
    app = InboxApp(inbox)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(
            pilot, lambda: bool(re.search(r"validated +Balmuir/", screen_text(app))), 30
        )
        await pilot.press("enter")
        assert await until(pilot, lambda: "Validated by you" in screen_text(app))
        await pilot.press("v")
        assert await until(pilot, lambda: "Take back your validation" in screen_text(app))
        await pilot.press("y")
        assert await until(pilot, lambda: "Not validated by you" in screen_text(app))
    (written,) = (inbox / "Balmuir").glob(f"{BASE}.feedback.*.toml")
    assert not read_feedback(written).validated


def test_inbox_in_a_terminal_opens_the_app_and_piped_or_formatted_prints(
    handed_in: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import selfeval.tui.inbox.app as inbox_app

    _, inbox = handed_in
    opened: list[Path] = []
    monkeypatch.setattr(inbox_app, "in_a_terminal", lambda: True)

    def run_inbox_app(folder: Path) -> int:
        opened.append(folder)
        return 0

    monkeypatch.setattr(inbox_app, "run_inbox_app", run_inbox_app)
    capsys.readouterr()
    assert main(["inbox", str(inbox)]) == 0
    assert opened == [inbox] and capsys.readouterr().out == ""
    assert main(["inbox", str(inbox), "--format", "text"]) == 0  # asked for: printed
    assert "version 1, handed in" in capsys.readouterr().out and opened == [inbox]


async def test_a_submission_gone_since_it_was_listed_is_said(
    handed_in: tuple[Path, Path],
) -> None:
    _, inbox = handed_in
    app = InboxApp(inbox)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        assert await until(pilot, lambda: "none yet" in screen_text(app), 30)
        (inbox / "Balmuir" / f"{BASE}.toml").unlink()
        await pilot.press("enter")
        assert await until(pilot, lambda: "cannot be opened" in notifications(app))
        assert isinstance(app.screen, InboxScreen)


async def test_a_hand_in_to_the_top_folder_is_shown_and_marked(
    handed_in: tuple[Path, Path],
) -> None:
    school, inbox = handed_in
    assert main(["submit", str(school), "--to", str(inbox), "--again"]) == 0
    app = InboxApp(inbox)
    async with app.run_test(size=(80, 24)) as pilot:  # the folder in sight at 80 columns
        assert await until(pilot, lambda: "! (top)" in screen_text(app), 30)
        text = screen_text(app)
        assert "Balmuir/" in text and "1 outside their setting's usual folder" in text


async def test_a_long_paragraph_wraps_in_sight(handed_in: tuple[Path, Path]) -> None:
    from textual.widgets import TextArea

    from selfeval.files.remember import remember

    remember("authority", "officer", "QIO")
    long = "A clear and honest evaluation, with evidence for nearly every rating. " * 3
    app = InboxApp(handed_in[1])
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: "none yet" in screen_text(app), 30)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, SubmissionScreen))
        await pilot.press("o")
        assert await until(pilot, lambda: isinstance(app.screen, LineForm))
        await pilot.press(*long.strip())
        box = app.screen.query_one(TextArea)
        assert box.soft_wrap and box.size.height >= 3  # its lines wrap, all in sight
        assert "every rating." in screen_text(app) and "╭" in screen_text(app)


async def test_an_empty_inbox_and_a_nameless_officer_are_said_plainly(
    handed_in: tuple[Path, Path], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = InboxApp(empty)
    async with app.run_test(size=(120, 30)) as pilot:
        assert await until(pilot, lambda: "No submissions yet." in screen_text(app), 30)
        assert "No 0" not in screen_text(app)
    app = InboxApp(handed_in[1])
    async with app.run_test(size=(160, 40)) as pilot:
        assert await until(pilot, lambda: "none yet" in screen_text(app), 30)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, SubmissionScreen))
        said = "You have not given your name yet: press n to give it."
        assert await until(pilot, lambda: said in screen_text(app))


async def test_names_and_folders_are_shown_as_typed_never_as_markup(
    handed_in: tuple[Path, Path], tmp_path: Path
) -> None:
    """An officer's name, feedback and a folder's name are someone's words: "[b]" in them is
    shown as typed (the inbox's error line and the feedback's "by" went through markup)."""
    _, inbox = handed_in
    submitted = next((inbox / "Balmuir").glob("*.submitted-1.toml"))
    words = ["--by", "[b]Ms Gray[/b]", "--qi", "1.1", "--text", "[i]Say how[/i]"]
    assert main(["feedback", str(submitted), *words]) == 0
    app = InboxApp(inbox)
    async with app.run_test(size=(160, 40)) as pilot:
        assert await until(pilot, lambda: "given" in screen_text(app), 30)
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, SubmissionScreen))
        assert await until(pilot, lambda: "[b]Ms Gray[/b]: [i]Say how[/i]" in screen_text(app))
    app = InboxApp(tmp_path / "[red]no inbox")
    async with app.run_test(size=(160, 40)) as pilot:
        assert await until(pilot, lambda: "[red]no inbox" in screen_text(app), 30)
