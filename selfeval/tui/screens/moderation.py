"""Moderation: every colleague's view of each statement side by side, where they differ most
first; the team agrees a rating (the median with one key, or any level with a reason)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import Worker

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Answer
from selfeval.evaluation.session import EvaluationSession
from selfeval.framework.model import Scale
from selfeval.moderation.gather import counted
from selfeval.moderation.table import NOT_APPLICABLE, StatementViews, Table
from selfeval.report.result import agreed_said
from selfeval.tui.keys import Key, bindings, key_help, sentence
from selfeval.tui.screens.reason import ReasonScreen
from selfeval.tui.text import fit, level_label, plain
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["RECHECK_SECONDS", "ModerationScreen"]

RECHECK_SECONDS = 3.0
"""How often the screen looks for colleagues' views that changed while it is open."""


MODERATION_KEYS = (
    Key("escape", "close", "back", "Esc", "Back"),
    Key("question_mark", "app.help", "this help", "?", "Help"),
    Key("", "", "move between statements, where views differ most first", "↑ ↓"),
    Key(
        "m",
        "median",
        "agree the median of the views for the statement",
        "m",
        "Agree the median",
        said="to agree the median",
    ),
    Key(
        ",".join(str(v) for v in range(1, 10)),
        "agree({key})",
        "agree another level (you can say why: moderators and the plan see it)",
        "{low} to {high}",
        said="to agree another level (you can say why)",
    ),
    Key(
        "n",
        "agree_not_applicable",
        "agree that the statement does not apply",
        "n",
        said="for not applicable",
    ),
    Key(
        "r",
        "results",
        "the results: suggested levels from the agreed ratings",
        "r",
        "Results",
        said="for the results",
    ),
    Key("", "app.quit", "quit; everything agreed is already saved", "Ctrl+Q"),
)
"""The screen's keys, from which its bindings, footer, help and first lines are built."""


