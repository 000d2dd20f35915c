"""A yes-or-no question over the screen that asked it, Esc meaning no.

A screen of its own because both the action plan and a QI's next steps ask before taking an
action out of the plan, and nothing in it is about actions.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from selfeval.tui.text import visible

__all__ = ["ConfirmScreen"]


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question; Esc means no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(Text(visible(self.question)))
            yield Static(Text("Press y for yes, n or Esc for no.", style="bold"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
