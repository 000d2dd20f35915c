"""The improvement plan as a Word document, for the authority's improvement-plan template.

Headings use Word's own heading styles (so the navigation pane lists every QI), tables are real
Word tables with fixed column widths and a header row that repeats across pages, the radar sits
at half the width of A4 with alternative text that says the levels in words, and the action plan
has a landscape page of its own because its seven columns do not fit a portrait one.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from selfeval.report.content import ActionRow, PlanContent
from selfeval.report.qi_content import URGENT, NoteLine, QISection

__all__ = ["CHART_WIDTH_CM", "plan_docx"]

CHART_WIDTH_CM = 16.0
"""A radar at half an A4 page (16 cm wide, the width its type sizes are set for)."""
_A4 = (Cm(21.0), Cm(29.7))
_MARGIN = Cm(2.0)
_TABLE_TEXT = Pt(10)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML (and so Word) cannot hold; pasted text sometimes carries them."""


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def plan_docx(plan: PlanContent, chart_png: bytes | None = None) -> bytes:
    """*plan* as the bytes of a .docx file, with the radar chart if *chart_png* is given."""
    doc = Document()
    _page_setup(doc)
    doc.core_properties.title = _clean(plan.title)
    doc.core_properties.author = "selfeval"
    doc.add_heading(_clean(plan.title), level=1)
    for fact in plan.facts:
        _labelled(doc, fact.label, fact.value)
    doc.add_paragraph(_clean(plan.about))
    if chart_png is not None:
        _chart(doc, chart_png, plan.chart_alt)
    _summary(doc, plan)
    _themes(doc, plan)
    for section in plan.sections:
        _section(doc, section)
    _action_plan(doc, plan.actions)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc: DocumentType) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = _A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    normal.element.get_or_add_rPr().append(language)


