"""The results screen's keys: its bindings, its footer, its help and the sentence at its top
that names them are built from this one table (`selfeval.tui.keys`), so a key added here is
offered everywhere at once.

In the footer's order: at 80 columns it has room for only the first few.
"""

from __future__ import annotations

from selfeval.tui.keys import Key

__all__ = ["RESULTS_HELP", "RESULTS_INTRO", "RESULTS_KEYS"]

RESULTS_INTRO = "Results: selfeval suggests a level for each quality indicator from your ratings."
"""What the screen is for, before the sentence of its keys (and at the top of its help)."""
RESULTS_HELP = (
    f"{RESULTS_INTRO} It is never kinder than an inspector would be: you agree it or choose "
    "your own level, and both are kept."
)
"""What its help says the screen is for."""

RESULTS_KEYS = (
    Key("escape", "close", "go back to the statements", "Esc", "Back"),
    Key("question_mark", "app.help", "this help", "?", "Help"),
    Key("c", "confirm", "agree with the suggested level", "c", "Agree", said="to agree with it"),
    Key(
        ",".join(str(v) for v in range(1, 10)),
        "set_level({key})",
        "choose your own level",
        "{low} to {high}",
        said="to choose your own level",
    ),
    Key(
        "a",
        "next_steps",
        "put the highlighted quality indicator's next steps in the action plan",
        "a",
        "Next steps",
        said="for next steps",
    ),
    Key(
        "t",
        "target",
        "set a target level for the highlighted one",
        "t",
        "Target",
        said="to set a target",
    ),
    Key(
        "p",
        "action_plan",
        "see the whole action plan: who leads each action, by when, how we will know",
        "p",
        "Action plan",
        short="Plan",
        said="for the whole action plan",
    ),
    Key(
        "x",
        "export",
        "export the plan for Word (with Markdown and a spreadsheet tracker beside it)",
        "x",
        "Export",
        said="to export the plan for Word",
    ),
    Key("m", "complete", "mark the evaluation complete", "m", said="to mark it complete"),
    Key(
        "h",
        "hand_in",
        "hand in the evaluation and its plan to your authority's inbox folder (each hand-in "
        "is kept as a new version)",
        "h",
        said="to hand in to your authority",
    ),
    Key(
        "l",
        "history",
        "the history: levels agreed and changed, hand-ins and the authority's feedback",
        "l",
        said="for its history",
    ),
    Key("ctrl+z", "undo", "undo your last change", "Ctrl+Z", "Undo", said="to undo"),
    Key("", "app.quit", "quit; everything is already saved", "Ctrl+Q"),
)
