"""The authority's Word template: read and checked before any work, then opened for the plan to
be written on, keeping its styles, headers, footers, logo and text.

The plan goes where the template has a paragraph holding only the marker `MARKER`, or after
the template's text where it has none. A template is refused, naming the file and saying how
to fix it, when it is not a Word document selfeval can write on: a missing file, an old .doc,
something that is not a zip, a zip that is not a Word document, one with macros, or a marker
that is not a paragraph of its own. A Word template (.dotx) is accepted: it is a .docx whose
main part says "template", and saying "document" instead is all it takes.

python-docx alone does this: the plan is written into the template's own document, so only
the few styles it uses that the template lacks are brought in (`wordstyles`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn

from selfeval.errors import Problem, TemplateError
from selfeval.files.toml import read_regular
from selfeval.report.wordxml import Element

__all__ = ["MARKER", "WordTemplate", "find_marker", "read_template"]

MARKER = "{{selfeval}}"
"""A paragraph holding only this (spaces inside the braces, and capitals, allowed) is where
the plan goes."""
_MARKER = re.compile(r"\{\{\s*selfeval\s*\}\}", re.IGNORECASE)
MAX_TEMPLATE_BYTES = 50 * 1_048_576
"""Far larger than a template with a logo (a few hundred KB), small enough to refuse."""
MAX_UNPACKED_BYTES = 200 * 1_048_576
"""What a template may unpack to: a file made to unpack to gigabytes is refused first."""

_SAVE_AS = "open it in Word and save it as a Word Document (.docx) or Word Template (.dotx)"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How a Word 97-2003 file (.doc, .dot) begins."""
_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}.main+xml"
_DOCUMENT, _TEMPLATE = _TYPE.format("document").encode(), _TYPE.format("template").encode()
_MACROS = b".macroEnabled"
"""In the main part's type of a Word document or template with macros (.docm, .dotm)."""
_W_P, _W_T = qn("w:p"), qn("w:t")


@dataclass(frozen=True)
class WordTemplate:
    """A checked template, as the bytes of a .docx."""

    path: Path
    docx: bytes

    def document(self) -> DocumentType:
        """A fresh copy of the template to write a plan on."""
        return Document(io.BytesIO(self.docx))


def read_template(path: Path, settings: Path | None = None, what: str = "plan") -> WordTemplate:
    """The template at *path*, checked; `TemplateError` naming it and saying how to fix it
    otherwise. *settings* is the settings file that set it, if one did: its hint says so.
    *what* is what is to be written on it ("plan", "report"), as its hints name it."""
    try:
        return _read(path, what)
    except TemplateError as exc:
        if settings is None:
            raise
        also = f"or change `template` under [plan] in {settings}"
        raise TemplateError(
            replace(p, hint=f"{p.hint}; {also}" if p.hint else also) for p in exc.problems
        ) from None


_Fail = Callable[..., TemplateError]


def _read(path: Path, what: str) -> WordTemplate:
    def fail(message: str, hint: str = _SAVE_AS) -> TemplateError:
        return TemplateError([Problem(message, path=path, hint=hint)])

    raw = read_regular(path, TemplateError, "Word template", MAX_TEMPLATE_BYTES)
    if not raw.strip():
        raise fail("the file is empty", "name the authority's template itself, a .docx or .dotx")
    if raw.startswith(_OLE):
        raise fail("this is a Word 97-2003 document (.doc or .dot), not a .docx")
    try:
        docx = _as_document(raw, fail)
    except zipfile.BadZipFile:
        raise fail("this is not a Word document: a .docx is a zip file, and this is not") from None
    except (OSError, RuntimeError, NotImplementedError, ValueError, EOFError) as exc:
        raise fail(f"this Word document is damaged ({type(exc).__name__})") from None
    try:
        document = Document(io.BytesIO(docx))
    except ValueError as exc:  # python-docx: "… content type is '…'"
        found = re.search(r"officedocument\.(\w+)ml", str(exc))
        kind = {"spreadsheet": "a spreadsheet", "presentation": "a presentation"}.get(
            found.group(1) if found else "", "another kind of file"
        )
        raise fail(f"this is {kind}, not a Word document") from None
    except Exception as exc:  # python-docx raises many kinds for a damaged document
        raise fail(f"this cannot be read as a Word document ({type(exc).__name__})") from None
    find_marker(document, fail, what)
    return WordTemplate(path, docx)


def _as_document(raw: bytes, fail: _Fail) -> bytes:
    """*raw* (a zip) as a .docx: a template's (.dotx) main part called a document instead."""
    with zipfile.ZipFile(io.BytesIO(raw)) as parts:
        if sum(part.file_size for part in parts.infolist()) > MAX_UNPACKED_BYTES:
            raise fail(
                f"this unpacks to more than {MAX_UNPACKED_BYTES // 1_048_576} MB, far more "
                "than any Word document"
            )
        try:
            types = parts.read("[Content_Types].xml")
        except KeyError:
            raise fail("this is a zip file, not a Word document") from None
        if _MACROS in types:
            raise fail(
                "this Word document or template has macros (.docm, .dotm), which selfeval "
                "does not carry into a plan",
                "open it in Word and save it as a Word Document (.docx) or Word Template "
                "(.dotx), without macros",
            )
        if _TEMPLATE not in types:
            return raw
        rewritten = io.BytesIO()
        with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as out:
            for part in parts.infolist():
                data = parts.read(part)
                if part.filename == "[Content_Types].xml":
                    data = data.replace(_TEMPLATE, _DOCUMENT)
                out.writestr(part, data)
        return rewritten.getvalue()


def find_marker(
    document: DocumentType, fail: _Fail | None = None, what: str = "plan"
) -> Element | None:
    """The paragraph of *document* holding only the marker, or None where there is none.
    A marker that is not a paragraph of its own in the body, or more than one, is refused
    with *fail* (a `TemplateError` naming no file where none is given), saying where the
    *what* ("plan", "report") should go."""
    fail = fail or (lambda message, hint: TemplateError([Problem(message, hint=hint)]))
    body = document.element.body
    found = [p for p in body.iter(_W_P) if _MARKER.search(_own_text(p))]
    if not found:
        return None
    if len(found) > 1:
        raise fail(
            f"the marker {MARKER} is in {len(found)} places; the {what} goes in one",
            f"keep one paragraph holding only {MARKER}, where the {what} should go",
        )
    marker = found[0]
    text = _own_text(marker).strip()
    if not _MARKER.fullmatch(text):
        shown = text if len(text) <= 60 else text[:59] + "…"
        raise fail(
            f"the marker {MARKER} shares its paragraph with other text (“{shown}”)",
            f"put {MARKER} in a paragraph of its own, where the {what} should go",
        )
    if marker.getparent() is not body:
        raise fail(
            f"the marker {MARKER} is inside a table, text box or content control",
            f"move {MARKER} to a paragraph of its own in the document's text, where the {what} "
            "should go",
        )
    return marker


def _own_text(p: Element) -> str:
    """The text of paragraph *p* itself, not of paragraphs inside it (in a text box)."""
    return "".join(t.text or "" for t in p.iter(_W_T) if next(t.iterancestors(_W_P), None) is p)
