"""The framework's rating scale (and "not applicable") as a row of choices, by key or mouse."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from textual.app import ComposeResult
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Static

__all__ = ["NOT_APPLICABLE", "RatingPicker"]

NOT_APPLICABLE = "na"


class Scale(Protocol):
    """A rating scale as the picker shows it: the framework's, or the plain copy the statement
    screen draws from before the framework loads."""

    @property
    def values(self) -> Sequence[int]: ...

    def label(self, value: int) -> str: ...


class Choice(Static):
    """One choice; clicking it tells the picker (a message upward, not a call)."""

    class Clicked(Message):
        """The user clicked this choice."""

        def __init__(self, value: int | str) -> None:
            super().__init__()
            self.value = value

    def __init__(self, value: int | str, label: str) -> None:
        super().__init__(label, markup=False, classes="choice")
        self.value = value
        self.label = label

    def on_click(self) -> None:
        self.post_message(self.Clicked(self.value))


class RatingPicker(Grid, can_focus=True):
    """Shows the scale, marks the current answer (with a ✓, not only colour), posts `Changed`."""

    class Changed(Message):
        """The user picked a level (an int), not applicable ("na"), or cleared it (None)."""

        def __init__(self, picker: RatingPicker, value: int | str | None) -> None:
            super().__init__()
            self.picker = picker
            self.value = value

    def __init__(self, scale: Scale, allow_not_applicable: bool = True, id: str | None = None):
        super().__init__(id=id)
        self.scale = scale
        self.allow_not_applicable = allow_not_applicable
        self._value: int | str | None = None

    def compose(self) -> ComposeResult:
        for value in self.scale.values:
            yield Choice(value, self.scale.label(value))
        if self.allow_not_applicable:
            yield Choice(NOT_APPLICABLE, "n  not applicable")

    def offer_not_applicable(self, offered: bool) -> None:
        """Show the "not applicable" choice, or hide it for a statement every setting must
        answer (the key is refused with a reason by the screen)."""
        for choice in self.query(Choice):
            if choice.value == NOT_APPLICABLE:
                choice.display = offered

    @property
    def value(self) -> int | str | None:
        """The current answer."""
        return self._value

    def show(self, value: int | str | None) -> None:
        """Display *value* as the current answer, without posting a message."""
        self._value = value
        for choice in self.query(Choice):
            chosen = choice.value == value
            choice.set_class(chosen, "-chosen")
            choice.update(f"✓ {choice.label}" if chosen else f"  {choice.label}")

    def on_choice_clicked(self, message: Choice.Clicked) -> None:
        message.stop()
        self.pick(message.value)

    def pick(self, value: int | str | None) -> None:
        """Choose *value* as the user did, and tell the screen."""
        self.show(value)
        self.post_message(self.Changed(self, value))
