"""A screen's keys declared once: its bindings, its footer's labels and its help are built from
one table, so that a key cannot be added, renamed or dropped in one place and not the others.

A `Key` is one row of such a table: the keys, the action they run, how the footer labels it
(in full and when narrow), how the help names it and what it says it does, and whether it is
handled as it arrives (before the keys queued behind it) and while a text box has focus.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from selfeval.framework.model import Scale

__all__ = [
    "Key",
    "at_once",
    "bindings",
    "ends",
    "help_rows",
    "key_help",
    "not_while_typing",
    "optional",
    "sentence",
    "short",
]


@dataclass(frozen=True)
class Key:
    """One key (or several keys for one action) of a screen."""

    keys: str
    """Textual's key names, comma-separated ("right,enter"); "" for a key only the help
    mentions (one the app or the terminal handles)."""
    action: str
    """The action run; "{key}" in it stands for the key pressed ("rate({key})")."""
    help: str
    """What the help screen says it does; "{low}" and "{high}" stand for the ends of the
    rating scale in words; "" keeps it out of the help."""
    named: str
    """How the help names the key ("→ or Enter"); "{low}" and "{high}" stand for the ends of
    the scale as numbers."""
    label: str = ""
    """Its label in the footer; "" keeps it out of the footer."""
    short: str = ""
    """Its footer label when the footer is too narrow for the full ones."""
    optional: int = 0
    """Left out of a footer still too narrow: those numbered 1 first, then 2, and so on
    (0: never left out). The key still works; the help lists it."""
    typing: bool = False
    """Whether it works while a text box has focus (otherwise the key types)."""
    at_once: bool = False
    """Whether the screen handles it as it arrives (see `at_once`)."""
    said: str = ""
    """What the sentence at the top of the screen says it does, in short ("to agree with
    it"); "" leaves it out (see `sentence`)."""

    @property
    def name(self) -> str:
        """The action's name, without its parameters ("rate" of "rate({key})")."""
        return self.action.split("(", 1)[0]

    def bindings(self) -> list[Binding]:
        """Its Textual bindings: one for all its keys, or one per key where the action
        takes the key pressed."""
        if not self.keys:
            return []
        if "{key}" not in self.action:
            return [Binding(self.keys, self.action, self.label, show=bool(self.label))]
        return [
            Binding(key, self.action.format(key=key), self.label or self.name, show=False)
            for key in self.keys.split(",")
        ]


def bindings(table: Iterable[Key]) -> list[BindingType]:
    """The Textual bindings of a screen's *table*, in its order (the footer's order)."""
    return [binding for key in table for binding in key.bindings()]


def short(table: Iterable[Key]) -> dict[str, str]:
    """The footer's short labels, by action (`KeyFooter` reads a screen's `SHORT_KEYS`)."""
    return {key.action: key.short for key in table if key.short}


def optional(table: Iterable[Key]) -> tuple[str, ...]:
    """The actions a narrow footer leaves out, first to go first (`OPTIONAL_KEYS`)."""
    return tuple(key.action for key in sorted(table, key=lambda k: k.optional) if key.optional)


def not_while_typing(table: Iterable[Key]) -> frozenset[str]:
    """The actions hidden while a text box has focus (their keys type instead)."""
    return frozenset(key.name for key in table if key.keys and not key.typing)


def at_once(table: Iterable[Key]) -> dict[str, tuple[str, str]]:
    """Each key handled as it arrives: its (action name, parameter) by key name."""
    found: dict[str, tuple[str, str]] = {}
    for key in table:
        if key.at_once:
            for name in key.keys.split(","):
                found[name] = (key.name, name if "{key}" in key.action else "")
    return found


def help_rows(
    table: Sequence[Key], ends: tuple[int, int], words: tuple[str, str]
) -> list[tuple[str, str]]:
    """The help's (key, what it does) rows of *table*, with the scale's *ends* (lowest and
    highest value) and their *words* ("1 unsatisfactory", "6 excellent") filled in."""
    (low, high), (low_words, high_words) = ends, words
    return [
        (
            key.named.format(low=low, high=high),
            key.help.format(low=low_words, high=high_words),
        )
        for key in table
        if key.help
    ]


def key_help(table: Sequence[Key], scale: Scale, intro: str) -> tuple[list[tuple[str, str]], str]:
    """A screen's `KEY_HELP`, which the help screen shows in place of the statement screen's
    keys: the rows of its *table* and *intro*, what the screen is for."""
    return help_rows(table, *ends(scale)), intro


def sentence(table: Iterable[Key], ends: tuple[int, int]) -> str:
    """The keys of *table* the top of the screen names, as one sentence ("Press c to agree
    with it; 1 to 6 to choose your own level; ..."), the scale's *ends* filled in."""
    low, high = ends
    said = [f"{key.named.format(low=low, high=high)} {key.said}" for key in table if key.said]
    return f"Press {'; '.join(said)}." if said else ""


def ends(scale: Scale) -> tuple[tuple[int, int], tuple[str, str]]:
    """The ends of *scale* as `help_rows` fills them in: (lowest, highest) values, and in
    words ("1 unsatisfactory", "6 excellent")."""
    low, high = scale.lowest, scale.highest
    return (low, high), (scale.label(low), scale.label(high))
