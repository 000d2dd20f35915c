"""The footer of keys every screen shows: fitted to the window, redrawn only when that changes.

Fitted: at 80 columns a screen's keys can be wider than the window, and Textual's `Footer`
then cuts the last ones off (the statement screen showed a bare "c" where "c Challenge
questions" should be). This footer first gives keys their short labels (a screen's
`SHORT_KEYS`, by action), then leaves out the keys a screen names in `OPTIONAL_KEYS` (in that
order) until the rest fit; those still work, and Help lists them.

Redrawn only when needed: `Footer` rebuilds all its key widgets each time a screen's bindings
are reported changed, and a screen reports that several times while it opens (pushed,
focused, filled), most of them with the same keys: opening the results screen built 66 key
widgets to show 8, a quarter of the time it took on a large framework. This footer remembers
what it last showed and skips a rebuild that would show the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeyFooter", "fit_keys"]

Key = tuple[Binding, bool, str]
"""A binding to show, whether it is enabled now, and its tooltip."""
Shown = tuple[object, ...]


def fit_keys(
    keys: Sequence[tuple[str, str, str]],
    width: int,
    short: Mapping[str, str],
    optional: Sequence[str],
) -> list[tuple[str, str]]:
    """The (action, label) of each of *keys* (action, key as shown, label) to show in *width*
    columns: all with their own labels if they fit, else with the *short* ones, then without
    the *optional* actions, one at a time in that order, until they fit (or none is left)."""
    labels = [(action, label) for action, _, label in keys]
    shown = {action: key for action, key, _ in keys}

    def wide(chosen: list[tuple[str, str]]) -> int:
        return sum(len(shown[action]) + len(label) + 2 for action, label in chosen) - 1

    if wide(labels) <= width:
        return labels
    labels = [(action, short.get(action, label)) for action, label in labels]
    for action in optional:
        if wide(labels) <= width:
            break
        labels = [(a, label) for a, label in labels if a != action]
    return labels


class KeyFooter(Footer):
    """A compact footer of the screen's keys (no command palette entry: Help lists all)."""

    def __init__(self, *, at_once: bool = False) -> None:
        """*at_once*: show the screen's keys as soon as the footer is drawn, rather than when
        Textual reports the screen's bindings ready (after its first frame, so a second layout
        of the whole screen). Only for a screen whose focused widget adds no key to show: the
        keys are taken before anything has focus (if focus does change them, they are
        redrawn, as without it)."""
        super().__init__(compact=True, show_command_palette=False)
        self._shown: Shown | None = None
        self._at_once = at_once

    def _to_show(self) -> dict[str, Key]:
        """The screen's bindings to show, by action (the first of an action's keys, as
        Textual's footer shows)."""
        found: dict[str, Key] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                found.setdefault(binding.action, (binding, enabled, tooltip))
        return found

    def _fitted(self, bindings: dict[str, Key]) -> list[tuple[Key, str]]:
        """The bindings that fit the window, each with the label it is shown with."""
        keys = [
            (a, self.app.get_key_display(b), b.description) for a, (b, _, _) in bindings.items()
        ]
        fitted = fit_keys(
            keys,
            self.app.size.width,
            getattr(self.screen, "SHORT_KEYS", {}),
            getattr(self.screen, "OPTIONAL_KEYS", ()),
        )
        return [(bindings[action], label) for action, label in fitted]

    def _keys(self, fitted: list[tuple[Key, str]] | None = None) -> Shown:
        """What the footer would show now (or given *fitted*): each binding, state and label."""
        shown = tuple(
            (binding.key, binding.action, label, enabled, tooltip)
            for (binding, enabled, tooltip), label in (fitted or self._fitted(self._to_show()))
        )
        return (self.compact, shown)

    def compose(self) -> ComposeResult:
        if not (self._bindings_ready or self._at_once):
            self._shown = None
            return
        fitted = self._fitted(self._to_show())
        self._shown = self._keys(fitted)  # fitted once, not again to remember it
        self.styles.grid_size_columns = len(fitted)
        for (binding, enabled, tooltip), label in fitted:
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                label,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or (binding.description if label != binding.description else ""),
                # styled once, compact from the start: set on mounting, the class was a second
                # restyle of every key (half a millisecond each, every time a screen opens)
                classes="-compact" if self.compact else "",
            ).data_bind(compact=Footer.compact)

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would be the ones already shown."""
        if self._shown is not None and self.is_attached and self._keys() == self._shown:
            return
        await super().recompose()

    def on_resize(self) -> None:
        """A wider or narrower window may fit more or fewer keys."""
        if self._shown is not None and self._keys() != self._shown:
            self.call_later(self.recompose)
