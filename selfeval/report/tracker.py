"""The action plan as a spreadsheet tracker (.xlsx), from the same content as the Word and
Markdown plans (`content`).

A team, or the authority, keeps an improvement plan's actions in a spreadsheet through the
year: one row per action, its dates as real dates (so they sort and filter as dates), the
header kept in view and filters on, text wrapped in columns wide enough to read. A second sheet
has each QI's levels, the suggested one and the agreed one under headings that say which is
which, with its target; a third says whose plan it is.

Every cell of text is stored as text: a note typed as "=HYPERLINK(…)" or "+44 1234" is shown
as typed, never run as a formula, and stays text when someone edits the cell in Excel.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from selfeval.evaluation.actions import ACTION_STATUSES
from selfeval.report.content import PlanContent
from selfeval.report.qi_content import NOT_AGREED
from selfeval.report.wordxml import clean

__all__ = ["ACTION_COLUMNS", "DATE_FORMAT", "LEVEL_COLUMNS", "OVERDUE_FORMULA", "plan_xlsx"]

DATE_FORMAT = "d mmm yyyy"
"""How a date cell shows its date: "30 Jun 2027", which no reader takes for another day."""
ACTION_COLUMNS = (
    ("Quality indicator", 18),
    ("What we will do", 32),
    ("Outcome sought", 22),
    ("Lead", 13),
    ("By when", 11),
    ("How we will know", 22),
    ("Status", 10),
    ("Overdue", 9),
    ("Carried over from", 9),
    ("Next review", 11),
    ("Review notes", 24),
)
"""The action sheet's columns: each heading and its width in characters, narrow enough that
all eleven print across an A4 landscape page at a size a school office can read (about four
fifths of full size: the text wraps onto more lines instead). "Overdue" is worked out by the
sheet itself whenever it is opened (`OVERDUE_FORMULA`); "Carried over from" names the school
year of an action carried over from an earlier plan, so a filter finds them."""
OVERDUE_FORMULA = (
    '=IF(AND(ISNUMBER({due}),{due}<TODAY(),{status}<>"{done}",{status}<>"{dropped}"),"overdue","")'
)
"""The "Overdue" cell of a row: an action not done nor dropped whose date has passed, as on
the day the sheet is opened, so it stays true after its status is changed in the sheet or
months later. It reads only the row's own date and status cells; the team's text is never
made a formula (`_put`)."""
LEVEL_COLUMNS = (
    ("Title", 36),
    ("Suggested by selfeval", 26),
    ("Agreed by the team", 20),
    ("Target", 14),
    ("Target date", 12),
    ("Statements rated", 12),
)
"""The levels sheet's columns after the first (which says "QI" or "Area", as the plan does)."""
_FIRST_LEVEL_COLUMN = 18
_FORMULA_STARTS = ("=", "+", "-", "@")
"""How a spreadsheet tells a formula from text, when someone types or edits a cell."""
_FONT = "Calibri"
"""The workbook's own font (a font without a name is drawn in a serif by LibreOffice)."""
_HEADER_FONT = Font(name=_FONT, size=11, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
_OVERDUE_FONT = Font(name=_FONT, size=11, bold=True, color="C00000")
_WRAPPED = Alignment(wrap_text=True, vertical="top")
_LINE_POINTS = 15
"""The height of a line of 11-point Calibri, as Excel spaces it."""
_CHARACTERS_PER_WIDTH = 1.1
"""How many characters of text a column's width holds per unit (the width of a "0"; most
letters are narrower)."""
_HIGHEST_ROW = 409
"""The highest row Excel allows, in points."""
_TITLE_MOST = 120
"""The most characters of the setting's name, or the plan's title, in a printed page's header
(Excel allows 255 for the whole header, its codes included)."""


def plan_xlsx(plan: PlanContent) -> bytes:
    """*plan*'s actions, levels and facts as the bytes of an .xlsx workbook."""
    book = Workbook()
    book.properties.title = clean(plan.title)
    book.properties.creator = "selfeval"
    book.calculation.fullCalcOnLoad = True  # "Overdue" as on the day the sheet is opened
    actions = book.active
    actions.title = "Action plan"
    _action_sheet(actions, plan)
    _levels_sheet(book.create_sheet("QI levels"), plan)
    _about_sheet(book.create_sheet("About"), plan)
    setting = next((fact.value for fact in plan.facts if fact.label == "Setting"), "")
    for sheet in book.worksheets:
        _print_setup(sheet, setting, plan.title)
    saved = io.BytesIO()
    book.save(saved)
    return saved.getvalue()


def _action_sheet(sheet: Any, plan: PlanContent) -> None:
    _header(sheet, ACTION_COLUMNS)
    rows = [
        (a.heading, a.what, a.outcome, a.lead, a.due_on, a.measure, a.status, None,
         a.carried_from, a.review_on, a.review)
        for a in plan.actions
    ]  # fmt: skip
    _rows(sheet, rows or [("No actions yet: in selfeval, press a on the results screen.",)])
    for r in range(2, len(rows) + 2):
        _overdue(sheet.cell(r, 8), r)
    statuses = ",".join(ACTION_STATUSES.values())
    choose = DataValidation(type="list", formula1=f'"{statuses}"', allow_blank=True)
    choose.errorStyle = "warning"  # a team may write its own status: the list only offers
    choose.error = f"Usually one of: {statuses}."
    sheet.add_data_validation(choose)
    status = get_column_letter(7)
    choose.add(f"{status}2:{status}{len(rows) + 200}")  # and rows the team adds
    _filters(sheet, len(ACTION_COLUMNS), len(rows) + 1)


def _overdue(cell: Any, row: int) -> None:
    """Row *row*'s "Overdue" cell: the sheet's own formula over its date and status cells."""
    due, status = f"{get_column_letter(5)}{row}", f"{get_column_letter(7)}{row}"
    cell.value = OVERDUE_FORMULA.format(
        due=due, status=status, done=ACTION_STATUSES["done"], dropped=ACTION_STATUSES["dropped"]
    )
    cell.alignment = _WRAPPED
    cell.font = _OVERDUE_FONT


def _levels_sheet(sheet: Any, plan: PlanContent) -> None:
    _header(sheet, ((plan.qi_header, _FIRST_LEVEL_COLUMN), *LEVEL_COLUMNS))
    rows: list[Sequence[str | date | None]] = [
        (r.qi, r.title, r.suggested, r.ours, r.target_level, r.target_by, r.rated)
        for r in plan.summary
    ]
    rows += [("", heading, "no level yet: not rated", NOT_AGREED) for heading in plan.not_started]
    _rows(sheet, rows)
    _filters(sheet, len(LEVEL_COLUMNS) + 1, len(rows) + 1)


def _about_sheet(sheet: Any, plan: PlanContent) -> None:
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90
    _put(sheet["A1"], plan.title)  # one line, running across
    sheet["A1"].font = Font(name=_FONT, bold=True, size=13)
    facts = [(fact.label, fact.value) for fact in plan.facts]
    _rows(sheet, [*facts, ("About the levels", plan.about)])
    for r in range(2, len(facts) + 3):
        sheet.cell(r, 1).font = _HEADER_FONT


def _header(sheet: Any, columns: Sequence[tuple[str, int]]) -> None:
    """The header row, bold on a pale fill, kept in view as the rows scroll."""
    for n, (heading, width) in enumerate(columns, start=1):
        cell = sheet.cell(1, n)
        _put(cell, heading)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAPPED
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.row_dimensions[1].height = _height(columns)
    sheet.freeze_panes = "A2"


def _rows(sheet: Any, rows: Sequence[Sequence[str | date | None]], first: int = 2) -> None:
    """*rows* from row *first* down: text as text, dates as dates, nothing as an empty cell;
    each row as high as its longest text wraps to."""
    widths = [sheet.column_dimensions[get_column_letter(n)].width for n in range(1, 20)]
    for r, values in enumerate(rows, start=first):
        for n, value in enumerate(values, start=1):
            if value is None or value == "":
                continue
            cell = sheet.cell(r, n)
            _put(cell, value)
            cell.alignment = _WRAPPED
        texts = [(str(v), w) for v, w in zip(values, widths, strict=False) if isinstance(v, str)]
        sheet.row_dimensions[r].height = _height(texts)


def _height(texts: Sequence[tuple[str, float]]) -> float:
    """The height in points of a row of *texts* wrapped in columns of the widths given: Excel
    and LibreOffice keep an .xlsx file's rows one line high, whatever they hold, and draw the
    rest of a wrapped text over the row below (LibreOffice) or not at all (Excel)."""
    lines = max(
        (
            sum(len(textwrap.wrap(line, int(width * _CHARACTERS_PER_WIDTH)) or [""])
                for line in text.splitlines() or [""])
            for text, width in texts
        ),
        default=1,
    )  # fmt: skip
    return min(_LINE_POINTS * lines + 3, _HIGHEST_ROW)


def _put(cell: Any, value: str | date) -> None:
    """*value* into *cell*: a date as a date cell, any text as a string cell (never a formula,
    whatever it starts with, and kept text when edited: Excel's quote prefix)."""
    if isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
        return
    text = clean(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
    if text.startswith(_FORMULA_STARTS):
        cell.quotePrefix = True


def _filters(sheet: Any, columns: int, rows: int) -> None:
    """Filters on the header, over the *rows* from it down."""
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{rows}"


def _print_setup(sheet: Any, setting: str, title: str) -> None:
    """Printed landscape, a page wide, the header row on every page, the setting and the
    plan's title above and page numbers below."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_margins.left = sheet.page_margins.right = 0.4  # inches: room for the columns
    sheet.page_margins.header = sheet.page_margins.footer = 0.2
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if sheet.title != "About":
        sheet.print_title_rows = "1:1"
    sheet.oddHeader.left.text = _header_text(setting)
    sheet.oddHeader.right.text = _header_text(title)
    sheet.oddFooter.center.text = "Page &P of &N"


def _header_text(text: str) -> str:
    """*text* as a printed page's header shows it: "&" starts the header's codes (&P is the
    page number), so it is doubled; long text is cut (Excel allows 255 characters in all)."""
    shown = clean(text).replace("&", "&&")
    if len(shown) <= _TITLE_MOST:
        return shown
    cut = shown[: _TITLE_MOST - 1]
    ampersands = len(cut) - len(cut.rstrip("&"))
    return cut[: len(cut) - ampersands % 2] + "…"  # never half of a doubled "&"
