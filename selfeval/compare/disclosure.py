"""What a comparison may show, in one place: every table's distributions (`sections`), each
QI's protected across the groups of a split (`protect`), so that no group too small to show
can be worked out from the whole and the groups that are shown; every table, chart and CSV
of a run reads its counts from here, so nothing one withholds is given by another."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from selfeval.compare.cells import (
    band_words,
    bands,
    blocks,
    complement,
    hidden_levels,
    outermost,
    sides,
    small_counts,
    without_empty_blocks,
)
from selfeval.compare.crossing import across_splits
from selfeval.compare.records import (
    INSPECTION,
    NOT_RECORDED,
    SELF,
    STAGE_NOT_KNOWN,
    WITHHELD_PROTECT,
    Collection,
    Distribution,
    Kind,
    LevelScale,
    Part,
    Record,
    distributions,
    group_records,
)
from selfeval.compare.strata import SCHOOL_STAGES
from selfeval.digest.framework import QIColumn

__all__ = [
    "CODED_SAID",
    "TOGETHER_SAID",
    "WITHHELD_PROTECT",
    "Section",
    "band_words",
    "bands",
    "blocks",
    "complement",
    "hidden_levels",
    "protect",
    "protected_groups",
    "sections",
    "small_counts",
]


def _protect_cells(rows: Sequence[Distribution], good_from: int) -> list[Distribution]:
    """*rows* (one QI across a split's groups, the whole shown too), with levels counted only
    together in more groups wherever one group's would be the whole's less the others shown:
    for each level some group counts only with others, smallest first, more groups do
    (`complement`, the rule of every table; each its smallest block that holds the level: the
    side's outermost two, or the side) until at least two do and, together, they have none or
    at least `min_group` at that level. Again until no group is added: one added for a level
    may bring another of its block into question."""
    out = list(rows)
    least = max(d.min_group for d in rows)
    changed = True
    while changed:
        changed = False
        for side in sides(rows[0], good_from):
            pair = outermost(side, good_from)
            sizes = {n: sum(d.counts[v] for v in side) for n, d in enumerate(rows)}
            for v in sorted(frozenset().union(*(d.hidden & side for d in out))):
                hiders = {n for n, d in enumerate(out) if d.suppressed or v in d.hidden}

                def enough(chosen: set[int], v: int = v) -> bool:
                    together = sum(rows[n].counts[v] for n in chosen)
                    return len(chosen) >= 2 and not 0 < together < least

                block = pair if v in pair else side
                for n in complement(sizes, hiders, enough) - hiders:
                    out[n] = replace(out[n], hidden=out[n].hidden | block)
                    changed = True
    return out


def protect(rows: Sequence[Distribution], good_from: int | None = None) -> list[Distribution]:
    """*rows* (one QI's distributions in each group of a split whose total is also shown),
    with the smallest others withheld wherever one is not shown (too few, or `banded`): until
    what the total less the groups shown would give (those not shown together) could itself
    be shown, or none is left; so no group's levels can be worked out from the others. In an
    anonymised table (some row with `hidden` levels, given *good_from*), the hidden sides of
    good are protected across the groups alike (`_protect_cells`)."""
    if good_from is not None and rows and any(d.hidden for d in rows):
        rows = _protect_cells(rows, good_from)
    hidden = {n for n, d in enumerate(rows) if d.suppressed}  # withheld elsewhere too
    if not hidden:
        return list(rows)
    sizes = {n: 0 if d.suppressed else d.with_level for n, d in enumerate(rows)}
    withheld = complement(sizes, hidden, lambda h: _showable([rows[n] for n in sorted(h)]))
    return [replace(d, withheld=True) if n in withheld - hidden else d for n, d in enumerate(rows)]


def _showable(hidden: Sequence[Distribution]) -> bool:
    """Whether the groups not shown, taken together (the total less the groups shown), may be
    known: more than one group, at least the threshold, and not `banded` together."""
    together = replace(
        hidden[0],
        with_level=sum(d.with_level for d in hidden),
        good_or_better=sum(d.good_or_better for d in hidden),
        withheld=False,
    )
    return len(hidden) > 1 and not together.too_few and not together.banded and not _pinned(hidden)


def _pinned(hidden: Sequence[Distribution]) -> bool:
    """Whether the groups not shown, known together, would pin each to one end of what is
    said of it: two clusters said "5 or 6 of 6", the 12 together all good or better, are both
    6 of 6 (a trial so found every school of two clusters good or better); and none good, or
    all, of groups said nothing of is each one's none, or all."""
    low = high = 0
    for d in hidden:
        if d.banded and not d.too_few and not d.coded:  # said as "0 or 1 of n", or "n-1 or n of n"
            least = 0 if d.good_or_better <= 1 else d.with_level - 1
            low, high = low + least, high + least + 1
        else:
            high += d.with_level
    return sum(d.good_or_better for d in hidden) in (low, high)


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
        safe_rows = protect([d for _, d in rows], scale.good_from)
        for (name, _), dist in zip(rows, safe_rows, strict=True):
            safe[(name, dist.qi.id)] = dist
    own = {name: [safe[(name, d.qi.id)] for d in dists] for name, dists in every.items()}
    protected = across_splits(groups, own, scale, protect)
    return {
        name: [without_empty_blocks(d, scale.good_from) for d in dists]
        for name, dists in protected.items()
    }


@dataclass(frozen=True)
class Section:
    """One table of a comparison: a kind of record, the settings of one reference framework
    (*part*, named where the comparison has several), and a group of them."""

    kind: Kind
    part: Part
    several: bool
    """Whether the comparison has other parts (its tables then say which QIs they are)."""
    group: str
    records: list[Record]
    dists: list[Distribution]

    @property
    def settings(self) -> int:
        """How many settings (or schools graded) the table counts."""
        return len(self.records)


def sections(
    collection: Collection, scale: LevelScale, by: str | None, min_group: int, named: bool = False
) -> list[Section]:
    """Every table, for each kind present and each set of QIs (schools' HGIOS4, nurseries'
    HGIOELC or 2025 framework: never merged under one number), overall then per group
    (*named*: stages in words and in the framework's order, for people; else by id)."""
    framework = (collection.facts or SCHOOL_STAGES) if named else None
    out = []
    for kind in (SELF, INSPECTION):
        parts = collection.parts(collection.of_kind(kind))
        for part in parts:
            several, records, columns = len(parts) > 1, part.records, part.columns
            dists = distributions(records, columns, scale, min_group)
            out.append(Section(kind, part, several, "all", records, dists))
            if by is None:
                continue
            groups = group_records(records, by, framework)
            if set(groups) <= {NOT_RECORDED, STAGE_NOT_KNOWN}:
                continue  # none has the place recorded (inspection grades and clusters)
            protected = protected_groups(groups, dict.fromkeys(groups, columns), scale, min_group)
            for group, members in groups.items():
                out.append(Section(kind, part, several, group, members, protected[group]))
    return out


WITHHELD_CELL = "withheld: counted only with other levels (fewer than the threshold at one)"
"""Said on an anonymised summary.csv's row of a level whose count is hidden: on its side of
good some level has fewer settings than the threshold (`hidden_levels`)."""
CODED_SAID = (
    "Anonymised: no setting is named or coded, settings are only counted by group, and a group "
    "of fewer than {min_group} settings is withheld or counted with others. "
    "Withheld: a small group, or shown it would give one away."
)
"""Said at the foot of every chart of an anonymised run: what it is, wherever it goes. What
its hatching stands for each chart says itself (`TOGETHER_SAID`): the heatmap's is of two
kinds, and a foot that said "hatched, counted together" and then "Hatched: fewer than 5"
said two things of one pattern."""
TOGETHER_SAID = (
    "counted together where fewer than {min_group} settings (but some) are at a level (the "
    "two furthest from good on that side, or the whole side, below good or good or better)"
)
"""What an anonymised chart's hatching in a box stands for, in the chart's own sentence."""
