"""tomllib's refusals in words a person editing the file can act on: what, which line, how.

Most of tomllib's messages say what it expected ("Expected '=' after a key") and are shown as
they are. Three say only that something was made before ("Cannot declare ('qi', 'x') twice",
"Cannot overwrite a value", "Cannot mutate immutable namespace"), in Python's spelling and
without saying where. For those, the line tomllib stopped at is read again (with
`selfeval.files.locate`), and the message names the table or key as TOML writes it and the
line that made it first, where that line is known.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from selfeval.files.locate import KeyPath, LineIndex, header_of, key_of, toml_path

__all__ = ["HINT", "Explained", "explain_decode_error"]

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_END = re.compile(r"\(at end of document\)")
_MADE_BEFORE = ("Cannot declare", "Cannot overwrite a value", "Cannot mutate immutable")
"""The starts of tomllib's messages for a table or key made a second time."""

HINT = "check quotes, brackets and '=' on that line; every text value needs quotes"
"""What to do about any other refusal."""


class Explained(NamedTuple):
    """A refusal of tomllib's, as selfeval says it."""

    message: str
    hint: str
    line: int | None


def explain_decode_error(words: str, text: str) -> Explained:
    """tomllib's message *words* about *text*, as selfeval says it."""
    if match := _POSITION.search(words):
        said, line = words[: match.start()].strip(), int(match.group(1))
        if said.startswith(_MADE_BEFORE) and (again := _made_again(text, line)):
            return Explained(f"this is not valid TOML: {again[0]}", again[1], line)
        return Explained(f"this is not valid TOML: {said}", HINT, line)
    if _END.search(words):
        said = _END.sub("", words).strip() + " at the end of the file"
        return Explained(f"this is not valid TOML: {said}", HINT, text.count("\n") + 1)
    return Explained(f"this is not valid TOML: {words}", HINT, None)


def _made_again(text: str, line: int) -> tuple[str, str] | None:
    """What *line* of *text* makes again, and where it was made first; None where the line
    is not a header or a key (tomllib's own words are shown then)."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    before = LineIndex("\n".join(lines[: line - 1]))
    if header := header_of(lines[line - 1]):
        is_array, keys = header
        path = before.within(keys)
        written = f"[[{toml_path(keys)}]]" if is_array else f"[{toml_path(keys)}]"
    elif (key := key_of(lines[line - 1])) is not None:
        keys, path, written = key, before.table + tuple(key), ""
    else:
        return None
    first = before.first_under(path)
    if first is None:  # the first is where locate does not look (a multi-line value)
        return (
            f"the table {written} is defined twice"
            if written
            else f"{toml_path(path)} is given a value twice",
            "write each table once, and give each key one value",
        )
    held, number = first
    earlier = lines[number - 1]
    if len(held) < len(path):  # made whole by an earlier value: a = 1, a = { x = 1 }, a = [1]
        inner = toml_path(path[len(held) :])
        return (
            f"{written or toml_path(path)} cannot be added: {toml_path(held)} is already a "
            f"value, written whole on line {number}",
            f"add {inner} inside it on line {number}, or give one of them another name",
        )
    if written:
        return _header_again(written, keys, held, path, number, earlier)
    if header_of(earlier) is not None:
        return (
            f"{toml_path(path)} is already a table ({earlier.strip()} on line {number}), and "
            "cannot also be given a value",
            "give one of them another name",
        )
    if held == path:
        return (
            f"{toml_path(path)} is given a value twice (first on line {number})",
            f"keep one of the two: delete this line or line {number}",
        )
    return (
        f"{toml_path(path)} is already a table (made by {toml_path(held)} on line {number}), "
        "and cannot also be given a value",
        "give one of them another name",
    )


def _header_again(
    written: str, keys: list[str], held: KeyPath, path: KeyPath, number: int, earlier: str
) -> tuple[str, str]:
    """A table header *written* again, first made on line *number* (the *earlier* line)."""
    name = toml_path(keys)
    header = header_of(earlier)
    if header is None and held == path:
        return (
            f"{written} cannot be made: {name} is already given a value on line {number}",
            "give one of them another name",
        )
    if header is None:  # a dotted key made it: a.b = 1, then [a]
        inner = toml_path(held[len(path) :])
        return (
            f"the table {written} is defined twice: the dotted key {toml_path(held)} on line "
            f"{number} made it already",
            f"write that key under {written} as {inner} = …, or give one of them another name",
        )
    if header[1] != keys:  # a table inside it came first, which TOML allows: not here
        return (
            f"the table {written} is defined twice (first on line {number})",
            f"write each table once, with all its keys under one {written}",
        )
    if header[0] and not written.startswith("[["):
        return (
            f"{name} is a list of tables ([[{name}]] on line {number}), and {written} would "
            "make it one table",
            f"write [[{name}]], with two brackets, to add another to the list",
        )
    if not header[0] and written.startswith("[["):
        return (
            f"{name} is one table ([{name}] on line {number}), and {written} would make it a "
            "list of tables",
            f"keep one [{name}], or write each of them as [[{name}]] to make a list",
        )
    return (
        f"the table {written} is written twice (first on line {number})",
        f"write each table once: move the keys under this {written} up under the one on line "
        f"{number}, and delete this line",
    )
