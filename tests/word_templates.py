"""Authorities' Word templates, made for the tests with python-docx: a header with the council's
name and logo, a footer, its own heading colours and font, a title style of its own, some text
of its own, and the marker where the plan goes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image

from selfeval.report.wordtemplate import MARKER

COUNCIL = "Demoshire Council Education Services"
INTRO = "This plan sets out our priorities for the session, agreed with the Parent Council."
AFTER = "Signed on behalf of the school by the headteacher."
FOOTER = "Demoshire Council: OFFICIAL"
HEADING_FONT = "Georgia"
HEADING_COLOUR = RGBColor(0x70, 0x30, 0xA0)
TITLE_STYLE = "Council Title"
LOGO_COLOUR = (0, 94, 184)


def logo_png() -> bytes:
    """A small blue square, the council's logo."""
    saved = io.BytesIO()
    Image.new("RGB", (120, 120), LOGO_COLOUR).save(saved, format="PNG")
    return saved.getvalue()


def council_template(marker: bool = True, after: bool = True) -> DocumentType:
    """An authority's template: its header (name and logo) and footer, margins of its own,
    headings in its font and colour, a title style of its own, its introduction, the marker
    (if *marker*), and a line after it (if *after*)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.54))
    header = section.header.paragraphs[0]
    header.add_run().add_picture(io.BytesIO(logo_png()), width=Cm(1.5))
    header.add_run(f"  {COUNCIL}")
    section.footer.paragraphs[0].text = FOOTER
    for name in ("Heading 1", "Heading 2"):
        style = doc.styles[name]
        style.font.name, style.font.color.rgb = HEADING_FONT, HEADING_COLOUR
        fonts = style.element.rPr.rFonts  # a theme's font would win over the one named
        for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{theme}"), None)
    title = doc.styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.font.name, title.font.size, title.font.bold = HEADING_FONT, Pt(24), True
    title.font.color.rgb = HEADING_COLOUR
    doc.add_paragraph("School Improvement Plan 2026-27", style=TITLE_STYLE)
    doc.add_paragraph(INTRO)
    if marker:
        doc.add_paragraph(MARKER)
    if after:
        doc.add_paragraph(AFTER)
    return doc


def save(doc: DocumentType, path: Path) -> Path:
    doc.save(str(path))
    return path


def as_dotx(docx: Path, dotx: Path) -> Path:
    """*docx* saved as a Word template (.dotx): its main part says "template"."""
    document = b"wordprocessingml.document.main+xml"
    with zipfile.ZipFile(docx) as parts, zipfile.ZipFile(dotx, "w") as out:
        for part in parts.infolist():
            data = parts.read(part)
            if part.filename == "[Content_Types].xml":
                data = data.replace(document, b"wordprocessingml.template.main+xml")
            out.writestr(part, data)
    return dotx


def without_styles(docx: Path, out: Path, names: tuple[str, ...]) -> Path:
    """*docx* with the styles *names* (by id) and its numbering part taken out, as a document
    saved by Word holds only the styles it uses."""
    import re

    with zipfile.ZipFile(docx) as parts, zipfile.ZipFile(out, "w") as written:
        for part in parts.infolist():
            if part.filename == "word/numbering.xml":
                continue
            data = parts.read(part)
            if part.filename == "word/styles.xml":
                for name in names:
                    data = re.sub(
                        rb'<w:style [^>]*w:styleId="' + name.encode() + rb'".*?</w:style>',
                        b"",
                        data,
                        flags=re.S,
                    )
            if part.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb"<Relationship [^>]*numbering.xml\"/>", b"", data)
            if part.filename == "[Content_Types].xml":
                data = re.sub(rb"<Override [^>]*numbering.xml\"[^>]*/>", b"", data)
            written.writestr(part, data)
    return out
