"""A comparison as rows for a spreadsheet, with text that a spreadsheet shows as text: summary.csv
(one row per setting and QI; in an anonymised comparison, settings per level of each QI by
group, and no row per setting) and the key of an anonymised comparison."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.compare.anonymise import Key
from selfeval.compare.records import (
    INSPECTION,
    Collection,
    LeftOut,
    Record,
)

if TYPE_CHECKING:  # a warm comparison loads no models (nor pydantic)
    from selfeval.framework.model import Scale

__all__ = [
    "COUNT_COLUMNS",
    "CSV_COLUMNS",
    "INTERNAL",
    "counts_csv",
    "csv_cell",
    "key_csv",
    "summary_csv",
]

CSV_COLUMNS = [
    "setting", "seed_code", "authority", "cluster", "stage", "kind", "date", "framework",
    "qi_framework", "qi", "qi_title", "suggested_level", "confirmed_level", "level",
    "level_note", "synthetic", "file", "validated", "use",
]  # fmt: skip
INTERNAL = "internal use only: names each setting beside its levels; --anonymise for papers"
"""Said on every row of a named summary.csv, and under a named heatmap: wherever the file goes,
what it is goes with it."""
COUNT_COLUMNS = [
    "kind", "qi_framework", "group", "settings", "qi", "qi_title", "level", "level_words",
    "settings_at_level", "with_level", "no_level", "good_or_better", "note", "synthetic", "use",
]  # fmt: skip
COUNTED = "anonymised: settings counted by group, none named or coded; small groups withheld"


def counts_csv(
    collection: Collection,
    scale: Scale,
    words: Callable[[str], Scale],
    by: str | None,
    min_group: int,
) -> str:
    """An anonymised comparison's summary.csv: for each group (as the brief's tables give them,
    the same rows withheld or banded) and QI, the settings at each level; no row per setting.
    A row per coded setting gave it away: which of its levels a small group withheld placed it
    in its group, and beside a paper split another way named it (a trial so found Auchbank's
    one secondary), and a "no level" note placed a code in its stage. *words* gives the scale
    in a reference framework's own words ("3 adequate" for nurseries). A withheld row's share
    is blank and its note says why, once (the words had filled both columns)."""
    from selfeval.compare.disclosure import WITHHELD_CELL, band_words, bands, sections

    synthetic = "yes" if any(r.synthetic for r in collection.records) else ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COUNT_COLUMNS)
    for section in sections(collection, scale, by, min_group, named=True):
        own = words(section.part.framework)
        for d in section.dists:
            if not (d.with_level or d.without_level):
                continue
            counts, note = d.shown_counts, "" if not d.suppressed else d.share()
            # a school not graded on the QI at its inspection, as the brief counts it (the
            # column said 0 of 1323 where 1264 were not graded on 1.1)
            left = (
                section.settings - d.with_level if section.kind == INSPECTION else d.without_level
            )
            for value in sorted(own.values, reverse=True):
                hidden = counts is not None and value in d.hidden  # a small cell's side
                said = WITHHELD_CELL if hidden else note
                writer.writerow(
                    [
                        section.kind, section.part.framework, csv_cell(section.group),
                        section.settings, d.qi.id, csv_cell(d.qi.title), value,
                        csv_cell(own.label(value)),
                        "" if counts is None or hidden else counts.get(value, 0),
                        d.with_level, left, "" if d.suppressed else d.share(),
                        csv_cell(said), synthetic, COUNTED,
                    ]
                )  # fmt: skip
            for block, count in bands(d, scale.good_from):  # levels counted together
                band = band_words(block, scale.good_from, own.word)
                writer.writerow(
                    [
                        section.kind, section.part.framework, csv_cell(section.group),
                        section.settings, d.qi.id, csv_cell(d.qi.title), band.split()[0],
                        csv_cell(f"{band} (together)"), count, d.with_level, left,
                        d.share(), BANDED_SIDE, synthetic, COUNTED,
                    ]
                )  # fmt: skip
    return out.getvalue()


BANDED_SIDE = (
    "these levels counted only together: fewer than the threshold at one, here or in another group"
)
"""Said on a band's row of an anonymised summary.csv: its levels' own rows are blank."""


def summary_csv(collection: Collection, roots: Sequence[Path] = ()) -> str:
    """One row per setting and QI, with both the suggested and the confirmed level, each row
    saying it names the setting (for internal use); every blank level says why in
    `level_note`. Files are named from the folder compared (*roots*), not the disk. Never of
    an anonymised comparison: a row a code gave the setting away (`counts_csv` instead)."""
    if collection.anonymised:
        raise ValueError("an anonymised comparison has no row per setting: use counts_csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in collection.records:
        file = csv_cell(_file(record.source, roots))  # once a record: it resolves the path
        for column in collection.columns:
            if column.framework != record.against:
                continue  # the same number in another framework: another QI
            if column.id not in record.suggested and column.id not in record.confirmed:
                continue
            levels = [record.suggested.get(column.id), record.confirmed.get(column.id),
                      record.level(column.id)]  # fmt: skip
            writer.writerow(
                [
                    csv_cell(record.name), csv_cell(record.seed_code or ""),
                    csv_cell(record.authority or ""), csv_cell(record.cluster or ""),
                    record.stage or "", record.kind,
                    record.when.isoformat() if record.when else "", csv_cell(record.framework),
                    record.against, column.id, csv_cell(column.title),
                    *(_blank(v) for v in levels), _no_level(record, column.id),
                    "yes" if record.synthetic else "", file,
                    record.validated, INTERNAL,
                ]
            )  # fmt: skip
    return out.getvalue()


def _no_level(record: Record, qi: str) -> str:
    """Why a row has no level ("" where it has one)."""
    if record.level(qi) is not None:
        return ""
    return "not graded" if record.kind == INSPECTION else "no level: too few rated"


def _file(source: Path, roots: Sequence[Path]) -> str:
    """*source* as from the folder (or file) compared that holds it: no one's home folder."""
    for root in roots:
        base = root if root.is_dir() else root.parent
        try:
            return source.resolve().relative_to(base.resolve()).as_posix()
        except (ValueError, OSError):
            continue
    return source.name if source.is_absolute() else str(source)


def key_csv(key: Key, left_out: list[LeftOut]) -> str:
    """The key of an anonymised comparison: code, setting, SEED code; then the files left
    out and why (their names would name the settings, so only the key has them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "setting", "seed_code"])
    for code in sorted(key):
        name, seed = key[code]
        writer.writerow([code, csv_cell(name), seed])
    for n, left in enumerate(left_out, start=1):
        writer.writerow([f"file {n}", csv_cell(str(left.path)), csv_cell(left.reason)])
    return out.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """Text that a spreadsheet shows as text: a cell starting like a formula gets a leading
    apostrophe (OWASP's advice against CSV injection), so "=HYPERLINK(…)" stays words."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)
