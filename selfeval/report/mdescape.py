"""User and framework text made literal for Markdown: a module of its own, so that writing a
comparison's summary does not import the plan's content (evaluations, scoring)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from selfeval.files.terminal import printable

__all__ = ["md_cell", "md_table", "md_text"]

_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|~"})
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
"""An "&" that would start an entity or character reference ("&amp;", "&#35;"), the only
place CommonMark reads one as more than itself: escaped there and nowhere else, so "Argyll &
Bute Council" reads as itself in the file too (escaped always, it showed "Argyll \\& Bute")."""
_BLOCK_START = re.compile(r"^(?:([#+=>-])|(\d+)([.)]))")
"""What would make a line (or a list item) a heading, a list, a rule or a quote."""


def md_text(text: str) -> str:
    """User text as literal Markdown (inline): special characters escaped, lines joined, and
    a start that would open a heading, list or quote escaped, as it may begin a line."""
    return _BLOCK_START.sub(_escape_start, _inline(text), count=1)


def _inline(text: str) -> str:
    """One line, Markdown's special characters escaped, and control characters written as
    escapes: a plan read with `cat` must not clear the screen or write the clipboard."""
    joined = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return printable(_ENTITY.sub(r"\\&", joined.translate(_MD_SPECIAL)))


def _escape_start(found: re.Match[str]) -> str:
    if found.group(1):
        return "\\" + found.group(1)
    return found.group(2) + "\\" + found.group(3)


def md_cell(text: str) -> str:
    """User text safe inside a Markdown table cell (inline only: no line starts there)."""
    return _inline(text) or " "


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table's lines, then a blank one: *header* as it is (the program's own
    words), every cell of *rows* made literal (`md_cell`)."""
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(md_cell(cell) for cell in row) + " |" for row in rows),
        "",
    ]
