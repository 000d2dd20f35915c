"""Anonymised comparisons for committee papers: settings shown as codes, the key kept apart.

Every name, SEED code and file name in the comparison is replaced by a code ("Setting 07"),
given in an order that says nothing (not alphabetical, not by level). The key from codes to
settings is returned to be written to a separate file, which the papers never contain.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

from selfeval.compare.records import Collection, LeftOut, Record

__all__ = ["Key", "anonymise"]

Key = dict[str, tuple[str, str]]
"""Code to (setting name, SEED code or "")."""


def anonymise(collection: Collection, rng: random.Random | None = None) -> tuple[Collection, Key]:
    """*collection* with settings as codes, and the key. Files left out are counted, not named:
    their names would name the settings."""
    names = sorted({r.name for r in collection.records} | set(collection.in_moderation))
    order = list(names)
    (rng or random.Random()).shuffle(order)
    width = len(str(len(order)))
    codes = {name: f"Setting {n:0{width}}" for n, name in enumerate(order, start=1)}
    seeds = {r.name: r.seed_code or "" for r in collection.records}
    key: Key = {codes[name]: (name, seeds.get(name, "")) for name in order}
    records = [_coded(r, codes[r.name]) for r in collection.records]
    withheld = [
        LeftOut(Path(f"file {n}"), "left out (named in the key file only)")
        for n in range(1, len(collection.left_out) + 1)
    ]
    coded = replace(
        collection,
        records=records,
        left_out=withheld,
        in_moderation=sorted(codes[name] for name in collection.in_moderation),
    )
    return coded, key


def _coded(record: Record, code: str) -> Record:
    return replace(record, name=code, seed_code=None, source=Path(code))
