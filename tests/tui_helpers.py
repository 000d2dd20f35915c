"""Helpers for driving and reading the app in tests."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

from rich.console import Console
from textual.app import App

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("SELFEVAL_UPDATE_SNAPSHOTS") == "1"


def screen_text(app: App[Any]) -> str:
    """What a person would read on the screen right now, as plain text."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, force_terminal=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


def normalise(text: str, tmp: Path) -> str:
    """Take out what changes between runs: clock times and temporary folders."""
    text = text.replace(str(tmp), "<tmp>")
    text = re.sub(r"\d\d:\d\d:\d\d", "HH:MM:SS", text)
    return re.sub(r"20\d\d-\d\d\.toml", "YYYY-YY.toml", text)


def assert_snapshot(name: str, text: str) -> None:
    """Compare *text* with ``tests/snapshots/NAME.txt``; SELFEVAL_UPDATE_SNAPSHOTS=1 rewrites it."""
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not UPDATE:
            raise AssertionError(f"snapshot {path.name} was missing and has been written; rerun")
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"screen differs from {path.name}:\n{text}"
