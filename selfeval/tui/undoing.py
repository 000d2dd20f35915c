"""Ctrl+Z on the statement and results screens: the last change made in this window undone
(`EvaluationSession.undo`), and what was undone said in a notice, as the issue asks: an undo
nobody is told about looks like a lost answer.

In a text box Ctrl+Z is the box's own: it undoes typing, as in every editor, and that is
saved like any typing. Esc leaves the box; Ctrl+Z then undoes whole changes. (Taking the key
from the box would undo a rating while the user meant the word just typed.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from selfeval.errors import SelfevalError
from selfeval.tui.widgets.save_status import SaveStatus

if TYPE_CHECKING:
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.undo import Undone

__all__ = ["undo_said"]


def undo_said(screen: Screen[Any], session: EvaluationSession) -> Undone | None:
    """Undo *session*'s last change, say what was undone, and show the save in *screen*'s
    status line; None where the undo could not be saved (it is kept, pending, and the status
    line says why and that Ctrl+S tries again)."""
    status = screen.query("#status").results(SaveStatus)
    try:
        undone = session.undo()
    except SelfevalError as exc:
        for line in status:
            line.failed(exc)
        screen.notify("Undone here, but NOT SAVED: see the line below.", severity="error")
        return None
    for line in status:
        line.report(session)
    if undone.undid:
        screen.notify(undone.sentence, markup=False)
    else:
        screen.notify(undone.sentence, severity="warning", markup=False)
    return undone
