"""Asking, optionally, why the team chose a level other than the one selfeval suggested."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

__all__ = ["ReasonScreen"]


class ReasonScreen(ModalScreen[str | None]):
    """Asks, optionally, why the team chose a level different from the suggestion."""

    BINDINGS = [Binding("escape", "skip", "Skip")]

    def __init__(self, level: str, suggested: str, warning: str = "") -> None:
        super().__init__()
        self.level = level
        self.suggested = suggested
        self.warning = warning
        """Said first where the level is above what a safeguarding failure allows."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="reason-box"):
            if self.warning:
                yield Static(Text(self.warning, style="bold"), id="reason-warning")
            yield Static(
                Text.assemble(
                    "You chose ",
                    (self.level, "bold"),
                    " where selfeval suggested ",
                    (self.suggested, "bold"),
                    ". Both are kept. Why did you choose it? (optional; Enter to save, "
                    "Esc to skip)",
                )
            )
            yield Input(placeholder="e.g. moderated with our cluster in March", id="reason")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_skip(self) -> None:
        self.dismiss("")