def _labelled(doc: DocumentType, label: str, value: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(_clean(value))


def _chart(doc: DocumentType, png: bytes, alt: str) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
    properties = doc.inline_shapes[-1]._inline.docPr
    properties.set("descr", _clean(alt))
    properties.set("title", "Quality indicator profile")


def _table(doc: DocumentType, header: Sequence[str], widths_cm: Sequence[float]) -> Table:
    """A bordered table with a bold header row that repeats on every page it spans."""
    table: Table = doc.add_table(rows=1, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = _TABLE_TEXT
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)
    _widths(table, widths_cm)
    return table


def _widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Word reads each cell's width, LibreOffice the grid's: set both."""
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _row(table: Table, values: Sequence[str], widths_cm: Sequence[float]) -> None:
    cells = table.add_row().cells  # type: ignore[no-untyped-call]
    for cell, value, width in zip(cells, values, widths_cm, strict=True):
        cell.width = Cm(width)
        cell.paragraphs[0].add_run(_clean(value)).font.size = _TABLE_TEXT


_SUMMARY_WIDTHS = (1.6, 4.6, 3.0, 3.0, 3.0, 1.8)
_AREA_WIDTHS = (3.6, 4.4, 2.5, 2.5, 2.4, 1.6)
"""Where QIs have no numbers, the first column names the area ("Children play and learn")."""


def _summary(doc: DocumentType, plan: PlanContent) -> None:
    doc.add_heading("Summary", level=2)
    if plan.summary:
        header = (plan.qi_header, "Title", "Suggested", "Our evaluation", "Target", "Rated")
        widths = _SUMMARY_WIDTHS if plan.qi_header == "QI" else _AREA_WIDTHS
        table = _table(doc, header, widths)
        for row in plan.summary:
            values = (row.qi, row.title, row.suggested, row.ours, row.target, row.rated)
            _row(table, values, widths)
    if plan.not_started:
        doc.add_paragraph(_clean(f"Not yet rated: {'; '.join(plan.not_started)}."))


_THEME_WIDTHS = (9.0, 3.5, 4.5)


def _themes(doc: DocumentType, plan: PlanContent) -> None:
    if not plan.themes:
        return
    doc.add_heading("Across the framework's themes and programmes", level=2)
    doc.add_paragraph(
        "Statements are tagged with the themes they serve; these counts are not grades."
    )
    table = _table(doc, ("Theme or programme", "Statements rated", "Good or better"), _THEME_WIDTHS)
    for theme in plan.themes:
        _row(table, (theme.label, str(theme.rated), theme.good_or_better), _THEME_WIDTHS)


def _section(doc: DocumentType, section: QISection) -> None:
    doc.add_heading(_clean(section.heading), level=2)
    if section.context:
        doc.add_paragraph(_clean(section.context))
    for journey in section.journey:
        _labelled(doc, "The journey", journey)
    _labelled(doc, section.level_label, section.level)
    if section.reason:
        _labelled(doc, "Why we chose this level", section.reason)
    if section.target:
        _labelled(doc, "Our target", section.target)
    _labelled(doc, "Ratings", section.ratings)
    _labelled(doc, "Why selfeval suggested this level", section.why)
    if section.without_evidence:
        doc.add_paragraph(_clean(section.without_evidence + "."))
    doc.add_paragraph(_clean(section.summary))
    doc.add_heading("Strengths", level=3)
    if not section.strengths:
        doc.add_paragraph("None rated very good or better yet.")
    for strength in section.strengths:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(_clean(strength.text))
        item.add_run(f" ({strength.word}).").italic = True
        if strength.evidence:
            item.add_run(" How we know: ").bold = True
            item.add_run(_clean(strength.evidence))
    _statement_notes(doc, "What we are going to do now: our notes", section.notes)
    _statement_notes(doc, "What we marked not applicable, and why", section.not_applicable)
    if section.differed:
        doc.add_heading("Where our views differed", level=3)
        for d in section.differed:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(_clean(d.statement))
            item.add_run(_clean(f" Views: {d.views}.")).italic = True
            item.add_run(_clean(f" We agreed: {d.agreed}.")).bold = True
            if d.reason:
                item.add_run(_clean(f" Why: {d.reason}"))
    doc.add_heading("Next steps selfeval suggests", level=3)
    if not section.next_steps:
        doc.add_paragraph("None: nothing rated here is low enough to need one.")
    for step in section.next_steps:
        item = doc.add_paragraph(style="List Bullet")
        if step.urgent:
            item.add_run(URGENT + " ").bold = True
        item.add_run(_clean(step.text))
        item.add_run(_clean(f" Why: {step.why}.")).italic = True
        if step.adopted:
            item.add_run(" In our action plan.").bold = True


def _statement_notes(doc: DocumentType, heading: str, lines: Sequence[NoteLine]) -> None:
    """A heading and one bullet per statement: its words, then what the team wrote."""
    if not lines:
        return
    doc.add_heading(heading, level=3)
    for line in lines:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(_clean(line.lead_in) + " ").italic = True
        item.add_run(_clean(line.note))


_ACTION_WIDTHS = (1.7, 5.4, 4.0, 2.8, 2.6, 4.6, 4.4)


def _action_plan(doc: DocumentType, actions: list[ActionRow]) -> None:
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = _A4[1], _A4[0]
    doc.add_heading("Action plan", level=2)
    if not actions:
        doc.add_paragraph(
            "No actions yet. In selfeval, press a on the results screen to adopt a next step "
            "or write your own."
        )
        return
    header = (
        "QI",
        "What we will do",
        "Outcome sought",
        "Lead",
        "By when",
        "How we will know",
        "Progress",
    )
    table = _table(doc, header, _ACTION_WIDTHS)
    for a in actions:
        progress = a.status + (f"; review {a.review_date}" if a.review_date else "")
        progress += f"\n{a.review}" if a.review else ""
        values = (a.qi, f"{a.what}\n({a.origin})", a.outcome, a.lead, a.due, a.measure, progress)
        _row(table, values, _ACTION_WIDTHS)
