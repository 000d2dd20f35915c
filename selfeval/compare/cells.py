"""The rules for single cells of a table, below the records that are counted: complementary
suppression (`complement`), which counts a total may not show beside itself (`small_counts`),
and which levels an anonymised table counts only together (`hidden_levels`, `bands`). Apart from
`selfeval.compare.disclosure`, which protects whole tables, so that counting a distribution
(`records.distributions`) can ask them without an import cycle."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from selfeval.compare.distribution import Distribution

__all__ = [
    "band_words",
    "bands",
    "block_span",
    "blocks",
    "complement",
    "hidden_levels",
    "outermost",
    "sides",
    "small_counts",
    "without_empty_blocks",
]

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


def hidden_levels(dist: Distribution, good_from: int) -> frozenset[int]:
    """The levels of *dist* an anonymised table does not count one by one: on each side of
    good (below it, or good or better) where some level has fewer than `min_group` settings
    but some ("1 setting rated weak in this cluster"), its two outermost levels counted
    together ("5-6 very good or excellent": excellent and unsatisfactory are the rare ones)
    where that leaves no such count on the side; else the whole side, zeros too (a hatched
    level beside levels shown as 0 would be the side's total, known from the share good or
    better). Named tables, for internal use, keep every count."""
    hidden: set[int] = set()
    for side in sides(dist, good_from):
        counts = {v: dist.counts[v] for v in side}
        if not small_counts(counts, dist.min_group):
            continue
        pair = outermost(side, good_from)
        merged = {v: n for v, n in counts.items() if v not in pair}
        merged[min(pair)] = sum(counts[v] for v in pair)
        parted = len(pair) < len(side) and not small_counts(merged, dist.min_group)
        hidden |= pair if parted else side
    return frozenset(hidden)


def outermost(side: frozenset[int], good_from: int) -> frozenset[int]:
    """The two levels of *side* furthest from the line between good and below: 5 and 6, or 1
    and 2, on the six-point scale."""
    return frozenset(sorted(side, key=lambda v: abs(v - good_from + 0.5))[-2:])


def blocks(dist: Distribution, good_from: int) -> list[frozenset[int]]:
    """The levels *dist* counts only together, a block a side of good: its outermost two, or
    the whole side."""
    return [side & dist.hidden for side in sides(dist, good_from) if side & dist.hidden]


def without_empty_blocks(dist: Distribution, good_from: int) -> Distribution:
    """*dist* with each block of no settings shown level by level, as 0s: "5-6: 0" says each
    level has none, and its "*" beside it read as a count withheld (a committee reader's
    trial). Only once the groups are protected: it shows nothing that was not told."""
    empty = [b for b in blocks(dist, good_from) if not sum(dist.counts.get(v, 0) for v in b)]
    if not empty:
        return dist
    return replace(dist, hidden=dist.hidden.difference(*empty))


def bands(dist: Distribution, good_from: int) -> list[tuple[frozenset[int], int]]:
    """Each block of levels *dist* counts only together (`hidden_levels`) with its settings:
    "5-6: 12", "below good: 70". No more than the share good or better, n and the levels
    shown already tell, so the band is given wherever the row is: a committee reads a count
    on every row, not a hatched gap."""
    if dist.suppressed:
        return []
    return [(block, sum(dist.counts[v] for v in block)) for block in blocks(dist, good_from)]


def band_words(block: frozenset[int], good_from: int, word: Callable[[int], str]) -> str:
    """A block of levels counted together, as a table's key says it: "5-6 very good or
    excellent", "1-2 weak or unsatisfactory", or a whole side, "4-6 good or better", "1-3
    below good" (*word* gives a level's word in the framework's own scale)."""
    span = block_span(block)
    outward = sorted(block, key=lambda v: abs(v - good_from + 0.5))
    if min(block) == good_from:
        return f"{span} good or better"
    if max(block) == good_from - 1:
        return f"{span} below good"
    return f"{span} " + " or ".join(word(v) for v in outward)


def block_span(block: frozenset[int]) -> str:
    """A block of levels counted together as the brief's table and the chart print it: "5-6",
    "1-3" (one level alone: "6")."""
    return f"{min(block)}-{max(block)}" if len(block) > 1 else str(min(block))


def sides(dist: Distribution, good_from: int) -> tuple[frozenset[int], frozenset[int]]:
    """*dist*'s levels below good, and good or better."""
    below = frozenset(v for v in dist.counts if v < good_from)
    return below, frozenset(dist.counts) - below
