"""Actions carried over from last year, and actions whose date has passed, said as such in
every document (issue 33): a trial found the tracker did not mark what was carried over, and
nothing flagged an action still under way months after its date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from selfeval.cli import main
from selfeval.evaluation import Evaluation, dump_evaluation
from selfeval.evaluation.actions import Action

from .conftest import TODAY
from .test_plan import _evaluation

OVERDUE = "overdue (due 6 May 2026)"
CARRIED = "carried over from 2025-26"


def _with_old_actions() -> Evaluation:
    """The plan tests' evaluation (its actions due next year) with one action carried over
    from last year and due before `TODAY`, one done late (not overdue: it is done), and one
    due on `TODAY` itself (not yet overdue)."""
    evaluation = _evaluation()
    late = date(2026, 5, 6)
    qi = "leadership-of-change"
    for action in (
        Action(id="a3", qi=qi, text="Carried and late", due=late, status="under-way",
               carried_from="2025-26"),
        Action(id="a4", qi=qi, text="Done late", due=late, status="done"),
        Action(id="a5", qi="curriculum", text="Due today", due=TODAY),
    ):  # fmt: skip
        evaluation = evaluation.with_action(action)
    return evaluation


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("overdue")
    this = _with_old_actions().model_copy(update={"school_year": "2026-27"})
    (folder / "balmuir.stem.2026-27.toml").write_text(dump_evaluation(this), encoding="utf-8")
    return folder


def _run(folder: Path, *argv: str) -> Path:
    source, out = folder / "balmuir.stem.2026-27.toml", folder / argv[-1]
    assert main([argv[0], str(source), "-o", str(out), *argv[1:-1]]) == 0
    return out


def test_only_an_action_still_to_do_past_its_date_is_overdue() -> None:
    actions = {a.text: a for a in _with_old_actions().actions}
    assert actions["Carried and late"].overdue_said() == OVERDUE
    assert actions["Done late"].overdue_said() == ""
    assert actions["Due today"].overdue_said() == ""
    assert (
        actions["Due today"].overdue_said(on=date(2026, 11, 3)) == "overdue (due 2 November 2026)"
    )


def test_the_markdown_and_word_plans_say_overdue_and_carried(
    monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    text = _run(folder, "plan", "plan.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "Carried and late" in line)
    assert CARRIED in row and f"under way, {OVERDUE}" in row
    for other in ("Done late", "Due today"):
        assert "overdue" not in next(line for line in text.splitlines() if other in line)
    doc = Document(str(_run(folder, "plan", "plan.docx")))
    rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    late = next(r for r in rows if r[1].startswith("Carried and late"))
    assert CARRIED in late[1] and late[-1].startswith(f"under way, {OVERDUE}")


def _actions_sheet(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    sheet = openpyxl.load_workbook(path)["Action plan"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in sheet.iter_rows(2)]
    return header, rows


def test_the_tracker_has_columns_for_overdue_and_carried_over(folder: Path) -> None:
    header, rows = _actions_sheet(_run(folder, "plan", "plan.xlsx"))
    assert header[6:9] == ["Status", "Overdue", "Carried over from"]
    by_text = {row["What we will do"]: row for row in rows}
    late = by_text["Carried and late"]
    assert late["Overdue"].startswith("=IF(")  # worked out by the sheet: test_tracker_live
    assert late["Carried over from"] == "2025-26"
    assert late["Status"] == "under way"  # the status column keeps only the statuses listed
    for other in ("Done late", "Due today"):
        assert by_text[other]["Carried over from"] is None
    sheet = openpyxl.load_workbook(folder / "plan.xlsx")["Action plan"]
    assert sheet.auto_filter.ref == f"A1:K{len(rows) + 1}"  # the filters take in both


def test_the_report_says_which_priorities_are_carried_and_overdue(folder: Path) -> None:
    text = _run(folder, "report", "report.md").read_text(encoding="utf-8")
    priorities = text.split("## Our priorities for next year")[1]
    row = next(line for line in priorities.splitlines() if "Carried and late" in line)
    assert f"Carried and late ({CARRIED})" in row and f"| {OVERDUE} |" in row
    doc = Document(str(_run(folder, "report", "report.docx")))
    cells = {c.text for t in doc.tables for r in t.rows for c in r.cells}
    assert OVERDUE in cells and f"Carried and late ({CARRIED})" in cells


def test_last_years_actions_still_to_do_say_they_are_overdue(tmp_path: Path) -> None:
    last = _with_old_actions().model_copy(update={"school_year": "2025-26"})
    this = _evaluation().model_copy(update={"school_year": "2026-27"})
    (tmp_path / "a.toml").write_text(dump_evaluation(last), encoding="utf-8")
    (tmp_path / "b.toml").write_text(dump_evaluation(this), encoding="utf-8")
    out = tmp_path / "r.md"
    argv = ["report", str(tmp_path / "b.toml"), "-o", str(out), "--previous"]
    assert main([*argv, str(tmp_path / "a.toml")]) == 0
    progress = out.read_text(encoding="utf-8").split("## How each")[0]
    assert f"Carried and late Now {OVERDUE}." in progress
    assert "Done late |" in progress  # done: nothing to flag
