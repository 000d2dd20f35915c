"""Small groups protected across a split: the distributions of every group, each QI's
protected across the groups (`protect`), so that no group too small to show can be worked out
from the whole and the groups that are shown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from selfeval.compare.records import Distribution, LevelScale, Record, distributions, protect
from selfeval.digest.framework import QIColumn

__all__ = ["protected_groups"]


def protected_groups(
    groups: Mapping[str, Sequence[Record]],
    columns: Mapping[str, Sequence[QIColumn]],
    scale: LevelScale,
    min_group: int,
) -> dict[str, list[Distribution]]:
    """Each group's distributions over its *columns* (by group name), protected across every
    group: with the whole shown elsewhere, a small group's levels must not be the whole less
    the others."""
    every = {
        name: distributions(members, columns[name], scale, min_group)
        for name, members in groups.items()
    }
    by_qi: dict[str, list[tuple[str, Distribution]]] = {}
    for name, dists in every.items():
        for dist in dists:
            by_qi.setdefault(dist.qi.id, []).append((name, dist))
    safe: dict[tuple[str, str], Distribution] = {}
    for rows in by_qi.values():
        for (name, _), dist in zip(rows, protect([d for _, d in rows]), strict=True):
            safe[(name, dist.qi.id)] = dist
    return {name: [safe[(name, d.qi.id)] for d in dists] for name, dists in every.items()}
