"""Keys typed quickly act in the order typed.

Textual queues a letter at the text field in focus as it arrives, but runs the field's editing
keys (Backspace, Delete, arrows, Home, End) as key bindings: once the key has passed up through
the screen to the app, behind the letters typed after it. "abc⌫d" typed quickly, or sent by a
browser while a save waits on a slow disk, gave "abc" (textual#6605). `queue_edit` puts such a
key in the field's own queue instead, where it is handled between the letters around it.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

__all__ = ["edit_action", "handle_keys_typed_before", "queue_edit"]

EDITS = ("cursor_", "delete_", "home", "end", "select_", "undo", "redo", "cut", "paste")
"""The actions of Textual's text fields that edit or move in the text. Not their others: ↓
scrolls a field, and a screen may take it first (the start screen's name box, to the list of
schools); Enter submits, after the letters before it, as it does anyway."""


def queue_edit(app: App[Any], key: events.Key) -> bool:
    """Queue *key* at the text field in focus if it is one of the field's editing keys;
    whether it did (then *key* is not to be handled otherwise)."""
    field = app.focused
    if field is None or key.is_printable or not field.check_consume_key("a", "a"):
        return False  # not a text field (one takes letters), or a letter (queued already)
    active = app.screen.active_bindings.get(key.key)
    if active is None or active.node is not field or active.binding.priority:
        return False
    if not (active.enabled and active.binding.action.startswith(EDITS)):
        return False
    field.call_later(app.run_action, active.binding.action, field)
    return True


def edit_action(field: Widget, key: str) -> str | None:
    """The action *field*'s own key bindings give *key*, if it edits or moves in the text:
    for a key meant for a field that does not have focus yet (see the statement screen)."""
    for binding in Binding.make_bindings(type(field).BINDINGS):
        if binding.key == key and binding.action.startswith(EDITS):
            return binding.action
    return None


async def handle_keys_typed_before(screen: Screen[Any], patience: float) -> None:
    """Let *screen* handle the keys handed to it before a priority key (Ctrl+Q) that is run as
    it arrives: "4", a note and Ctrl+Q typed in one burst (a browser sends keys so while the
    app is busy) would otherwise quit with the 4 and the note still queued, never saved. Each
    widget's queue is emptied deepest first, so a key that bubbles up from a widget reaches a
    queue not yet emptied. A widget that does not answer within *patience* seconds (stuck, or
    going away) is not waited for: quitting must quit."""
    for widget in reversed(list(screen.walk_children(with_self=True))):
        handled = asyncio.Event()
        if widget.call_later(handled.set):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(handled.wait(), patience)
