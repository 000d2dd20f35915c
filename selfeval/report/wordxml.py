"""The plan's paragraphs, runs and table rows written as WordprocessingML elements directly.

python-docx builds each element through a general mechanism that finds its place among the
children a schema allows (and its `add_run` adds text a character at a time): for a plan of a
thousand paragraphs and runs that was most of the time spent writing the Word file. Here each
element is made in the schema's order, once, with the text whole. `word` uses python-docx for
everything else (the document, its styles, the picture, a table's grid and header).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Length

__all__ = ["Element", "clean", "paragraph", "row", "run"]

Element = Any
"""An element of the document (python-docx's are lxml elements, which carry no types)."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML (and so Word) cannot hold; pasted text sometimes carries them."""
_LINE_BREAK = re.compile("\r\n|\r|\n")
_PRESERVE = {"{http://www.w3.org/XML/1998/namespace}space": "preserve"}
_W = {
    name: qn(f"w:{name}")
    for name in (
        "p", "pPr", "pStyle", "spacing", "r", "rPr", "b", "i", "sz", "t", "br", "tab",
        "tr", "trPr", "cantSplit", "tc", "tcPr", "tcW", "val", "after", "w", "type",
    )
}  # fmt: skip


def clean(text: str) -> str:
    """*text* with what XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _child(parent: Element, name: str, attributes: dict[str, str] | None = None) -> Element:
    child = parent.makeelement(_W[name], attributes or {})
    parent.append(child)
    return child


def paragraph(
    before: Element, text: str = "", style: str | None = None, space_after: Length | None = None
) -> Element:
    """A new paragraph placed just before *before* (the body's closing section properties),
    in the paragraph style with id *style*, with *text* as its one run."""
    p = before.makeelement(_W["p"], {})
    before.addprevious(p)
    if style is not None or space_after is not None:
        properties = _child(p, "pPr")
        if style is not None:
            _child(properties, "pStyle", {_W["val"]: style})
        if space_after is not None:
            _child(properties, "spacing", {_W["after"]: str(space_after.twips)})
    if text:
        run(p, text)
    return p


def run(
    p: Element,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Length | None = None,
) -> None:
    """*text* added to paragraph *p* as one run; its line breaks and tabs become Word's."""
    r = _child(p, "r")
    if bold or italic or size is not None:
        properties = _child(r, "rPr")
        if bold:
            _child(properties, "b")
        if italic:
            _child(properties, "i")
        if size is not None:
            _child(properties, "sz", {_W["val"]: str(round(size.pt * 2))})
    for n, line in enumerate(_LINE_BREAK.split(clean(text))):
        if n:
            _child(r, "br")
        for m, part in enumerate(line.split("\t")):
            if m:
                _child(r, "tab")
            if part:
                _child(r, "t", _PRESERVE if part != part.strip() else None).text = part


def row(tbl: Element, values: Sequence[str], widths: Sequence[Length], size: Length) -> None:
    """A row of *values* at the end of table *tbl*, each cell *widths* wide, kept whole on one
    page (cantSplit): a row split across a page break leaves a QI's level on one page and its
    title on the next."""
    tr = _child(tbl, "tr")
    _child(_child(tr, "trPr"), "cantSplit")
    for value, width in zip(values, widths, strict=True):
        tc = _child(tr, "tc")
        _child(_child(tc, "tcPr"), "tcW", {_W["w"]: str(width.twips), _W["type"]: "dxa"})
        run(_child(tc, "p"), value, size=size)
