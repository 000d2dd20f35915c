"""Read a TOML file defensively: every way bytes can fail to be TOML becomes a located `Problem`.

Frameworks and evaluations are both TOML typed by people, copied across shared drives and
occasionally replaced by something else entirely (a Word document, an empty file, a 50 MB log).
This module turns each of those into one clear sentence before any model sees the data.
"""

from __future__ import annotations

import importlib
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from selfeval.errors import Problem, ProblemsError
from selfeval.files.toml_errors import explain_decode_error


@cache
def _fast_parser() -> Any:
    """toml-rs, loaded when first used (its import is a tenth of a second on a slow laptop,
    and the app's start screen reads no TOML); None where it is missing."""
    try:
        return importlib.import_module("toml_rs")
    except ImportError:  # pragma: no cover - toml-rs is a dependency; tomllib is the fallback
        return None


__all__ = [
    "MAX_BYTES",
    "FileKind",
    "TomlText",
    "fast_loads",
    "parse_toml",
    "read_regular",
    "read_regular_stat",
    "read_toml",
    "refuse_foreign",
    "refuse_too_deep",
]

MAX_BYTES = 5 * 1024 * 1024
"""Larger than any real framework (the STEM one is about 60 KB) and small enough to refuse fast."""


class TomlText:
    """The decoded text of a TOML file and its parsed data, kept together for locating errors."""

    __slots__ = ("data", "path", "text")

    def __init__(self, path: Path, text: str, data: dict[str, Any]) -> None:
        self.path = path
        self.text = text
        self.data = data


def read_toml(
    path: Path,
    error: type[ProblemsError],
    what: str,
    max_bytes: int = MAX_BYTES,
    fast: bool = False,
) -> TomlText:
    """Read and parse *path*, raising *error* with a located problem for anything that is not TOML.

    *what* names the kind of file ("framework", "evaluation") so messages read naturally;
    *fast* parses with the compiled parser (see `fast_loads`).
    """
    raw = read_regular(path, error, what, max_bytes)
    return parse_toml(path, raw, error, what, fast)


def read_regular(path: Path, error: type[ProblemsError], what: str, max_bytes: int) -> bytes:
    """The bytes of *path*, which must be a regular file of at most *max_bytes*: the one way
    selfeval reads a file someone may have dropped in a shared folder."""
    return read_regular_stat(path, error, what, max_bytes)[0]


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
"""Opened without waiting: opening a pipe for reading would wait for a writer, forever."""


def read_regular_stat(
    path: Path | str, error: type[ProblemsError], what: str, max_bytes: int
) -> tuple[bytes, os.stat_result]:
    """`read_regular`, with the file's status as it was opened (its size and time for a
    cache: the bytes read are that file's, even if it is replaced meanwhile). One open and
    one status call: bulk reading reads thousands of files."""

    def fail(message: str, hint: str) -> ProblemsError:
        return error([Problem(message, path=Path(path), hint=hint)])

    try:
        fd = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise fail("no such file", "check the spelling and the folder") from None
    except PermissionError:
        if os.path.isdir(path):  # Windows refuses to open a folder at all
            raise _not_a_file(fail, path, stat.S_IFDIR, what) from None
        raise fail(
            "you do not have permission to read this file", "ask whoever manages the folder"
        ) from None
    except OSError as exc:
        raise fail(f"the file could not be read ({exc.strerror})", "try again") from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):  # a device would never end
            raise _not_a_file(fail, path, found.st_mode, what)
        size = found.st_size
        if size > max_bytes:
            raise fail(
                f"the file is {size / 1_048_576:.1f} MB, too large to be {_a(what)} file "
                f"(the limit is {max_bytes // 1_048_576} MB)",
                f"check that this is the {what} you meant; a real one is a few hundred KB at most",
            )
        with open(fd, "rb", closefd=False) as handle:
            data = handle.read(size + 1)  # its size and a byte more, not a max_bytes buffer
            if len(data) > size:  # it grew since: read on, to the limit and a byte more
                data += handle.read(max_bytes + 1 - len(data))
        return data, found
    except OSError as exc:
        raise fail(f"the file could not be read ({exc.strerror})", "try again") from None
    finally:
        os.close(fd)


def _a(what: str) -> str:
    """*what* with its article: "a framework", "an evaluation"."""
    return f"an {what}" if what[:1] in "aeiou" else f"a {what}"


