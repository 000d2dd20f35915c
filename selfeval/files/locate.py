"""Find the line of a TOML file that defines a key path, or say honestly that we do not know.

tomllib gives data without positions, so this module reads the text once more, line by line, and
records where each table header, key and array element starts. It understands what people and
tomli-w write: ``[table]``, ``[[array.of.tables]]``, ``key = value``, dotted keys, one-line inline
tables and multi-line arrays with one element per line. Anything else (values continued across
lines in unusual ways) is simply not recorded, so callers get ``None`` rather than a wrong line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

__all__ = ["KeyPath", "LineIndex", "header_of", "key_of", "shown_key", "toml_path"]

KeyPath = tuple[str | int, ...]

_BARE_KEY = r"[A-Za-z0-9_-]+"
_KEY_PART = rf'(?:{_BARE_KEY}|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED_KEY = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_KEY_LINE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=\s*(.*)$")
_INLINE_KEY = re.compile(rf"(?:^|[{{,])\s*({_DOTTED_KEY})\s*=")
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED_KEY})\s*\]\]?\s*(?:#.*)?$")
_KEY_SPLIT = re.compile(_KEY_PART)


def toml_path(path: Sequence[str | int]) -> str:
    """Write a key path the way TOML people read it: ``sections[2].themes[0].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            shown = shown_key(part)
            out += f".{shown}" if out else shown
    return out


MOST_KEY = 60
"""The most of a key a message shows, as of a value (`explain._quoted`)."""


def shown_key(key: str, most: int = MOST_KEY) -> str:
    """*key* as a message shows it: bare where TOML allows, else in quotes, and cut to *most*
    characters: a message says which key, it need not repeat five thousand digits of it."""
    shown = key if re.fullmatch(_BARE_KEY, key) else f'"{key}"'
    return shown if len(shown) <= most else f"{shown[: most - 1]}… ({len(key):,} characters)"


def header_of(line: str) -> tuple[bool, list[str]] | None:
    """Whether *line* is a table header, ``[a.b]`` (False) or ``[[a.b]]`` (True), and its keys;
    None for any other line."""
    header = _HEADER.match(line)
    return (header.group(1) == "[[", _split_key(header.group(2))) if header else None


def key_of(line: str) -> list[str] | None:
    """The keys of a ``key = value`` line (``a.b = 1``: a, b); None for any other line."""
    key_line = _KEY_LINE.match(line)
    return _split_key(key_line.group(1)) if key_line else None


def _split_key(dotted: str) -> list[str]:
    parts = []
    for match in _KEY_SPLIT.finditer(dotted):
        token = match.group(0)
        if token[0] in "\"'":
            token = token[1:-1]
        parts.append(token)
    return parts


