"""Anonymised comparisons for committee papers: settings shown as codes, the key kept apart,
and nothing beside a code that would pick out a setting in a small group.

Every name, SEED code and file name in the comparison is replaced by a code ("Setting 07"),
given in an order that says nothing (not alphabetical, not by level). The key from codes to
settings is returned to be written to a separate file, which the papers never contain.

A code alone hides little where the cluster beside it has one school: "[Ardbrae cluster]
Setting 28" is the Ardbrae school. So the fields that place a setting (authority, cluster,
stage) are kept only where at least the threshold of settings share everything kept
(`coarsened`); the date an evaluation was saved is dropped (its school year stays); and an
inspection record gets a code of its own, never its school's self-evaluation code, since its
published grades would name the school behind that code.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from selfeval.compare import MIN_GROUP
from selfeval.compare.records import INSPECTION, SELF, Collection, LeftOut, Record
from selfeval.compare.strata import councils
from selfeval.evaluation.years import school_year

__all__ = ["PLACES", "Key", "anonymise", "coarsened", "not_shown", "places_not_shown"]

Key = dict[str, tuple[str, str]]
"""Code to (setting name, SEED code or "")."""

PLACES = ("authority", "cluster", "stage")
"""The fields that place a setting, which a small group's setting would be known by."""


def not_shown(field: str) -> str:
    """What stands in a field withheld by `coarsened`: "cluster not shown"."""
    return f"{field} not shown"


def anonymise(
    collection: Collection,
    rng: random.Random | None = None,
    by: str | None = None,
    min_group: int = MIN_GROUP,
) -> tuple[Collection, Key]:
    """*collection* with settings as codes, and the key. Files left out are counted, not named:
    their names would name the settings. Places are coarsened for groups of fewer than
    *min_group* settings (`coarsened`, keeping *by* where it can), for the group tables
    alone: no output prints a code beside its levels or a place (every table, chart and CSV
    of an anonymised run counts settings by group: `selfeval.compare.disclosure.sections`)."""
    rng = rng or random.Random()
    own = sorted({r.name for r in collection.records if r.kind != INSPECTION})
    own = sorted(set(own) | set(collection.in_moderation))
    graded = sorted({r.name for r in collection.records if r.kind == INSPECTION})
    codes = _codes(own, "Setting", rng)
    inspected = _codes(graded, "Inspected school", rng)
    seeds = {(r.kind == INSPECTION, r.name): r.seed_code or "" for r in collection.records}
    key: Key = {code: (name, seeds.get((False, name), "")) for name, code in codes.items()}
    key |= {code: (name, seeds.get((True, name), "")) for name, code in inspected.items()}
    records = [
        _coded(r, (inspected if r.kind == INSPECTION else codes)[r.name])
        for r in collection.records
    ]
    kept, too_few = coarsened(records, by, min_group)
    left = [
        LeftOut(Path(f"file {n}"), "left out (named in the key file only)")
        for n in range(1, len(collection.left_out) + 1)
    ]
    coded = replace(
        collection,
        records=kept,
        left_out=left + too_few,
        in_moderation=sorted(codes[name] for name in collection.in_moderation),
        anonymised=True,
        councils=councils(collection),
    )
    return coded, key


def _codes(names: Sequence[str], word: str, rng: random.Random) -> dict[str, str]:
    """A code for each of *names*, numbered in a shuffled order."""
    order = list(names)
    rng.shuffle(order)
    width = len(str(len(order)))
    return {name: f"{word} {n:0{width}}" for n, name in enumerate(order, start=1)}


def _coded(record: Record, code: str) -> Record:
    """*record* under its code: no SEED code, file name or date (the day a file was saved, or
    a school was inspected, can name it; the school year stays); for a self-evaluation no
    framework version (the one setting still on an older version is known by it). An
    inspection keeps its council, as every setting keeps its places: an anonymised paper only
    counts by group, with no row per school whose council and year would find its row in the
    published file (with none, a paper by authority was one group, "not recorded")."""
    if record.kind == INSPECTION:
        year = school_year(record.when) if record.when else record.year
        return replace(record, name=code, seed_code=None, source=Path(code), when=None,
                       year=year, coded=True)  # fmt: skip
    framework = _VERSION.sub("", record.framework)
    return replace(record, name=code, seed_code=None, source=Path(code), when=None,
                   framework=framework, coded=True)  # fmt: skip


_VERSION = re.compile(r"\s+v?\d+(\.\d+)*$")
"""A framework's version at the end of its name ("STEM self-evaluation 1.3.0")."""


def _steps(by: str | None) -> list[tuple[str, ...]]:
    """The places kept, most first: the one split *by* is given up last but the authority."""
    second = "cluster" if by == "cluster" else "stage"
    third = "stage" if second == "cluster" else "cluster"
    return [PLACES, ("authority", second), ("authority", third), ("authority",), ()]