def _not_a_file(
    fail: Callable[[str, str], ProblemsError], path: Path | str, mode: int, what: str
) -> ProblemsError:
    if stat.S_ISDIR(mode):
        return fail(
            f"this is a folder, not {_a(what)} file",
            _FILE_ITSELF.get(what, f"name a .toml file inside it, e.g. {Path(path) / 'stem.toml'}"),
        )
    return fail(
        "this is a pipe, socket or device, not a file; selfeval reads only regular files",
        f"name the {what} file itself",
    )


_FILE_ITSELF = {
    "spreadsheet": "name the .xlsx file itself (the published spreadsheet)",
    "Word template": "name the .docx file itself (the authority's template)",
}
"""How to name the file, not its folder, where it is no .toml file."""


def _looks_utf16(raw: bytes) -> bool:
    """A byte-order mark of UTF-16, or the zero byte beside every character that UTF-16 gives
    plain Latin text (as Windows tools write "Unicode" files)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:64]
    return len(head) >= 8 and (not any(head[1::2]) or not any(head[0::2]))


def parse_toml(
    path: Path,
    raw: bytes,
    error: type[ProblemsError],
    what: str,
    fast: bool = False,
    depth_later: bool = False,
) -> TomlText:
    """Decode *raw* as UTF-8 TOML, raising *error* with file and line for every failure.

    With *fast*, parse with `fast_loads` (compiled parser, for bulk reading). With
    *depth_later*, the caller checks nesting itself (`refuse_too_deep`), as a bulk reader does
    only for a file its model refuses: one the model accepts is as shallow as the model.
    """

    def fail(message: str, hint: str, line: int | None = None) -> ProblemsError:
        return error([Problem(message, path=path, line=line, hint=hint)])

    if not raw.strip():
        raise fail(
            f"the file is empty; {_a(what)} file needs content",
            _HINT_START.get(what, "check that this is the file you meant"),
        )
    if _looks_utf16(raw):
        raise fail(
            f"the file is saved as UTF-16 text; selfeval reads {what} files saved as UTF-8",
            "save it again as UTF-8 (in Notepad: File, Save as, Encoding: UTF-8)",
        )
    if b"\x00" in raw[:8192]:
        raise fail(
            f"this is a binary file, not {_a(what)} file written in TOML",
            "TOML is plain text; open the file you meant in a text editor to check it",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise fail(
            f"the file is not valid UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
            "save the file as UTF-8 (most editors offer this under 'Save as' or 'Encoding')",
            line,
        ) from None
    text = text.removeprefix("\ufeff")
    if huge := _HUGE_NUMBER.search(text):
        raise fail(  # Python refuses to read (or print) a whole number this long
            f"a number here is {len(huge.group())} digits long; no value in {_a(what)} file "
            "needs more than a few",
            "correct the number on that line",
            text.count("\n", 0, huge.start()) + 1,
        )
    try:
        data = fast_loads(text) if fast else _slow_loads(text)
        too_deep = not depth_later and nesting(data) > MAX_NESTING
    except RecursionError:
        too_deep = True
    except ValueError as exc:  # tomllib's TOMLDecodeError is one
        if not _is_decode_error(exc):
            raise
        raise fail(*explain_decode_error(str(exc), text)) from None
    if too_deep:
        raise _too_deep(error, path, what)
    return TomlText(path, text, data)


def refuse_too_deep(doc: TomlText, error: type[ProblemsError], what: str) -> None:
    """Raise *error* if *doc* nests deeper than any real file (see `parse_toml`)."""
    if nesting(doc.data) > MAX_NESTING:
        raise _too_deep(error, doc.path, what)


def _too_deep(error: type[ProblemsError], path: Path, what: str) -> ProblemsError:
    return error(
        [
            Problem(
                f"arrays or tables are nested more than {MAX_NESTING} deep; no {what} file is",
                path=path,
                hint="check that this is the file you meant",
            )
        ]
    )


MAX_NESTING = 32
"""Deeper than any real file (a framework is about 6 deep); far below Python's recursion limit."""


def nesting(data: object) -> int:
    """How deeply lists and tables nest in *data*, counted without recursion (up to the limit)."""
    if not isinstance(data, dict | list):
        return 0
    deepest = 0
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(data, 1)]
    while stack:  # only tables and arrays are stacked: most values are plain, and many
        value, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > MAX_NESTING:
                return deepest
        children: Iterable[object] = value.values() if isinstance(value, dict) else value
        for child in children:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return deepest


