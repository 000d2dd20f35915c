"""The Scottish school year, without the models: the first look at a file (`digest.glance`)
needs it before pydantic loads."""

from __future__ import annotations

from datetime import date

__all__ = [
    "PLANNING_MONTHS",
    "SCHOOL_YEAR",
    "counted_year",
    "next_year",
    "previous_year",
    "school_year",
]

SCHOOL_YEAR = r"^\d{4}-\d{2}$"
"""How a school year is written ("2026-27"): in files, and checked by the model and the first
look alike."""


PLANNING_MONTHS = (6, 7)
"""June and July: the school year is ending and the next one is planned; a setting whose
evaluation of this year is marked complete may start next year's (`evaluation.opening`)."""


def school_year(when: date) -> str:
    """The Scottish school year a date falls in, e.g. "2026-27" (years start in August)."""
    start = when.year if when.month >= 8 else when.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def previous_year(year: str) -> str:
    """The school year before *year* ("2025-26" before "2026-27")."""
    start = int(year[:4]) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def next_year(year: str) -> str:
    """The school year after *year* ("2027-28" after "2026-27")."""
    start = int(year[:4]) + 1
    return f"{start}-{(start + 1) % 100:02d}"


def counted_year(year: str, today: date) -> str:
    """The school year a view is counted in: its own, but never one still to come (a laptop
    whose clock said 2031 made its view "2031-32"; moderating it must not create the team's
    evaluation for 2031-32): that counts with this school year."""
    return min(year, school_year(today))
