"""The statement screen's keys: its bindings, its footer and the help screen are built from
this one table (`selfeval.tui.keys`).

Help and Quit come first: at 80 columns the footer has room for only the first few keys.
"""

from __future__ import annotations

from selfeval.tui.keys import Key

__all__ = ["STATEMENT_KEYS"]

STATEMENT_KEYS = (
    Key("question_mark", "app.help", "this help", "?", "Help", typing=True),
    Key("ctrl+q", "app.quit", "quit; everything is already saved", "Ctrl+Q", "Quit", typing=True),
    Key(
        ",".join(str(v) for v in range(1, 10)),
        "rate({key})",
        "rate the statement ({high} … {low})",
        "{low} to {high}",
        at_once=True,
    ),
    Key(
        "n",
        "not_applicable",
        "mark the statement not applicable to your setting (then e says why)",
        "n",
        at_once=True,
    ),
    Key(
        "0,delete",
        "clear",
        "remove the rating (evidence and notes are kept)",
        "0 or Delete",
        at_once=True,
    ),
    Key("right,enter", "next", "next statement", "→ or Enter", "Next", at_once=True),
    Key("left", "previous", "previous statement", "←", "Back", at_once=True),
    Key("e", "evidence", "type evidence: How do we know?", "e", "Evidence", at_once=True),
    Key("w", "notes", "type notes: What are we going to do now?", "w", "What next", at_once=True),
    Key(
        "escape",
        "stop_typing",
        "stop typing, so the keys above work again",
        "Esc",
        "Done typing",
        short="Done",
        typing=True,
    ),
    Key(
        "ctrl+z",
        "undo",
        "undo your last change, saying what it was; again to go further back (in a text "
        "box Ctrl+Z undoes typing: Esc first)",
        "Ctrl+Z",
        "Undo",
        optional=3,
        at_once=True,
    ),
    Key(
        "o",
        "leave('overview')",
        "overview: progress for each quality indicator; jump anywhere",
        "o",
        "Overview",
        optional=2,
    ),
    Key("u", "leave('review')", "review what is still unanswered", "u", "Unanswered", optional=1),
    Key(
        "r", "leave('results')", "results: suggested levels, strengths, next steps", "r", "Results"
    ),
    Key(
        "c",
        "challenge",
        "open or close what this quality indicator asks, its journey and challenge questions",
        "c",
        "Challenge questions",
        short="Challenge",
    ),
    Key("ctrl+s", "save", "save again (only needed if a save failed)", "Ctrl+S", typing=True),
    Key("", "app.command_palette", "search every command", "Ctrl+P"),
)
