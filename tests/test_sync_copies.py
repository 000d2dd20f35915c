"""Copies sync clients and file managers make beside an evaluation are recognised by one rule
everywhere: `compare`, `moderate`, the app's list and `--plain` leave them out and say so, and
nothing opens a copy as the setting's own evaluation."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.folder import copies_in, evaluation_files
from selfeval.files.copies import copy_of
from selfeval.framework import Framework, load_framework
from selfeval.plain.journey import run_plain

from .conftest import REPO
from .tui_helpers import screen_text, until

ORIGINAL = "oakfield-primary.stem.2026-27.toml"
COPIES = [
    "oakfield-primary.stem.2026-27-DESKTOP-1A2B3C4.toml",  # OneDrive
    "oakfield-primary.stem.2026-27-HEADPC.toml",  # OneDrive, a one-word computer name
    "oakfield-primary.stem.2026-27-LT0042.toml",  # OneDrive, a council asset tag
    "oakfield-primary.stem.2026-27.sync-conflict-20261207-101010-ABCDEFG.toml",  # Syncthing
    "oakfield-primary.stem.2026-27 2.toml",  # iCloud Drive
    "oakfield-primary.stem.2026-27 copy.toml",  # Finder
    "Copy of oakfield-primary.stem.2026-27.toml",  # Windows, Google Drive
    "oakfield-primary.stem.2026-27 (1).toml",  # Windows
    "oakfield-primary.stem.2026-27 - Copy.toml",  # Windows
    "oakfield-primary.stem.2026-27 (Jane's conflicted copy 2026-12-07).toml",  # Dropbox
]
STEM = REPO / "frameworks" / "stem.toml"


@pytest.mark.parametrize("name", COPIES)
def test_each_sync_clients_copy_is_known_by_its_name(name: str) -> None:
    assert copy_of(Path(name)) == ORIGINAL


@pytest.mark.parametrize(
    "name",
    [ORIGINAL, "oakfield-primary.stem.2026-27.learner-2.toml", "oak-3f2a.stem.2026-27.p5.toml"],
)
def test_selfevals_own_names_are_not_copies(name: str) -> None:
    assert copy_of(Path(name)) is None


def _original(tmp_path: Path, *copies: str) -> Path:
    """A setting's evaluation in a folder, and *copies* of it, newer than it."""
    framework: Framework = load_framework(STEM)
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(
        store, framework, Setting(name="Oakfield Primary", stage="primary")
    )
    session.rate("stem-1.1-01", 4)
    session.close()
    assert session.path.name == ORIGINAL
    for name in copies:
        (store.folder / name).write_bytes(session.path.read_bytes())
    return store.folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A setting's evaluation, and every kind of copy of it, newer than it."""
    return _original(tmp_path, *COPIES)


def test_lists_leave_copies_out_and_name_them(folder: Path) -> None:
    assert [p.name for p in evaluation_files(folder)] == [ORIGINAL]
    assert sorted(p.name for p, _ in copies_in(folder)) == sorted(COPIES)
    assert [p.name for p in EvaluationStore(folder).files()] == [ORIGINAL]


def test_plain_offers_the_setting_once_and_says_what_was_left_out(folder: Path) -> None:
    out = io.StringIO()
    into = io.StringIO("1\n5\nq\n")  # the first listed evaluation: rate its first statement
    assert run_plain(str(STEM), folder, None, None, None, into, out) == 0
    said = out.getvalue()
    assert said.count("Oakfield Primary, ") == 1  # listed once
    assert "Left out, as copies a sync (OneDrive, Dropbox, iCloud) or a person made:" in said
    assert _ratings(folder / ORIGINAL) == [4, 5]
    for name in COPIES:  # no copy was opened or written
        assert _ratings(folder / name) == [4]


def test_the_plain_setting_named_opens_the_original_not_a_newer_copy(folder: Path) -> None:
    out = io.StringIO()
    into = io.StringIO("5\nq\n")
    assert run_plain(str(STEM), folder, "Oakfield Primary", None, None, into, out) == 0
    assert _ratings(folder / ORIGINAL) == [4, 5]


def _ratings(path: Path) -> list[int]:
    return sorted(a.rating for a in load_evaluation(path).answers.values() if a.rating)


async def test_the_apps_list_offers_the_setting_once_and_says_what_was_left_out(
    folder: Path,
) -> None:
    from selfeval.tui.factory import make_start_app

    from .tui_helpers import listed

    app = make_start_app(str(STEM), folder)
    async with app.run_test(size=(120, 45)) as pilot:
        await listed(pilot)
        assert await until(pilot, lambda: "Left out, as copies" in screen_text(app))
        text = screen_text(app)
        assert text.count("Oakfield Primary ·") == 1  # listed once


@pytest.fixture
def unforeseen(tmp_path: Path) -> Path:
    """A setting's evaluation and a newer copy of it under a name no rule foresees."""
    return _original(tmp_path, "Oakfield backup.toml")


