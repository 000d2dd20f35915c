"""Start-up and the garbage collector.

While a process starts it builds objects that live as long as it does (imported modules,
Textual's styles and widgets, pydantic's validators, the framework), and the collector walks
them again and again as they pile up: about a tenth of the app's start (45 ms of 470 ms to
its first statement) and 6% of a cold comparison. So the collector waits while they load;
then they are frozen out of its sight (`gc.freeze`), and it runs as ever on what comes after.
The price: cycles that became garbage while loading (about 5,000 small objects, well under a
megabyte, when the app starts) are never freed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["pause", "settle", "settling"]


class _State:
    """Once a process: paused (remembering whether the collector ran), then settled."""

    paused = False
    was_enabled = False
    settled = False


def pause() -> None:
    """Stop the collector until `settle` (once a process: later calls do nothing)."""
    if _State.paused:
        return
    _State.paused, _State.was_enabled = True, gc.isenabled()
    gc.disable()


def settle() -> None:
    """Freeze what is loaded so far out of the collector's walks and start it again as it
    was; nothing if it was not paused, or is settled already."""
    if not _State.paused or _State.settled:
        return
    _State.settled = True
    gc.freeze()
    if _State.was_enabled:
        gc.enable()


@contextmanager
def settling() -> Iterator[None]:
    """The collector paused while the block loads, settled however the block ends."""
    pause()
    try:
        yield
    finally:
        settle()
