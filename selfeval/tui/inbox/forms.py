"""The one form the inbox asks with: a paragraph of text (the officer's name, the overall
feedback, a QI's feedback) in a framed box that wraps, so a long paragraph stays in sight as
it is typed; Enter to keep it, Esc to leave it as it was."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

__all__ = ["LineForm", "Paragraph"]


class Paragraph(TextArea):
    """A paragraph that wraps inside its frame: Enter keeps it (a newline pasted in reads
    as a space), as Enter does in every other box."""

    class Kept(Message):
        """Enter was pressed: the form keeps the text."""

    @property
    def paragraph(self) -> str:
        """The text as one paragraph."""
        return " ".join(self.text.split("\n"))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.post_message(self.Kept())
            return
        await super()._on_key(event)


class LineForm(ModalScreen[str | None]):
    """Closes with what was typed (stripped; "" for an emptied box), or None on Esc."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    LineForm { align: center middle; }
    LineForm #line { height: auto; min-height: 3; max-height: 10; border: round $primary; }
    LineForm #line:focus { border: round $accent; }
    """

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
            yield Paragraph(self.now, id="line", soft_wrap=True, tab_behavior="focus")
            yield Static("", id="complete-error", markup=False)
            yield Static("Enter keeps it; Esc leaves it as it was.", markup=False)

    def on_mount(self) -> None:
        box = self.query_one(Paragraph)
        box.focus()
        box.move_cursor(box.document.end)

    def on_paragraph_kept(self, event: Paragraph.Kept) -> None:
        event.stop()
        text = self.query_one(Paragraph).paragraph
        typed = " ".join(text.split()) if self.required else text.strip()
        if self.required and not typed:
            return self._error("Type something first (or Esc).")
        if len(typed) > self.max_length:
            return self._error(
                f"That is {len(typed)} characters; at most {self.max_length} are kept. "
                "Shorten it (or Esc)."
            )
        self.dismiss(typed)
        return None

    def _error(self, said: str) -> None:
        error = self.query_one("#complete-error", Static)
        error.update(Text(said, style="bold"))
        error.display = True

    def action_cancel(self) -> None:
        self.dismiss(None)
