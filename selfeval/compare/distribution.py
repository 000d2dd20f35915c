"""How many settings are at each level of one QI, and what of that a table may show: the
counts, the share good or better, or neither (too few settings, a small group nearly all on
one side of good, or withheld to protect another)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from selfeval.digest.framework import QIColumn

__all__ = ["ONE_SIDED", "WITHHELD_PROTECT", "Distribution"]

WITHHELD_PROTECT = "withheld to protect a smaller group"
"""Said of a group large enough to show that is not shown, so that a smaller group's levels
cannot be worked out from the total and the others (`selfeval.compare.disclosure.protect`)."""


ONE_SIDED = "withheld: a small group, or shown it would give one away"
"""Said of a `banded` group of an anonymised paper, which gives no band (`Distribution.coded`),
and of one withheld to protect another, alike: told apart, the words were the band (a group
"all or all but one on one side of good" is one of four numbers)."""


@dataclass(frozen=True)
class Distribution:
    """How many settings are at each level of one QI."""

    qi: QIColumn
    counts: dict[int, int]
    """Settings at each level, keyed by level value (highest first)."""
    with_level: int
    """Settings that have a level for this QI."""
    without_level: int
    """Settings left out of this QI: not enough evidence, not graded, or not asked."""
    good_or_better: int
    """Settings at the scale's "good" or above."""
    min_group: int = 1
    """Fewer settings with a level than this: neither their levels nor their share is shown,
    as counts or as percentages (the levels of two settings in a group of two are theirs)."""
    withheld: bool = False
    """Not shown although large enough, so that a smaller group's levels cannot be worked out
    from the total and the other groups (complementary suppression: `protect`)."""
    hidden: frozenset[int] = frozenset()
    """Levels counted only together (anonymised tables only): a side of good's outermost two,
    or the whole side, where a level has fewer than `min_group` settings, or where counted
    one by one they would give one away (`cells.hidden_levels`, `disclosure.protect`)."""
    coded: bool = False
    """Counted for an anonymised paper: where `banded`, not even the band is given. Read
    beside the total, the other groups and a paper split another way, "5 or 6 of 6" and "0
    or 1 of 5" were each undone to a number, and that number named a cluster's every primary
    below good (a committee-reader trial)."""

    @property
    def too_few(self) -> bool:
        """Whether some settings have a level, but too few to show."""
        return 0 < self.with_level < self.min_group

    @property
    def banded(self) -> bool:
        """Whether its share is shown only as a band: in a group of fewer than twice the
        threshold, at most one setting with a level on one side of good. "0% of 5" says every
        setting of the group is below good (a group disclosure); banding 1 of n with 0, and
        hiding the counts, leaves "0 or 1 of 5" (a group's "under 20%" would be 0 alone)."""
        n, good = self.with_level, self.good_or_better
        small = self.min_group > 1 and self.min_group <= n < 2 * self.min_group
        return small and (good <= 1 or good >= n - 1)

    @property
    def suppressed(self) -> bool:
        """Whether its levels are not to be shown: too few, banded, or withheld to protect
        another."""
        return self.too_few or self.withheld or self.banded

    @property
    def shown_counts(self) -> dict[int, int | None] | None:
        """The settings at each level, where shown (None where suppressed, or `hidden`)."""
        return None if self.suppressed else {v: None if v in self.hidden else n
                                             for v, n in self.counts.items()}  # fmt: skip

    @property
    def percent_good_or_better(self) -> float | None:
        """Percentage of settings with a level that are good or better (None when there are
        none, or it is suppressed)."""
        if not self.with_level or self.suppressed:
            return None
        return 100.0 * self.good_or_better / self.with_level

    def share(self) -> str:
        """Good or better in words for a chart or table: "60%"; "fewer than 5" where too few
        settings have a level to show; "0 or 1 of 5" or "4 or 5 of 5" where `banded`; "withheld
        to protect a smaller group" where shown it would give another's away (not "too few": a
        group of 12 was said to be too few); "-" when no setting has a level."""
        pct = self.percent_good_or_better
        if pct is not None:
            return f"{math.floor(pct + 0.5)}%"  # half up: 5 of 8 is 63%, not 62% (to even)
        if self.too_few:
            return f"fewer than {self.min_group}"
        if self.coded and (self.banded or self.withheld):
            return ONE_SIDED
        if self.banded and not self.withheld:
            n = self.with_level
            return f"0 or 1 of {n}" if self.good_or_better <= 1 else f"{n - 1} or {n} of {n}"
        return WITHHELD_PROTECT if self.withheld else "-"

    @property
    def not_shown(self) -> str:
        """Why its levels are not drawn, said on its row of a chart ("" where they are)."""
        if self.too_few:
            return f"not shown: fewer than {self.min_group} settings with a level"
        if self.coded and (self.banded or self.withheld):
            return ONE_SIDED
        if self.withheld:
            return WITHHELD_PROTECT
        return "counts not shown: a small group, its share as a band" if self.banded else ""
