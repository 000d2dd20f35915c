"""The styles the Word plan is written in, brought into an authority's template that lacks them.

A document Word saves holds only the styles it uses (the rest are built in to Word), so a
template may have no "heading 3", "List Bullet" or "Table Grid" for the plan to use. Each
missing one is copied from python-docx's own template, with the styles it is based on, links
to or is followed by (each the template's own where it has one of that name), and for a list
style its bullets (a numbering definition). A style the template has is never touched: its
headings keep their fonts and colours.
"""

from __future__ import annotations

from copy import deepcopy
from typing import cast

from docx import Document
from docx.document import Document as DocumentType
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.numbering import NumberingPart

from selfeval.report.wordxml import Element

__all__ = ["NEEDED_STYLES", "ensure_styles"]

NEEDED_STYLES = ("heading 1", "heading 2", "heading 3", "List Bullet", "Table Grid")
"""The styles the plan is written in, by the names Word stores (built-in headings lower case)."""


def ensure_styles(document: DocumentType) -> dict[str, str]:
    """The id of each style the plan is written in (`NEEDED_STYLES`, by name), those that
    *document* lacks brought from python-docx's own template. Names are matched as Word
    matches them, whatever their case ("Heading 1" as LibreOffice writes it, "heading 1" as
    Word does; python-docx finds only the second)."""
    ours = _Styles(document.styles.element)
    if all(name.lower() in ours.by_name for name in NEEDED_STYLES):
        return {name: _id(ours.by_name[name.lower()]) for name in NEEDED_STYLES}
    theirs_document = Document()
    theirs = _Styles(theirs_document.styles.element)
    found = {name: _bring(name, ours, theirs, document, theirs_document) for name in NEEDED_STYLES}
    return {name: style_id for name, style_id in found.items() if style_id is not None}


def _id(style: Element) -> str:
    return str(style.get(qn("w:styleId")))


class _Styles:
    """A styles part's styles, by lower-case name and by id."""

    def __init__(self, element: Element) -> None:
        self.element = element
        self.by_name: dict[str, Element] = {}
        self.by_id: dict[str, Element] = {}
        for style in element.findall(qn("w:style")):
            self.add(style)

    def add(self, style: Element) -> None:
        name = style.find(qn("w:name"))
        if name is not None:
            self.by_name.setdefault(name.get(qn("w:val"), "").lower(), style)
        self.by_id.setdefault(style.get(qn("w:styleId"), ""), style)

    @staticmethod
    def name(style: Element) -> str:
        found = style.find(qn("w:name"))
        return (found.get(qn("w:val"), "") if found is not None else "").lower()


_REFERENCES = tuple(qn(f"w:{name}") for name in ("basedOn", "next", "link"))


def _bring(
    name: str, ours: _Styles, theirs: _Styles, document: DocumentType, source: DocumentType
) -> str | None:
    """The id of our style called *name*, brought from *theirs* if we lack it."""
    if name.lower() in ours.by_name:
        return _id(ours.by_name[name.lower()])
    if name.lower() not in theirs.by_name:
        return None
    style = deepcopy(theirs.by_name[name.lower()])
    wanted = style.get(qn("w:styleId"))
    style_id, n = wanted, 1
    while style_id in ours.by_id:  # the id is another style's in this template
        style_id, n = f"{wanted}{n}", n + 1
    style.set(qn("w:styleId"), style_id)
    ours.element.append(style)
    ours.add(style)  # before its references, which may lead back to it
    for reference in [child for child in style if child.tag in _REFERENCES]:
        target = theirs.by_id.get(reference.get(qn("w:val"), ""))
        found = target is not None
        mapped = _bring(_Styles.name(target), ours, theirs, document, source) if found else None
        if mapped is None:
            style.remove(reference)
        else:
            reference.set(qn("w:val"), mapped)
    number = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if number is not None:
        number.set(qn("w:val"), _bring_numbering(number.get(qn("w:val")), document, source))
    return str(style_id)


def _bring_numbering(num_id: str, document: DocumentType, source: DocumentType) -> str:
    """The bullets (numbering definition *num_id* of *source*) brought into *document*, a
    numbering part made for them where it has none; returns their id in *document*."""
    theirs = source.part.numbering_part.element
    num = next(n for n in theirs.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a
        for a in theirs.findall(qn("w:abstractNum"))
        if a.get(qn("w:abstractNumId")) == abstract_id
    )
    try:
        ours = cast(NumberingPart, document.part.part_related_by(RT.NUMBERING)).element
    except KeyError:  # python-docx makes no numbering part itself (NotImplementedError)
        partname = document.part.package.next_partname("/word/numbering%d.xml")
        ours = parse_xml(f"<w:numbering {nsdecls('w')}/>")
        part = NumberingPart(partname, CT.WML_NUMBERING, ours, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)
    abstracts = ours.findall(qn("w:abstractNum"))
    nums = ours.findall(qn("w:num"))
    new_abstract = str(1 + max((int(a.get(qn("w:abstractNumId"))) for a in abstracts), default=-1))
    new_num = str(1 + max((int(n.get(qn("w:numId"))) for n in nums), default=0))
    copied = deepcopy(abstract)
    copied.set(qn("w:abstractNumId"), new_abstract)
    if abstracts:
        abstracts[-1].addnext(copied)
    else:
        ours.insert(0, copied)
    pointer = deepcopy(num)
    pointer.set(qn("w:numId"), new_num)
    pointer.find(qn("w:abstractNumId")).set(qn("w:val"), new_abstract)
    if nums:
        nums[-1].addnext(pointer)
    else:
        copied.addnext(pointer)
    return new_num
