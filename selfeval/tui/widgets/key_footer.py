"""The footer of keys every screen shows, redrawn only when the keys it shows change.

Textual's `Footer` rebuilds all its key widgets each time a screen's bindings are reported
changed, and a screen reports that several times while it opens (pushed, focused, filled), most
of them with the same keys: opening the results screen built 66 key widgets to show 8, a
quarter of the time it took on a large framework. This footer remembers what it last showed
and skips a rebuild that would show the same.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer

__all__ = ["KeyFooter"]

Shown = tuple[object, ...]


class KeyFooter(Footer):
    """A compact footer of the screen's keys (no command palette entry: Help lists all)."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: Shown | None = None

    def _keys(self) -> Shown:
        """What the footer would show now: each shown binding, its state, and the style."""
        bindings = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (self.compact, self.show_command_palette, bindings)

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()

    async def recompose(self) -> None:
        """Rebuild the keys, unless they would be the ones already shown."""
        if self._shown is not None and self.is_attached and self._keys() == self._shown:
            return
        await super().recompose()
