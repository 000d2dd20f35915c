"""Helpers for reading the app in tests, through Textual's public API only."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.pilot import Pilot


def screen_text(app: App[Any]) -> str:
    """The text a person would read on the screen right now (from the app's own screenshot).

    Lines run together; assertions look for phrases, which stay whole within a line.
    """
    svg = app.export_screenshot()
    pieces = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return html.unescape("".join(pieces)).replace("\xa0", " ")


def notifications(app: App[Any]) -> str:
    """The text of the notifications (toasts) the screen shows now."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def until(pilot: Pilot[Any], done: Callable[[], bool], seconds: float = 5.0) -> bool:
    """Let the app work until *done* (a busy machine takes longer), at most *seconds*."""
    for _ in range(int(seconds / 0.05)):
        if done():
            return True
        await pilot.pause(0.05)
    return done()


async def listed(pilot: Pilot[Any]) -> None:
    """Wait until the start screen has read and listed the saved evaluations (it reads them
    off its thread once it is drawn)."""
    from selfeval.tui.screens.start import StartScreen

    screen = pilot.app.screen
    assert isinstance(screen, StartScreen)
    assert await until(pilot, lambda: screen.listed, seconds=60), "never listed"
    await pilot.pause()
