"""The inbox's submissions, one row each: the setting, school year, when it was handed in, its
version, and the feedback given and whether validated. Read off the screen's thread (a synced
folder of many files is slow), and again on coming back from one, so its row is up to date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from selfeval.authority.inbox import Inbox, Submitted, read_inbox
from selfeval.errors import SelfevalError
from selfeval.tui.text import plain
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.path_line import PathLine

__all__ = ["InboxScreen", "feedback_state"]


COLUMNS = (("Setting", 20), ("Year", 7), ("Handed in", 12), ("V.", 2), ("Feedback", 10),
           ("Folder", 17))  # fmt: skip
"""The columns and their widths: with a column's padding, 80 in all, so that the folder is
in sight in an 80-column terminal (longer names are cut, and whole on the submission's
screen)."""


def _short(at: datetime | None) -> str:
    """When, short enough for the list ("07 Dec 09:14": the year is the row's)."""
    return f"{at.astimezone():%d %b %H:%M}" if at else "by hand"


def feedback_state(s: Submitted) -> str:
    """The feedback given on *s*: "validated", "2 officers", "none yet" (short: a column)."""
    if not s.feedback:
        return "none yet"
    if s.validated:
        return "validated"
    return "given" if len(s.feedback) == 1 else f"{len(s.feedback)} officers"


def _folder(inbox: Inbox, s: Submitted) -> Text:
    """The folder *s* is in ("(top)" for the inbox's own), marked where it is not its
    setting's usual one."""
    where = "(top)" if s.path.parent == inbox.folder else inbox.where(s)
    if s.path in inbox.elsewhere:
        return plain(f"! {where}", style="bold")
    return plain(where)


class InboxScreen(Screen[None]):
    """Every submission in the inbox, each setting's latest first; Enter opens one."""

    BINDINGS = [
        Binding("enter", "open", "Open", priority=True),  # over the table's own (unlabelled)
        Binding("r", "reread", "Read again"),
    ]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.inbox: Inbox | None = None

    def compose(self) -> ComposeResult:
        yield Static(
            Text.assemble(
                ("Inbox", "bold"),
                ": the submissions settings handed in. Enter opens one to read its results "
                "and plan and to write your feedback; r reads the folder again.",
            ),
            id="where",
        )
        yield PathLine("Folder ", str(self.folder), id="folder")
        yield DataTable(id="submissions", cursor_type="row", zebra_stripes=True)
        yield Static("Reading the inbox…", id="inbox-status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        table.focus()
        self.action_reread()

    def action_reread(self) -> None:
        self.run_worker(self._read, thread=True, group="inbox", exclusive=True)

    def _read(self) -> None:
        try:
            inbox = read_inbox(self.folder)
        except (SelfevalError, OSError) as exc:
            self.app.call_from_thread(self._unread, exc)
            return
        self.app.call_from_thread(self._show, inbox)

    def _unread(self, exc: SelfevalError | OSError) -> None:
        self.query_one("#inbox-status", Static).update(f"The inbox cannot be read: {exc}")

    def _show(self, inbox: Inbox) -> None:
        self.inbox = inbox
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, s in enumerate(inbox.submissions):
            table.add_row(
                plain(s.setting),
                s.year,
                _short(s.handed_in),
                str(s.version) if s.version else "-",
                feedback_state(s),
                _folder(inbox, s),
                key=str(n),
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        count = len(inbox.submissions)
        said = f"{count} submission{'' if count == 1 else 's'}" if count else "No submissions yet"
        if inbox.elsewhere:
            said += f"; {len(inbox.elsewhere)} outside their setting's usual folder (marked !)"
        if inbox.problems:
            said += (
                f"; {len(inbox.problems)} file(s) not read (selfeval inbox --format text says why)"
            )
        self.query_one("#inbox-status", Static).update(said if count else f"{said}.")

    def on_data_table_row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from selfeval.tui.inbox.submission import SubmissionScreen

        table = self.query_one(DataTable)
        if self.inbox is None or not table.row_count:
            return
        submitted = self.inbox.submissions[table.cursor_row]
        try:
            opened = SubmissionScreen(submitted)
        except (SelfevalError, OSError) as exc:  # gone, or changed, since it was listed
            said = f"{exc.strerror or exc}" if isinstance(exc, OSError) else str(exc)
            self.notify(f"{submitted.path.name} cannot be opened: {said}", markup=False,
                        severity="error", timeout=15)  # fmt: skip
            self.action_reread()
            return
        self.app.push_screen(opened)

    def on_screen_resume(self) -> None:
        if self.inbox is not None:  # feedback written there: its row says so now
            self.action_reread()