@dataclass(frozen=True)
class FileKind:
    """How a TOML file of one kind is told from others, to refuse a wrong file in plain words."""

    name: str
    """E.g. "framework"; used as "not a framework"."""
    matches: Callable[[dict[str, Any]], bool]
    """Whether parsed data looks like this kind of file."""
    hint: str
    """What a file of this kind has, or where such files are."""
    mix_up: Callable[[dict[str, Any]], bool]
    """Whether the data is the kind of file people most often give by mistake instead."""
    mix_up_message: str
    """What to say then, e.g. "this is a framework file, not an evaluation"."""
    mix_up_hint: str


def refuse_foreign(doc: TomlText, error: type[ProblemsError], kind: FileKind) -> None:
    """Raise *error* unless *doc* looks like *kind*, naming the likely mix-up when it is one."""
    data = doc.data
    if kind.matches(data):
        return
    if kind.mix_up(data):
        message, hint = kind.mix_up_message, kind.mix_up_hint
    else:
        keys = ", ".join(sorted(data)[:5]) or "nothing"
        message = f"this TOML file is not {kind.name} (its top-level keys are: {keys})"
        hint = kind.hint
    raise error([Problem(message, doc.path, hint=hint)])


def fast_loads(text: str) -> dict[str, Any]:
    """Parse TOML with the compiled toml-rs parser when it is installed, else tomllib.

    Bulk readers (comparisons of thousands of files) use this: toml-rs is about twenty times
    faster than the pure-Python tomllib on Python 3.11 (and twice rtoml, used before; both
    wrap Rust's `toml` crate). It is held to TOML 1.0, the version tomllib reads, so that a
    file reads the same in a comparison as in the app. Anything it rejects is parsed again by
    tomllib, so that errors always read the same and carry their line.

    toml-rs nests by recursion on the C stack: a file nested a few thousand deep crashes the
    process (a segmentation fault, not an error). So a file that could nest deeper than
    `_FAST_MOST_OPEN` goes to tomllib, which refuses it in words (`nesting_bound`).
    """
    fast = _fast_parser()
    if fast is not None and nesting_bound(text) <= _FAST_MOST_OPEN:
        try:
            data: dict[str, Any] = fast.loads(text, toml_version="1.0.0")
            return data
        except Exception:  # its own errors; tomllib below gives the located one
            pass
    return _slow_loads(text)


def _slow_loads(text: str) -> dict[str, Any]:
    """The standard library's parser, loaded when first needed: with toml-rs doing the
    parsing, most starts never need it (5 ms to load)."""
    import tomllib

    return tomllib.loads(text)


def _is_decode_error(exc: ValueError) -> bool:
    import tomllib

    return isinstance(exc, tomllib.TOMLDecodeError)


_HUGE_NUMBER = re.compile(r"[0-9][0-9_]{4299,}")
"""A run of digits longer than Python converts to or from a whole number (4,300): tomllib
stops with a ValueError on it, and toml-rs reads it as a number nothing can print."""

_FAST_MOST_OPEN = 200
"""The deepest nesting given to toml-rs: a few hundred KB of stack at most, safe in any thread
on any platform; real files nest three deep (an evaluation has about 100 brackets in all,
almost all in table headers)."""
_KEY_PATH = r"""(?:[^\[\]{}\n"']|"[^"\n]*"|'[^'\n]*')*"""
_HEADER_LINE = re.compile(rf"^(?:\[{_KEY_PATH}\]|\[\[{_KEY_PATH}\]\])[ \t]*$", re.MULTILINE)
"""A line that is only a table header, `[a."b"]` or `[[a]]`: its brackets close on that line
(quotes only in pairs on the line, so that no string opened there hides a bracket)."""


def nesting_bound(text: str) -> int:
    """A number no smaller than how deeply *text*'s arrays and tables can nest.

    Every level of nesting opens with a `[` or `{`, so their count is a bound; brackets on a
    line that is only a table header close again on that line and nest at most two deep, so
    where the count is large (a team's evaluation has a header for every colleague's view)
    they are taken out. Computed in C: a few microseconds a file.
    """
    opened = text.count("[") + text.count("{")
    if opened <= _FAST_MOST_OPEN:
        return opened
    headers: int = sum(line.count("[") for line in _HEADER_LINE.findall(text))
    return opened - headers + 2


_HINT_START = {
    "framework": "start from frameworks/stem.toml or run `selfeval schema` to see the format",
    "evaluation": "an evaluation is written by selfeval itself; restore it from a backup",
}
