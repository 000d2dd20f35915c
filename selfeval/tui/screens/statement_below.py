"""The part of the statement screen below the rating choices: how we know, what next, and the
quality indicator's journey and challenge questions.

Kept as widgets from when the screen is built, so a statement can be shown in them whether or
not they are on the screen yet: a reopened evaluation in a terminal of ordinary height puts them
on the screen after its first frame (below the choices, they are mostly below the fold there),
and making them first was about a sixth of the CPU to that frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from selfeval.digest.wording import SectionText, StatementText
from selfeval.tui.screens.statement_text import (
    challenge_text,
    evidence_question,
    journey_lines,
    prompts_text,
)
from selfeval.tui.screens.typed_text import TypedText

if TYPE_CHECKING:  # loaded with the boxes, not before a reopened evaluation's first frame
    from textual.widgets import Collapsible

__all__ = ["TALL", "BelowTheChoices"]

TALL = 40
"""Terminal rows from which the journey and challenge questions are shown without a key."""


class BelowTheChoices:
    """The questions, prompts, text boxes and challenge questions under the choices."""

    def __init__(self, text: TypedText) -> None:
        self._text = text
        self.evidence_question = Static(
            evidence_question(False), classes="question", id="evidence-question"
        )
        self.prompts = Static(id="prompts")
        self.lines = {"#intro": Static(id="intro"), "#journey": Static(id="journey")}
        self.challenge_text = Static(id="challenge-text")
        self.challenge: Collapsible | None = None
        """The journey and challenge questions, made with the rest (see `widgets`)."""
        self.placed = False
        """Whether the widgets have been given to the screen (see `widgets`)."""

    def widgets(self, height: int) -> Iterator[Widget]:
        """The widgets, in order, for a terminal *height* rows tall (once)."""
        from textual.widgets import Collapsible

        self.placed = True
        self.challenge = Collapsible(
            *self.lines.values(),
            self.challenge_text,
            title="About this quality indicator: its journey and challenge questions (c)",
            id="challenge",
            # opened here, not on the first resize: Textual scrolls a Collapsible that
            # opens into view, which would hide the statement above it
            collapsed=height < TALL,
        )
        yield self.evidence_question
        yield self.prompts
        yield self._text.boxes["evidence"]
        yield Static(Text("What are we going to do now?", style="bold"), classes="question")
        yield self._text.boxes["notes"]
        yield self.challenge

    def show(self, statement: StatementText, section: SectionText, elc: bool) -> None:
        """Show what *statement* and its *section* say here."""
        for widget_id, line in journey_lines(section):
            shown = self.lines[widget_id]
            shown.display = line is not None
            if line is not None:
                shown.update(line)
        self.prompts.update(prompts_text(statement.prompts, elc))
        self.challenge_text.update(challenge_text(section))
