"""The one form the inbox asks with: a line of text (the officer's name, the overall feedback,
a QI's feedback), Enter to keep it, Esc to leave it as it was."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

__all__ = ["LineForm"]


class LineForm(ModalScreen[str | None]):
    """Closes with what was typed (stripped; "" for an emptied box), or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = "LineForm { align: center middle; }"

    def __init__(
        self, title: str, explained: str, now: str, max_length: int, required: bool = False
    ) -> None:
        """*required*: an empty box is not taken (a name)."""
        super().__init__()
        self.title_said = title
        self.explained = explained
        self.now = now
        self.max_length = max_length
        self.required = required

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="complete-box", classes="form-box", can_focus=False):
            yield Static(Text(self.title_said, style="bold"))
            yield Static(self.explained, markup=False)
            yield Input(self.now, id="line", max_length=self.max_length, compact=True)
            yield Static("", id="complete-error", markup=False)
            yield Static("Enter keeps it; Esc leaves it as it was.", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        typed = " ".join(event.value.split()) if self.required else event.value.strip()
        if self.required and not typed:
            error = self.query_one("#complete-error", Static)
            error.update(Text("Type something first (or Esc).", style="bold"))
            error.display = True
            return
        self.dismiss(typed)

    def action_cancel(self) -> None:
        self.dismiss(None)
