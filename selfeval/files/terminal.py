"""Text for a terminal: control characters shown as escapes, never obeyed.

A setting's name, a file name or a framework's text can hold escape sequences (clear the
screen, retitle the window, fake a prompt). Everything the command line prints passes here.
"""

from __future__ import annotations

import re
from typing import TextIO

__all__ = ["PrintableWriter", "printable"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """*text* with every control character but newline and tab written as ``\\xNN``."""
    return _CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


class PrintableWriter:
    """A text stream that passes everything through `printable` on its way to *stream*."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(printable(text))

    def flush(self) -> None:
        self.stream.flush()
