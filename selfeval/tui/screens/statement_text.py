"""What the statement screen shows of a statement, as Rich text built from its plain words
(`selfeval.digest.wording`): the screen only places it. Everything here is the framework's or
the user's text, so it is shown as text, never read as markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from selfeval.digest.wording import SectionText, StatementText, Wording
from selfeval.errors import MustAnswer
from selfeval.tui.text import plain

__all__ = [
    "anchors_table",
    "challenge_text",
    "evidence_question",
    "heading",
    "journey_lines",
    "prompts_text",
    "rating_question",
    "statement_text",
]


def statement_text(statement: StatementText) -> Text:
    """The statement, with a note where it must be answered (never "not applicable")."""
    wording = Text(statement.wording, style="bold")
    if not statement.na_allowed:
        wording.append(f"\n{MustAnswer.NOTE}", style="italic")
    return wording


def anchors_table(anchors: tuple[tuple[str, str], ...]) -> Table | Text:
    """What the statement can look like at each level, highest first."""
    if not anchors:
        return Text("")
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    table.title = "What it can look like:"
    table.title_justify = "left"
    table.title_style = "italic"
    for level, text in anchors:
        table.add_row(Text(level), Text(text))
    return table


def prompts_text(prompts: tuple[str, ...], elc: bool) -> Text:
    """Evidence the setting might use, or what kinds of evidence there are."""
    if prompts:
        return Text("Evidence you might use: " + "; ".join(prompts) + ".", style="italic")
    whose = "children's and families'" if elc else "learners' and families'"
    return Text(f"Write what shows this: observations, data, {whose} views.")


def challenge_text(section: SectionText) -> Text:
    """The quality indicator's challenge questions, as a list."""
    if not section.questions:
        return Text("No challenge questions.")
    return Text("Challenge questions:\n" + "\n".join(f"• {q}" for q in section.questions))


def journey_lines(section: SectionText) -> list[tuple[str, Text | None]]:
    """What the quality indicator asks and the journey it follows (where the setting is
    heading, not only where it is), by the id of the line that shows each; None where the
    framework says nothing."""
    return [
        (widget_id, Text.assemble((label, "bold italic"), (text, "italic")) if text else None)
        for widget_id, label, text in (
            ("#intro", "What it asks: ", section.about),
            ("#journey", "The journey: ", section.journey),
        )
    ]


def heading(facts: Wording, index: int, answered: int, whose: str) -> Text:
    """Which QI and theme, how far through, whose evaluation."""
    statement = facts.statement(index)
    return Text.assemble(
        (statement.place or facts.sections[statement.section].place, "bold"),
        "  ›  ",
        statement.theme,
        f"\nStatement {index + 1} of {len(facts.statements)}  ·  {answered} answered  ·  ",
        plain(whose),
    )


def evidence_question(not_applicable: bool) -> Text:
    """ "How do we know?", or for a statement marked not applicable, why it does not apply."""
    if not_applicable:
        return Text.assemble(
            ("How do we know it does not apply? ", "bold"),
            ("Say why; the plan and moderators see it.", "italic"),
        )
    return Text("How do we know?", style="bold")


def rating_question(last_year: str = "") -> Text:
    """ "How are we doing?", with last year's answer beside it where last year's evaluation
    is in the folder ("Last year: 4 good"): shown, never copied as this year's."""
    question = Text("How are we doing?", style="bold")
    if last_year:
        question.append(f"   {last_year}", style="italic")
    return question
