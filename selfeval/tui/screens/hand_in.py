"""Handing in to the authority from the results screen: asks for the inbox folder (offered
from the settings file, where the last hand-in was remembered), then writes the submission and
its plan as `selfeval submit` does, off the event loop, and records it in the evaluation.

What went wrong is said in the box, which stays open to put it right: an inbox missing, a
file or not writable is refused before anything is written, and the evaluation is unchanged.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Static

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import SaveFailed
from selfeval.framework.model import Framework
from selfeval.report.before_hand_in import UNFINISHED, before_hand_in, handed_before, not_again
from selfeval.report.handing_in import (
    HandedIn,
    hand_in_with_plan,
    record_hand_in,
    refusal,
    typed_folder,
)
from selfeval.tui.widgets.path_line import shortened

__all__ = ["HandInScreen", "handed_in_said", "offer_hand_in", "refused"]

AGAIN = "Enter again hands in all the same; Esc cancels."
"""What the keys do once what to confirm has been said."""
BOX_ROOM = 64
"""The columns of text in the box (70 wide, less its border and padding)."""


def refused(exc: SelfevalError | OSError, inbox: Path | None, room: int) -> str:
    """Why the hand-in was refused, in sentences; the inbox's path on a line of its own,
    shortened from the left to fit *room* columns (a long synced folder's name ends with the
    setting's), never broken mid-name."""
    said, hint = refusal(exc)
    if inbox is not None:
        said = said.replace(str(inbox), f"\n{shortened(str(inbox), max(20, room))}\n")
    lines = [line.strip() for line in f"Not handed in: {said}.".splitlines()]
    lines += [hint] if hint else []
    return "\n".join([*filter(None, lines), "Nothing was written; your evaluation is unchanged."])


def offer_hand_in(
    screen: Screen[None], session: EvaluationSession, done: Callable[[HandedIn | None], None]
) -> None:
    """Ask for the inbox (offered from the settings file), then hand in; *done* hears what
    was written (None: cancelled). A colleague's own view is never handed in."""
    from selfeval.files.remember import remembered

    if (view := session.evaluation.contributor) is not None:
        screen.notify(
            f"This is one colleague's view ({view.role}): only the setting's own evaluation "
            "is handed in. Bring the views together first.",
            severity="warning",
            markup=False,
        )
        return
    own = session.evaluation.submissions  # where it went last, then where any went last
    offered = own[-1].inbox if own else remembered("authority", "inbox")
    screen.app.push_screen(HandInScreen(session, offered), done)


def handed_in_said(handed: HandedIn, pending: bool, room: int) -> str:
    """Where the hand-in went (its path fitted to *room* columns) and which version."""
    recorded = (
        "Not yet recorded in your file: the status line says why."
        if pending
        else "Recorded in your evaluation."
    )
    return (
        f"Handed in as version {handed.submission.version}, with its plan:\n"
        f"{shortened(str(handed.path), room)}\n{recorded}"
    )


class HandInScreen(ModalScreen[HandedIn | None]):
    """The inbox folder to hand in to. Enter hands in and closes with what was written; Esc
    closes with None (nothing written)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, session: EvaluationSession, offered: str | None) -> None:
        """*offered*: the inbox the evaluation was last handed in to, else the one remembered
        in the settings file, if any."""
        super().__init__()
        self.session = session
        self.offered = offered or ""
        self.working = False
        self.confirmed: Path | None = None
        """The inbox whose warnings were said: Enter again hands in to it all the same."""

    def compose(self) -> ComposeResult:
        evaluation = self.session.evaluation
        with VerticalScroll(id="complete-box", classes="form-box", can_focus=False):
            yield Static(Text("Hand in to your authority", style="bold"))
            yield Static(
                Text(
                    f"{evaluation.setting.name}'s evaluation of {evaluation.year} and its "
                    "plan are copied into the inbox folder your authority gave you, as a new "
                    "version (an earlier one is kept). Your evaluation is not changed, only "
                    "marked as handed in."
                )
            )
            yield Static(self._before_said(), id="hand-in-before", markup=False)
            yield Static("The inbox folder:", markup=False)
            yield Input(
                self.offered,
                placeholder="e.g. C:\\Users\\reid\\Council\\…",
                id="inbox",
                compact=True,
            )
            yield Static("", id="complete-error", markup=False)
            yield Static("Enter hands in; Esc cancels.", id="hand-in-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.working:
            return
        inbox = typed_folder(event.value)
        if inbox is None:
            self._say("Type the inbox folder your authority gave you (or Esc).")
            return
        if self.confirmed != inbox and (doubts := self._doubts(inbox)):
            self.confirmed = inbox
            self._say(doubts)
            self.query_one("#hand-in-keys", Static).update(AGAIN)
            return
        self.working = True
        self.query_one(Input).disabled = True
        self.query_one("#hand-in-keys", Static).update("Handing in…")
        error = self.query_one("#complete-error", Static)  # an earlier attempt's, said no more
        error.update("")
        error.display = False
        evaluation, framework = self.session.evaluation, self.session.framework
        self.run_worker(
            lambda: self._write(evaluation, framework, inbox), thread=True, group="hand-in"
        )

    def _before_said(self) -> str:
        """How often it was handed in, which version this will be, and what is unfinished."""
        session = self.session
        inbox = typed_folder(self.offered)
        before = before_hand_in(session.evaluation, session.framework, inbox)
        lines = [handed_before(session.evaluation, before.version if inbox else None)]
        if before.unchanged is not None:
            lines.append(f"{not_again(before.unchanged)}: Enter would hand in the same again.")
        lines += [w for w in before.warnings if w.startswith(UNFINISHED)]
        return "\n".join(filter(None, lines))

    def _doubts(self, inbox: Path) -> str:
        """What to confirm before handing in to *inbox* ("" for nothing, and for an inbox
        that is refused: the hand-in says why at once)."""
        from selfeval.authority.submission import check_inbox

        try:
            check_inbox(inbox)
        except SelfevalError:
            return ""
        before = before_hand_in(self.session.evaluation, self.session.framework, inbox)
        unchanged = before.unchanged
        said = [f"{not_again(unchanged)}: not handed in again."] if unchanged is not None else []
        said += [w for w in before.warnings if not w.startswith(UNFINISHED)]  # said above
        if not said and before.warnings:
            said = ["It is not finished, as it says above."]
        return "\n".join(said)

    def _write(self, evaluation: Evaluation, framework: Framework, inbox: Path) -> None:
        """Off the event loop: writing Word and the chart takes a second or two."""
        try:
            handed = hand_in_with_plan(evaluation, framework, inbox)
        except (SelfevalError, OSError) as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._record, handed)

    def _record(self, handed: HandedIn) -> None:
        """Record the hand-in in the evaluation, and remember the inbox for next time. A save
        that fails keeps it pending, as every change is (the status line says NOT SAVED)."""
        from selfeval.files.remember import remember

        with contextlib.suppress(SaveFailed):  # the status line says so; it is kept pending
            record_hand_in(self.session, handed)
        try:
            remember("authority", "inbox", str(handed.path.parent.absolute()))
        except (SelfevalError, OSError) as exc:
            self.notify(f"Handed in, but not remembered for next time: {exc}", markup=False)
        self.dismiss(handed)

    def _failed(self, exc: SelfevalError | OSError) -> None:
        self.working = False
        box = self.query_one(Input)
        box.disabled = False
        box.focus()
        self.query_one("#hand-in-keys", Static).update("Enter hands in; Esc cancels.")
        self._say(refused(exc, typed_folder(box.value), min(BOX_ROOM, self.size.width - 16)))

    def _say(self, message: str) -> None:
        error = self.query_one("#complete-error", Static)
        error.update(Text(message, style="bold"))
        error.display = True

    def action_cancel(self) -> None:
        if not self.working:  # once writing, it finishes and says so
            self.dismiss(None)
