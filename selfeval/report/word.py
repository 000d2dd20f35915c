"""The improvement plan as a Word document, for the authority's improvement-plan template.

Headings use Word's own heading styles (so the navigation pane lists every QI) and stay with
what follows them; the whole document is set in one sans-serif family; tables are real Word
tables with fixed column widths, a header row that repeats across pages and rows that never
split across a page break; the radar sits at the text width of A4 in Word's default margins
(`selfeval.paper`) with alternative text that says the levels in words; and the action plan
has a landscape page of its own because its seven columns do not fit a portrait one.

On the authority's own template (`wordtemplate`) the plan is written where the template marks
it, or after its text, in the template's styles, page size, margins, headers and footers: only
its tables and chart are narrowed to fit the template's margins (`wordsections`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.shared import Cm, Length, Pt
from docx.table import Table

from selfeval.paper import TEXT_WIDTH
from selfeval.report import wordsections, wordxml
from selfeval.report.content import ACTION_HEADER, BY_PRIORITY, ActionRow, PlanContent
from selfeval.report.history import HISTORY_HEADER
from selfeval.report.qi_content import URGENT, NoteLine, QISection
from selfeval.report.wordfit import Fitting, fit_alike, fitted, unbroken
from selfeval.report.wordstyles import ensure_styles
from selfeval.report.wordtemplate import WordTemplate, find_marker
from selfeval.report.wordxml import Element, clean, run

__all__ = ["CHART_WIDTH_CM", "FONT", "Writer", "plan_docx", "table"]

CHART_WIDTH_CM = round(TEXT_WIDTH * 2.54, 2)
"""The radar as wide as the text of an A4 page with Word's default margins (15.93 cm), the
width its type sizes are set for: pasted into another document it is not scaled down."""
FONT = "Arial"
"""The one family of the whole document, body and headings alike: sans-serif, on every
computer an authority uses (Liberation Sans, metrically the same, where Arial is missing)."""
_A4 = (Cm(21.0), Cm(29.7))
_MARGIN = Cm(2.0)
_TABLE_TEXT = Pt(10)
_LABELLED_AFTER = Pt(2)
_THEME_FONTS = tuple(qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_FONT_SLOTS = tuple(qn(f"w:{a}") for a in ("ascii", "hAnsi", "eastAsia", "cs"))


class Writer:
    """A document being written, before its *anchor* (the end of the body, or a template's
    marker): its styles looked up once (python-docx looks a style up by name, searching every
    style, for each paragraph given one by name), its paragraphs written by `wordxml`, and
    how wide its text is where it is being written."""

    def __init__(self, doc: DocumentType, marker: Element | None = None) -> None:
        self.doc = doc
        styles = ensure_styles(doc)  # in a template, those it lacks are brought in
        self.headings = {n: styles[f"heading {n}"] for n in (1, 2, 3)}
        self.bullet = styles["List Bullet"]
        self.table_style = styles["Table Grid"]
        self.marker = marker
        self.anchor = marker if marker is not None else doc.element.body.get_or_add_sectPr()
        self.width = wordsections.text_width(wordsections.governing(self.anchor))
        self.landscape: wordsections.Landscape | None = None
        self.tables: list[tuple[Table, Fitting]] = []
        """Each table written, its columns to be fitted to their words at the end."""

    @classmethod
    def on(cls, template: WordTemplate | None) -> Writer:
        """A writer on a new A4 document in one font, or on the authority's *template* (where
        its marker is, else after its text)."""
        if template is None:
            doc = Document()
            _page_setup(doc)
            _one_font(doc)
            doc.core_properties.author = "selfeval"
            return cls(doc)
        doc = template.document()
        return cls(doc, find_marker(doc))

    def place(self, element: Element) -> None:
        """Move *element* (python-docx adds at the end of the body) to where the plan goes."""
        self.anchor.addprevious(element)

    def turn_to_landscape(self) -> None:
        """What is written from now on goes on landscape pages."""
        self.landscape = wordsections.Landscape(self.anchor)
        self.width = self.landscape.width

    def finish(self) -> None:
        """End the landscape pages, and take the template's marker away (its paragraph kept,
        emptied, where it ends a section), and fit each table's columns to its words."""
        for written, widths in fit_alike(self.tables):
            _widths(written, widths)
        if self.landscape is not None:
            self.landscape.end()
        marker = self.marker
        if marker is None:
            return
        if marker.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None:
            marker.getparent().remove(marker)
        else:
            for child in [c for c in marker if c.tag != qn("w:pPr")]:
                marker.remove(child)

    def paragraph(self, text: str = "", style: str | None = None) -> Element:
        """A new paragraph where the plan goes, in the paragraph style with id *style*."""
        return wordxml.paragraph(self.anchor, text, style)

    def heading(self, text: str, level: int) -> Element:
        return self.paragraph(text, self.headings[level])

    def item(self) -> Element:
        """An empty bullet point, for runs to be added."""
        return self.paragraph(style=self.bullet)

    def labelled(self, label: str, value: str) -> None:
        """ "Label: value", the label bold, close to the next such line."""
        p = wordxml.paragraph(self.anchor, space_after=_LABELLED_AFTER)
        run(p, f"{label}: ", bold=True)
        run(p, value)


