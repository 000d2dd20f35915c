"""The Word plan's layout as its reader meets it (issue 32): no table row split across pages,
headings kept with what follows, one font family throughout, a QI column wide enough for the
2025 ELC framework's titles, and the radar drawn once into the size it is shown at."""

from __future__ import annotations

import io
from functools import cache
from typing import Any

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell

from selfeval.evaluation import Evaluation, load_evaluation
from selfeval.evaluation.actions import Action
from selfeval.framework import Framework, load_framework
from selfeval.report.content import plan_content
from selfeval.report.word import CHART_WIDTH_CM, FONT, plan_docx
from selfeval.scoring import score

from .conftest import DATA, REPO

GOLDEN = DATA / "golden" / "evaluations"
TABLE_TEXT_PT = 10
CELL_MARGINS_CM = 2 * 0.19  # Table Grid's left and right cell margins (108 twips each)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _with_actions(evaluation: Evaluation, framework: Framework) -> Evaluation:
    """*evaluation* with one action on every QI it rated, and one on a QI no longer there."""
    rated = [qi for qi in score(evaluation, framework).qis if qi.rated]
    for n, qi in enumerate(rated):
        evaluation = evaluation.with_action(Action(id=f"a{n}", qi=qi.key, text="Plan it."))
    return evaluation.with_action(Action(id="gone", qi="hgioelc:1.4", text="Audit it."))


def _docx(evaluation: Evaluation, framework: Framework) -> DocumentType:
    plan = plan_content(score(evaluation, framework), evaluation, framework)
    return Document(io.BytesIO(plan_docx(plan)))


@pytest.fixture(scope="module")
def primary(stem: Framework) -> DocumentType:
    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    return _docx(_with_actions(evaluation, stem), stem)


@pytest.fixture(scope="module")
def nursery(stem: Framework) -> DocumentType:
    """A nursery judged against the 2025 ELC framework, whose QIs have titles, no numbers."""
    evaluation = load_evaluation(GOLDEN / "balburn-nursery.stem.2026-27.toml")
    setting = evaluation.setting.model_copy(update={"qi_framework": "elc-qif"})
    evaluation = evaluation.model_copy(update={"setting": setting})
    return _docx(_with_actions(evaluation, stem), stem)


@pytest.mark.parametrize("which", ["primary", "nursery"])
def test_no_table_row_splits_across_pages(which: str, request: pytest.FixtureRequest) -> None:
    doc: DocumentType = request.getfixturevalue(which)
    assert len(doc.tables) == 3  # summary, themes, action plan
    for table in doc.tables:
        for row in table.rows:
            properties = row._tr.trPr
            assert properties is not None and properties.find(qn("w:cantSplit")) is not None
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None


def _resolved(style: BaseStyle | None, tag: str) -> Any:
    """*tag* in *style*'s paragraph or run properties, or in those of a style it is based on."""
    while style is not None:
        found = style.element.find(f".//{qn(tag)}")
        if found is not None:
            return found
        style = getattr(style, "base_style", None)  # character and paragraph styles have one
    return None


def test_headings_stay_with_what_follows(primary: DocumentType) -> None:
    styles = {p.style.name for p in primary.paragraphs if p.style is not None}
    headings = {name for name in styles if name.startswith("Heading")}
    assert headings == {"Heading 1", "Heading 2", "Heading 3"}
    for name in headings:
        assert _resolved(primary.styles[name], "w:keepNext") is not None, name


