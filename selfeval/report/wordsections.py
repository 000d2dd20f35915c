"""The Word plan's sections: its action plan on landscape pages, wherever in a document it is
written, and how wide the text is where it goes.

In WordprocessingML a section's properties (page size, margins, headers and footers) sit at its
end: in the last paragraph of the section, or for the last section at the end of the body. So
the plan, written before an *anchor* (the end of the body, or an authority template's marker
paragraph), ends the section it is in with a copy of that section's properties (its headers,
footers and first page kept), and puts its action plan in a landscape section of its own that
inherits the headers and footers. Where the template has more text after the marker, that text
goes on in its own section as before, starting on a new page.
"""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.shared import Cm, Length

from selfeval.report.wordxml import Element

__all__ = ["Landscape", "governing", "new_page_after", "text_width"]

_SECT_PR = qn("w:sectPr")
_P = qn("w:p")
_PPR = qn("w:pPr")
_CONTENT = tuple(
    qn(name) for name in ("w:t", "w:drawing", "w:pict", "w:object", "w:tbl", "w:sdt", "w:br")
)
"""What makes a paragraph (or table) more than an empty line: text, a picture or object, a
table or content control, a line or page break."""
_HEADERS_AND_FOOTERS = (qn("w:headerReference"), qn("w:footerReference"))
_A4_PORTRAIT = (Cm(21.0), Cm(29.7))
_WORD_MARGIN = Cm(2.54)
"""Where a section says nothing of its page, Word's defaults: A4 here, inch margins."""


def governing(anchor: Element) -> Element:
    """The section properties of the section *anchor* is in: the first at or after it."""
    if anchor.tag == _SECT_PR:
        return anchor
    element = anchor
    while element is not None:
        found = element.find(f"{_PPR}/{_SECT_PR}") if element.tag == _P else None
        if found is not None:
            return found
        element = element.getnext()
    return anchor.getparent().find(_SECT_PR)


def text_width(sect_pr: Element) -> Length:
    """How wide the text is between the margins of the section *sect_pr* describes."""
    width = sect_pr.page_width or _A4_PORTRAIT[0]
    left = sect_pr.left_margin if sect_pr.left_margin is not None else _WORD_MARGIN
    right = sect_pr.right_margin if sect_pr.right_margin is not None else _WORD_MARGIN
    return Length(max(width - left - right, Cm(5)))


class Landscape:
    """Landscape pages for what is written before *anchor* from now on, until `end`."""

    def __init__(self, anchor: Element) -> None:
        self.anchor = anchor
        section = governing(anchor)
        _end_before(anchor, section.clone())  # the section so far, as it was
        if _nothing_after(anchor, section):  # the landscape section takes this one's place
            self.properties = section
            self.closing: Element | None = None
        else:  # the template's text after the marker keeps its section, on a new page
            self.properties = section.clone()
            self.closing = self.properties
            _continued(section)
        _continued(self.properties)
        _turned(self.properties)

    @property
    def width(self) -> Length:
        """How wide the text is on the landscape pages."""
        return text_width(self.properties)

    def end(self) -> None:
        """End the landscape section just before the anchor (where the template goes on)."""
        if self.closing is not None:
            _end_before(self.anchor, self.closing)


def new_page_after(anchor: Element) -> None:
    """What a template has after *anchor* (its marker) starts on a new page, as after a plan's
    landscape pages: the section so far ends before *anchor*, as it was, and the template's
    text goes on in a section of its own with the same headers and footers."""
    section = governing(anchor)
    if _nothing_after(anchor, section):
        return
    _end_before(anchor, section.clone())
    _continued(section)


def _end_before(anchor: Element, properties: Element) -> None:
    """End a section just before *anchor*, with *properties*: a paragraph holding them."""
    ending = anchor.makeelement(_P, {})
    ending.append(ending.makeelement(_PPR, {}))
    ending[0].append(properties)
    anchor.addprevious(ending)


def _nothing_after(anchor: Element, section: Element) -> bool:
    """Whether the section *section* holds nothing after *anchor* (itself left out)."""
    holder = section.getparent().getparent() if section.getparent().tag == _PPR else None
    if holder is anchor or anchor.tag == _SECT_PR:
        return True
    element = anchor.getnext()
    while element is not None and element.tag != _SECT_PR:
        if element.tag != _P or any(True for _ in element.iter(*_CONTENT)):
            return False
        if element is holder:
            break
        element = element.getnext()
    return True


def _continued(section: Element) -> None:
    """*section* as a section that follows another: its headers and footers inherited (Word
    repeats the previous section's), no first page of its own, its page numbers going on,
    and starting on a new page."""
    for reference in [child for child in section if child.tag in _HEADERS_AND_FOOTERS]:
        section.remove(reference)
    section.titlePg_val = None
    numbering = section.find(qn("w:pgNumType"))
    if numbering is not None:
        numbering.attrib.pop(qn("w:start"), None)
    section.start_type = WD_SECTION.NEW_PAGE


def _turned(section: Element) -> None:
    """*section*'s pages turned to landscape, margins kept."""
    width = section.page_width or _A4_PORTRAIT[0]
    height = section.page_height or _A4_PORTRAIT[1]
    section.page_width, section.page_height = max(width, height), min(width, height)
    section.orientation = WD_ORIENT.LANDSCAPE
