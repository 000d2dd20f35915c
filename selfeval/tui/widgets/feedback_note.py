"""The authority's feedback on the evaluation's latest hand-in, in the results screen: what was
said of the whole submission in a line or two at the top, and each QI's beside that QI.

Finding it reads the inbox folder the evaluation was handed in to (a synced folder may be slow,
or not there): that is done off the screen's thread, after the screen is drawn, and only for
an evaluation that was handed in.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.message import Message
from textual.widgets import Static

from selfeval.authority.received import Received
from selfeval.evaluation.model import Evaluation
from selfeval.tui.text import plain

__all__ = ["FEEDBACK_NOTICE", "FeedbackNote", "dismiss_feedback_notice"]

FEEDBACK_NOTICE = "Feedback from the authority"
"""How the notice of feedback said on opening an evaluation is titled (it begins so)."""


def dismiss_feedback_notice(app: App[None]) -> None:
    """Take down the notice of feedback said on opening (it stays 30 s, over the very
    results it points to). Textual has no public way to take down one notice."""
    notices = getattr(app, "_notifications", None)
    for notice in list(notices or []):
        if notice.title.startswith(FEEDBACK_NOTICE):
            app._unnotify(notice)


class FeedbackNote(Static):
    """The overall feedback, once read (hidden where there is none). Its screen says when to
    `look`: as it is shown, each time (feedback arrives while the app is open)."""

    class Read(Message):
        """The feedback has been read (`FeedbackNote.got`)."""

    DEFAULT_CSS = """
    FeedbackNote { display: none; height: auto; max-height: 4; padding: 0 1;
        background: $boost; }
    """

    def __init__(self, evaluation: Evaluation, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.evaluation = evaluation
        self.got: Received | None = None

    def on_mount(self) -> None:
        """The notice said on opening points here: once here, it is only in the way."""
        dismiss_feedback_notice(self.app)

    def look(self, evaluation: Evaluation | None = None) -> None:
        """Look (again) for the feedback on *evaluation* (default: the one it was made for)."""
        self.evaluation = evaluation or self.evaluation
        if self.evaluation.submissions:
            self.run_worker(self._read, thread=True, group="feedback", exclusive=True)

    def _read(self) -> None:
        from selfeval.report.feedback import feedback_received

        got = feedback_received(self.evaluation)
        self.app.call_from_thread(self._show, got)

    def _show(self, got: Received | None) -> None:
        from selfeval.report.feedback import feedback_heading, overall_sentences

        self.got = got
        lines = overall_sentences(got) if got else []
        if got and got.feedback and not lines:
            lines = ["Feedback on quality indicators only: see each QI's details."]
        if got and lines:
            heading = plain(f"{feedback_heading(got)}\n", style="bold")
            self.update(Text.assemble(heading, plain("\n".join(lines))))
        self.display = bool(lines)
        self.post_message(self.Read())

    def on_qi(self, key: str) -> list[str]:
        """What officers said of the QI kept as *key* (none until read)."""
        from selfeval.report.feedback import qi_sentences

        return qi_sentences(self.got, key) if self.got else []
