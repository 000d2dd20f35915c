"""A trial of the tracker: its "Overdue" column was fixed text on the day it was written, so
it went on saying "overdue" after the office marked the action done in the sheet, and said
nothing of an action whose date passed later. The sheet works it out itself from each row's
date and status, whenever it is opened; and printed, its eleven columns are legible."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from selfeval.report.content import plan_content
from selfeval.report.tracker import ACTION_COLUMNS, plan_xlsx
from selfeval.scoring import score

from .test_plan import _evaluation, _stem

_A4_LANDSCAPE_UNITS = 143
"""How many character widths of Calibri 11 an A4 landscape page holds between 0.4 inch
margins at full size (about 1.98 mm each)."""


def _tracker(tmp_path: Path) -> Path:
    """A tracker of three actions: one past its date under way, one past its date done, one
    due next year."""
    from selfeval.evaluation.actions import Action

    evaluation = _evaluation().model_copy(update={"actions": []})
    past, future = date.today() - timedelta(days=30), date.today() + timedelta(days=300)
    for n, (status, due) in enumerate([("under-way", past), ("done", past), ("planned", future)]):
        action = Action(id=f"a{n}", qi="curriculum", text=f"Row {n}", status=status, due=due)
        evaluation = evaluation.with_action(action)
    framework = _stem()
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(plan_xlsx(plan_content(score(evaluation, framework), evaluation, framework)))
    return path


def test_the_overdue_column_is_the_sheets_own_formula(tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(_tracker(tmp_path))["Action plan"]
    assert sheet["H1"].value == "Overdue"
    for row in range(2, 5):
        formula = sheet.cell(row, 8).value
        assert isinstance(formula, str) and "TODAY()" in formula
        assert f"E{row}" in formula and f"G{row}" in formula  # its own row's date and status


def test_printed_the_columns_are_legible() -> None:
    total = sum(width for _, width in ACTION_COLUMNS)
    assert _A4_LANDSCAPE_UNITS / total >= 0.75  # was about half size: 242 widths to a page


def _shown(xlsx: Path, out: Path) -> list[list[str]]:
    """The action sheet as LibreOffice shows it, formulas worked out on opening."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    done = subprocess.run(
        [office, "--headless", "--convert-to", "csv", "--outdir", str(out), str(xlsx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shown = out / f"{xlsx.stem}.csv"
    if not shown.exists() and b"could not be loaded" in done.stderr + done.stdout:
        # LibreOffice without Calc (Debian's libreoffice-writer alone) opens no spreadsheet
        pytest.skip("LibreOffice cannot open spreadsheets here (its Calc is not installed)")
    lines = shown.read_text(encoding="utf-8").splitlines()
    import csv

    return list(csv.reader(lines))


@pytest.mark.slow
def test_overdue_is_true_when_opened_and_after_the_status_changes(tmp_path: Path) -> None:
    path = _tracker(tmp_path)
    rows = {row[1]: row for row in _shown(path, tmp_path / "first")[1:]}
    assert rows["Row 0"][7] == "overdue"
    assert rows["Row 1"][7] == "" and rows["Row 2"][7] == ""
    book = openpyxl.load_workbook(path)
    sheet = book["Action plan"]
    row = next(r for r in range(2, 5) if sheet.cell(r, 2).value == "Row 0")
    sheet.cell(row, 7).value = "done"  # the office marks it done in the sheet
    book.save(path)
    rows = {row[1]: row for row in _shown(path, tmp_path / "again")[1:]}
    assert rows["Row 0"][7] == ""
