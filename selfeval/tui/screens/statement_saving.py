"""The statement screen's saving: each change goes through the session, which saves at once
(merging a colleague's change made meanwhile), and the screen then shows what the file holds
and says how the save went. Kept apart from what the screen shows and the keys it takes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from selfeval.errors import SelfevalError
from selfeval.tui.screens.statement_answers import Answers, Shown
from selfeval.tui.screens.typed_text import TextField, TypedText, save_typed
from selfeval.tui.widgets.rating_picker import NOT_APPLICABLE, RatingPicker
from selfeval.tui.widgets.save_status import SaveStatus

if TYPE_CHECKING:  # a reopened evaluation's first statement is drawn before these load
    from selfeval.digest.glance import Glance
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["SavingScreen"]


class SavingScreen(Screen[None]):
    """A screen showing one statement's answer (`_shown`), saved through its session."""

    _answers: Answers
    _session: EvaluationSession | None
    _glance: Glance | None
    _shown: str | None
    _text: TypedText
    _evidence_field: TextField

    @property
    def session(self) -> EvaluationSession:
        """The session that saves answers (the app attaches it before any input arrives)."""
        if self._session is None:
            raise RuntimeError("the statement screen was used before its session was attached")
        return self._session

    def _answer(self, statement_id: str) -> Shown:
        return self._answers.answer(statement_id)

    def _save(self, change: Callable[[], None]) -> bool:
        """Run a session change (which saves) and show the outcome; False if it did not save."""
        try:
            change()
        except SelfevalError as exc:  # not saved: the disk refused, or the text is too long
            for status in self.query("#status").results(SaveStatus):
                status.failed(exc)
            return False
        self._report_saved()
        self._show_saved()
        return True

    def _show_saved(self) -> None:
        """Show the statement's answer as the file now holds it: a save can merge a
        colleague's change into it (their rating kept, ours put in the notes)."""
        if self._shown is None or self._session is None:
            return
        answer = self._answer(self._shown)
        self.query_one("#picker", RatingPicker).show(
            NOT_APPLICABLE if answer.not_applicable else answer.rating
        )
        self._text.show_saved(
            {"evidence": getattr(answer, self._evidence_field), "notes": answer.notes}
        )

    def _report_saved(self) -> None:
        for status in self.query("#status").results(SaveStatus):
            if self._session is not None:
                status.report(self._session)
            elif self._glance is not None:
                status.saved(self._glance.path, self._glance.updated)

    def flush_text(self) -> None:
        """Save typed evidence and notes now (called before leaving the statement or the app;
        see `selfeval.tui.screens.typed_text` for why it is safe at any moment)."""
        sid = self._shown
        typed = self._text.typed()
        if sid is None or not typed:
            return

        if self._save(lambda: save_typed(self.session, sid, typed, self._evidence_field)):
            self._text.saved(typed)
            self._show_saved()  # now that the typed text counts as saved

    def on_text_area_changed(self) -> None:
        """Typing in a box: save when it pauses, and during a long burst, every so often."""
        self._text.changed(self.set_timer, self.flush_text)

    def on_descendant_blur(self) -> None:
        if self._text.waiting:
            self.flush_text()
        self.refresh_bindings()
