"""The statement screen's two text boxes (evidence, and what we will do next) and what of their
text is still to be saved: saved when typing pauses, every so often during a long burst, and
whenever the screen asks (leaving the statement, the box or the app).

What is saved is each box's own text wherever it differs from what the box was given, never
the text its change messages reported: a message still queued when Esc, a move or quitting
arrives would otherwise lose the last keys typed. The boxes are kept from when the screen was
built, so their text can be read even while the screen is being taken down.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from textual import events
from textual.app import App
from textual.timer import Timer

from selfeval.tui.keyorder import edit_action

if TYPE_CHECKING:  # a reopened evaluation's first statement is drawn before these load
    from textual.widgets import TextArea

    from selfeval.evaluation.session import EvaluationSession

__all__ = ["TYPING_MOST", "TYPING_PAUSE", "TextField", "TypedText", "save_typed"]

TYPING_PAUSE = 0.1
"""Seconds after the last keystroke before typed text is saved (also saved on leaving the box,
on quitting, and when the terminal window is closed or the process told to stop)."""
TYPING_MOST = 0.3
"""While typing goes on without a pause, what is typed is still saved this often (seconds)."""

TextField = Literal["evidence", "why_not_applicable"]
"""The answer's field the first text box holds: the evidence, or why the statement does not
apply (kept apart, so that a reason never counts as evidence if it is rated later)."""

Timing = Callable[[float, Callable[[], None]], Timer]
"""How to run a callable after some seconds (a screen's `set_timer`)."""


class TypedText:
    """The boxes by name ("evidence", "notes") and what each was last given or saved."""

    def __init__(self) -> None:
        self._boxes: dict[str, TextArea] | None = None
        self._loaded: dict[str, str] = {}
        """What each box was given when its statement was shown (or last saved): the box
        holds a change to save while its own text differs."""
        self._timer: Timer | None = None
        self._since = 0.0
        self.typing_into: TextArea | None = None
        """The box `e` or `w` sent the user to, until it has focus: keys typed meanwhile go
        into it, in order."""

    @property
    def boxes(self) -> dict[str, TextArea]:
        """The boxes by name, made when first asked for, each with the text it was given: a
        reopened evaluation's first frame is drawn without them (and their module, a twentieth
        of the CPU to that frame); see `selfeval.tui.screens.statement_below`."""
        if self._boxes is None:
            from textual.widgets import TextArea

            self._boxes = {
                name: TextArea(
                    self._loaded.get(name, ""), id=name, soft_wrap=True, tab_behavior="focus"
                )
                for name in ("evidence", "notes")
            }
        return self._boxes

    def holds(self, widget: object) -> bool:
        """Whether *widget* is one of the boxes."""
        return self._boxes is not None and widget in self._boxes.values()

    def load(self, name: str, text: str) -> None:
        """Put *text* in the box *name* (a statement shown), with nothing left to save."""
        if self._boxes is not None:
            _replace(self._boxes[name], text)
        self._loaded[name] = text

    def typed(self) -> dict[str, str]:
        """The text of each box that differs from what it was given, by box; stops waiting
        for a pause (the caller saves it now)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        return {
            name: box.text
            for name, box in (self._boxes or {}).items()
            if box.text != self._loaded.get(name, box.text)
        }

    def saved(self, typed: dict[str, str]) -> None:
        """*typed* (from `typed`) is saved: nothing of it is left to save."""
        self._loaded.update(typed)

    def show_saved(self, texts: dict[str, str]) -> None:
        """After a save, each box with nothing unsaved in it shows what the file now holds
        (*texts*, by box) where that differs: a colleague's words merged in are then in the
        box, so the next keystroke edits the merged text. Left as it was, the box's own copy
        would be saved over it at the next keystroke, and the colleague's words lost."""
        for name, text in texts.items():
            box = self._boxes[name] if self._boxes is not None else None
            if box is not None and (
                box.text != self._loaded.get(name, box.text) or box.text == text
            ):
                continue
            if box is not None:  # else the box is made with the text
                _replace(box, text)
                box.move_cursor(box.document.end)
            self._loaded[name] = text

    @property
    def waiting(self) -> bool:
        """Whether typing is waiting for a pause to be saved."""
        return self._timer is not None

    def changed(self, timing: Timing, flush: Callable[[], None]) -> None:
        """A box's text changed: *flush* when typing pauses, and during a long burst every
        so often (`TYPING_MOST`), not only when it pauses."""
        now = time.monotonic()
        if self._timer is None:
            self._since = now
        elif now - self._since >= TYPING_MOST:
            flush()
            self._since = now
        if self._timer is not None:
            self._timer.stop()
        self._timer = timing(TYPING_PAUSE, flush)

    def type_in(self, name: str) -> None:
        """Send the user to the end of the box *name*; keys typed before focus arrives go
        there too (see `key_before_focus`)."""
        area = self.boxes[name]
        area.move_cursor(area.document.end)
        self.typing_into = area
        area.focus()

    def focused(self, widget: object) -> None:
        """Focus has moved to *widget*: keys go where focus is from now."""
        if widget is self.typing_into:
            self.typing_into = None

    async def key_before_focus(self, app: App[Any], focused: object, key: events.Key) -> bool:
        """A key typed after `e` or `w` before the box has focus: text, or an edit of it
        (Backspace, arrows), into the box in order; whether *key* was one."""
        area = self.typing_into
        if area is None or focused is area:
            return False
        if key.key == "escape":
            self.typing_into = None
            return False
        text = "\n" if key.key == "enter" else key.character if key.is_printable else None
        if text:
            area.insert(text)
            return True
        action = edit_action(area, key.key)
        if action is None:
            return False
        await app.run_action(action, area)
        return True


def _replace(box: TextArea, text: str) -> None:
    """Put *text* in *box* as given, not typed: no change message (nothing to save)."""
    if box.text != text:
        with box.prevent(type(box).Changed):
            box.load_text(text)


def save_typed(
    session: EvaluationSession, sid: str, typed: dict[str, str], first: TextField
) -> None:
    """Save *typed* (from `TypedText.typed`) as the answer to *sid*: the first box as its
    evidence or as why it does not apply (*first*), the second as its notes."""
    if "evidence" in typed and first == "why_not_applicable":
        session.set_why_not_applicable(sid, typed["evidence"])
    elif "evidence" in typed:
        session.set_evidence(sid, typed["evidence"])
    if "notes" in typed:
        session.set_notes(sid, typed["notes"])