class LineIndex:
    """Where each key path of one TOML text starts, built in one pass over its lines."""

    def __init__(self, text: str) -> None:
        self._lines: dict[KeyPath, int] = {}
        self._arrays: dict[KeyPath, int] = {}
        self.table: KeyPath = ()
        """The table the text ends in: where a key on the next line would go."""
        self._scan(text.splitlines())

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The 1-based line that defines *path*, or None when it cannot be known for certain."""
        return self._lines.get(tuple(path))

    def nearest(self, path: Sequence[str | int]) -> tuple[KeyPath, int] | None:
        """The longest known prefix of *path* and its line, for keys that are missing."""
        parts = tuple(path)
        while parts:
            line = self._lines.get(parts)
            if line is not None:
                return parts, line
            parts = parts[:-1]
        return None

    def first_under(self, path: KeyPath) -> tuple[KeyPath, int] | None:
        """Where *path* was first made: the first line that defines it or a key inside it,
        with what that line defines; else the nearest table or value that holds it."""
        inside = [(k, n) for k, n in self._lines.items() if k[: len(path)] == path]
        if inside:  # the first line, and on it the outermost (`a = {x = 1}`: a, not a.x)
            return min(inside, key=lambda found: (found[1], len(found[0])))
        return self.nearest(path)

    def within(self, keys: Sequence[str]) -> KeyPath:
        """*keys* of a header as the text so far resolves them: inside the latest element of
        each array of tables they name (``[a.b]`` after ``[[a]]`` is ``a[0].b``)."""
        concrete: KeyPath = ()
        for at, key in enumerate(keys, start=1):
            concrete += (key,)
            if at < len(keys) and concrete in self._arrays:
                concrete += (self._arrays[concrete] - 1,)
        return concrete

    def _scan(self, lines: list[str]) -> None:
        table: KeyPath = ()
        in_string: str | None = None
        array: _OpenArray | None = None
        for number, line in enumerate(lines, start=1):
            if in_string is not None:
                if _closes(line, in_string):
                    in_string = None
                continue
            if array is not None:
                array = array.feed(line, number, self)
                continue
            header = _HEADER.match(line)
            if header:
                table = self._header(header.group(1) == "[[", _split_key(header.group(2)), number)
                continue
            key_line = _KEY_LINE.match(line)
            if not key_line:
                continue
            path = table + tuple(_split_key(key_line.group(1)))
            self._lines.setdefault(path, number)
            value = key_line.group(2)
            in_string = _opens_multiline_string(value)
            if in_string is None:
                array = _OpenArray.start(path, value, number, self)
        self.table = table

    def _header(self, is_array: bool, keys: list[str], number: int) -> KeyPath:
        concrete = self.within(keys)
        if is_array:
            index = self._arrays.get(concrete, 0)
            self._arrays[concrete] = index + 1
            self._lines.setdefault(concrete, number)
            concrete += (index,)
        self._lines[concrete] = number
        return concrete

    def record_inline(self, path: KeyPath, text: str, number: int) -> None:
        """Record the keys of a one-line inline table (only its top level) under *path*."""
        if not text.lstrip().startswith("{"):
            return
        depth = 0
        for match in _INLINE_KEY.finditer(text):
            before = text[: match.start(1)]
            depth = before.count("{") - before.count("}")
            if depth == 1:
                self._lines.setdefault(path + tuple(_split_key(match.group(1))), number)


class _OpenArray:
    """A multi-line array being read: each line that starts an element gets the next index."""

    def __init__(self, path: KeyPath, depth: int) -> None:
        self.path = path
        self.depth = depth
        self.index = 0

    @classmethod
    def start(cls, path: KeyPath, value: str, number: int, index: LineIndex) -> _OpenArray | None:
        stripped = _strip_comment(value)
        if not stripped.startswith("["):
            index.record_inline(path, stripped, number)
            return None
        depth = _bracket_depth(stripped)
        array = cls(path, depth)
        if depth <= 0:
            array._element(stripped[1:], number, index)
            return None
        rest = stripped[1:].strip()
        if rest and not rest.startswith("#"):
            array._element(rest, number, index)
        return array

    def feed(self, line: str, number: int, index: LineIndex) -> _OpenArray | None:
        stripped = _strip_comment(line).strip()
        if self.depth == 1 and stripped and not stripped.startswith("]"):
            self._element(stripped, number, index)
        self.depth += _bracket_depth(stripped)
        return self if self.depth > 0 else None

    def _element(self, text: str, number: int, index: LineIndex) -> None:
        for chunk in _top_level_chunks(text):
            path = (*self.path, self.index)
            index._lines.setdefault(path, number)
            index.record_inline(path, chunk, number)
            self.index += 1


def _outside_strings(text: str) -> Iterator[tuple[int, str]]:
    """Each (index, character) of *text* that is not inside a quoted TOML string."""
    quote: str | None = None
    escaped = False
    for i, char in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\" and quote == '"':
                escaped = True
            elif char == quote:
                quote = None
        elif char in "\"'":
            quote = char
        else:
            yield i, char


def _top_level_chunks(text: str) -> list[str]:
    """The comma-separated elements that start on one line of an array, up to its closing ']'."""
    chunks: list[str] = []
    depth = 0
    start = 0
    end = len(text)
    for i, char in _outside_strings(text):
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth < 0:
                end = i
                break
        elif char == "," and depth == 0:
            chunks.append(text[start:i])
            start = i + 1
    chunks.append(text[start:end])
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def _strip_comment(text: str) -> str:
    """Drop a trailing comment, ignoring '#' inside quoted strings."""
    for i, char in _outside_strings(text):
        if char == "#":
            return text[:i].rstrip()
    return text.rstrip()


def _bracket_depth(text: str) -> int:
    """Net '[' minus ']' outside strings."""
    return sum({"[": 1, "]": -1}.get(char, 0) for _, char in _outside_strings(text))


def _opens_multiline_string(value: str) -> str | None:
    for fence in ('"""', "'''"):
        if value.startswith(fence):
            return None if fence in value[3:] else fence
    return None


def _closes(line: str, fence: str) -> bool:
    return fence in line
