"""Each setting counted once: its latest school year (unless every year is asked for), and
in a year one file, however many hold its evaluation (a sync's or a person's copy, a backup,
each submission to the authority). Which file counts, and what is said of the others, is
decided here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from selfeval.compare.records import SELF, Collection, LeftOut, Record
from selfeval.files.copies import original_first
from selfeval.files.submitted import submission_version

__all__ = ["copies_said", "each_year_once", "latest_only"]


def latest_only(collection: Collection) -> Collection:
    """Each setting once: its latest school year's self-evaluation (a folder of three school
    years is not three times as many settings), that year's copies counted once
    (`_once_a_year`). A setting is its SEED code and its name together: one SEED code under
    two names (a wrong pick from the school list) is two settings, both counted and named in
    `seed_clashes`, never one dropped as the other's earlier evaluation."""
    settings: dict[tuple[str, str], list[Record]] = {}
    others: list[Record] = []
    names: dict[str, dict[str, str]] = {}
    for record in collection.records:
        if record.kind != SELF:
            others.append(record)
            continue
        name = record.name.casefold().strip()
        if record.seed_code:
            names.setdefault(record.seed_code, {}).setdefault(name, record.name)
        settings.setdefault((record.seed_code or "", name), []).append(record)
    latest = [record for records in settings.values() for record in _latest_year(records)]
    once = _once_a_year(replace(collection, records=latest))
    clashes = {seed: sorted(given.values()) for seed, given in names.items() if len(given) > 1}
    earlier = sum(len(records) for records in settings.values()) - len(latest)
    return replace(
        once,
        records=[*once.records, *others],
        earlier_years=earlier + once.earlier_years,
        seed_clashes=dict(sorted(clashes.items())),
    )


def _latest_year(records: list[Record]) -> list[Record]:
    """Those of one setting's *records* that are of its latest school year (the latest by
    date alone where a file records no year)."""
    newest = max(records, key=lambda r: (r.year or "", r.when or date.min))
    if newest.year is None:
        return [newest]
    return [r for r in records if r.year == newest.year]


def each_year_once(collection: Collection) -> Collection:
    """Each setting once per school year (`--all-years`): see `_once_a_year`."""
    mine = [r for r in collection.records if r.kind == SELF and r.year is not None]
    once = _once_a_year(replace(collection, records=mine))
    others = [r for r in collection.records if r.kind != SELF or r.year is None]
    return replace(once, records=[*once.records, *others])


def _once_a_year(collection: Collection) -> Collection:
    """*collection*'s self-evaluations with one per setting and school year: two files of
    one setting's evaluation of one year (a copy under a name nobody foresaw, a backup made by
    hand) are one evaluation. The file selfeval named is counted (else the latest), and each
    other is left out by name, said to differ where its levels do, so nobody deletes newer
    answers as a mere duplicate; their number is `same_year`."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for record in collection.records:
        key = (record.seed_code or "", record.name.casefold().strip(), record.year or "")
        groups.setdefault(key, []).append(record)
    kept, left_out = [], list(collection.left_out)
    for records in groups.values():
        counted = _counted(records)
        kept.append(counted)
        left_out += [_copy_left_out(r, counted) for r in records if r is not counted]
    resubmitted = [r for r in collection.records if r not in kept and _handed_in(r)]
    return replace(
        collection,
        records=kept,
        left_out=[left for left in left_out if left.path not in {r.source for r in resubmitted}],
        same_year=len(collection.records) - len(kept) - len(resubmitted),
        earlier_years=collection.earlier_years + len(resubmitted),  # earlier hand-ins
    )


def _handed_in(record: Record) -> bool:
    return bool(submission_version(record.source))


def _counted(records: list[Record]) -> Record:
    """Of one setting's records of one school year, the one counted: the latest submission
    where they were handed in to an authority, else the file selfeval named."""
    if len(records) == 1:
        return records[0]
    handed_in = [r for r in records if _handed_in(r)]
    if handed_in:
        return max(handed_in, key=lambda r: submission_version(r.source) or 0)
    first = original_first([r.source for r in records])[0]
    return next(r for r in records if r.source == first)


def _copy_left_out(copy: Record, counted: Record) -> LeftOut:
    differs = (copy.suggested, copy.confirmed) != (counted.suggested, counted.confirmed)
    said = (
        f"{counted.name}'s evaluation for {copy.year or 'the same year'} again, beside "
        f"{counted.source.name} (counted): counted once"
    )
    if differs:
        said += "; its levels differ from the counted file's: open both and keep one"
    return LeftOut(copy.source, said)


def copies_said(n: int) -> str:
    """What `each_year_once` left out, in words."""
    copies = "1 copy" if n == 1 else f"{n} copies"
    return f"{copies} of a setting's evaluation of a school year under another name: counted once"