def plan_docx(
    plan: PlanContent, chart_png: bytes | None = None, template: WordTemplate | None = None
) -> bytes:
    """*plan* as the bytes of a .docx file, with the radar chart if *chart_png* is given, on
    the authority's *template* if one is given (where its marker is, else after its text)."""
    out = Writer.on(template)
    doc = out.doc
    doc.core_properties.title = clean(plan.title)
    out.heading(plan.title, 1)
    for fact in plan.facts:
        out.labelled(fact.label, fact.value)
    out.paragraph(plan.about)
    if chart_png is not None:
        _chart(out, chart_png, plan.chart_alt)
    _summary(out, plan)
    if plan.feedback_heading:
        out.heading(plan.feedback_heading, 2)
        for line in plan.feedback:
            run(out.item(), line)
    _themes(out, plan)
    for section in plan.sections:
        _section(out, section)
    _action_plan(out, plan)
    _history(out, plan)
    out.finish()
    saved = io.BytesIO()
    doc.save(saved)
    return saved.getvalue()


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


def _one_font(doc: DocumentType) -> None:
    """Every style in `FONT`: python-docx's default template leaves fonts to its theme, whose
    body font is a serif (Cambria) and whose headings' is a sans (Calibri). Each font given
    by the theme, in the document's defaults and in every style, is named outright instead."""
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        if any(fonts.get(attribute) for attribute in _THEME_FONTS):
            for attribute in _THEME_FONTS:
                fonts.attrib.pop(attribute, None)
            for slot in _FONT_SLOTS:
                fonts.set(slot, FONT)


def _chart(out: Writer, png: bytes, alt: str) -> None:
    """The radar, `CHART_WIDTH_CM` wide or as wide as the text where that is narrower."""
    paragraph = out.doc.add_paragraph()
    width = min(Cm(CHART_WIDTH_CM), out.width)
    properties = paragraph.add_run().add_picture(io.BytesIO(png), width=width)._inline.docPr
    out.place(paragraph._p)
    properties.set("descr", clean(alt))
    properties.set("title", "Quality indicator profile")


def table(
    out: Writer, header: Sequence[str], widths_cm: Sequence[float]
) -> Callable[[Sequence[str]], None]:
    """A bordered table with a bold header row that repeats on every page it spans; returns
    what adds a row to it."""
    tbl = CT_Tbl.new_tbl(1, len(header), out.width)
    out.place(tbl)
    table = Table(tbl, out.doc)
    table._tbl.tblPr.style = out.table_style
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        run(cell.paragraphs[0]._p, text, bold=True, size=_TABLE_TEXT)
    properties = table.rows[0]._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))  # as every row: see `wordxml.row`
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    fitting = Fitting(widths_cm, out.width, _TABLE_TEXT)
    fitting.measure(header, bold=True)
    out.tables.append((table, fitting))
    widths = fitted(widths_cm, out.width)  # for now: settled in `Writer.finish`

    def add(values: Sequence[str]) -> None:
        kept = [unbroken(value) for value in values]
        fitting.measure(kept)
        wordxml.row(table._tbl, kept, widths, _TABLE_TEXT)

    return add


