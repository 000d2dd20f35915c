"""Handing in to the authority and hearing back (issue 34): `submit`, `feedback`, `inbox`, and
an inbox's files in `compare` and moderation."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.compare.collect import collect, latest_only, toml_files
from selfeval.evaluation.model import Contributor
from selfeval.evaluation.store import dump_evaluation, load_evaluation
from selfeval.files.submitted import ended, handed_in_at, whole

from .conftest import DATA

GOLDEN = DATA / "golden" / "evaluations"
PRIMARY = "balmuir-primary-school.stem.2026-27.toml"
NURSERY = "balburn-nursery.stem.2026-27.toml"


@pytest.fixture
def school(tmp_path: Path) -> Path:
    """A primary school's evaluation in its own folder."""
    folder = tmp_path / "school"
    folder.mkdir()
    return Path(shutil.copy(GOLDEN / PRIMARY, folder))


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The authority's inbox, with a folder for the school."""
    folder = tmp_path / "inbox" / "balmuir"
    folder.mkdir(parents=True)
    return folder


def _submit(file: Path, inbox: Path) -> int:
    """Hand in, again where nothing has changed (these tests hand in twice as it is)."""
    return main(["submit", str(file), "--to", str(inbox), "--again"])


def test_a_second_submission_keeps_the_first(school: Path, inbox: Path) -> None:
    answers = load_evaluation(school).answers
    assert _submit(school, inbox) == 0
    first = inbox / "balmuir-primary-school.stem.2026-27.submitted-1.toml"
    kept = first.read_bytes()
    assert _submit(school, inbox) == 0
    second = inbox / "balmuir-primary-school.stem.2026-27.submitted-2.toml"
    assert first.read_bytes() == kept and whole(kept) and whole(second.read_bytes())
    for suffix in (".plan.docx", ".plan.md", ".plan.xlsx"):
        assert second.with_suffix(suffix).is_file()
    evaluation = load_evaluation(school)
    assert evaluation.answers == answers  # the answers are as they were
    assert [s.version for s in evaluation.submissions] == [1, 2]
    assert evaluation.submissions[1].file == second.name
    assert evaluation.submissions[1].inbox == str(inbox.absolute())
    import hashlib

    assert evaluation.submissions[0].sha256 == hashlib.sha256(kept).hexdigest()


def test_an_evaluation_written_before_submissions_loads_with_none() -> None:
    evaluation = load_evaluation(GOLDEN / PRIMARY)
    assert evaluation.submissions == []
    assert "submissions" not in dump_evaluation(evaluation)


