"""One line that always says whether the latest answer is safely on disk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import RenderResult
from textual.visual import VisualType
from textual.widgets import Static

from selfeval.errors import SelfevalError
from selfeval.tui.text import visible
from selfeval.tui.widgets.path_line import shortened

if TYPE_CHECKING:  # a reopened evaluation's statement is drawn before these load
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["SaveStatus"]


class SaveStatus(Static):
    """ "Saved" with the time and file, or a clear warning while a save is failing."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._path_line: tuple[Text, str] | None = None
        """While the line ends in a path: what comes before it, and the path (shortened from
        the left to the width there is, never wrapped)."""

    def saved(self, path: Path, when: datetime | None) -> None:
        """Show that everything is saved."""
        stamp = when.astimezone().strftime("%H:%M:%S") if when else ""
        self.set_class(False, "-failed")
        self.show_path(Text.assemble(("✓ Saved ", "bold"), f"{stamp} in "), path.name)

    def show_path(self, before: Text, path: str) -> None:
        """Show *before* and then *path*: whole where the line has room, else its end
        ("…/responses/oakfield.stem.2026-27.plan.docx"), never broken over two lines."""
        self.update(Text.assemble(before, visible(path)))
        self._path_line = (before, visible(path))

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        self._path_line = None
        super().update(content, layout=layout)

    def render(self) -> RenderResult:
        if self._path_line is None:
            return super().render()
        before, path = self._path_line
        room = self.content_size.width - before.cell_len
        return Text.assemble(before, shortened(path, room)) if room > 0 else before

    def report(self, session: EvaluationSession) -> None:
        """Show that the session is saved and, once, if that meant merging with changes made
        to the file elsewhere (which the user must know: answers may have changed)."""
        if session.pending:
            return
        self.saved(session.path, session.saved_at or session.evaluation.updated)
        if session.merged:
            self.update(Text.assemble(("✓ Saved, merged: ", "bold"), session.merged))
            self.app.notify(f"Saved, merged: {session.merged}.", timeout=12, markup=False)
            session.merged = ""

    def resumed(self, session: EvaluationSession) -> None:
        """Catch up with saves made on a screen opened from this one (a form saves as the
        user types): the line said the time of this screen's own last save, or nothing."""
        if not session.pending:
            self.report(session)
            return
        self.set_class(True, "-failed")
        self.update(
            Text.assemble(
                ("⚠ NOT SAVED: ", "bold"),
                "the last change could not be saved. It is kept in this window; press Ctrl+S "
                "to try again.",
            )
        )

    def failed(self, error: SelfevalError) -> None:
        """Show that the latest change is not on disk, why, and what to do."""
        self.set_class(True, "-failed")
        from selfeval.evaluation.store import SaveFailed

        hint = f" ({error.hint})" if error.hint else ""
        then = (
            "Your answers are kept in this window; press Ctrl+S to try again."
            if isinstance(error, SaveFailed)
            else "Nothing else was lost."
        )
        self.update(Text.assemble(("⚠ NOT SAVED: ", "bold"), f"{error.message}{hint}. ", then))
