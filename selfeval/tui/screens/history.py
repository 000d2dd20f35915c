"""The evaluation's history, read only: levels agreed and changed, hand-ins, the authority's
feedback (`selfeval.report.history`), reached with h from the results screen.

The feedback is read from the inbox folder, which may be a slow network or cloud folder: it is
read off the event loop, and the screen shows the file's own entries until it arrives."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from selfeval.evaluation.model import Evaluation
from selfeval.report.feedback import feedback_received
from selfeval.report.history import HISTORY_HEADER, HistoryRow, history_rows
from selfeval.tui.text import plain

__all__ = ["NO_HISTORY", "HistoryScreen"]

NO_HISTORY = (
    "Nothing yet. Levels the team agrees (c or a level on the results screen), statements "
    "agreed at the median and each hand-in to the authority are listed here."
)


class HistoryScreen(ModalScreen[None]):
    """A table of what happened to the evaluation; Esc, q or h closes it."""

    BINDINGS = [Binding("escape,q,h", "dismiss", "Close")]
    DEFAULT_CSS = """
    HistoryScreen { align: center middle; }
    #history-box {
        width: 95%; max-width: 140; height: 90%; padding: 1 2;
        background: $surface; border: thick $primary;
    }
    """

    def __init__(self, evaluation: Evaluation) -> None:
        super().__init__()
        self.evaluation = evaluation

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-box"):
            yield Static(Text("History  (Esc closes it)", style="bold"), classes="title")
            yield Static(self._table(history_rows(self.evaluation)), id="history")
            yield Static(id="history-note")

    def on_mount(self) -> None:
        self.query_one("#history-box", VerticalScroll).focus()  # the arrow keys scroll it
        if self.evaluation.submissions:
            self.query_one("#history-note", Static).update("Looking for the authority's feedback…")
            self.run_worker(self._with_feedback, thread=True, group="history", exclusive=True)

    def _with_feedback(self) -> None:
        got = feedback_received(self.evaluation)
        rows = history_rows(self.evaluation, got)
        note = f"Note: {got.note}." if got and got.note else ""
        self.app.call_from_thread(self._show, rows, note)

    def _show(self, rows: list[HistoryRow], note: str) -> None:
        self.query_one("#history", Static).update(self._table(rows))
        self.query_one("#history-note", Static).update(plain(note))

    @staticmethod
    def _table(rows: list[HistoryRow]) -> Table | Text:
        if not rows:
            return Text(NO_HISTORY)
        table = Table(expand=True, show_lines=False)
        for heading, ratio in zip(HISTORY_HEADER, (None, 3, 1, 2), strict=True):
            table.add_column(heading, ratio=ratio, no_wrap=ratio is None)  # the date on one line
        for row in rows:
            table.add_row(*(plain(cell) for cell in row.cells))
        return table
