"""A QI a setting is given a level for, with the sections whose statements feed it.

Not a part of the framework file but derived from it (`Framework.groups`): scoring, moderation
and comparisons all judge by these groups, so the type has a module of its own, below the
framework model that builds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from selfeval.framework.reference import Indicator, QIRef
from selfeval.framework.sections import Section, Theme

__all__ = ["QIGroup"]


@dataclass(frozen=True, eq=False)
class QIGroup:
    """One QI a setting is given a level for, and the sections whose statements feed it."""

    ref: QIRef
    indicator: Indicator
    sections: tuple[Section, ...]
    asked: tuple[str, ...]
    """The ids of its statements asked of the setting, in framework order."""
    whole: bool = True
    """Whether every theme of its sections feeds it (a theme may feed another QI: `Theme.qi`)."""

    @cached_property
    def themes(self) -> tuple[tuple[Theme, tuple[str, ...]], ...]:
        """Each theme with statements asked, and their ids: a QI is judged whole, so a theme
        with nothing rated keeps it from the top levels."""
        asked = set(self.asked)
        found = (
            (theme, tuple(s.id for s in theme.statements if s.id in asked))
            for section in self.sections
            for theme in section.themes
        )
        return tuple((theme, ids) for theme, ids in found if ids)

    @cached_property
    def theme_at(self) -> dict[str, int]:
        """Which of `themes` each statement asked is in, by its place there."""
        return {sid: n for n, (_, ids) in enumerate(self.themes) for sid in ids}

    @cached_property
    def critical(self) -> tuple[str, ...]:
        """The ids of its critical statements asked (see `Statement.critical`)."""
        return tuple(
            s.id for section in self.sections for s in section.statements
            if s.critical and s.id in self.asked
        )  # fmt: skip

    @cached_property  # asked for every QI of every file in a comparison
    def key(self) -> str:
        """Where the setting's agreed level, target and actions for it are kept: the section
        id where one whole section feeds it (as before broad frameworks existed), else
        "framework:qi" (e.g. "elc-qif:curriculum")."""
        if len(self.sections) == 1 and self.whole:
            return self.sections[0].id
        return f"{self.ref.framework}:{self.ref.id}"

    @cached_property
    def earlier_keys(self) -> tuple[str, ...]:
        """Keys this QI's level, target and actions may have been kept under by an earlier
        version of the framework, before sections or themes moved between broad QIs: its
        "framework:qi", and the ids of its sections whose own QI it is."""
        own = [section.id for section in self.sections if any(r == self.ref for r in section.qi)]
        found = [f"{self.ref.framework}:{self.ref.id}", *own]
        return tuple(key for key in dict.fromkeys(found) if key != self.key)
