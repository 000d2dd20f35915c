"""What reading one file for a comparison can give: its levels, word that it belongs to
another framework or is a colleague's view, inspection grades, or why it cannot be read.

Apart from `bulk` (which reads many files and caches these) and `reading` (which makes one from
an evaluation, with the models): both need the types, and neither the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfeval.compare.records import Record

if TYPE_CHECKING:
    from selfeval.compare.inspections import InspectionFile

__all__ = [
    "Contribution",
    "FileResult",
    "Inspections",
    "OtherFramework",
    "Scored",
    "Unreadable",
]


@dataclass(frozen=True)
class Scored:
    """An evaluation of the framework being compared, reduced to its levels."""

    record: Record
    framework_id: str
    framework_hash: str
    """The content hash of the framework it was scored against; a changed framework rescores."""


@dataclass(frozen=True)
class OtherFramework:
    """An evaluation answered against another framework than the one compared."""

    framework_id: str


@dataclass(frozen=True)
class Contribution:
    """One colleague's own view of a setting: moderated into the setting's evaluation, never
    counted as a setting of its own."""

    setting: str
    framework_id: str


@dataclass(frozen=True)
class Inspections:
    """A file of inspection grades (one big file: read whole, never cached)."""

    grades: InspectionFile


@dataclass(frozen=True)
class Unreadable:
    """A file that cannot be compared, and why in one line."""

    reason: str
    framework_hash: str | None = None
    """Set when the reason depends on a framework (then valid only while it is unchanged)."""
    cacheable: bool = True
    """False when the reason may pass by itself (a file we could not open, a missing framework)."""


FileResult = Scored | OtherFramework | Inspections | Unreadable | Contribution
