"""The settings an authority expects to hand in, and which of them have not: its list of SEED
codes (a CSV or text file), or its schools in the bundled school directory.

A submission is matched by the SEED code its evaluation records. An evaluation with none (a
nursery, a setting that typed its name rather than picking it from the list) is matched by its
setting's name instead, and said to be, so an officer can check it is the same setting."""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from selfeval.authority.inbox import Submitted
from selfeval.errors import ListError, SelfevalError
from selfeval.files.toml import read_regular
from selfeval.schools.directory import by_seed, load_directory

__all__ = ["Expected", "Outstanding", "authority_list", "outstanding", "read_list"]

SEED = re.compile(r"^\d{7}$")
_SEED_COLUMNS = ("seed_code", "seed code", "seed", "seedcode", "seed_number")
_NAME_COLUMNS = ("name", "setting", "school", "school name", "setting name")
_LIST_BYTES = 5_000_000
"""The largest list read: every school in Scotland is a few hundred kilobytes."""


@dataclass(frozen=True)
class Expected:
    """One setting on the authority's list."""

    seed_code: str
    name: str
    """Its name, from the list or the school directory ("" where neither gives one)."""

    def __str__(self) -> str:
        return f"{self.name} ({self.seed_code})" if self.name else self.seed_code


@dataclass(frozen=True)
class Outstanding:
    """The list against the inbox."""

    listed: int
    missing: list[Expected]
    """On the list, with nothing handed in."""
    by_name: list[Expected]
    """Matched by setting name alone: the evaluation handed in records no SEED code."""


def outstanding(expected: Sequence[Expected], submissions: Sequence[Submitted]) -> Outstanding:
    """Which of *expected* have handed in nothing (any version, any year in the inbox)."""
    seeds = {s.seed_code for s in submissions if s.seed_code}
    names = {_folded(s.setting) for s in submissions if not s.seed_code}
    missing, by_name = [], []
    for setting in expected:
        if setting.seed_code in seeds:
            continue
        if setting.name and _folded(setting.name) in names:
            by_name.append(setting)
        else:
            missing.append(setting)
    return Outstanding(len(expected), missing, by_name)


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def authority_list(name: str) -> list[Expected]:
    """The schools of the council *name* in the bundled directory ("Fife", "Fife Council")."""
    councils = sorted({s.local_authority for s in load_directory()})
    wanted = _folded(name).removesuffix(" council").removesuffix(" city council").strip()
    found = [c for c in councils if _folded(c) in (wanted, f"{wanted} city", f"city of {wanted}")]
    if not found:
        close = difflib.get_close_matches(name.strip().title(), councils, n=3, cutoff=0.5)
        hint = f"did you mean {' or '.join(close)}?" if close else "e.g. --authority Fife"
        raise SelfevalError(
            f"no council called {name!r} in the school directory",
            f"{hint} (the council's name as the Scottish Government lists it)",
        )
    return [
        Expected(s.seed_code, s.name) for s in load_directory() if s.local_authority == found[0]
    ]


def read_list(path: Path) -> list[Expected]:
    """The SEED codes in *path*: one a line, or a CSV with a SEED code column (and, if it has
    one, a name column); a clear error naming the line for anything else."""
    text = _text_of(path)
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise SelfevalError(
            f"{path.name} lists no settings", "put one SEED code a line, or a seed_code column"
        )
    first = next(csv.reader([lines[0][1]]))
    if SEED.match(first[0].strip().strip('"')) or (len(first) == 1 and not _is_header(first)):
        return _codes(path, lines)
    return _rows(path, text)


def _text_of(path: Path) -> str:
    """The list's text, read as every file someone may name is (`read_regular`): only a
    regular file, and no more than its limit (it read a pipe until a writer came, forever,
    and read a huge file whole before looking at its size)."""
    try:
        data = read_regular(path, ListError, "list of settings", _LIST_BYTES)
    except ListError as exc:
        problem = exc.problems[0]
        if problem.message == "no such file":
            raise SelfevalError(
                f"the list {path} does not exist", "name a CSV or text file of SEED codes"
            ) from None
        raise SelfevalError(f"the list {path}: {problem.message}", problem.hint) from None
    if data.startswith(b"PK") or b"\x00" in data:
        raise SelfevalError(
            f"{path.name} is not a text or CSV file (a spreadsheet, or something else)",
            "save it from Excel as CSV (File > Save As > CSV UTF-8), or list one SEED code a line",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")  # a CSV from an older Excel


def _is_header(cells: Sequence[str]) -> bool:
    return any(c.strip().casefold() in _SEED_COLUMNS for c in cells)


def _codes(path: Path, lines: list[tuple[int, str]]) -> list[Expected]:
    found: dict[str, Expected] = {}
    for number, line in lines:
        code = line.split(",")[0].strip().strip('"')
        if not SEED.match(code):
            raise SelfevalError(
                f"{path.name}, line {number}: {line.strip()[:40]!r} is not a SEED code",
                "a SEED code is seven digits, e.g. 5237521; one a line",
            )
        school = by_seed(code)
        found.setdefault(code, Expected(code, school.name if school else ""))
    return list(found.values())


def _rows(path: Path, text: str) -> list[Expected]:
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().casefold(): c for c in reader.fieldnames or []}
    seed_column = next((columns[c] for c in _SEED_COLUMNS if c in columns), None)
    if seed_column is None:
        raise SelfevalError(
            f"{path.name} has no SEED code column (its columns: {', '.join(columns) or 'none'})",
            "name the column seed_code, or list one SEED code a line",
        )
    name_column = next((columns[c] for c in _NAME_COLUMNS if c in columns), None)
    found: dict[str, Expected] = {}
    for row in reader:
        code = (row.get(seed_column) or "").strip()
        if not SEED.match(code):
            raise SelfevalError(
                f"{path.name}, line {reader.line_num}: {code[:40]!r} in {seed_column} is not "
                "a SEED code",
                "a SEED code is seven digits, e.g. 5237521",
            )
        school = by_seed(code)
        name = (row.get(name_column) or "").strip() if name_column else ""
        name = "".join(c for c in name if c.isprintable())[:300]  # never a terminal's code
        found.setdefault(code, Expected(code, name or (school.name if school else "")))
    return list(found.values())
