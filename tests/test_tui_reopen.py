"""Reopening a saved evaluation draws its statement from a first look at the file, then opens
the session: what is drawn first is what the session shows, and nothing typed is lost."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w

from selfeval.cli import main
from selfeval.digest.glance import glance
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.limits import FREE_TEXT_LIMIT
from selfeval.evaluation.lock import lock_path
from selfeval.evaluation.store import dump_evaluation
from selfeval.framework import Framework
from selfeval.framework.catalog import find_framework
from selfeval.framework.limits import HIGHEST_VALUE
from selfeval.tui.app import SelfevalApp
from selfeval.tui.factory import make_reopening_app
from selfeval.tui.reopen import reopening
from selfeval.tui.screens.statement import StatementScreen

from .tui_helpers import screen_text, until

SIZE = (100, 45)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return find_framework("stem")[1]


def _saved(folder: Path, framework: Framework, setting: Setting, stop_at: int = 2) -> Path:
    """An evaluation with a rating, a "not applicable", text that looks like markup, and
    the place it stopped at."""
    session = EvaluationSession.start(EvaluationStore(folder), framework, setting)
    try:
        ids = [s.id for s in framework.statements_for(setting.audience)]
        session.rate(ids[0], 4)
        session.set_evidence(ids[0], "Floorbook [bold]not bold[/] and $x$")
        session.mark_not_applicable(ids[1])
        session.set_notes(ids[stop_at], "Ask the [@click=app.quit]cluster[/]")
        session.set_evidence(ids[stop_at], "Pupil voice [b]survey[/b]")
        session.rate(ids[stop_at], 2)
        session.move_to(ids[stop_at])
        return session.path
    finally:
        session.close()


SETTINGS = [
    Setting(name="Oakfield Primary", stage="primary"),
    Setting(name="Wee Acorns Nursery", stage="elc"),  # a nursery's words
    Setting(name="Wee Acorns Nursery", stage="elc", qi_framework="hgioelc"),  # judged otherwise
    Setting(name="Riverside", stage="asn", age_range="secondary-age"),  # fewer statements
]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.audience + str(s.qi_framework))
async def test_the_first_look_draws_what_the_session_then_shows(
    tmp_path: Path, stem: Framework, setting: Setting, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "responses"
    _saved(folder, stem, setting)
    reopen = reopening("stem", folder, setting.name.upper(), None, None)
    assert reopen is not None
    opening = SelfevalApp._finish_opening
    monkeypatch.setattr(SelfevalApp, "_finish_opening", lambda self: None)  # held back
    app = make_reopening_app("stem", folder, reopen)
    async with app.run_test(size=SIZE) as pilot:
        assert app.session is None and isinstance(app.screen, StatementScreen)
        first_look = screen_text(app)
        opening(app)
        await pilot.pause()
        assert app.session is not None
        assert screen_text(app) == first_look
    assert "Ask the [@click=app.quit]cluster[/]" in first_look  # shown as typed
    assert "Pupil voice [b]survey[/b]" in first_look
    assert "Statement 3 of" in first_look and "3 answered" in first_look


@pytest.mark.parametrize(
    ("size", "notes"),
    [(SIZE, "Ask the [@click=app.quit]cluster[/]"),
     ((80, 24), "Ask the [@click=app.quit]cluster[/] and plan")],
    ids=["tall", "80x24"],
)  # fmt: skip
async def test_keys_typed_at_once_are_saved_in_the_session(
    tmp_path: Path, stem: Framework, size: tuple[int, int], notes: str
) -> None:
    """A key pressed while the first statement is drawn, before the session is open, is
    handled once it is: the session opens first. At 80x24, before the boxes below the
    choices are there, keys land in them all the same."""
    folder = tmp_path / "responses"
    path = _saved(folder, stem, SETTINGS[0])
    reopen = reopening("stem", folder, "Oakfield Primary", None, None)
    assert reopen is not None
    app = make_reopening_app("stem", folder, reopen)
    typed = notes.removeprefix("Ask the [@click=app.quit]cluster[/]")
    async with app.run_test(size=size) as pilot:
        await pilot.press("5", "e", *"Seen in class", "escape", "w", *typed)
        last = typed or "Seen in class"
        saved = lambda: last in load_evaluation(path).model_dump_json()  # noqa: E731
        assert await until(pilot, saved)
        await pilot.press("ctrl+q")
    sid = [s.id for s in stem.statements_for("primary")][2]
    answer = load_evaluation(path).answers[sid]
    assert (answer.rating, answer.evidence) == (5, "Pupil voice [b]survey[/b]Seen in class")
    assert answer.notes == notes


async def test_in_a_usual_terminal_the_boxes_come_after_the_first_frame(
    tmp_path: Path, stem: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80x24 the choices fill the first screen: the first frame is made without the text
    boxes and challenge questions below them (a sixth of its CPU), which come once the session
    opens, showing the statement the session resumes at."""
    from textual.widgets import TextArea

    folder = tmp_path / "responses"
    _saved(folder, stem, SETTINGS[0])
    reopen = reopening("stem", folder, "Oakfield Primary", None, None)
    assert reopen is not None
    opening = SelfevalApp._finish_opening
    monkeypatch.setattr(SelfevalApp, "_finish_opening", lambda self: None)  # held back
    monkeypatch.setattr(StatementScreen, "_place_below", lambda self: None)  # and this
    app = make_reopening_app("stem", folder, reopen)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "How are we doing?" in screen_text(app)
        assert not app.screen.query(TextArea) and not app.screen.query("#challenge")
        monkeypatch.undo()
        opening(app)
        await pilot.pause()
        assert app.session is not None
        assert [box.text for box in app.screen.query(TextArea)] == [
            "Pupil voice [b]survey[/b]",
            "Ask the [@click=app.quit]cluster[/]",
        ]
        await pilot.press("c")  # the challenge questions open, below the boxes
        assert await until(pilot, lambda: "Challenge questions:" in screen_text(app))


