"""The action plan as a spreadsheet tracker (issue 33): one row per action with real dates, the
header in view, filters on, wrapped text, a sheet of levels said as suggested or agreed, and
text that is never a formula, whatever it starts with."""

from __future__ import annotations

import errno
import io
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from selfeval.cli import main
from selfeval.evaluation import Evaluation, dump_evaluation, load_evaluation
from selfeval.evaluation.actions import Action
from selfeval.report.content import plan_content
from selfeval.report.tracker import ACTION_COLUMNS, DATE_FORMAT, plan_xlsx
from selfeval.scoring import score

from .test_plan import GOLDEN, HOSTILE, _evaluation, _stem

FORMULAS = (
    '=HYPERLINK("http://example.invalid/steal","Click for the plan")',
    "+44 1234 567890",
    "-5 fewer incidents",
    "@SUM(A1:A3)",
    "=1+1",
)


def _hostile() -> Evaluation:
    """The plan tests' evaluation (two actions, one full of markup) with an action whose every
    text looks like a formula to a spreadsheet, and one with a control character pasted in."""
    evaluation = _evaluation()
    link, phone, fewer, total, sum_ = FORMULAS
    evaluation = evaluation.with_action(
        Action(
            id="a3",
            qi="leadership-of-change",
            text=link,
            outcome=sum_,
            lead=phone,
            measure=fewer,
            review=total,
            status="done",
            due=date(2027, 6, 30),
        )
    )
    return evaluation.with_action(
        Action(id="a4", qi="curriculum", text="Audit kits", measure="Bell\x07 and\x0bform feed")
    )


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tracker")
    source = folder / "balmuir.toml"
    source.write_text(dump_evaluation(_hostile()), encoding="utf-8")
    assert main(["plan", str(source), "-o", str(folder / "plan.xlsx")]) == 0
    return folder / "plan.xlsx"


@pytest.fixture(scope="module")
def book(tracker: Path) -> Any:
    return openpyxl.load_workbook(tracker)


def _cells(sheet: Any) -> list[Any]:
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_three_sheets_header_in_view_and_filters_on(book: Any) -> None:
    assert book.sheetnames == ["Action plan", "QI levels", "About"]
    actions, levels = book["Action plan"], book["QI levels"]
    for sheet in (actions, levels):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}" + (
            f"{sheet.max_row}"
        )
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.print_title_rows == "$1:$1"
    assert [c.value for c in actions[1]] == [heading for heading, _ in ACTION_COLUMNS]
    assert actions.auto_filter.ref == "A1:K5"  # four actions under the header


def test_one_row_per_action_with_qi_number_and_title(book: Any) -> None:
    actions = book["Action plan"]
    rows = [[c.value for c in row] for row in actions.iter_rows(min_row=2)]
    qis = [row[0] for row in rows]
    assert qis == [
        "QI 1.1 Self-evaluation for self-improvement",
        "QI 1.3 Leadership of change",
        "QI 2.2 Curriculum",
        "QI 2.3 Learning, teaching and assessment",
    ]
    adopted = rows[3]
    assert adopted[2:4] == ["Learners explain | their *thinking*", "Depute head (Ms Rahman)"]
    assert adopted[5] == "Open questions in 8 of 10 lessons\n<seen> on walks"
    assert adopted[6] == "under way"
    assert adopted[7].startswith("=IF(") and adopted[8] is None  # overdue: the sheet's own
    assert adopted[10] == "First walk | done"
    assert rows[0][1] == HOSTILE  # markup characters kept as typed
    assert rows[2][5] == "Bell\ufffd and\ufffdform feed"  # what XML cannot hold, replaced


def test_dates_are_excel_dates_with_a_date_format(book: Any) -> None:
    actions = book["Action plan"]
    adopted = actions[5]
    due, review = adopted[4], adopted[9]
    for cell, day in ((due, datetime(2027, 3, 31)), (review, datetime(2027, 1, 15))):
        assert cell.data_type == "d" or cell.is_date
        assert cell.value == day
        assert cell.number_format == DATE_FORMAT
    assert actions[3][4].value == datetime(2027, 6, 30)
    assert actions[2][4].value is None  # no date: an empty cell, not a word
    target = book["QI levels"]
    row = next(r for r in target.iter_rows(min_row=2) if r[1].value.startswith("Learning"))
    assert row[5].value == datetime(2027, 6, 30) and row[5].number_format == DATE_FORMAT