@pytest.mark.parametrize("kind", ["missing", "file", "read-only"])
def test_a_wrong_inbox_is_refused_and_the_file_unchanged(
    school: Path,
    tmp_path: Path,
    kind: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = school.read_bytes()
    target = tmp_path / "nowhere"
    if kind == "file":
        target.write_text("not a folder")
    elif kind == "read-only":  # as a share refuses a school another's folder (root or not)
        target.mkdir()
        monkeypatch.setattr("selfeval.authority.submission.os.access", lambda *_: False)
    assert _submit(school, target) == 2
    said = capsys.readouterr().err
    assert {"missing": "does not exist", "file": "is a file", "read-only": "cannot write"}[
        kind
    ] in said
    assert school.read_bytes() == before
    if kind == "read-only":
        assert list(target.iterdir()) == []


def test_a_failed_plan_takes_the_hand_in_back(
    school: Path, inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = school.read_bytes()

    def fails(*_: object) -> list[Path]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("selfeval.report.plan.export_plan", fails)
    assert _submit(school, inbox) == 2
    assert school.read_bytes() == before
    assert list(inbox.iterdir()) == []


def test_a_colleagues_view_is_refused(school: Path, inbox: Path) -> None:
    evaluation = load_evaluation(school)
    view = evaluation.model_copy(update={"contributor": Contributor(role="P5 teacher")})
    path = school.with_name("balmuir-primary-school.stem.2026-27.p5-teacher.toml")
    path.write_text(dump_evaluation(view), encoding="utf-8")
    before = path.read_bytes()
    assert _submit(path, inbox) == 2
    assert path.read_bytes() == before
    assert list(inbox.iterdir()) == []


def _feedback(submission: Path, *words: str) -> int:
    return main(["feedback", str(submission), *words])


def test_two_officers_write_two_files_and_never_the_submission(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _submit(school, inbox)
    submission = next(inbox.glob("*.submitted-1.toml"))
    sent = submission.read_bytes()
    assert (
        _feedback(
            submission,
            "--by",
            "Quality improvement officer",
            "--text",
            "Honest.",
            "--qi",
            "1.3",
            "--text",
            "Say how you know.",
            "--qi",
            "QI 2.3",
            "--text",
            "Good use of data.",
        )
        == 0
    )
    assert _feedback(submission, "--by", "Ms Gray, peer headteacher", "--validated") == 0
    files = sorted(p.name for p in inbox.glob("*.feedback.*.toml"))
    assert files == [
        "balmuir-primary-school.stem.2026-27.submitted-1.feedback.ms-gray-peer-headteacher.toml",
        "balmuir-primary-school.stem.2026-27.submitted-1.feedback.quality-improvement-officer.toml",
    ]
    assert submission.read_bytes() == sent
    capsys.readouterr()
    assert main(["inbox", str(inbox.parent), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    (only,) = listed["submissions"]
    assert only["setting"] == "Balmuir Primary School" and only["version"] == 1
    assert only["school_year"] == "2026-27" and only["submitted"]
    assert only["feedback_given"] and only["validated"]
    assert listed["not_read"] == []


@pytest.mark.parametrize(
    "words",
    [
        ["--qi", "1.3"],  # a QI with no text
        ["--text", "a", "--text", "b"],  # two overall texts
        ["--qi", "1.3", "--text", "a", "--qi", "1.3", "--text", "b"],  # a QI twice
        ["--qi", "9.9", "--text", "a"],  # no such QI
        [],  # nothing at all
    ],
)
def test_feedback_that_cannot_be_meant_is_refused(
    school: Path, inbox: Path, words: list[str]
) -> None:
    _submit(school, inbox)
    submission = next(inbox.glob("*.submitted-1.toml"))
    assert _feedback(submission, "--by", "Officer", *words) == 2
    assert not list(inbox.glob("*.feedback.*"))


def test_the_school_sees_the_feedback(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _submit(school, inbox)
    submission = next(inbox.glob("*.submitted-1.toml"))
    _feedback(submission, "--by", "Quality improvement officer", "--text", "Honest.",
              "--qi", "1.3", "--text", "Say how you know.", "--validated")  # fmt: skip
    capsys.readouterr()
    assert main(["score", str(school)]) == 0
    text = capsys.readouterr().out
    assert "Feedback from Quality improvement officer" in text and "Honest." in text
    assert "Say how you know." in text and "validated" in text.lower()
    assert main(["score", str(school), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (given,) = data["feedback"]["given"]
    assert given["by"] == "Quality improvement officer" and given["validated"]
    assert given["qis"][0]["text"] == "Say how you know."
    plan = school.with_name("plan.md")
    assert main(["plan", str(school), "-o", str(plan)]) == 0
    assert "Feedback from Quality improvement officer" in plan.read_text(encoding="utf-8")


def test_feedback_in_an_inbox_out_of_reach_is_a_short_note(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _submit(school, inbox)
    shutil.rmtree(inbox)
    capsys.readouterr()
    assert main(["score", str(school)]) == 0
    assert "cannot be reached" in capsys.readouterr().out


def test_a_half_written_submission_is_reported_never_read(
    school: Path, inbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _submit(school, inbox)
    first = next(inbox.glob("*.submitted-1.toml"))
    half = first.with_name(first.name.replace("-1.", "-2."))
    data = first.read_bytes()
    half.write_bytes(data[: len(data) * 2 // 3].rsplit(b"\n", 1)[0] + b"\n")  # a whole line
    capsys.readouterr()
    assert main(["inbox", str(inbox.parent), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [s["version"] for s in listed["submissions"]] == [1]
    (problem,) = listed["not_read"]
    assert problem["file"].endswith(half.name) and "not whole" in problem["reason"]
    assert main(["inbox", str(inbox.parent)]) == 0
    assert "not whole" in capsys.readouterr().out
    collection = collect([inbox.parent])
    assert [r.source for r in collection.records] == [first]
    assert any("not whole" in left.reason for left in collection.left_out)


def test_compare_counts_each_setting_once_and_never_reads_feedback(
    tmp_path: Path, inbox: Path
) -> None:
    for name in (PRIMARY, NURSERY):
        school = tmp_path / name.split(".")[0]
        school.mkdir()
        file = Path(shutil.copy(GOLDEN / name, school))
        _submit(file, inbox)
        _submit(file, inbox)
    submission = next(inbox.glob(f"{PRIMARY.removesuffix('.toml')}.submitted-2.toml"))
    _feedback(submission, "--by", "Officer", "--text", "Fine.")
    collection = latest_only(collect([inbox.parent]))
    assert sorted(r.name for r in collection.records) == [
        "Balburn Nursery",
        "Balmuir Primary School",
    ]
    assert all(".submitted-2." in r.source.name for r in collection.records)
    assert collection.earlier_years == 2 and collection.same_year == 0  # not copies
    assert not collection.left_out  # the feedback is not an evaluation, nor left out as one
    files, _ = toml_files([inbox.parent])
    assert not [f for f in files if ".feedback." in f.name]  # nor gathered for moderation


@settings(max_examples=50)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=400))
def test_only_a_whole_submission_is_whole(text: bytes, cut: int) -> None:
    from datetime import UTC, datetime

    at = datetime(2027, 3, 3, 9, 14, tzinfo=UTC)
    data = ended(text, at)
    assert handed_in_at(data) == at
    if cut < len(data) - 1:
        assert not whole(data[:cut]) or data[:cut].rstrip(b"\n") == data.rstrip(b"\n")


def test_a_name_taken_meanwhile_is_never_written_over(tmp_path: Path) -> None:
    from selfeval.files.atomic import atomic_create_bytes

    (tmp_path / "x.submitted-1.toml").write_bytes(b"another computer's")
    names = (f"x.submitted-{n}.toml" for n in range(1, 4))
    written = atomic_create_bytes(tmp_path, names, b"ours")
    assert written.name == "x.submitted-2.toml" and written.read_bytes() == b"ours"
    assert (tmp_path / "x.submitted-1.toml").read_bytes() == b"another computer's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.submitted-1.toml", written.name]


_BUSY_WRITER = r"""
import os, sys, time
from pathlib import Path
inbox, sent, stop = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3])
other = inbox.parent / "another-school"
rounds = 0
while not stop.exists():
    other.mkdir(exist_ok=True)
    # a hand-in still syncing, a cloud placeholder, a file being rewritten, a stray
    (inbox / "balmuir-primary-school.stem.2026-27.submitted-7.toml").write_bytes(
        sent[: (rounds * 997) % len(sent)])
    (other / "kilbrae-primary.stem.2026-27.submitted-1.toml").write_bytes(b"")
    (other / f"notes-{rounds % 3}.toml").write_text("x = [1, 2" * (rounds % 2), "utf-8")
    (inbox / (
        "balmuir-primary-school.stem.2026-27.submitted-1.feedback.someone.toml"
    )).write_bytes(b"by = 'Someone'\nat = 2027-03-0" if rounds % 2 else b"")
    for stale in other.glob("notes-*.toml"):
        if rounds % 5 == 0:
            stale.unlink(missing_ok=True)
    rounds += 1
    (inbox.parent / "rounds.txt").write_text(str(rounds), "utf-8")
"""


def _until_under_way(writer: subprocess.Popen[bytes], rounds: Path) -> None:
    """Wait until the writer has gone round its loop 20 times (it says so in *rounds*)."""
    for _ in range(3000):  # at most ~30 s on a slow machine
        said = rounds.read_text("utf-8") if rounds.exists() else ""
        if said.isdigit() and int(said) >= 20:
            return
        try:
            writer.wait(0.01)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the writer stopped ({writer.returncode})")
    pytest.fail("the writer did not get under way")


@pytest.mark.slow
def test_the_loop_holds_while_another_process_writes_into_the_inbox(
    school: Path, inbox: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 34's done-when: hand in twice, give feedback on two QIs and validate, list the
    inbox and compare it, while another process (a sync client, a colleague's copy) keeps
    writing half files, placeholders and strays into the same folders. Every step succeeds,
    each of its files whole, and what the other process writes is reported, never read."""
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", _BUSY_WRITER, str(inbox), str(GOLDEN / PRIMARY), str(stop)]
    )
    rounds = inbox.parent / "rounds.txt"
    try:
        _until_under_way(writer, rounds)
        assert _submit(school, inbox) == 0 and _submit(school, inbox) == 0
        # numbered after the half-synced version 7 the other process keeps writing: a hand-in
        # from another laptop, perhaps, never to be written over
        first, second = (inbox / s.file for s in load_evaluation(school).submissions)
        assert first.name.endswith(".submitted-8.toml")
        words = ["--by", "Officer", "--qi", "1.3", "--text", "Say how.", "--qi", "2.3"]
        assert _feedback(second, *words, "--text", "Good data.", "--validated") == 0
        capsys.readouterr()
        assert main(["inbox", str(inbox.parent), "--format", "json"]) == 0
        listed = json.loads(capsys.readouterr().out)
        ours = [s for s in listed["submissions"] if s["setting"] == "Balmuir Primary School"]
        assert [s["version"] for s in ours] == [9, 8]
        assert ours[0]["validated"] and not ours[1]["validated"]
        collection = latest_only(collect([inbox.parent]))
        assert [r.source for r in collection.records] == [second]
    finally:
        stop.touch()
        try:
            writer.wait(30)
        except subprocess.TimeoutExpired:
            writer.kill()
    assert writer.returncode == 0
    assert [s.version for s in load_evaluation(school).submissions] == [8, 9]
    assert whole(first.read_bytes()) and whole(second.read_bytes())


def test_a_hand_in_to_another_folder_is_the_version_promised(
    school: Path, inbox: Path, tmp_path: Path
) -> None:
    """Versions are the evaluation's own sequence: a second hand-in, to a folder it never
    went to, is version 2, as the dialog promised, not the folder's first."""
    from selfeval.authority.submission import next_version

    assert _submit(school, inbox) == 0
    other = tmp_path / "inbox" / "elsewhere"
    other.mkdir()
    promised = next_version(load_evaluation(school), other)
    assert promised == 2
    assert _submit(school, other) == 0
    assert [s.version for s in load_evaluation(school).submissions] == [1, 2]
    assert (other / "balmuir-primary-school.stem.2026-27.submitted-2.toml").is_file()
