"""An authority's inbox made by `submit` and `feedback` (issue 34): `compare` counts each setting
once by its latest submission, never reads feedback as an evaluation, and says which were
validated; `inbox --expected` and `--authority` list the settings that have handed nothing in."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation.store import dump_evaluation, load_evaluation

from .conftest import DATA

GOLDEN = DATA / "golden" / "evaluations"
PRIMARY = "balmuir-primary-school.stem.2026-27.toml"
NURSERY = "balburn-nursery.stem.2026-27.toml"
CRAIGLEA = "craiglea-primary-school.stem.2026-27.toml"
ABBOTSWELL, GRAMMAR = "5237521", "5244439"  # two Aberdeen City schools in the directory


def _school(tmp_path: Path, name: str, seed: str | None) -> Path:
    """A setting's own evaluation in its own folder, with *seed* recorded (or none)."""
    evaluation = load_evaluation(GOLDEN / name)
    if seed:
        setting = evaluation.setting.model_copy(update={"seed_code": seed})
        evaluation = evaluation.model_copy(update={"setting": setting})
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    (folder / name).write_text(dump_evaluation(evaluation), "utf-8")
    return folder / name


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An inbox: the primary handed in twice (the first validated), the nursery once with
    feedback, Craiglea once with none."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    primary = _school(tmp_path, PRIMARY, ABBOTSWELL)
    for file in (primary, primary, _school(tmp_path, NURSERY, None)):
        assert main(["submit", str(file), "--to", str(inbox), "--again"]) == 0
    assert main(["submit", str(_school(tmp_path, CRAIGLEA, None)), "--to", str(inbox)]) == 0
    first = inbox / PRIMARY.replace(".toml", ".submitted-1.toml")
    nursery = inbox / NURSERY.replace(".toml", ".submitted-1.toml")
    assert main(["feedback", str(first), "--by", "QIO", "--validated"]) == 0
    assert main(["feedback", str(nursery), "--by", "QIO", "--text", "Say how you know."]) == 0
    return inbox


def test_compare_counts_the_latest_submission_and_says_which_are_validated(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["compare", str(inbox), "-o", str(out), "--no-cache"]) == 0
    assert "compared 3 self-evaluations" in capsys.readouterr().out  # no feedback file among them
    rows = list(csv.DictReader(io.StringIO((out / "summary.csv").read_text("utf-8-sig"))))
    said = {(Path(r["file"]).name, r["validated"]) for r in rows}
    assert said == {
        (PRIMARY.replace(".toml", ".submitted-2.toml"), "no"),  # the latest: not validated
        (NURSERY.replace(".toml", ".submitted-1.toml"), "feedback given"),
        (CRAIGLEA.replace(".toml", ".submitted-1.toml"), "no"),
    }
    brief = (out / "summary.md").read_text("utf-8")
    assert (
        "Handed in to the authority: 3 of the 3 settings counted; validated by the authority: "
        "yes 0, feedback given but not validated 1, no feedback yet 2." in brief
    )
    assert main(["compare", str(inbox), "--format", "json"]) == 0
    counted = json.loads(capsys.readouterr().out)["validated_by_the_authority"]
    assert counted == {"yes": 0, "feedback given": 1, "no": 2}


def test_validation_is_read_fresh_not_from_the_cache(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["compare", str(inbox), "--format", "json"]) == 0  # fills the cache
    latest = inbox / PRIMARY.replace(".toml", ".submitted-2.toml")
    assert main(["feedback", str(latest), "--by", "QIO", "--validated"]) == 0
    capsys.readouterr()
    assert main(["compare", str(inbox), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["validated_by_the_authority"]["yes"] == 1


def test_an_evaluation_not_handed_in_has_no_validation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _school(tmp_path, PRIMARY, None)
    assert main(["compare", str(tmp_path), "--format", "json", "--no-cache"]) == 0
    assert json.loads(capsys.readouterr().out)["validated_by_the_authority"] is None


def test_the_settings_not_yet_handed_in_are_listed(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "expected.csv"
    listed.write_text(
        "SEED code,School name\n"
        f"{ABBOTSWELL},Abbotswell School\n{GRAMMAR},\n1234567,Balburn Nursery\n",
        "utf-8-sig",
    )
    assert main(["inbox", str(inbox), "--expected", str(listed)]) == 0
    text = capsys.readouterr().out
    assert "Not handed in yet: 1 of the 3 settings on the list\n" in text
    assert "  Aberdeen Grammar School (5244439)\n" in text  # its name from the directory
    assert "Matched by name only" in text and "  Balburn Nursery (1234567)" in text
    assert main(["inbox", str(inbox), "--expected", str(listed), "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)["expected"]
    assert expected["not_handed_in"] == [{"seed_code": GRAMMAR, "name": "Aberdeen Grammar School"}]
    assert [e["name"] for e in expected["matched_by_name"]] == ["Balburn Nursery"]


def test_a_plain_list_of_codes_and_an_authority_from_the_directory(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_text(f"# Aberdeen\n{ABBOTSWELL}\n\n{GRAMMAR}\n", "utf-8")
    assert main(["inbox", str(inbox), "--expected", str(codes)]) == 0
    assert "Not handed in yet: 1 of the 2 settings on the list" in capsys.readouterr().out
    assert main(["inbox", str(inbox), "--authority", "Aberdeen City Council"]) == 0
    text = capsys.readouterr().out
    assert "  Aberdeen Grammar School (5244439)" in text
    assert "  Abbotswell School (5237521)" not in text  # handed in


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "lists no settings"),
        (b"5237521\n52375\n", "codes.txt, line 2: '52375' is not a SEED code"),
        (b"name,town\nA,B\n", "has no SEED code column (its columns: name, town)"),
        (b"seed_code\n5237521\nabc\n", "codes.txt, line 3: 'abc' in seed_code is not a SEED"),
        (b"PK\x03\x04 a spreadsheet", "is not a text or CSV file"),
    ],
)
def test_a_bad_list_is_refused_before_the_inbox_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, said: str
) -> None:
    codes = tmp_path / "codes.txt"
    codes.write_bytes(content)
    assert main(["inbox", str(tmp_path / "no inbox"), "--expected", str(codes)]) == 2
    assert said in capsys.readouterr().err


def test_a_missing_list_and_an_unknown_council_are_refused(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["inbox", str(inbox), "--expected", str(tmp_path / "nope.csv")]) == 2
    assert "nope.csv does not exist" in capsys.readouterr().err
    assert main(["inbox", str(inbox), "--authority", "Fyfe"]) == 2
    assert "did you mean Fife?" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_list_that_is_a_pipe_or_too_large_is_refused_not_read(
    inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pipe named as the list was read until a writer came: forever. A huge file was read
    whole before its size was looked at. Both are refused at once, as every file is."""
    pipe = tmp_path / "codes.csv"
    os.mkfifo(pipe)
    assert main(["inbox", str(inbox), "--expected", str(pipe)]) == 2
    said = capsys.readouterr().err
    assert "the list" in said and "codes.csv" in said and "Traceback" not in said
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as out:
        out.truncate(6_000_000)  # sparse: nothing written, 6 MB long
    assert main(["inbox", str(inbox), "--expected", str(huge)]) == 2
    assert "too large" in capsys.readouterr().err