@pytest.mark.parametrize("which", ["primary", "nursery"])
def test_one_font_family_for_body_and_headings(which: str, request: pytest.FixtureRequest) -> None:
    doc: DocumentType = request.getfixturevalue(which)
    styles = doc.styles.element
    theme = {qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")}
    for fonts in styles.iter(qn("w:rFonts")):
        assert not theme & set(fonts.attrib), "a font left to the theme (serif body text)"
    defaults = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults is not None
    default = defaults.find(qn("w:rFonts"))
    assert default is not None and default.get(qn("w:ascii")) == FONT
    used = {p.style.name for p in doc.paragraphs if p.style is not None}
    used |= {p.style.name for t in doc.tables for c in _cells(t) for p in c.paragraphs if p.style}
    assert {"Normal", "Heading 1", "Heading 2", "Heading 3", "List Bullet"} <= used
    for name in used:
        fonts = _resolved(doc.styles[name], "w:rFonts")
        assert fonts is None or fonts.get(qn("w:ascii")) == FONT, name
    body = doc.element.body
    assert all(f.get(qn("w:ascii")) in (None, FONT) for f in body.iter(qn("w:rFonts")))


def _cells(table: Table) -> list[_Cell]:
    return [cell for row in table.rows for cell in row.cells]


@cache
def _measure() -> object:
    """DejaVu Sans at the tables' size (matplotlib ships it): wider than Arial and its metric
    twin Liberation Sans, so a word that fits in it fits in the plan's font."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    font = FT2Font(font_manager.findfont("DejaVu Sans"))
    font.set_size(TABLE_TEXT_PT, 72)
    return font


def _width_cm(text: str) -> float:
    font = _measure()
    font.set_text(text)  # type: ignore[attr-defined]
    width, _ = font.get_width_height()  # type: ignore[attr-defined]
    return float(width) / 64 / 72 * 2.54


def _column_cm(table: Table, column: int) -> float:
    widths = {round(row.cells[column].width.cm, 2) for row in table.rows if row.cells[column].width}
    assert len(widths) == 1, widths  # every row as wide as the grid
    grid = table._tbl.tblGrid.gridCol_lst[column].w
    assert grid is not None and round(grid.cm, 2) == widths.pop()
    return float(grid.cm)


def test_the_qi_column_holds_the_2025_elc_titles_word_by_word(
    nursery: DocumentType, stem: Framework
) -> None:
    """Titles wrap between words ("Leadership of / continuous / improvement"), never within
    them ("Leader / ship of / contin / uous")."""
    actions, summary = nursery.tables[-1], nursery.tables[0]
    reference = stem.reference("elc-qif")
    titles = {indicator.title for indicator in reference.indicators}
    shown = {row.cells[0].text for row in actions.rows[1:]}
    assert shown & titles, shown  # the action plan names the 2025 QIs by title
    words = {w for text in shown | titles for w in text.split()}
    longest = max(_width_cm(word) for word in words)
    assert _column_cm(actions, 0) - CELL_MARGINS_CM >= longest
    categories = {w for i in reference.indicators for w in i.category.split()}
    assert summary.rows[0].cells[0].text == "Area"
    assert _column_cm(summary, 0) - CELL_MARGINS_CM >= max(map(_width_cm, categories))
    assert sum(_column_cm(actions, n) for n in range(7)) <= 29.7 - 4.0 + 0.01  # landscape A4
    assert sum(_column_cm(summary, n) for n in range(6)) <= 21.0 - 4.0 + 0.01  # portrait A4


@pytest.mark.parametrize("which", ["primary", "nursery"])
def test_counts_in_the_summary_stay_on_one_line(which: str, request: pytest.FixtureRequest) -> None:
    summary = request.getfixturevalue(which).tables[0]
    assert summary.rows[0].cells[5].text == "Rated"
    assert _column_cm(summary, 5) - CELL_MARGINS_CM >= _width_cm("88 of 88")


def test_the_radar_is_drawn_once_at_its_size(stem: Framework) -> None:
    import numpy
    from PIL import Image

    from selfeval.charts.describe import evaluation_radar
    from selfeval.charts.export import DPI, figure_bytes
    from selfeval.report.plan import chart_png

    evaluation = load_evaluation(GOLDEN / "balmuir-primary-school.stem.2026-27.toml")
    figure = evaluation_radar(score(evaluation, stem), evaluation, stem)
    packed = chart_png(figure)
    with (
        Image.open(io.BytesIO(packed)) as image,
        Image.open(io.BytesIO(figure_bytes(figure, "png"))) as reference,
    ):
        width, height = figure.get_size_inches() * DPI
        assert image.size == reference.size == (int(width), int(height))
        assert image.mode == "P" and len(packed) < 200_000  # 256 colours: a small file
        ours = numpy.asarray(image.convert("RGB"), dtype=int)
        theirs = numpy.asarray(reference.convert("RGB"), dtype=int)
        apart = numpy.abs(ours - theirs).max(axis=2)
        assert (apart > 24).mean() < 0.001  # the same picture, colours a shade apart
        assert apart.mean() < 2
    plan = plan_content(score(evaluation, stem), evaluation, stem)
    doc = Document(io.BytesIO(plan_docx(plan, packed)))
    (picture,) = doc.inline_shapes
    assert picture.width == Cm(CHART_WIDTH_CM)  # Word's default text width: never scaled down
    assert picture.height == pytest.approx(Cm(CHART_WIDTH_CM) * height / width, rel=0.01)
