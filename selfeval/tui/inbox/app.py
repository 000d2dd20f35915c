"""The inbox app, and starting it from the command line (`selfeval inbox` in a terminal)."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from selfeval.errors import SelfevalError
from selfeval.tui.inbox.listing import InboxScreen

__all__ = ["InboxApp", "in_a_terminal", "run_inbox_app"]


class InboxApp(App[None]):
    """The submissions in *folder*; nothing in it is written but officers' feedback files."""

    CSS_PATH = "../selfeval.tcss"
    TITLE = "selfeval inbox"
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def on_mount(self) -> None:
        self.push_screen(InboxScreen(self.folder))


def in_a_terminal() -> bool:
    """Whether `selfeval inbox` has a person at a terminal (else it prints, as to a pipe)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def run_inbox_app(folder: Path) -> int:
    """Run the inbox app on *folder* until the officer quits."""
    if not folder.is_dir():
        what = "a file, not a folder" if folder.exists() else "not there"
        raise SelfevalError(f"the inbox {folder} is {what}", "name the authority's inbox folder")
    InboxApp(folder).run()
    return 0
