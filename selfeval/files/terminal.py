"""Text for a terminal: control characters shown as escapes, never obeyed.

A setting's name, a file name or a framework's text can hold escape sequences (clear the
screen, retitle the window, fake a prompt). Everything the command line prints passes here,
and text taken from another program's file (a workbook) leaves them here.
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["PrintableWriter", "printable", "without_controls"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (C0 but newline and tab, DEL, C1: 0x9B is an escape on its own), and the
bidirectional overrides that make text display in another order than it is stored."""


def printable(text: str) -> str:
    """*text* with every control character but newline and tab, and every bidirectional
    override, written as an escape (``\\x1b``, ``\\u202e``)."""
    return _CONTROL.sub(_escaped, text)


def without_controls(text: str) -> str:
    """*text* without the characters `printable` escapes: for text selfeval keeps from another
    program's file, where they are never meant (a school's name in a spreadsheet)."""
    return _CONTROL.sub("", text)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class PrintableWriter:
    """A text stream that passes everything through `printable` on its way to *stream*."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def flush(self) -> None:
        self.stream.flush()