def _widths(table: Table, widths: Sequence[Length]) -> None:
    """Word reads each cell's width, LibreOffice the grid's: set both."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


_SUMMARY_WIDTHS = (1.6, 4.4, 3.0, 3.0, 3.0, 2.0)
_AREA_WIDTHS = (3.4, 4.2, 2.5, 2.5, 2.4, 2.0)
"""Where QIs have no numbers, the first column names the area ("Children play and learn").
In both, "Rated" is wide enough for "12 of 19" on one line."""


def _summary(out: Writer, plan: PlanContent) -> None:
    out.heading("Summary", 2)
    if plan.summary:
        header = (plan.qi_header, "Title", "Suggested", "Our evaluation", "Target", "Rated")
        add = table(out, header, _SUMMARY_WIDTHS if plan.qi_header == "QI" else _AREA_WIDTHS)
        for row in plan.summary:
            add((row.qi, row.title, row.suggested, row.ours, row.target, row.rated))
    if plan.not_started:
        out.paragraph(f"Not yet rated: {'; '.join(plan.not_started)}.")


_THEME_WIDTHS = (9.0, 3.5, 4.5)


def _themes(out: Writer, plan: PlanContent) -> None:
    if not plan.themes:
        return
    out.heading("Across the framework's themes and programmes", 2)
    out.paragraph("Statements are tagged with the themes they serve; these counts are not grades.")
    add = table(out, ("Theme or programme", "Statements rated", "Good or better"), _THEME_WIDTHS)
    for theme in plan.themes:
        add((theme.label, str(theme.rated), theme.good_or_better))


def _section(out: Writer, section: QISection) -> None:
    out.heading(section.heading, 2)
    if section.context:
        out.paragraph(section.context)
    for journey in section.journey:
        out.labelled("The journey", journey)
    out.labelled(section.level_label, section.level)
    if section.reason:
        out.labelled("Why we chose this level", section.reason)
    if section.target:
        out.labelled("Our target", section.target)
    out.labelled("Ratings", section.ratings)
    out.labelled("Why selfeval suggested this level", section.why)
    if section.without_evidence:
        out.paragraph(section.without_evidence + ".")
    if section.summary:
        out.paragraph(section.summary)
    out.heading("Strengths", 3)
    if not section.strengths:
        out.paragraph("None rated very good or better yet.")
    for strength in section.strengths:
        item = out.item()
        text, stop = strength.parts
        run(item, text)
        run(item, f" ({strength.word}){stop}", italic=True)
        if strength.evidence:
            run(item, " How we know: ", bold=True)
            run(item, strength.evidence)
    _statement_notes(out, "What we are going to do now: our notes", section.notes)
    _statement_notes(out, "What we marked not applicable, and why", section.not_applicable)
    if section.differed:
        out.heading("Where our views differed", 3)
        for d in section.differed:
            item = out.item()
            run(item, d.statement)
            run(item, f" Views: {d.views}.", italic=True)
            run(item, f" {d.agreed}.", bold=True)
            if d.reason:
                run(item, f" Why: {d.reason}")
    _next_steps(out, section)


def _next_steps(out: Writer, section: QISection) -> None:
    out.heading("Next steps selfeval suggests", 3)
    if not section.next_steps:
        out.paragraph("None: nothing rated here is low enough to need one.")
    for step in section.next_steps:
        item = out.item()
        if step.urgent:
            run(item, URGENT + " ", bold=True)
        run(item, step.text)
        run(item, f" Why: {step.why}.", italic=True)
        if step.mark:
            run(item, f" {step.mark}", bold=True)


def _statement_notes(out: Writer, heading: str, lines: Sequence[NoteLine]) -> None:
    """A heading and one bullet per statement: its words, then what the team wrote."""
    if not lines:
        return
    out.heading(heading, 3)
    for line in lines:
        item = out.item()
        run(item, line.lead_in + " ", italic=True)
        run(item, line.note)


_ACTION_WIDTHS = (1.7, 5.4, 3.8, 3.0, 2.6, 4.6, 4.4)
_TITLED_ACTION_WIDTHS = (3.8, 4.8, 3.4, 3.0, 2.4, 4.2, 3.9)
"""Where the QI column holds titles (QIs without numbers, or one no longer in the framework),
the second: wide enough for the longest word of the 2025 ELC framework's titles on a line.
In both a lead ("Headteacher") keeps a line of its own, on an authority's template too (whose
wider margins narrow every column)."""


def _action_plan(out: Writer, plan: PlanContent) -> None:
    out.turn_to_landscape()
    out.heading("Action plan", 2)
    if not plan.actions:
        out.paragraph(
            "No actions yet. In selfeval, press a on the results screen to adopt a next step "
            "or write your own."
        )
        return
    titled = plan.qi_header != "QI" or any(a.qi_gone for a in plan.actions)
    if any(group.heading for group in plan.action_groups):
        out.paragraph(BY_PRIORITY)
    for group in plan.action_groups:
        if group.heading:
            out.heading(group.heading, 3)
        add = table(out, ACTION_HEADER, _TITLED_ACTION_WIDTHS if titled else _ACTION_WIDTHS)
        for a in group.actions:
            add(_action_cells(a))


_HISTORY_WIDTHS = (3.2, 11.0, 4.4, 7.0)


def _history(out: Writer, plan: PlanContent) -> None:
    """The history, last (on the action plan's landscape pages): what matters to an authority."""
    if not plan.history:
        return
    out.heading("History", 2)
    add = table(out, HISTORY_HEADER, _HISTORY_WIDTHS)
    for row in plan.history:
        add(row.cells)


def _action_cells(a: ActionRow) -> tuple[str, ...]:
    progress = a.standing + (f"; review {a.review_date}" if a.review_date else "")
    progress += f"\n{a.review}" if a.review else ""
    origin = f"{a.origin}; {a.carried}" if a.carried else a.origin
    what = f"{a.what}\n({origin})" + (f"\n{a.also}" if a.also else "")
    return (a.qi, what, a.outcome, a.lead, a.due, a.measure, progress)