def test_a_copy_under_any_name_is_known_by_what_it_holds(unforeseen: Path) -> None:
    from selfeval.evaluation.alike import alike, original_first

    stored = EvaluationStore(unforeseen).list()
    assert {p.name for p in alike(stored)} == {ORIGINAL, "Oakfield backup.toml"}
    paths = [unforeseen / "Oakfield backup.toml", unforeseen / ORIGINAL]
    assert [p.name for p in original_first(paths)] == [ORIGINAL, "Oakfield backup.toml"]


def test_plain_opens_the_original_of_a_copy_under_any_name_and_says_so(unforeseen: Path) -> None:
    out = io.StringIO()
    into = io.StringIO("5\nq\n")
    assert run_plain(str(STEM), unforeseen, "Oakfield Primary", None, None, into, out) == 0
    assert _ratings(unforeseen / ORIGINAL) == [4, 5]
    assert _ratings(unforeseen / "Oakfield backup.toml") == [4]
    said = " ".join(out.getvalue().split())
    assert f"Opened {ORIGINAL}. The folder also holds Oakfield backup.toml: the same" in said


def test_plain_lists_name_the_files_of_two_copies(unforeseen: Path) -> None:
    out = io.StringIO()
    assert run_plain(str(STEM), unforeseen, None, None, None, io.StringIO("q\n"), out) == 0
    said = out.getvalue()
    assert f"(file {ORIGINAL}; another file holds the same evaluation)" in said
    assert "(file Oakfield backup.toml; another file holds the same evaluation)" in said


async def test_the_app_opens_the_original_of_a_copy_under_any_name_and_says_so(
    unforeseen: Path,
) -> None:
    from selfeval.evaluation.opening import open_setting
    from selfeval.tui.factory import make_app

    framework = load_framework(STEM)
    store = EvaluationStore(unforeseen)
    app = make_app(framework, store, open_setting(store, framework, "Oakfield Primary", None))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert await until(pilot, lambda: app.session is not None)
        assert app.session is not None and app.session.path.name == ORIGINAL
        assert await until(pilot, lambda: "Oakfield backup.toml" in screen_text(app))
        await pilot.press("ctrl+q")


async def test_the_apps_list_names_the_files_of_two_copies(unforeseen: Path) -> None:
    from selfeval.tui.factory import make_start_app

    from .tui_helpers import listed

    app = make_start_app(str(STEM), unforeseen)
    async with app.run_test(size=(160, 45)) as pilot:
        await listed(pilot)
        text = screen_text(app).replace("▎\n▊", " ")  # an option wrapped, read as one line
        assert f"· file {ORIGINAL}; another file holds" in text
        assert "· file Oakfield backup.toml; another file holds the same evaluation" in text
        await pilot.press("ctrl+q")


def test_compare_counts_the_file_selfeval_named_and_says_a_differing_copy_differs(
    unforeseen: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen in a trial: a hand copy beside the team's file, its agreed level changed and
    saved later, was the one `compare` counted, and all it said was "1 earlier ones not
    counted" though neither file is earlier. The file selfeval named is counted; the copy is
    left out by name, said to differ; nothing is called earlier."""
    import json

    from selfeval.cli import main
    from selfeval.evaluation import dump_evaluation
    from selfeval.evaluation.model import QIJudgement, now

    copy = unforeseen / "Oakfield backup.toml"
    changed = load_evaluation(copy)
    agreed = QIJudgement(suggested=None, confirmed=5, updated=now())
    copy.write_text(dump_evaluation(changed.model_copy(update={"qi": {"self-evaluation": agreed}})))
    assert main(["compare", str(unforeseen), "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    counted = json.loads(captured.out)
    assert counted["same_year_copies_not_counted"] == 1
    assert "earlier ones" not in captured.err
    said = " ".join(captured.err.split())
    assert "Oakfield backup.toml" in said and f"beside {ORIGINAL} (counted)" in said
    assert "its levels differ from the counted file's" in said


def test_a_sync_copy_with_other_answers_is_said_to_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A conflicted copy can hold a colleague's newer answers: the lists and `compare` say it
    differs, so nobody deletes it as a mere duplicate; an identical one is not said to."""
    from selfeval.cli import main
    from selfeval.evaluation import dump_evaluation
    from selfeval.evaluation.folder import copies_said

    folder = _original(tmp_path, COPIES[0], COPIES[1])
    changed = load_evaluation(folder / COPIES[0])
    answer = changed.answer("stem-1.1-01").model_copy(update={"rating": 1})
    (folder / COPIES[0]).write_text(dump_evaluation(changed.with_answer("stem-1.1-01", answer)))
    said = copies_said(folder)
    assert f"{COPIES[0]} (a copy of {ORIGINAL} that differs from it)" in said
    assert f"{COPIES[1]} (a copy of {ORIGINAL})" in said
    assert main(["compare", str(folder), "--format", "json", "--no-cache"]) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert f"{COPIES[0]}: looks like a copy of {ORIGINAL} made by a sync" in err
    assert err.count("and it differs from it") == 1