def coarsened(
    records: Sequence[Record], by: str | None = None, min_group: int = MIN_GROUP
) -> tuple[list[Record], list[LeftOut]]:
    """*records* with their places kept only where at least *min_group* settings of the same
    kind and QIs share every place shown beside them: each setting keeps the most it can (in
    `_steps` order, among those not yet placed, so no group shown is smaller), the rest show
    none; where those showing none are too few, the smallest groups placed join them. A set
    of QIs with fewer settings than that in all is withheld whole (listed as left out).
    Inspection grades keep their places: they are published school by school."""
    parts: dict[tuple[str, str], list[Record]] = {}
    for record in records:
        parts.setdefault((record.kind, record.against), []).append(record)
    kept: list[Record] = []
    withheld: list[LeftOut] = []
    for (kind, against), members in parts.items():
        if len({r.name for r in members}) < min_group:
            noun = "schools graded" if kind == INSPECTION else "settings judged"
            what = Path(f"{noun} against {against or 'another framework'}")
            withheld.append(LeftOut(what, f"fewer than {min_group}: not shown, so none is known"))
            continue
        # an inspection grade is published with its school: moving a secondary school of a
        # small council to "stage not shown" protected nothing and miscounted the nation's
        # secondaries (144 of 187)
        kept += members if kind == INSPECTION else _placed(members, _steps(by), min_group)
    return kept, withheld


def _placed(
    records: Sequence[Record], steps: list[tuple[str, ...]], min_group: int
) -> list[Record]:
    """One part's records, each showing the places of the first step whose group (among the
    records not placed before it) has at least *min_group* settings. At the second step (the
    place the paper is split by, with the authority), a group too small takes back the
    settings of its place that the first placed more finely, where together they are
    enough: a cluster's one secondary had left "Kilmore cluster (6 settings counted here)"
    of 7, and a reader who guessed which was missing, with a paper by stage, worked out two
    groups of three (a committee reader's trial); now all 7 show Kilmore, none its stage.
    (At coarser steps that would take back every group: all the authority's.)"""
    shown: dict[str, tuple[str, ...]] = {}
    left = list(records)
    for step, fields in enumerate(steps[:-1]):
        groups: dict[tuple[object, ...], list[Record]] = {}
        for record in left:
            groups.setdefault(tuple(getattr(record, f) for f in fields), []).append(record)
        left = []
        finer = _finer(records, shown, fields) if step == 1 else {}
        for key, members in groups.items():
            together = [*members, *finer.get(key, [])]
            if len({r.name for r in members}) >= min_group:
                shown |= {r.name: fields for r in members}
            elif len({r.name for r in together}) >= min_group:
                shown |= {r.name: fields for r in together}
            else:
                left += members
    rest = {r.name for r in left}
    split = steps[1]  # a group of the split joins the rest whole, not a part of it
    by_group: dict[tuple[tuple[str, ...], tuple[object, ...]], set[str]] = {}
    for record in records:
        if record.name in shown:
            fields = shown[record.name] if not set(split) <= set(shown[record.name]) else split
            by_group.setdefault((fields, _at(record, fields)), set()).add(record.name)
    for names in sorted(by_group.values(), key=len):
        if not rest or len(rest) >= min_group:
            break
        rest |= names  # too few show nothing: the smallest group shown joins them
    for name in rest:
        shown[name] = ()
    return [_showing(r, shown[r.name]) for r in records]


def _finer(
    records: Sequence[Record], shown: Mapping[str, tuple[str, ...]], fields: tuple[str, ...]
) -> dict[tuple[object, ...], list[Record]]:
    """The records placed already, showing *fields* and more, by their places of *fields*."""
    found: dict[tuple[object, ...], list[Record]] = {}
    for record in records:
        if set(fields) < set(shown.get(record.name, ())):
            found.setdefault(_at(record, fields), []).append(record)
    return found


def _at(record: Record, fields: tuple[str, ...]) -> tuple[object, ...]:
    """*record*'s places of *fields*."""
    return tuple(getattr(record, f) for f in fields)


def _showing(record: Record, fields: tuple[str, ...]) -> Record:
    """*record* with only *fields* of its places; the others say they are not shown."""

    def place(field: str) -> str | None:
        value: str | None = getattr(record, field)
        return value if field in fields or not value else not_shown(field)

    return replace(
        record, authority=place("authority"), cluster=place("cluster"), stage=place("stage")
    )


def places_not_shown(
    collection: Collection, min_group: int = MIN_GROUP, by: str | None = None
) -> list[str]:
    """Why an anonymised comparison's groups are smaller than the named one's: how many
    settings its tables by *by* count as "cluster not shown" (or stage, or authority), said in
    the brief and on the terminal. Only the place the paper is split by: no other is printed
    (a paper by stage said how many had no cluster shown)."""
    if by not in PLACES:
        return []
    own = collection.of_kind(SELF)
    moved = {r.name for r in own if getattr(r, by) == not_shown(by)}
    if not moved:
        return []
    parts = collection.parts(own)
    each = [  # the tables are a framework's: "16 against …, 43 against HGIOS4"
        f"{n} against {part.name}"
        for part in parts
        if (n := len({r.name for r in part.records if getattr(r, by) == not_shown(by)}))
    ]
    split = f" ({', '.join(each)})" if len(parts) > 1 and each else ""
    return [
        f'In the tables by {by}, "{not_shown(by)}" counts {len(moved)} settings together'
        f"{split}, whose {by} has fewer than {min_group} of them (or would, with its other "
        "settings, give a small group away); so a group shown may hold fewer settings than "
        "the authority's own list."
    ]
