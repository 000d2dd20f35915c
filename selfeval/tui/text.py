"""Showing text safely: user text as data (never markup, never raw control codes), and levels."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:  # a reopened evaluation's statement is drawn before pydantic loads
    from selfeval.framework.model import Scale

__all__ = ["fit", "level_label", "plain", "visible"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """*text* with control characters shown as symbols (ESC as ␛), never sent to the terminal."""

    def show(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        return chr(0x2400 + code) if code < 0x20 else "\N{REPLACEMENT CHARACTER}"

    return _CONTROL.sub(show, text)


def plain(text: str, style: str = "") -> Text:
    """A Rich `Text` that displays *text* literally: ``[bold]`` stays as typed."""
    return Text(visible(text), style=style)


def level_label(scale: Scale, value: int | None, not_applicable: bool = False) -> str:
    """E.g. "4 good", "not applicable" or "not rated"."""
    if not_applicable:
        return "not applicable"
    if value is None:
        return "not rated"
    return scale.label(value)


def fit(text: str, width: int) -> str:
    """*text* on one line of at most *width* characters, ending "…" where it was cut (the
    full text is then shown elsewhere on the screen, e.g. for the highlighted row)."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(1, width - 1)].rstrip() + "…"


def toast_room(width: int) -> int:
    """The columns a notice's text has on a screen *width* wide: Textual's notices are at most
    60 wide and half the screen, less their border and padding (measured: 36 at 80 columns,
    57 from 126; a test holds it)."""
    return min(57, width // 2 - 4)
