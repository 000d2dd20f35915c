"""A collapsed section whose contents are made the first time it is opened."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.widget import Widget
from textual.widgets import Collapsible

__all__ = ["OpenedLater"]


class OpenedLater(Collapsible):
    """A Collapsible that builds its contents when first opened, not before the first frame.

    Most people never open the start screen's "giving your own view?"; making its boxes while
    the screen was drawn cost about a sixth of the CPU from the app's start to the start
    screen's first frame (`benchmarks/bench_pty.py`). Until it is opened it holds nothing,
    so code reading its boxes must allow for their absence (`built` says whether they exist).
    """

    def __init__(
        self, contents: Callable[[], Iterable[Widget]], *, title: str, id: str | None = None
    ) -> None:
        super().__init__(title=title, id=id, collapsed=True)
        self._contents = contents
        self.built = False
        """Whether the contents have been made (on the first opening)."""

    async def on_collapsible_expanded(self, event: Collapsible.Expanded) -> None:
        if event.collapsible is not self or self.built:
            return
        self.built = True
        await self.query_one(Collapsible.Contents).mount_all(self._contents())
