"""The Scottish school year, without the models: the first look at a file (`digest.glance`)
needs it before pydantic loads."""

from __future__ import annotations

from datetime import date

__all__ = ["SCHOOL_YEAR", "school_year"]

SCHOOL_YEAR = r"^\d{4}-\d{2}$"
"""How a school year is written ("2026-27"): in files, and checked by the model and the first
look alike."""


def school_year(when: date) -> str:
    """The Scottish school year a date falls in, e.g. "2026-27" (years start in August)."""
    start = when.year if when.month >= 8 else when.year - 1
    return f"{start}-{(start + 1) % 100:02d}"
