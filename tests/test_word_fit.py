"""A trial on an authority's template: its wider margins narrowed every column alike, so
words broke in the narrow ones ("Headteache r" under Lead) and "QI 1.1" wrapped over two lines,
in the report and in the plan. Columns are fitted to the template's own width, each at least
as wide as its longest word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from docx.table import Table

from selfeval.cli import main
from selfeval.evaluation import load_evaluation

from .test_plan_layout import CELL_MARGINS_CM, _column_cm, _width_cm
from .word_templates import council_template, save

_MARGIN_CM = 3.0
_BREAKS = re.compile(r"[ \n]+|(?<=-)")  # a no-break space holds "QI 1.1" together


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Path]]:
    """The report and the plan of a primary and of a nursery, on a template whose margins
    are 3 cm a side (15 cm of text, against selfeval's own 17)."""
    folder = tmp_path_factory.mktemp("fit")
    assert main(["demo", str(folder / "d"), "--settings", "12", "--years", "2"]) == 0
    doc = council_template()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(_MARGIN_CM)
    template = save(doc, folder / "council.docx")
    stages: dict[str, Path] = {}
    for path in sorted((folder / "d").glob("*.2026-27.toml")):
        evaluation = load_evaluation(path)
        if evaluation.actions:
            stages.setdefault(evaluation.setting.stage, path)
    out = []
    for stage in ("primary", "elc"):
        for command in ("report", "plan"):
            docx = folder / f"{stage}-{command}.docx"
            args = [command, str(stages[stage]), "-o", str(docx), "--template", str(template)]
            assert main(args) == 0
            out.append((f"{stage} {command}", docx))
    return out


def _columns(table: Table) -> list[list[str]]:
    return [[row.cells[n].text for row in table.rows] for n in range(len(table.columns))]


def test_no_word_is_wider_than_its_column(written: list[tuple[str, Path]]) -> None:
    for name, docx in written:
        tables = Document(str(docx)).tables
        assert tables, name
        for number, table in enumerate(tables):
            for n, texts in enumerate(_columns(table)):
                room = _column_cm(table, n) - CELL_MARGINS_CM
                words = [w for text in texts for w in _BREAKS.split(text) if w]
                widest = max(words, key=_width_cm)
                assert _width_cm(widest) <= room, (name, number, n, widest, room)


def test_the_tables_fit_the_templates_text(written: list[tuple[str, Path]]) -> None:
    for name, docx in written:
        document = Document(str(docx))
        widest = max(
            (s.page_width or 0) - (s.left_margin or 0) - (s.right_margin or 0)
            for s in document.sections
        )
        for table in document.tables:
            total = sum(_column_cm(table, n) for n in range(len(table.columns)))
            assert total <= widest / Cm(1) + 0.01, name


def test_a_qi_number_stays_on_one_line(written: list[tuple[str, Path]]) -> None:
    name, docx = written[0]
    cells = [c.text for t in Document(str(docx)).tables for row in t.rows for c in row.cells]
    assert any(text.startswith("QI\u00a0") for text in cells), name
    assert not any(re.match(r"QI \d", text) for text in cells), name


def test_widths_are_narrowed_alike_where_every_word_fits() -> None:
    from selfeval.report.wordfit import fitted

    as_given = fitted((2.0, 8.0), Cm(5))
    assert [round(w.cm, 2) for w in as_given] == [1.0, 4.0]
    floors = [int(Cm(1.5)), 0]
    assert [round(w.cm, 2) for w in fitted((2.0, 8.0), Cm(5), floors)] == [1.5, 3.5]
    assert [round(w.cm, 2) for w in fitted((2.0, 8.0), Cm(20), floors)] == [2.0, 8.0]


def test_tables_of_the_same_columns_line_up(written: list[tuple[str, Path]]) -> None:
    """Next year's priorities, a table for each NIF priority, each fitted to its own words,
    had columns starting at a different place in each: tables alike are fitted alike."""
    for name, docx in written:
        seen: dict[tuple[str, ...], list[float]] = {}
        for table in Document(str(docx)).tables:
            header = tuple(cell.text for cell in table.rows[0].cells)
            widths = [_column_cm(table, n) for n in range(len(header))]
            assert seen.setdefault(header, widths) == widths, (name, header)
