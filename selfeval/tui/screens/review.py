"""Before the results: what is still unanswered, with a way to go straight to each."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from selfeval.evaluation.progress import unanswered
from selfeval.evaluation.session import EvaluationSession
from selfeval.tui.keys import Key, bindings, key_help
from selfeval.tui.text import plain
from selfeval.tui.widgets.key_footer import KeyFooter

__all__ = ["ReviewScreen"]

RESULTS = "__results__"


INTRO = (
    "Review: the statements not answered yet. Answer them, or see the results without them "
    "(a statement left unanswered is left out of its quality indicator's level)."
)
"""What the screen is for, in its help (its top says how many are left)."""

KEYS = (
    Key("", "", "answer the highlighted statement", "Enter"),
    Key("escape,u", "close", "go back to the statement you were on", "Esc or u", "Back"),
    Key("r", "results", "see the results now", "r", "Results"),
    Key("question_mark", "app.help", "this help", "?", "Help"),
    Key("", "app.quit", "quit; everything is already saved", "Ctrl+Q"),
)
"""The screen's keys: its bindings, footer and help are built from them."""


class ReviewScreen(Screen[str | None]):
    """Lists unanswered statements; returns one to go to, RESULTS, or None to go back."""

    BINDINGS = bindings(KEYS)

    def __init__(self, session: EvaluationSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        fw = self.session.framework
        evaluation = self.session.evaluation
        stage = evaluation.setting.audience
        against = evaluation.setting.qi_framework
        elc = fw.stage(stage).elc_wording
        missing = unanswered(evaluation, fw.statements_for(stage))
        if missing:
            heading = Text.assemble(
                ("Review", "bold"),
                f": {len(missing)} statement{'s are' if len(missing) != 1 else ' is'} not "
                "answered yet. Choose one and press Enter to answer it, or press r to see your "
                "results now (unanswered statements are left out of them).",
            )
        else:
            heading = Text.assemble(
                ("Review", "bold"), ": every statement is answered. Press r to see your results."
            )
        yield Static(heading, id="where")
        options = [Option(Text("See the results now  (r)", style="bold"), id=RESULTS)]
        for statement in missing:
            ref, indicator = fw.qi_for(fw.section_of[statement.id], stage, against)
            label = fw.reference(ref.framework).label(ref.id) or indicator.title
            options.append(
                Option(
                    Text.assemble((f"{label}  ", "bold"), plain(statement.wording(elc))),
                    id=statement.id,
                )
            )
        yield OptionList(*options, id="review")
        yield KeyFooter()

    @property
    def KEY_HELP(self) -> tuple[list[tuple[str, str]], str]:
        """The keys the help lists for this screen (not the statement screen's)."""
        return key_help(KEYS, self.session.scale, INTRO)

    def on_mount(self) -> None:
        self.query_one("#review", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_results(self) -> None:
        self.dismiss(RESULTS)

    def action_close(self) -> None:
        self.dismiss(None)
