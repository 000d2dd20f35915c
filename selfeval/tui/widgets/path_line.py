"""Paths on screen: whole where they fit, else shortened from the left, never broken.

A path wrapped as words breaks at its spaces ("/tmp/Shared" and "drive/…" on two lines) or, where
it has none, mid-name ("response" and "s/oakfield…"). Shown on a line of its own, at most as wide
as the line, its end is kept, where the file is: "…/responses/oakfield.stem.2026-27.toml".
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget

from selfeval.tui.text import visible

__all__ = ["PathLine", "shortened"]

ELLIPSIS = "…"


def shortened(path: str, width: int) -> str:
    """*path* whole if it fits in *width* columns; else "…" and as many of its last folders
    as fit, with the file's name ("…/responses/oakfield.stem.2026-27.toml"); else, where
    even the name does not fit, "…" and the end of the name."""
    if cell_len(path) <= width:
        return path
    starts = [n for n, c in enumerate(path) if c in "/\\" and n > 0]
    for start in starts:  # the longest tail first
        tail = ELLIPSIS + path[start:]
        if cell_len(tail) <= width:
            return tail
    kept = ""
    for character in reversed(path):
        if cell_len(character + kept) > max(width, 1) - 1:
            break
        kept = character + kept
    return ELLIPSIS + kept


class PathLine(Widget):
    """A line of its own: *label*, then a path shortened from the left to the room left."""

    DEFAULT_CSS = """
    PathLine {
        height: 1;
    }
    """

    def __init__(
        self, label: str, path: str, style: str = "bold", *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.label = label
        self.path = visible(path)
        self._path_style = style

    def render(self) -> RenderableType:
        room = self.content_size.width - cell_len(self.label)
        return Text.assemble(self.label, (shortened(self.path, room), self._path_style))
