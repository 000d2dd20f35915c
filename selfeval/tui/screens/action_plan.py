"""The action plan: every action the team has adopted or written, with who leads it and when."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Static

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import ACTION_STATUSES, Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.scoring import Result, score
from selfeval.tui.keys import Key, bindings, key_help, sentence
from selfeval.tui.screens.action_editor import ActionEditor
from selfeval.tui.screens.action_forms import short_day
from selfeval.tui.screens.confirm import ConfirmScreen
from selfeval.tui.text import fit, visible
from selfeval.tui.undoing import undo_said
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["ActionPlanScreen"]

INTRO = "Action plan: what we will do, who leads it, by when and how we will know."
"""What the screen is for: at its top, before the sentence of its keys, and in its help."""

KEYS = (
    Key(
        "",
        "",
        "open the highlighted action to say who leads it, by when and how we will know",
        "Enter",
        said="to open an action and fill in its details",
    ),
    Key("escape", "close", "go back to the results", "Esc", "Back"),
    Key("o", "own", "add an action of our own", "o", "Our own action",
        said="to add one of our own"),
    Key("d,delete", "remove", "remove the highlighted action", "d or Delete", "Remove",
        said="to remove one"),
    Key("question_mark", "app.help", "this help", "?", "Help"),
    Key("x", "export", "export the plan for Word (with Markdown and a spreadsheet tracker)",
        "x", "Export", said="to export it for Word"),
    Key("ctrl+z", "undo", "undo the last change", "Ctrl+Z", "Undo", said="to undo the last change"),
    Key("", "app.quit", "quit; everything is already saved", "Ctrl+Q"),
)  # fmt: skip
"""The screen's keys: its bindings, footer, help and top sentence are built from them."""

_HEADINGS = ("QI", "What we will do", "Lead", "By when", "Status")
_GUTTERS = len(_HEADINGS) * 2 + 2
"""Columns the table takes besides its cells' text: a column of padding each side of each of
its five columns, and its scroll bar."""


def _by_when(action: Action) -> Text:
    """The action's date, and "overdue" in bold where it is still to do and its date has
    passed (an action carried over from last year's plan, due in March, read in December)."""
    if action.overdue_said():
        return Text.assemble(short_day(action.due), (" overdue", "bold"))
    return Text(short_day(action.due))


class ActionPlanScreen(Screen[None]):
    """A table of actions; Enter opens one, o adds one of the team's own, d (or Delete)
    removes one: d is what the footer and the line above the table both say."""

    BINDINGS = bindings(KEYS)

    def __init__(
        self, session: EvaluationSession, export: Callable[[], None] | None = None
    ) -> None:
        """The plan of *session*; *export* writes it (the results screen's, which opened
        this one): x exports from here too, where a head looking at the plan expects to."""
        super().__init__()
        self.session = session
        self.result: Result = score(session.evaluation, session.framework)
        self._export = export

    def action_export(self) -> None:
        if self._export is not None:
            self._export()

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                ("Action plan", "bold"),
                INTRO.removeprefix("Action plan"),
                f" {sentence(KEYS, (0, 0))} Next steps are adopted on the results screen "
                "(press a there).",
            ),
            id="where",
        )
        yield Static(id="plan-empty")
        yield DataTable(id="actions", cursor_type="row", zebra_stripes=True)
        yield SaveStatus(id="status")
        yield KeyFooter()

    @property
    def KEY_HELP(self) -> tuple[list[tuple[str, str]], str]:
        """The keys the help lists for this screen (not the statement screen's)."""
        return key_help(KEYS, self.session.scale, INTRO)

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#actions", DataTable).focus()

    def on_screen_resume(self) -> None:
        self._fill()
        self.query_one("#status", SaveStatus).resumed(self.session)  # the form may have saved

    def _labels(self) -> dict[str, Text]:
        """How the QI column names each QI: "QI 1.3", or the start of its title where QIs
        have no number (the ELC frameworks: the column was empty). As text: a table reads a
        string as markup, and a title is a framework author's words."""
        return {qi.key: Text(qi.label or fit(qi.title, 18)) for qi in self.result.qis}

    def _fill(self) -> None:
        table = self.query_one("#actions", DataTable)
        row = table.cursor_row
        labels = self._labels()
        order = {qi.key: n for n, qi in enumerate(self.result.qis)}
        actions = sorted(self.session.evaluation.actions, key=lambda a: order.get(a.qi, 99))
        cells = [
            (
                labels.get(a.qi, Text(a.qi)),
                (f"From {a.carried_from}: " if a.carried_from else "") + visible(a.text),
                visible(a.lead),
                _by_when(a),
                ACTION_STATUSES[a.status],
            )
            for a in actions
        ]
        widths = self._widths(cells)
        # the columns again, at the widths for this screen: a column the table sized itself
        # kept its width when the screen narrowed
        table.clear(columns=True)
        for heading, width in zip(_HEADINGS, widths, strict=True):
            table.add_column(heading, width=width)
        for action, (qi, text, lead, day, status) in zip(actions, cells, strict=True):
            table.add_row(
                qi,
                Text(fit(text, widths[1])),
                Text(fit(lead, widths[2])),
                day,
                status,
                key=action.id,
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        empty = self.query_one("#plan-empty", Static)
        empty.display = not actions
        empty.update(
            "No actions yet. On the results screen, highlight a quality indicator and press a "
            "to put its next steps in the plan, or press o here to write one of our own."
        )

    def _widths(self, cells: list[tuple[Text, str, str, Text, str]]) -> list[int]:
        """Each column's width: the QIs, dates and statuses whole (at 80 columns the status
        was cut to "planne"); "What we will do" and "Lead" share what the screen leaves, the
        lead up to 20 and a third of it (the full texts are in the action, opened by Enter)."""
        longest = [
            max([cell_len(heading), *(cell_len(str(row[n])) for row in cells)])
            for n, heading in enumerate(_HEADINGS)
        ]
        width = self.size.width or self.app.size.width
        rest = width - longest[0] - longest[3] - longest[4] - _GUTTERS
        lead = max(cell_len("Lead"), min(20, longest[2], rest // 3))
        what = max(12, min(longest[1], rest - lead))
        return [longest[0], what, lead, longest[3], longest[4]]

    def on_resize(self) -> None:
        self._fill()  # the widths follow the screen's

    def _current(self) -> Action | None:
        table = self.query_one("#actions", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((a for a in self.session.evaluation.actions if a.id == key), None)

    def _choices(self) -> list[tuple[str, str]]:
        return [(f"{qi.heading}", qi.key) for qi in self.result.qis if qi.asked]

    def on_data_table_row_selected(self) -> None:
        action = self._current()
        if action is not None:
            editor = ActionEditor(self.session, action, self._choices(), action.qi)
            self.app.push_screen(editor)

    def action_own(self) -> None:
        current = self._current()
        choices = self._choices()
        qi = current.qi if current else choices[0][1]
        self.app.push_screen(ActionEditor(self.session, None, choices, qi))

    def action_remove(self) -> None:
        action = self._current()
        if action is None:
            return
        self.app.push_screen(
            ConfirmScreen(f"Remove “{fit(action.text, 80)}” from the action plan?"),
            lambda yes: self._remove(action) if yes else None,
        )

    def _remove(self, action: Action) -> None:
        status = self.query_one("#status", SaveStatus)
        try:
            self.session.remove_action(action.id)
        except SelfevalError as exc:
            status.failed(exc)
        else:
            status.report(self.session)
        self._fill()

    def action_undo(self) -> None:
        """Undo the last change made in this window (an action removed by mistake, say)."""
        undo_said(self, self.session)
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)