def test_text_is_never_a_formula(book: Any, tracker: Path) -> None:
    cells = [cell for sheet in book.worksheets for cell in _cells(sheet)]
    formulas = [cell for cell in cells if cell.data_type == "f"]
    assert all(  # only the sheet's own "Overdue", over its row's date and status
        cell.parent.title == "Action plan" and cell.column_letter == "H" for cell in formulas
    )
    assert all(cell.value.startswith("=IF(AND(ISNUMBER(E") for cell in formulas)
    texts = {cell.value: cell for cell in cells if isinstance(cell.value, str)}
    for text in FORMULAS:
        assert texts[text].data_type == "s", text
        assert texts[text].quotePrefix, text  # stays text when edited in Excel
    with zipfile.ZipFile(tracker) as parts:
        for name in parts.namelist():
            if name.startswith("xl/worksheets/"):
                written = parts.read(name)
                assert written.count(b"<f>") == written.count(b"<f>IF(AND(ISNUMBER(E"), name


def test_text_wraps_in_sensible_widths(book: Any) -> None:
    actions = book["Action plan"]
    for (_, width), column in zip(ACTION_COLUMNS, "ABCDEFGHIJK", strict=True):
        assert actions.column_dimensions[column].width == width >= 9
    assert all(c.alignment.wrap_text for c in _cells(actions) if isinstance(c.value, str))
    heights = [actions.row_dimensions[r].height for r in range(2, 6)]
    assert heights[1] < heights[3]  # two lines of what we will know take more than one


def test_levels_are_said_as_suggested_or_agreed(book: Any) -> None:
    levels = book["QI levels"]
    header = [c.value for c in levels[1]]
    assert header[:4] == ["QI", "Title", "Suggested by selfeval", "Agreed by the team"]
    rows = {row[1].value: [c.value for c in row] for row in levels.iter_rows(min_row=2)}
    assert rows["Self-evaluation for self-improvement"][2:4] == ["4 good", "3 satisfactory"]
    assert rows["Leadership of change"][3] == "not yet agreed"
    assert rows["Learning, teaching and assessment"][4] == "5 very good"
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(min_row=2)}
    assert about["Setting"].startswith("Balmuir Primary School")
    assert "not yet agreed" in about["About the levels"]


def test_a_nursery_without_actions_still_gets_a_tracker(tmp_path: Path) -> None:
    source = GOLDEN / "balburn-nursery.stem.2026-27.toml"
    out = tmp_path / "nursery.xlsx"
    assert main(["plan", str(source), "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    actions = book["Action plan"]
    assert actions["A2"].value.startswith("No actions yet")
    assert book["QI levels"]["A1"].value in {"QI", "Area"}
    assert not list(tmp_path.glob("*.png"))  # a tracker draws no chart


def test_page_headers_escape_ampersands() -> None:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    setting = evaluation.setting.model_copy(update={"name": "St Mary's & St John's &P"})
    evaluation = evaluation.model_copy(update={"setting": setting})
    plan = plan_content(score(evaluation, _stem()), evaluation, _stem())
    book = openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan)))
    assert book["Action plan"].oddHeader.left.text.startswith("St Mary's && St John's &&P")


def test_a_tracker_is_never_half_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    source = GOLDEN / "balmuir-primary-school.stem.2026-27.toml"
    folder = tmp_path / "out"
    folder.mkdir()
    assert main(["plan", str(source), "-o", str(folder / "no" / "plan.xlsx")]) == 2
    assert "could not write" in capsys.readouterr().err
    named_like_it = folder / "kept.xlsx"
    named_like_it.write_bytes(source.read_bytes())
    assert main(["plan", str(source), "-o", str(named_like_it)]) == 2
    assert "is a selfeval evaluation" in capsys.readouterr().err
    assert named_like_it.read_bytes() == source.read_bytes()
    before = folder / "before.xlsx"
    before.write_bytes(b"the tracker as it was")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("selfeval.files.atomic.os.replace", disk_full)
    assert main(["plan", str(source), "-o", str(before)]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert before.read_bytes() == b"the tracker as it was"
    assert sorted(p.name for p in folder.iterdir()) == ["before.xlsx", "kept.xlsx"]
