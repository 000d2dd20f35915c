"""Marking the evaluation complete: asks, optionally, who is completing it.

The name is saved with the completion and printed in the plan ("Completed by"). It is a name
on one line, as every name in an evaluation is: one the model refuses is said at once, in the
box, and nothing is marked until it is put right, left out (Enter on an empty box) or Esc.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from selfeval.evaluation.limits import NAME_LIMIT
from selfeval.tui.text import visible

__all__ = ["CompleteScreen", "why_refused"]


def why_refused(error: ValueError) -> str:
    """Why a name for "completed by" was refused, in words (from pydantic's error)."""
    errors = getattr(error, "errors", None)
    kinds = {e["type"] for e in errors()} if callable(errors) else set()
    if "string_too_long" in kinds:
        return f"Not marked yet: a name and role can be at most {NAME_LIMIT} characters."
    return (
        "Not marked yet: that holds a control character (a tab, a line break or an escape "
        "code), which a name cannot keep. Type the name and role as plain words on one line."
    )


class CompleteScreen(ModalScreen[str | None]):
    """Who is completing the evaluation (optional). Enter marks it complete with *complete*
    and closes with the name typed ("" where it was left out); Esc closes with None, and
    nothing is marked."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, now: str | None, complete: Callable[[str | None], None]) -> None:
        """*now*: who the evaluation already says completed it, if anyone; *complete*: marks
        it complete, by the name given (or nobody new), raising ValueError where the name
        cannot be kept (a save that fails is the caller's to say)."""
        super().__init__()
        self.now = now
        self._complete = complete

    def compose(self) -> ComposeResult:
        empty = (
            Text.assemble("still by ", (visible(self.now), "bold"))
            if self.now
            else Text("without a name")
        )
        with VerticalScroll(id="complete-box", classes="form-box", can_focus=False):
            yield Static(Text("Mark the evaluation complete", style="bold"))
            yield Static(
                "Who is completing it? A name and role on one line (optional): the "
                "improvement plan says who completed it.",
                markup=False,
            )
            yield Input(placeholder="e.g. Ms Reid, headteacher", id="completed-by", compact=True)
            yield Static("", id="complete-error", markup=False)
            yield Static(
                Text.assemble("Enter marks it complete (an empty box: ", empty, "); Esc cancels.")
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        try:
            self._complete(name or None)
        except ValueError as exc:  # said in the box, which stays to put it right
            error = self.query_one("#complete-error", Static)
            error.update(Text(why_refused(exc), style="bold"))
            error.display = True
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
