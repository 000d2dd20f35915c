"""The help screen: every key, and the framework's scale in plain words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from selfeval.tui.keys import ends, help_rows
from selfeval.tui.screens.statement_keys import STATEMENT_KEYS

if TYPE_CHECKING:
    from selfeval.framework.model import Scale

__all__ = ["HelpScreen"]


def keys(scale: Scale) -> list[tuple[str, str]]:
    """Every key of the statement screen and what it does, the rating keys in the framework's
    own scale (the screen's bindings and footer come from the same table)."""
    return help_rows(STATEMENT_KEYS, *ends(scale))


class HelpScreen(ModalScreen[None]):
    """Keys and the scale; any of Esc, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(
        self,
        scale: Scale,
        rows: list[tuple[str, str]] | None = None,
        intro: str | None = None,
    ) -> None:
        """The help of the statement screen, or of another screen that gives its own key
        *rows* and *intro* (moderation's keys are not the statements')."""
        super().__init__()
        self.scale = scale
        self.rows = rows
        self.intro = intro

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(
                Text("How to use selfeval  (Esc closes this help)", style="bold"), classes="title"
            )
            yield Static(
                self.intro
                or "You work through the framework one statement at a time. For each one, "
                "answer the three questions: How are we doing? (a rating), How do we know? "
                "(evidence) and What are we going to do now? (notes). Every answer is saved the "
                "moment you give it, so you can stop whenever you like and carry on later.",
                markup=False,
            )
            grid = Table.grid(padding=(0, 2))
            for key, meaning in self.rows or keys(self.scale):
                grid.add_row(Text(key, style="bold"), Text(meaning))
            yield Static(grid)
            yield Static(Text(f"The {self.scale.title}", style="bold"), classes="title")
            scale = Table.grid(padding=(0, 2))
            for value in self.scale.values:
                level = self.scale.by_value[value]
                scale.add_row(
                    Text(self.scale.label(value), style="bold"), Text(level.meaning or level.gloss)
                )
            scale.add_row(
                Text("n/a", style="bold"),
                "The statement does not fit your setting. It is left out of every level.",
            )
            yield Static(scale, id="help-scale")
            yield Static(Text("How selfeval suggests a level", style="bold"), classes="title")
            yield Static(
                "Ratings are your professional judgement. For each quality indicator selfeval "
                "starts from the balance of the ratings, then follows the level definitions "
                "above, never more kindly than an inspector would. No level without evidence: "
                "ratings with nothing under How do we know? are assertions, and enough of the "
                "statements must be rated (not applicable neither costs nor carries a level). "
                "As many weak or unsatisfactory statements as good ones make it weak (an "
                "unsatisfactory one counts twice); good needs strengths to clearly outweigh "
                "weaknesses and half the ratings evidenced; a weak statement, a theme with "
                "nothing rated or many statements marked not applicable keep it below very "
                "good; excellent needs every statement very good or better, each with evidence. "
                "Safeguarding statements (safe practical work, checking and briefing visitors, "
                "online safety) cannot be averaged away: rated weak, the quality indicator is "
                "weak at best and its next step is urgent; unrated or below good, it is good at "
                "best. The results screen says why for each one. The suggestion is only a "
                "starting point: you confirm it or choose another, and both are kept.",
                markup=False,
            )
            yield Static(Text("Press Esc to close this help.", style="italic"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
