"""The school directory: find a school by a few letters of its name, or by its SEED code.

The table is `schools.csv` beside this module, written by `selfeval refresh-schools` from the
Scottish Government's published spreadsheet and never edited by hand. Its first lines (starting
with ``#``) say where it came from and under which licence.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["STAGE_OF_TYPE", "School", "by_seed", "find_schools", "load_directory"]

STAGE_OF_TYPE = {"Primary": "primary", "Secondary": "secondary", "Special": "asn"}
"""The framework stage of each school type: a special school is an ASN setting."""

COLUMNS = ("seed_code", "name", "local_authority", "school_type")


@dataclass(frozen=True)
class School:
    """One school of the directory."""

    seed_code: str
    name: str
    local_authority: str
    school_type: str
    """As published: Primary, Secondary or Special."""

    @property
    def stage(self) -> str | None:
        """The framework stage this school evaluates as (None for a type selfeval lacks)."""
        return STAGE_OF_TYPE.get(self.school_type)


@functools.cache
def load_directory() -> tuple[School, ...]:
    """Every school of the shipped table, in its order (by council, then name)."""
    text = resources.files("selfeval.schools").joinpath("schools.csv").read_text("utf-8")
    return parse_directory(text)


def parse_directory(text: str) -> tuple[School, ...]:
    """The schools of a directory table's *text* (comment lines skipped)."""
    lines = (line for line in io.StringIO(text) if not line.startswith("#"))
    reader = csv.DictReader(lines)
    return tuple(School(*(row[c] for c in COLUMNS)) for row in reader)


@functools.cache
def _by_seed() -> dict[str, tuple[School, ...]]:
    found: dict[str, list[School]] = {}
    for school in load_directory():
        found.setdefault(school.seed_code, []).append(school)
    return {seed: tuple(schools) for seed, schools in found.items()}


def by_seed(seed_code: str, name: str = "") -> School | None:
    """The school with *seed_code*, if it is in the directory. Some campuses list a primary
    and a secondary under one SEED code (Tobermory High School and Tobermory Primary School):
    then *name* decides, by the most words in common, and a tie gives None."""
    schools = _by_seed().get(seed_code.strip(), ())
    if len(schools) < 2:
        return schools[0] if schools else None
    words = set(name.casefold().split())
    scored = sorted(((len(words & set(s.name.casefold().split())), s) for s in schools),
                    key=lambda item: -item[0])  # fmt: skip
    return scored[0][1] if scored[0][0] > scored[1][0] else None


def find_schools(typed: str, limit: int = 5) -> list[School]:
    """Schools whose name contains what was *typed* (any case, at least three letters): names
    starting with it first, then those with a word starting with it, then the rest; ties in
    alphabetical order so the list never jumps about as letters are added."""
    wanted = " ".join(typed.casefold().split())
    if len(wanted) < 3:
        return []
    found = []
    for school in load_directory():
        name = school.name.casefold()
        at = name.find(wanted)
        if at < 0:
            continue
        rank = 0 if at == 0 else 1 if name[at - 1] in " -('" else 2
        found.append((rank, name, school.local_authority, school))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found[:limit]]
