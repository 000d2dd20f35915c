"""Driving `selfeval --plain` as a screen reader user or a script does: lines in, lines out."""

from __future__ import annotations

import io
from pathlib import Path

from selfeval.plain.journey import run_plain

from .conftest import REPO

STEM = str(REPO / "frameworks" / "stem.toml")


def talk(responses: Path, lines: list[str], setting: str | None = None) -> tuple[int, str]:
    """The exit code and everything said, with *lines* typed (then the input ends)."""
    out = io.StringIO()
    into = io.StringIO("\n".join(lines) + "\n")
    code = run_plain(STEM, responses, setting, None, None, into, out)
    return code, out.getvalue()
