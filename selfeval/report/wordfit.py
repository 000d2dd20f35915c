"""Table columns fitted to the page they are on, never breaking a word.

A table's columns are given as widths for selfeval's own A4 page; on an authority's template
the text may be narrower (wider margins), and narrowing every column alike broke words in the
narrow ones ("Headteache r" in a Lead column) and wrapped "QI 1.1" over two lines. So each
column's longest word (header and cells) is measured, and where the page is narrower the room
is taken from the columns with room to spare, never below the longest word of a column. The
widths are settled once the table's rows are all written (`Writer.finish`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from docx.shared import Cm, Length, Twips

__all__ = ["Fitting", "fit_alike", "fitted", "unbroken", "word_width"]

_PADDING = Cm(0.45)
"""A cell's own left and right margins (0.19 cm each in Word), with a little to spare."""
_EM = {
    **dict.fromkeys("ijlI.,;:'!|", 0.34),
    **dict.fromkeys("tfr()[] -", 0.42),
    **dict.fromkeys("mwMW@", 0.98),
    **dict.fromkeys("ABCDEFGHKNOPQRSTUVXYZ", 0.80),
}
_OTHER = 0.64
"""Widths of characters in ems, on the wide side: a template's own font (Calibri, or whatever
stands in for it where it is missing, often the wide DejaVu) sets the table's text, not
selfeval's Arial; a guess a little too wide costs a column a little room, one too narrow
breaks a word."""
_SAFE = 1.12
"""And a little more, for kerning and hinting as a word processor sets them."""
_BOLD = 1.08
_QI_NUMBER = re.compile(r"\bQI (?=\d)")
_PIECES = re.compile(r"[^ \t\n\r\u2002-\u200b-]+-?|-")
"""What a line may not break within: a word, or the part of one up to a hyphen (where a line
may break: "Self-evaluation"); a no-break space holds its words together."""


def word_width(word: str, size: Length, bold: bool = False) -> Length:
    """About how wide *word* is at *size*, at the most (`_EM`)."""
    ems = sum(_EM.get(c, _OTHER) for c in word) * _SAFE * (_BOLD if bold else 1.0)
    return Length(int(ems * size))


def unbroken(text: str) -> str:
    """*text* with "QI 1.3" kept on one line (a no-break space): half a number on the next
    line reads as another figure."""
    return _QI_NUMBER.sub("QI\u00a0", text)


@dataclass
class Fitting:
    """A table's columns as given, and the longest word seen in each so far."""

    widths_cm: Sequence[float]
    room: Length
    size: Length
    floors: list[int] = field(default_factory=list)

    def measure(self, values: Sequence[str], bold: bool = False) -> None:
        """Take the words of a row (the header *bold*) into each column's least width."""
        if not self.floors:
            self.floors = [0] * len(self.widths_cm)
        for n, value in enumerate(values):
            words = _PIECES.findall(value)  # not str.split: a no-break space holds words
            longest = max((word_width(w, self.size, bold) for w in words), default=0)
            self.floors[n] = max(self.floors[n], int(longest + _PADDING))


_Table = TypeVar("_Table")


def fit_alike(tables: Sequence[tuple[_Table, Fitting]]) -> list[tuple[_Table, list[Length]]]:
    """Each table with its columns' widths: tables of the same columns on pages as wide (the
    report's next year's priorities, a table for each NIF priority) alike, wide enough for
    the longest words of them all, so their columns line up down the page."""
    floors: dict[tuple[tuple[float, ...], int], list[int]] = {}
    for _, fitting in tables:
        key = (tuple(fitting.widths_cm), int(fitting.room))
        most = floors.setdefault(key, [0] * len(fitting.widths_cm))
        floors[key] = [max(a, b) for a, b in zip(most, fitting.floors, strict=False)]
    return [
        (table, fitted(f.widths_cm, f.room, floors[(tuple(f.widths_cm), int(f.room))]))
        for table, f in tables
    ]


def fitted(widths_cm: Sequence[float], room: Length, floors: Sequence[int] = ()) -> list[Length]:
    """Column *widths_cm* within *room*: narrowed alike where the text is narrower than they
    are (a template's wider margins, a smaller page), then each column below its *floor* (its
    longest word) widened, the room taken from those above theirs in proportion to what
    they can spare."""
    scale = min(1.0, room / Cm(sum(widths_cm)))
    widths = [Cm(width) * scale for width in widths_cm]
    floors = list(floors) or [0] * len(widths)
    if sum(floors) > room:  # words too long for the page whatever is done: the least broken
        return _whole([f * room / sum(floors) for f in floors])
    short = sum(max(0, f - w) for w, f in zip(widths, floors, strict=True))
    short -= min(short, room - sum(widths))  # where the page has room to spare, use that
    spare = sum(max(0, w - f) for w, f in zip(widths, floors, strict=True))
    take = short / spare if spare else 0
    return _whole([f if w < f else w - (w - f) * take for w, f in zip(widths, floors, strict=True)])


def _whole(widths: Sequence[float]) -> list[Length]:
    """In whole twips, as a document keeps them."""
    return [Twips(int(width / Twips(1))) for width in widths]
