"""The rules for single cells of a table, below the records that are counted: complementary
suppression (`complement`), which counts a total may not show beside itself (`small_counts`),
and which sides of good an anonymised table counts no level of (`hidden_sides`). Apart from
`selfeval.compare.disclosure`, which protects whole tables, so that counting a distribution
(`records.distributions`) can ask them without an import cycle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from selfeval.compare.records import Distribution

__all__ = ["bands", "complement", "hidden_sides", "sides", "small_counts"]

K = TypeVar("K", int, str, tuple[int, int])
"""What a table's entries are known by: a group's place in a row, a name, a (row, column)."""


def complement(sizes: Mapping[K, int], hidden: set[K], enough: Callable[[set[K]], bool]) -> set[K]:
    """*hidden* and, smallest first, as many of the other non-empty *sizes* as it takes for
    *enough* to hold of those hidden (or none is left): complementary suppression, the one
    rule by which every table of a comparison (groups of a split, calibration counts) keeps
    a withheld entry from being its total less the entries shown."""
    hidden = set(hidden)
    others = sorted((k for k, n in sizes.items() if n and k not in hidden),
                    key=lambda k: (sizes[k], k))  # fmt: skip
    while others and not enough(hidden):
        hidden.add(others.pop(0))
    return hidden


def small_counts(counts: Mapping[K, int], min_group: int) -> set[K]:
    """The *counts* not to show where their total is shown: each of fewer than *min_group*
    (but some), then the smallest others until those hidden hold *min_group* together."""
    small = {k for k, n in counts.items() if 0 < n < min_group}
    return complement(
        counts, small, lambda hidden: not hidden or sum(counts[k] for k in hidden) >= min_group
    )


def hidden_sides(dist: Distribution, good_from: int) -> frozenset[int]:
    """The levels of *dist* an anonymised table gives no count for: every level of each side
    of good (below it, or good or better) where some level has fewer than `min_group`
    settings but some ("1 setting rated weak in this cluster"). The whole side, zeros too:
    a hatched level beside levels shown as 0 would be the side's total, known from the
    share good or better. Named tables, for internal use, keep every count."""
    hidden: set[int] = set()
    for side in sides(dist, good_from):
        if small_counts({v: dist.counts[v] for v in side}, dist.min_group):
            hidden |= side
    return frozenset(hidden)


def sides(dist: Distribution, good_from: int) -> tuple[frozenset[int], frozenset[int]]:
    """*dist*'s levels below good, and good or better."""
    below = frozenset(v for v in dist.counts if v < good_from)
    return below, frozenset(dist.counts) - below


def bands(dist: Distribution, good_from: int) -> list[tuple[frozenset[int], int]]:
    """Each side of good whose levels *dist* does not count one by one (`hidden`), with its
    settings counted together: "good or better: 112". No more than the share good or better
    and n already tell (the side below good is n less the side above), so the band is given
    wherever the row is: a committee reads a count on every row, not a hatched gap."""
    if dist.suppressed:
        return []
    return [
        (side, sum(dist.counts[v] for v in side))
        for side in sides(dist, good_from)
        if side and side <= dist.hidden
    ]
