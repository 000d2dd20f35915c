"""The form for one QI's target: how good can we be? The level the team aims for, and by when.

Its own module (one form screen each, see `action_forms`), opened from the results.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Select, Static

from selfeval.evaluation.actions import Target
from selfeval.evaluation.session import EvaluationSession
from selfeval.scoring import QIResult
from selfeval.tui.screens.action_forms import date_field, saving, typed_day
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["TargetScreen"]


class TargetScreen(ModalScreen[None]):
    """How good can we be? The level the team aims for on one QI, and by when."""

    BINDINGS = [
        Binding("escape", "close", "Done"),
        Binding("ctrl+d", "remove", "Remove target"),
    ]

    def __init__(self, session: EvaluationSession, qi: QIResult, now_words: str) -> None:
        super().__init__()
        self.session = session
        self.qi = qi
        self.now_words = now_words

    def compose(self) -> ComposeResult:
        scale = self.session.scale
        target = self.session.evaluation.targets.get(self.qi.key)
        with VerticalScroll(classes="form-box", id="target-box"):
            yield Static(
                Text.assemble(
                    (f"{self.qi.heading}: how good can we be?", "bold"),
                    f"\nNow: {self.now_words}. Choose the level we aim for and by when; it is "
                    "saved at once. Ctrl+D removes the target. Esc: back.",
                )
            )
            yield Label("The level we aim for (Enter opens the list)")
            yield Select(
                [(scale.label(v), v) for v in reversed(scale.values)],
                value=target.level if target else Select.NULL,
                prompt="choose a level",
                id="target-level",
                compact=True,
            )
            yield from date_field("By when?", target.by if target else None, "target-by")
            yield Static(id="form-error")
            yield SaveStatus()

    def on_mount(self) -> None:
        self.query_one("#target-level", Select).focus()

    def on_select_changed(self) -> None:
        self._save()

    def on_input_changed(self) -> None:
        self._save()

    def _save(self) -> None:
        level = self.query_one("#target-level", Select).value
        error = self.query_one("#form-error", Static)
        current = self.session.evaluation.targets.get(self.qi.key)
        try:
            by = typed_day(self, "target-by")
        except ValueError as exc:
            error.update(Text(f"By when: {exc}.", style="bold"))
            by = current.by if current else None
        else:
            error.update("")
        if not isinstance(level, int):
            return
        target = Target(level=level, by=by)
        if current is None or (current.level, current.by) != (target.level, target.by):
            section = self.qi.key
            saving(self, self.session, lambda: self.session.set_target(section, target))

    def action_remove(self) -> None:
        section = self.qi.key
        if saving(self, self.session, lambda: self.session.set_target(section, None)):
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
