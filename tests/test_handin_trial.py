"""What two new users' trial of handing in found (issue 34): an unfinished evaluation handed
in without a word, an unchanged one handed in again as a duplicate, a hand-in to the wrong
folder accepted and hidden, the inbox used by `submit` not offered after, validation that
could not be taken back from the command line, and an unquoted folder with spaces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfeval.authority.feedback import read_feedback
from selfeval.cli import main
from selfeval.evaluation.lock import FileLock
from selfeval.evaluation.store import dump_evaluation, load_evaluation
from selfeval.files.remember import remembered

from .conftest import DATA

GOLDEN = DATA / "golden" / "evaluations"
PRIMARY = "balmuir-primary-school.stem.2026-27.toml"
NURSERY = "balburn-nursery.stem.2026-27.toml"
FIRST = PRIMARY.replace(".toml", ".submitted-1.toml")
SECOND = PRIMARY.replace(".toml", ".submitted-2.toml")


def _copy(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    return Path(shutil.copy(GOLDEN / name, folder))


@pytest.fixture
def school(tmp_path: Path) -> Path:
    return _copy(tmp_path, PRIMARY)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox" / "Balmuir Primary"
    folder.mkdir(parents=True)
    return folder


def _submit(file: Path, inbox: Path, *more: str) -> int:
    return main(["submit", str(file), "--to", str(inbox), *more])


def test_an_unfinished_evaluation_is_said_before_it_is_handed_in(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    evaluation = load_evaluation(school)
    school.write_text(dump_evaluation(evaluation.with_status("in-progress")), encoding="utf-8")
    assert _submit(school, inbox) == 0
    said = capsys.readouterr().out
    assert "warning: Not finished: 82 of 98 statements answered;" in said
    assert "2 of 15 levels not yet agreed by the team; not marked complete." in said
    assert (inbox / FIRST).is_file()  # a script hands in as told: the warning is said


def test_an_unchanged_evaluation_is_not_handed_in_again(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _submit(school, inbox) == 0
    moved = load_evaluation(school).with_position("1.1.1")  # moving about is no change
    school.write_text(dump_evaluation(moved), encoding="utf-8")
    capsys.readouterr()
    assert _submit(school, inbox) == 0
    said = capsys.readouterr().out
    assert "Nothing has changed since version 1 (handed in " in said
    assert "not handed in again" in said and not (inbox / SECOND).exists()
    assert len(load_evaluation(school).submissions) == 1
    assert _submit(school, inbox, "--again") == 0 and (inbox / SECOND).is_file()
    changed = load_evaluation(school).with_status("in-progress")
    school.write_text(dump_evaluation(changed), encoding="utf-8")
    assert _submit(school, inbox) == 0
    assert (inbox / PRIMARY.replace(".toml", ".submitted-3.toml")).is_file()


def test_submit_warns_of_the_top_folder_and_another_settings_folder(
    school: Path, inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nursery = _copy(tmp_path, NURSERY)
    assert _submit(nursery, inbox) == 0  # the nursery hands in to the primary's folder
    capsys.readouterr()
    assert _submit(school, inbox) == 0
    assert "another setting's hand-ins (balburn-nursery)" in capsys.readouterr().out
    assert _submit(school, inbox.parent, "--again") == 0
    assert "looks like the inbox's top folder" in capsys.readouterr().out
    assert main(["inbox", str(inbox.parent), "--format", "text"]) == 0
    listed = capsys.readouterr().out
    assert "version 1, handed in " in listed
    assert "in the top folder, outside its usual folder:" in listed
    assert "in Balmuir Primary/: no feedback yet" in listed


def test_an_evaluation_put_in_by_hand_is_said_plainly(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(school, inbox)
    assert main(["inbox", str(inbox), "--format", "text"]) == 0
    said = capsys.readouterr().out
    assert f"{PRIMARY}, not handed in (put there by hand)" in said
    assert "handed in not handed in" not in said


def test_submit_remembers_the_inbox_for_the_app(school: Path, inbox: Path) -> None:
    assert _submit(school, inbox) == 0
    assert remembered("authority", "inbox") == str(inbox.absolute())


def test_submit_while_the_app_has_it_open_says_so_plainly(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lock = FileLock(school)
    lock.acquire()
    try:
        assert _submit(school, inbox) == 2
    finally:
        lock.release()
    said = capsys.readouterr().err
    assert "is open in selfeval elsewhere (another window)" in said
    assert "close it there, then hand in" in said and not list(inbox.iterdir())


def test_a_folder_with_spaces_not_in_quotes_is_hinted(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["submit", str(school), "--to", f"{tmp_path}/Inverton", "Nursery"]) == 2
    said = capsys.readouterr().err
    assert "unrecognized arguments: Nursery" in said
    assert (
        f'a folder name with spaces must be in quotes: --to "{tmp_path}/Inverton Nursery"' in said
    )


def test_feedback_takes_a_validation_back(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _submit(school, inbox) == 0
    submitted = inbox / FIRST
    assert main(["feedback", str(submitted), "--by", "QIO", "--validated"]) == 0
    written = next(inbox.glob("*.feedback.*.toml"))
    assert read_feedback(written).validated
    assert main(["feedback", str(submitted), "--by", "QIO", "--not-validated"]) == 0
    assert not read_feedback(written).validated
    assert "your validation is taken back" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("folder", "doubted"),
    [
        ("Dunbank Primary School", True),
        ("St Mary's RC Academy", True),
        ("Balmuir Primary", False),
        ("balmuir-primary-school", False),
        ("BALMUIR", False),
        ("Hand-ins 2026-27", False),
        ("Primary Schools", False),
    ],
)
def test_a_folder_named_for_another_setting_is_doubted_even_empty(
    school: Path, tmp_path: Path, folder: str, doubted: bool
) -> None:
    from selfeval.authority.wrong_folder import folder_doubt

    evaluation = load_evaluation(school)
    empty = tmp_path / "authority" / folder
    empty.mkdir(parents=True)
    doubt = folder_doubt(evaluation, empty)
    name = evaluation.setting.name
    assert doubt == (f"this folder is called '{folder}', not {name}'s" if doubted else None)


def test_submit_to_another_schools_empty_folder_warns(
    school: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dunbank = tmp_path / "inbox" / "Dunbank Primary School"
    dunbank.mkdir(parents=True)
    _submit(school, dunbank)
    said = capsys.readouterr()
    assert "Is this the right folder? This folder is called 'Dunbank Primary School'" in (
        said.out + said.err
    )


def test_one_stray_hand_in_leaves_the_settings_own_folder_usual(school: Path, inbox: Path) -> None:
    """Of a tie the usual folder is the one handed in to first: one stray hand-in after is
    the one marked, never the setting's own folder."""
    from selfeval.authority.inbox import read_inbox

    stray = inbox.parent / "Dunbank Primary School"
    stray.mkdir()
    assert _submit(school, inbox) == 0
    assert _submit(school, stray, "--again") == 0
    listed = read_inbox(inbox.parent)
    assert listed.elsewhere == {stray / SECOND}
