"""The published QI catalogues a framework's sections are keyed to, and a reference to one QI.

Kept apart from the framework's own content because stages, sections and QI groups all point
at these catalogues: each of them imports this module, and it imports none of them.
"""

from __future__ import annotations

from pydantic import Field, StrictBool

from selfeval.framework.types import FrameworkModel as _Model
from selfeval.framework.types import Id, Text

__all__ = ["Indicator", "QIHeaded", "QIRef", "ReferenceFramework", "qi_heading"]


class Indicator(_Model):
    """One quality indicator of a reference framework, e.g. HGIOS4 QI 2.3."""

    id: Id
    """Its number or slug as the reference framework prints it, e.g. "2.3"."""
    title: Text
    """Its title, e.g. "Learning, teaching and assessment"."""
    category: Text
    """The area it belongs to, e.g. "Learning provision"."""
    lead: Text | None = None
    """Which inspectorate leads on it where two share the framework, e.g. "Care Inspectorate"."""


class ReferenceFramework(_Model):
    """A published framework of quality indicators that sections are keyed to (HGIOS4, HGIOELC,
    the 2025 ELC quality improvement framework)."""

    id: Id
    """How sections refer to it, e.g. "hgios4"."""
    title: Text
    """Its full title."""
    short_title: Text
    """Its usual abbreviation, e.g. "HGIOS4"."""
    published: Text | None = None
    """When the version followed here was published, e.g. "September 2025"."""
    source: Text | None = None
    """Where its current wording is published, so a reader can check it."""
    numbered: StrictBool = True
    """Whether its QIs have numbers ("QI 2.3"); the 2025 ELC framework's have titles only."""
    broad: StrictBool = False
    """Whether its QIs are broader than a section, so that several sections may feed one (the
    2025 ELC framework has 11 QIs where HGIOELC had 15); each QI is then judged on the
    statements of all its sections together."""
    level_words: dict[int, Text] = Field(default_factory=dict)
    """Scale words this framework's inspectorate uses instead of the scale's own, by value
    (the Care Inspectorate calls level 3 "adequate")."""
    indicators: tuple[Indicator, ...] = Field(min_length=1)
    """Its quality indicators."""

    def label(self, indicator_id: str) -> str:
        """How a QI is named before its title: "QI 2.3", or nothing where QIs have no number."""
        return f"QI {indicator_id}" if self.numbered else ""


class QIRef(_Model):
    """A reference from a section to one quality indicator of a reference framework."""

    framework: Id
    """The reference framework's id, e.g. "hgios4"."""
    id: Id
    """The indicator's id there, e.g. "1.3"."""


def qi_heading(label: str, title: str) -> str:
    """A QI named in full, its label (`ReferenceFramework.label`) before its title: "QI 1.3
    Leadership of change", or the title alone where QIs have no number ("Curriculum")."""
    return f"{label} {title}" if label else title


class QIHeaded:
    """A mixin for a QI's row of results that carries its *label* and *title*: one rule,
    `qi_heading`, names it in full wherever it is listed."""

    label: str
    title: str

    @property
    def heading(self) -> str:
        """Its label and title, e.g. "QI 1.3 Leadership of change" or "Curriculum"."""
        return qi_heading(self.label, self.title)
