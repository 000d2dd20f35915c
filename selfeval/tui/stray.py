"""Letters typed where no text box has them are not taken for commands.

The app's screens answer single keys (`4` rates, `n` marks not applicable, `t` opens a
target), which is quick for someone who knows them, and a trap for someone who means to type:
in a browser, a click that lands just beside the evidence box leaves the focus outside it,
and "Ask parent council" then ran a command for each letter that is one. The first letter
that is no key of the screen (a capital, a `k`) shows that the person is typing: it and what
follows are let go, nothing is changed, and they are told where to type. Any key that is not
a letter or a digit (Esc, Enter, an arrow, Tab) gives the keys their meaning back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual import events
from textual.binding import Binding, BindingType

__all__ = ["TYPED_OUTSIDE", "StrayTyping", "bound_keys"]

TYPED_OUTSIDE = (
    "That was typed outside a text box, so it was not kept and nothing changed. {where} "
    "Esc (or any arrow key) and the keys work again."
)


def bound_keys(bindings: Iterable[BindingType]) -> frozenset[str]:
    """The key names *bindings* answer ("4", "n", "ctrl+z", …)."""
    keys: set[str] = set()
    for binding in bindings:
        names = binding.key if isinstance(binding, Binding) else binding[0]
        keys.update(name.strip() for name in names.split(","))
    return frozenset(keys)


class StrayTyping:
    """Whether a screen is letting typed text go (see the module's docstring)."""

    def __init__(self, bound: frozenset[str], where: str) -> None:
        self.bound = bound
        """The keys the screen answers: a letter outside them starts stray typing."""
        self.where = where
        """Where typing is kept on this screen, said with the notice."""
        self.on = False

    def swallows(self, event: events.Key, notify: Callable[..., object]) -> bool:
        """Whether *event* is let go as stray typing (outside a text box); *notify* (a
        screen's) tells the user, once, when it starts."""
        typed = event.character if event.is_printable else None
        if self.on:
            if typed is not None:
                return True
            self.on = False  # Esc, Enter, an arrow: the keys mean what they say again
            return event.key == "escape"
        if typed is not None and typed.isalpha() and event.key not in self.bound:
            self.on = True
            notify(TYPED_OUTSIDE.format(where=self.where), severity="warning", markup=False)
            return True
        return False
