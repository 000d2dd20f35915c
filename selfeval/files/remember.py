"""What the app remembers in selfeval's settings file (the inbox a setting hands in to, the
name an officer writes feedback by), written into the file without disturbing the rest.

The settings file is one a person may write by hand, with comments: it is never rewritten
from what was parsed. Only the one key's line is replaced, or added under its table (the table
added at the end where there is none), and the result must read back as the same settings
with the one value changed, or nothing is written.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w

from selfeval.errors import SelfevalError, SettingsError
from selfeval.files.atomic import atomic_write_text
from selfeval.files.settings import MAX_SETTINGS_BYTES, Settings, read_settings, settings_in
from selfeval.files.toml import read_regular
from selfeval.paths import config_file

__all__ = ["remember", "remembered"]

_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")


def remembered(table: str, key: str, path: Path | None = None) -> str | None:
    """The value the settings file keeps for *key* in *table*, or None: also where the file
    cannot be read (an offer to type again, never an error to stop on)."""
    try:
        section = getattr(read_settings(path), table)
    except (SelfevalError, OSError):
        return None
    value = getattr(section, key)
    return value if isinstance(value, str) else None


def remember(table: str, key: str, value: str, path: Path | None = None) -> None:
    """Keep *value* as *key* of *table* in the settings file (default: `config_file`),
    creating it (and its folder) where there is none. Raises `SelfevalError` where the file
    cannot be read or written; it is then as it was."""
    path = path or config_file()
    before = read_settings(path)  # a file with a mistake is said, never written over
    text = ""
    if path.exists():
        text = read_regular(path, SettingsError, "settings", MAX_SETTINGS_BYTES).decode("utf-8")
    line = tomli_w.dumps({key: value}).rstrip("\n")
    after = _with_line(text, table, key, line)
    expected = before.model_copy(
        update={table: getattr(before, table).model_copy(update={key: value})}
    )
    if _parsed(path, after) != expected:
        raise SelfevalError(
            f"{path} is written in a way selfeval cannot add {table}.{key} to",
            f"add it by hand, under [{table}]: {line}",
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, after)


def _with_line(text: str, table: str, key: str, line: str) -> str:
    """*text* with *key*'s line in *table* replaced by *line*, or added."""
    lines = text.splitlines()
    start = next((i for i, s in enumerate(lines) if _table_of(s) == table), None)
    if start is None:
        gap = [""] if lines and lines[-1].strip() else []
        return "\n".join([*lines, *gap, f"[{table}]", line]) + "\n"
    end = next(
        (i for i in range(start + 1, len(lines)) if _table_of(lines[i]) is not None), len(lines)
    )
    own = re.compile(rf"^\s*{re.escape(key)}\s*=")
    at = next((i for i in range(start + 1, end) if own.match(lines[i])), None)
    if at is None:
        lines.insert(start + 1, line)
    else:
        lines[at] = line
    return "\n".join(lines) + "\n"


def _table_of(line: str) -> str | None:
    found = _TABLE.match(line)
    return found[1] if found else None


def _parsed(path: Path, text: str) -> Settings | None:
    try:
        return settings_in(path, text.encode("utf-8"))
    except SelfevalError:
        return None
