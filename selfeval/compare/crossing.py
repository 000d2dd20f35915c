"""Protection across the splits of one set of settings: an anonymised paper split by stage and
another split by cluster, read side by side, must not give a small cell away between them.

Each paper's own tables are protected against its whole less its other groups (`disclosure.
protect`). Two papers split differently meet where a group of one holds a group of the other:
the special schools, all of them in one cluster, make that cluster less its special schools a
table of its own, worked out by subtraction. So every split is protected as if all were
published (they may be: a paper needs no more than `--by`), and where one group holds another,
what the two show of the same levels must not leave fewer than the threshold (but some) as
their difference: the smaller group counts those levels only with others or, where the
difference is a small group itself, shows nothing. The same settings under two names (a
cluster of only primaries) show the same. Decided over every split at once, so a paper
withholds the same whichever split it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from selfeval.compare.cells import outermost, sides
from selfeval.compare.records import Distribution, LevelScale, Record, distributions, group_records

__all__ = ["SPLITS", "across_splits"]

SPLITS = ("authority", "cluster", "stage")
"""Every grouping a comparison can be split by."""

Protect = Callable[[Sequence[Distribution], int], list[Distribution]]
"""`disclosure.protect`: one split's groups protected against the whole less the others."""


def across_splits(
    groups: Mapping[str, Sequence[Record]],
    protected: Mapping[str, Sequence[Distribution]],
    scale: LevelScale,
    protect: Protect,
) -> dict[str, list[Distribution]]:
    """*protected* (*groups*' distributions, protected within their split by *protect*), with
    more levels counted only together, or more groups withheld, wherever another split of the
    same settings would give a small cell away (see the module). Named papers, for internal
    use, are returned as they are."""
    records = [record for members in groups.values() for record in members]
    out = {name: list(dists) for name, dists in protected.items()}
    if not any(record.coded for record in records):
        return out
    splits = [list(groups.values())]
    splits += [list(group_records(records, field).values()) for field in SPLITS]
    held = _held_pairs([[_ids(m) for m in split] for split in splits])
    least = max((d.min_group for dists in protected.values() for d in dists), default=1)
    qis = list({d.qi.id: d.qi for dists in protected.values() for d in dists}.values())
    counted = [[{d.qi.id: d for d in distributions(m, qis, scale, least)} for m in split]
               for split in splits[1:]]  # fmt: skip
    for qi in qis:
        own = {name: next((d for d in dists if d.qi.id == qi.id), None)
               for name, dists in out.items()}  # fmt: skip
        tables = [list(own.values())]
        tables += [[dists.get(qi.id) for dists in split] for split in counted]
        while True:
            for split in tables:
                _protect(split, protect, scale.good_from)
            if not _cross(tables, held, scale.good_from):
                break
        for name, dist in zip(own, tables[0], strict=True):
            if dist is not None:
                out[name] = [dist if d.qi.id == qi.id else d for d in out[name]]
    return out


Place = tuple[int, int]
"""A table's split and its group's place in it."""


def _ids(members: Sequence[Record]) -> frozenset[int]:
    return frozenset(id(record) for record in members)


def _held_pairs(splits: Sequence[Sequence[frozenset[int]]]) -> list[tuple[Place, Place]]:
    """Every pair of groups of different splits of which the first holds the second (or both
    the same settings), worked out once for every QI; the smallest held first."""
    pairs = []
    for n, split in enumerate(splits):
        for m in range(n + 1, len(splits)):
            for i, one in enumerate(split):
                for j, two in enumerate(splits[m]):
                    if two <= one:
                        pairs.append((len(two), (n, i), (m, j)))
                    elif one < two:
                        pairs.append((len(one), (m, j), (n, i)))
    return [(big, small) for _, big, small in sorted(pairs)]


def _protect(split: list[Distribution | None], protect: Protect, good_from: int) -> None:
    """*split*'s tables protected against its whole less its other groups, in place (a group
    without the QI, None, is left out)."""
    places = [n for n, d in enumerate(split) if d is not None]
    safe = protect([d for d in split if d is not None], good_from) if places else []
    for n, dist in zip(places, safe, strict=True):
        split[n] = dist


def _cross(
    tables: list[list[Distribution | None]], held: Sequence[tuple[Place, Place]], good_from: int
) -> bool:
    """The first pair of tables of which one holds the other that is not yet safe made so
    (the smaller giving way): whether there was one. One at a time, the smallest first, each
    split protected again before the next (`across_splits`): a group withheld to protect
    another may make a later pair safe already (special schools withheld, so must be the
    primaries, the stage's only other group, and a cluster of primaries need not be)."""
    for (n, i), (m, j) in held:
        big, small = tables[n][i], tables[m][j]
        if big is None or small is None or not (big.with_level and small.with_level):
            continue
        if big.with_level == small.with_level and big.counts == small.counts:
            pair = _same(big, small)
        else:
            pair = _held(big, small, good_from)
        if pair != (big, small):
            tables[n][i], tables[m][j] = pair
            return True
    return False


def _same(one: Distribution, two: Distribution) -> tuple[Distribution, Distribution]:
    """The same settings under two names show the same: what either hides, both do."""
    if one.suppressed != two.suppressed:
        return replace(one, withheld=True), replace(two, withheld=True)
    hidden = one.hidden | two.hidden
    return replace(one, hidden=hidden), replace(two, hidden=hidden)


def _held(
    big: Distribution, small: Distribution, good_from: int
) -> tuple[Distribution, Distribution]:
    """*big* less *small* is a table anyone can work out from the two: where it would be a
    group too small to show, *small* is withheld; where one of its levels, or blocks counted
    together, would have fewer than the threshold but some, *small* counts that level only
    with others."""
    if big.suppressed or small.suppressed:
        return big, small  # the difference is unknown
    counts = {v: big.counts[v] - small.counts[v] for v in big.counts}
    rest = replace(big, counts=counts, with_level=big.with_level - small.with_level,
                   good_or_better=big.good_or_better - small.good_or_better)  # fmt: skip
    if rest.too_few or rest.banded:
        return big, replace(small, withheld=True)
    for unit in _units(big, good_from):
        known = _known(big, unit, good_from) and _known(small, unit, good_from)
        if known and 0 < sum(counts[v] for v in unit) < small.min_group:
            side = next(s for s in sides(big, good_from) if unit <= s)
            block = outermost(side, good_from)
            return big, replace(small, hidden=small.hidden | (block if unit <= block else side))
    return big, small


def _units(dist: Distribution, good_from: int) -> list[frozenset[int]]:
    """What a table can give of a side of good: each level, and its outermost two together."""
    out = [frozenset({v}) for v in dist.counts]
    return out + [outermost(side, good_from) for side in sides(dist, good_from) if len(side) > 2]


def _known(dist: Distribution, unit: frozenset[int], good_from: int) -> bool:
    """Whether *dist* tells how many settings are at *unit*'s levels: each counted on its own,
    or together as one of its blocks."""
    if not unit & dist.hidden:
        return True
    side = next(s for s in sides(dist, good_from) if unit <= s)
    return unit <= dist.hidden and dist.hidden & side == unit
