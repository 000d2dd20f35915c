"""Helpers for reading the app in tests, through Textual's public API only."""

from __future__ import annotations

import html
import re
from typing import Any

from textual.app import App


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