class ModerationScreen(Screen[None]):
    """A table of statements by disagreement, and the highlighted one's views in full."""

    BINDINGS = bindings(MODERATION_KEYS)

    @property
    def KEY_HELP(self) -> tuple[list[tuple[str, str]], str]:
        """The keys the help lists for this screen (not the statement screen's)."""
        return key_help(
            MODERATION_KEYS,
            self.session.scale,
            "Moderation: each colleague's view of each statement side by side, with how they "
            "know. Agree one rating for each as a team; the team's evaluation keeps every view "
            "beside it.",
        )

    def __init__(self, table: Table, session: EvaluationSession) -> None:
        super().__init__()
        self.table = table
        self.session = session
        self.shown = [row for row in table.statements if row.views]  # someone gave a view
        self.rows = {row.statement_id: row for row in self.shown}

    def compose(self) -> ComposeResult:
        scale = self.session.scale
        views = ", ".join(v.key for v in self.table.group.views)
        yield Static(
            Text.assemble(
                ("Moderation", "bold"),
                f" of {self.table.group.setting}: {counted(len(self.table.group.views), 'view')} "
                f"({views}). Statements where views differ most come first. "
                f"{sentence(MODERATION_KEYS, (scale.lowest, scale.highest))} Each is saved at "
                "once.",
                *(
                    f"\n{said}."
                    for v in self.table.group.views
                    for said in (v.reconciled, v.dated)
                    if said
                ),
            ),
            id="where",
        )
        with Horizontal(id="results"):
            yield DataTable(id="views-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="views-detail")
        yield SaveStatus(id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#results").set_class(self.size.width >= 120, "-wide")
        table = self.query_one("#views-table", DataTable)
        for label in ("QI", "Spread", "Median", "Agreed", "Statement"):
            table.add_column(label, key=label.lower())
        self._fill()
        current = self._current()
        if current is not None and self.session.answer(current.statement_id).is_agreed:
            self._next_unagreed()  # resuming: carry on where the team stopped
        table.focus()
        self._stamps = self._folder_stamps()
        self.set_interval(RECHECK_SECONDS, self._recheck)

    def _fill(self) -> None:
        table = self.query_one("#views-table", DataTable)
        row_index = table.cursor_row
        table.clear()
        width = 30 if self.app.size.width < 120 else 40
        for row in self.shown:
            table.add_row(*self._cells(row), Text(fit(row.text, width)), key=row.statement_id)
        if table.row_count:
            table.move_cursor(row=min(row_index, table.row_count - 1))

    def _folder(self) -> Path:
        return self.table.group.views[0].path.parent

    def _folder_stamps(self) -> dict[str, tuple[int, int]]:
        """What the views' folder holds now, cheaply: a colleague may still be answering."""
        stamps = {}
        for path in self._folder().glob("*.toml"):
            with contextlib.suppress(OSError):
                found = path.stat()
                stamps[path.name] = (found.st_mtime_ns, found.st_size)
        return stamps

    def _recheck(self) -> Worker[None]:
        """Read the views again when a colleague's file changed or a new one arrived, off the
        event loop (a shared folder can be slow, or hold hundreds of files), then record them
        beside the agreed answers and say so (`_read_again`)."""
        return self.run_worker(
            self._changed_views, thread=True, group="recheck", exclusive=True, exit_on_error=False
        )

    def _changed_views(self) -> None:
        """In a worker thread: whether any view changed, and if so the views read again."""
        stamps = self._folder_stamps()
        agreed = self.session.path.name
        names = stamps.keys() | self._stamps.keys()
        changed = {n for n in names if n != agreed and stamps.get(n) != self._stamps.get(n)}
        self._stamps = stamps
        if not changed:
            return
        from selfeval.moderation.gather import gather
        from selfeval.moderation.table import moderation_table

        framework = self.session.framework
        wanted = self.table.group.setting.casefold().strip()
        groups = gather([self._folder()], framework).groups
        group = next((g for g in groups if g.setting.casefold().strip() == wanted), None)
        if group is None:
            return
        try:
            table = moderation_table(group, framework)
        except SelfevalError as exc:  # a second own evaluation appeared: keep to this one
            self.app.call_from_thread(self.notify, str(exc), severity="warning", timeout=15)
            return
        self.app.call_from_thread(self._read_again, table)

    def _read_again(self, table: Table) -> None:
        """Show the views read again (*table*) and record them beside the agreed answers."""
        from selfeval.moderation.agree import with_views

        self.table = table
        self.shown = [row for row in self.table.statements if row.views]
        self.rows = {row.statement_id: row for row in self.shown}
        try:
            self.session.apply(lambda e: with_views(e, self.table, agree=False)[0])
        except SelfevalError as exc:
            self.query_one("#status", SaveStatus).failed(exc)
        self._fill()
        self._show()
        self.notify("A colleague's view changed or arrived: the views are read again.", timeout=8)

    def _cells(self, row: StatementViews) -> tuple[str, str, str, Text]:
        scale = self.session.scale
        agreed = self.session.answer(row.statement_id)
        median = scale.label(row.median) if row.median is not None else "none"
        return row.qi, str(row.spread), median, Text(_agreed_words(agreed, scale))

    def _current(self) -> StatementViews | None:
        table = self.query_one("#views-table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(str(key))

    def on_data_table_row_highlighted(self) -> None:
        self._show()

    def _show(self) -> None:
        row = self._current()
        if row is None:
            return
        scale = self.session.scale
        group = {v.key: v for v in self.table.group.views}
        text = plain(row.text, style="bold")
        text.append(f"\n{row.qi}. Spread {row.spread}.\n\n")
        for key in group:
            answer = row.views.get(key)
            text.append(f"{key}: ", style="bold")
            said = level_label(scale, answer.rating, answer.not_applicable) if answer else None
            text.append(f"{said or 'no answer'}\n")
            theirs = group[key].evaluation.answer(row.statement_id)
            for label, written in (
                ("How they know: ", theirs.evidence),
                ("Why it does not apply: ", theirs.why_not_applicable),
            ):
                if written.strip():
                    text.append(f"  {label}", style="italic")
                    text.append_text(plain(" ".join(written.split())))
                    text.append("\n")
        agreed = self.session.answer(row.statement_id)
        text.append("\nAgreed: ", style="bold")
        text.append(agreed_said(agreed, scale))
        if agreed.moderation:
            text.append(" because ")
            text.append_text(plain(agreed.moderation))
        self.query_one("#views-detail", Static).update(text)

    def action_median(self) -> None:
        row = self._current()
        if row is None or row.proposal is None:
            self.notify("Nobody rated this statement: choose a level with the number keys.")
            return
        self._save(row, None if row.proposal == NOT_APPLICABLE else int(row.proposal), "")

    def action_agree(self, level: int) -> None:
        row = self._current()
        scale = self.session.scale
        if row is None or level not in scale.by_value:
            return
        if row.median is not None and level != row.median:
            median = scale.label(row.median)
            self.app.push_screen(
                ReasonScreen(scale.label(level), f"the median, {median}"),
                lambda reason: self._save(row, level, reason or ""),
            )
        else:
            self._save(row, level, "")

    def action_agree_not_applicable(self) -> None:
        row = self._current()
        if row is not None:
            self._save(row, None, "")

    def _save(self, row: StatementViews, level: int | None, reason: str) -> None:
        status = self.query_one("#status", SaveStatus)
        try:
            self.session.agree(row.statement_id, level, reason)
        except SelfevalError as exc:
            status.failed(exc)
            return
        status.report(self.session)
        table = self.query_one("#views-table", DataTable)
        table.update_cell(row.statement_id, "agreed", self._cells(row)[3])
        self._next_unagreed()
        self._show()

    def _next_unagreed(self) -> None:
        table = self.query_one("#views-table", DataTable)
        ids = [r.statement_id for r in self.shown]
        start = table.cursor_row
        for offset in range(1, len(ids) + 1):
            index = (start + offset) % len(ids)
            if not self.session.answer(ids[index]).is_agreed:
                table.move_cursor(row=index)
                return

    def action_results(self) -> None:
        self.post_message(self.ShowResults(self.session))

    class ShowResults(Message):
        """The user asked for the results of *session*: the app shows the results screen it
        keeps for it (built once, refilled where answers changed)."""

        def __init__(self, session: EvaluationSession) -> None:
            super().__init__()
            self.session = session

    def action_close(self) -> None:
        self.dismiss(None)


def _agreed_words(answer: Answer, scale: Scale) -> str:
    """The team's answer in the table: never "agreed" for a rating nobody moderated."""
    if not answer.is_answered:
        return "to agree"
    said = level_label(scale, answer.rating, answer.not_applicable)
    return said if answer.is_agreed else f"to agree ({said} in file)"
