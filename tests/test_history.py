"""The evaluation's history (issue 34): levels agreed and changed, hand-ins, statements agreed
at the median, kept append-only so two colleagues saving at once lose no entry, and shown in
the plan, `score` and its JSON. Files without it open unchanged."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.evaluation.history import HISTORY_LIMIT, HistoryEntry, appended
from selfeval.evaluation.store import dump_evaluation, load_evaluation
from selfeval.framework import Framework, load_framework
from selfeval.report.history import history_rows

from .conftest import DATA

GOLDEN = DATA / "golden" / "evaluations"
PRIMARY = "balmuir-primary-school.stem.2026-27.toml"


@pytest.fixture
def session(minimal_framework_path: Path, tmp_path: Path) -> EvaluationSession:
    framework: Framework = load_framework(minimal_framework_path)
    store = EvaluationStore(tmp_path / "responses")
    opened = EvaluationSession.start(store, framework, Setting(name="Oakfield", stage="school"))
    opened.who = "mreid"
    return opened


def _entry(what: str, second: int = 0) -> HistoryEntry:
    at = datetime(2027, 3, 3, 9, 0, second, tzinfo=UTC)
    return HistoryEntry(at=at, kind="level", what=what, by="someone")


def test_a_file_without_history_opens_and_saves_unchanged(tmp_path: Path) -> None:
    path = Path(shutil.copy(GOLDEN / PRIMARY, tmp_path))
    evaluation = load_evaluation(path)
    assert evaluation.history == []
    assert "history" not in dump_evaluation(evaluation)


def test_a_file_with_history_reads_back_as_written(tmp_path: Path) -> None:
    evaluation = load_evaluation(GOLDEN / PRIMARY).with_entry(_entry("QI 1.3: agreed as 4 good"))
    path = tmp_path / PRIMARY
    path.write_text(dump_evaluation(evaluation), "utf-8")
    assert load_evaluation(path).history == evaluation.history
    # version 3: an older selfeval says to update, rather than calling `history` a mistake
    assert "schema_version = 3\n" in path.read_text("utf-8")
    assert "schema_version = 2\n" in dump_evaluation(load_evaluation(GOLDEN / PRIMARY))


def test_agreeing_a_level_logs_who_when_and_why(session: EvaluationSession) -> None:
    session.confirm_level("first", 2, 3, "Moderated with the cluster")
    session.confirm_level("first", 2, 3, "Moderated with the cluster")  # nothing new
    session.confirm_level("first", 2, 2)
    history = load_evaluation(session.path).history
    assert [(e.kind, e.by) for e in history] == [("level", "mreid")] * 2
    assert history[0].what.endswith("agreed as 3 strong (selfeval suggested 2 adequate)")
    assert history[0].why == "Moderated with the cluster"
    assert history[1].what.endswith("changed from 3 strong to 2 adequate")  # as suggested


def test_undoing_a_level_is_logged_and_the_entry_kept(session: EvaluationSession) -> None:
    session.confirm_level("first", 2, 3)
    session.undo()
    history = load_evaluation(session.path).history
    assert len(history) == 2 and "taken back, none agreed" in history[1].what
    assert "first" not in load_evaluation(session.path).qi


def test_two_colleagues_saving_at_once_keep_both_entries(session: EvaluationSession) -> None:
    session.confirm_level("first", 2, 3)
    kept = session.path.stat()
    theirs = load_evaluation(session.path).with_entry(_entry("theirs, saved elsewhere"))
    session.path.write_text(dump_evaluation(theirs), "utf-8")
    os.utime(session.path, ns=(kept.st_atime_ns, kept.st_mtime_ns))  # a copy that keeps times
    session.confirm_level("first", 2, 1)
    whats = [e.what for e in load_evaluation(session.path).history]
    assert "theirs, saved elsewhere" in whats, whats
    assert any(w.endswith("agreed as 3 strong (selfeval suggested 2 adequate)") for w in whats)
    assert any("changed from 3 strong to 1 " in w for w in whats)


def test_the_union_holds_each_entry_once_in_order_of_time() -> None:
    first, second = _entry("first", 1), _entry("second", 2)
    assert appended([first, second], first) == [first, second]
    assert appended([second], first) == [first, second]
    many = [_entry(f"n{n}", n % 60) for n in range(HISTORY_LIMIT)]
    assert len(appended(many, _entry("one more", 59))) == HISTORY_LIMIT


def test_submit_logs_the_hand_in_and_the_plan_shows_it_with_feedback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    school = Path(shutil.copy(GOLDEN / PRIMARY, tmp_path))
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["submit", str(school), "--to", str(inbox)]) == 0
    submitted = inbox / PRIMARY.replace(".toml", ".submitted-1.toml")
    assert main(["feedback", str(submitted), "--by", "QIO | Gray", "--validated"]) == 0
    history = load_evaluation(school).history
    assert [e.kind for e in history] == ["submission"]
    assert "version 1, to " in history[0].what and str(inbox.absolute()) in history[0].what
    capsys.readouterr()
    assert main(["score", str(school)]) == 0
    out = capsys.readouterr().out
    assert "\nHistory:\n" in out and "version 1 validated by the authority (QIO | Gray)" in out
    assert main(["score", str(school), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["history"][0]["kind"] == "submission"
    md = tmp_path / "plan.md"
    assert main(["plan", str(school), "-o", str(md)]) == 0
    text = md.read_text("utf-8")
    assert "## History\n\n| Date | What | Who | Why |" in text
    assert "| feedback given on version 1 | QIO \\| Gray |" in text  # a cell, not two
    word = tmp_path / "plan.docx"
    assert main(["plan", str(school), "-o", str(word), "--no-template"]) == 0
    (table,) = [t for t in Document(str(word)).tables if t.rows[0].cells[0].text == "Date"]
    assert [c.text for c in table.rows[0].cells] == ["Date", "What", "Who", "Why"]
    assert [r.cells[2].text for r in table.rows[1:]] == [history[0].by or "", *["QIO | Gray"] * 2]


def test_history_rows_escape_nothing_and_keep_reasons_on_one_line() -> None:
    evaluation = load_evaluation(GOLDEN / PRIMARY).with_entry(
        _entry("QI 1.1: agreed").model_copy(update={"why": "two\nlines"})
    )
    (row,) = history_rows(evaluation)
    assert row.cells == ("3 March 2027", "QI 1.1: agreed", "someone", "two lines")


def test_the_plan_has_no_history_section_without_history(tmp_path: Path) -> None:
    md = tmp_path / "plan.md"
    assert main(["plan", str(GOLDEN / PRIMARY), "-o", str(md)]) == 0
    assert "## History" not in md.read_text("utf-8")


async def test_the_results_screen_shows_the_history_on_l(tmp_path: Path, stem_path: Path) -> None:
    from selfeval.tui import make_app
    from selfeval.tui.screens.history import NO_HISTORY, HistoryScreen
    from selfeval.tui.screens.results import ResultsScreen

    from .evaluation_helpers import rate_with_evidence
    from .tui_helpers import screen_text, until

    stem = load_framework(stem_path)
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    session.who = "[b]mr"  # markup typed in a name is shown as typed
    for sid in [s.id for s in stem.sections[0].statements if s.applies_to("primary")]:
        rate_with_evidence(session, sid, 4)
    app = make_app(stem, store, session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("l")
        assert await until(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert " ".join(NO_HISTORY.split()[:3]) in " ".join(screen_text(app).split())
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("c", "l")
        assert await until(pilot, lambda: "[b]mr" in screen_text(app))
        assert isinstance(app.screen, HistoryScreen) and "agreed as" in screen_text(app)
        assert session.evaluation.history[0].what.endswith("agreed as 4 good")
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("ctrl+q")