def test_a_file_the_first_look_trusts_but_the_model_refuses_is_reported_as_before(
    tmp_path: Path,
    stem: Framework,
    ran_headless: list[SelfevalApp],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first look checks only what it shows: a field the model does not know is found
    when the session opens, and the app stops with the message the full way gives before
    starting, with nothing saved."""
    folder = tmp_path / "responses"
    path = _saved(folder, stem, SETTINGS[0])
    text = path.read_text(encoding="utf-8").replace("[setting]\n", '[setting]\ncolour = "red"\n')
    path.write_text(text, encoding="utf-8")
    assert reopening("stem", folder, "Oakfield Primary", None, None) is not None
    argv = ["--responses", str(folder), "--setting", "Oakfield Primary"]
    assert main(argv) == 2
    reopened = capsys.readouterr().err
    assert ran_headless[0].session is None
    assert path.read_text(encoding="utf-8") == text and not lock_path(path).exists()
    monkeypatch.setattr("selfeval.tui.reopen.reopening", lambda *args: None)
    assert main(argv) == 2
    assert len(ran_headless) == 1  # the full way stops before the app starts
    assert capsys.readouterr().err == reopened
    # not "no evaluation yet, start one": the file is named, with what is wrong and where
    assert "that can be read, and a file there cannot be" in reopened
    assert f"{path.name}:" in reopened and "unknown key `colour`" in reopened
    assert f"selfeval score {path}" in reopened


def test_reopening_from_the_command_line_saves_and_says_where(
    tmp_path: Path,
    stem: Framework,
    ran_headless: list[SelfevalApp],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "responses"
    path = _saved(folder, stem, SETTINGS[1])
    assert main(["--responses", str(folder), "--setting", "wee acorns nursery"]) == 0
    session = ran_headless[0].session
    assert session is not None and session.path == path
    assert f"Your answers are saved in {path}" in capsys.readouterr().out


# --- the first look itself ------------------------------------------------------------------


def test_glance_reads_what_the_session_holds(tmp_path: Path, stem: Framework) -> None:
    path = _saved(tmp_path, stem, SETTINGS[3])
    seen = glance(tmp_path, "stem", "  riverside ")
    evaluation = load_evaluation(path)
    assert seen is not None and seen.path == path
    assert (seen.name, seen.audience, seen.against) == ("Riverside", "asn:secondary-age", None)
    assert seen.position == evaluation.position and seen.updated == evaluation.updated
    for sid, answer in evaluation.answers.items():
        got = seen.answer(sid)
        assert (got.rating, got.not_applicable, got.evidence, got.notes) == (
            answer.rating,
            answer.not_applicable,
            answer.evidence,
            answer.notes,
        )
    assert not seen.answer("no-such-statement").is_answered


def test_glance_takes_the_newest_of_the_setting_s_own_evaluations(
    tmp_path: Path, stem: Framework
) -> None:
    older = _saved(tmp_path, stem, SETTINGS[0])
    evaluation = load_evaluation(older)
    newer = tmp_path / "oakfield-primary.stem.2027-28.toml"
    later = evaluation.model_copy(
        update={"updated": evaluation.updated + timedelta(days=400), "school_year": "2027-28"}
    )
    newer.write_text(dump_evaluation(later), encoding="utf-8")
    view = tmp_path / "oakfield-primary.stem.2027-28.p5-teacher.toml"  # a colleague's view
    data = {**later.model_dump(mode="json", exclude_none=True), "contributor": {"role": "P5"}}
    data["updated"] = later.updated + timedelta(days=1)
    view.write_text(tomli_w.dumps(data), encoding="utf-8")
    seen = glance(tmp_path, "stem", "Oakfield Primary")
    assert seen is not None and seen.path == newer
    assert glance(tmp_path, "hgios4-core", "Oakfield Primary") is None  # another framework
    assert glance(tmp_path, "stem", "Oakfield") is None  # another setting
    assert glance(tmp_path / "none", "stem", "Oakfield Primary") is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("rating = 2", "rating = true"),  # a bool is not a rating
        ("rating = 2", "rating = 2.0"),
        ("rating = 2", "rating = 2\nnot_applicable = true"),
        ('stage = "primary"', "stage = 3"),
        ("updated = ", "updated = 2026-01-01T00:00:00\nx = "),  # no time zone
        ("rating = 2", f"rating = {HIGHEST_VALUE + 1}"),  # above any scale the models allow
        ("rating = 2", f'rating = 2\nnotes = "{"x" * (FREE_TEXT_LIMIT + 1)}"'),  # too long
    ],
)
def test_glance_leaves_an_unusual_file_to_the_full_checks(
    tmp_path: Path, stem: Framework, old: str, new: str
) -> None:
    path = _saved(tmp_path, stem, SETTINGS[0])
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert glance(tmp_path, "stem", "Oakfield Primary") is None


def test_glance_leaves_a_file_open_in_another_window_to_the_full_checks(
    tmp_path: Path, stem: Framework
) -> None:
    path = _saved(tmp_path, stem, SETTINGS[0])
    session = EvaluationSession.open(EvaluationStore(tmp_path), stem, path)
    try:
        assert glance(tmp_path, "stem", "Oakfield Primary") is None
    finally:
        session.close()
    assert glance(tmp_path, "stem", "Oakfield Primary") is not None


def test_a_lock_file_left_by_a_crash_does_not_slow_every_reopening(
    tmp_path: Path, stem: Framework
) -> None:
    """A window killed (a crash, a power cut, a laptop shut mid-save) leaves its lock file; its
    lock went with it. Taking that file for a window still open sent every later reopening
    the slow way (the models loaded before the first frame), until one closed cleanly."""
    path = _saved(tmp_path, stem, SETTINGS[0])
    lock_path(path).write_text("4242\n", encoding="ascii")  # as a killed window leaves it
    assert glance(tmp_path, "stem", "Oakfield Primary") is not None
    assert lock_path(path).exists()  # looked at, not taken or removed


def test_no_reopening_for_a_rating_off_the_framework_s_scale(
    tmp_path: Path, stem: Framework
) -> None:
    """7 is a value some scales have (the glance takes it), but not STEM's six-point scale:
    opening the file in full says so."""
    path = _saved(tmp_path, stem, SETTINGS[0])
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("rating = 2", "rating = 7", 1), encoding="utf-8")
    assert glance(tmp_path, "stem", "Oakfield Primary") is not None
    assert reopening("stem", tmp_path, "Oakfield Primary", None, None) is None


def test_no_reopening_for_a_stage_or_choice_the_framework_does_not_offer(
    tmp_path: Path, stem: Framework
) -> None:
    path = _saved(tmp_path, stem, SETTINGS[0])
    text = path.read_text(encoding="utf-8")
    for changed in ('stage = "college"', 'stage = "primary"\nqi_framework = "hgioelc"'):
        path.write_text(text.replace('stage = "primary"', changed), encoding="utf-8")
        assert glance(tmp_path, "stem", "Oakfield Primary") is not None
        assert reopening("stem", tmp_path, "Oakfield Primary", None, None) is None
    assert os.path.exists(path)


def test_no_first_look_in_a_folder_of_an_authority_s_evaluations(
    tmp_path: Path, stem: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfeval.digest import glance as module

    _saved(tmp_path, stem, SETTINGS[0])
    (tmp_path / "other.toml").write_text("a = 1", encoding="utf-8")
    assert glance(tmp_path, "stem", "Oakfield Primary") is not None
    monkeypatch.setattr(module, "MOST_FILES", 1)
    assert glance(tmp_path, "stem", "Oakfield Primary") is None


def test_a_folder_that_cannot_be_written_stops_the_reopened_app_with_words(
    tmp_path: Path,
    stem: Framework,
    ran_headless: list[SelfevalApp],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening in full takes the file's lock; where the folder refuses it (read-only, a
    synced folder offline), the app stops after its first frame with the words the full way
    prints, never a traceback."""
    from selfeval.evaluation.lock import FileLock

    folder = tmp_path / "responses"
    _saved(folder, stem, SETTINGS[0])

    def refused(self: FileLock) -> None:
        raise PermissionError(13, "Permission denied", str(self.path))

    monkeypatch.setattr(FileLock, "acquire", refused)
    assert main(["--responses", str(folder), "--setting", "Oakfield Primary"]) == 2
    err = capsys.readouterr().err
    assert "could not read or write" in err and "Permission denied" in err
    assert "Traceback" not in err and len(ran_headless) == 1
