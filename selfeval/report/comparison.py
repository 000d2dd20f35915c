"""Write a comparison folder: summary.csv, summary.md and the comparison charts.

This is what `selfeval compare -o DIR` produces for a STEM lead or local authority officer: per
kind of record (self-evaluations, inspection grades) a distribution, a heatmap and small
multiples, plus one radar per setting when asked. Nothing is ranked.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from selfeval.compare.anonymise import not_shown
from selfeval.compare.calibration import calibrate, crosstab, paired
from selfeval.compare.disclosure import CODED_SAID
from selfeval.compare.records import (
    GRADED_AGAINST,
    INSPECTION,
    MIN_GROUP,
    NOT_RECORDED,
    SELF,
    Collection,
    Kind,
    Part,
    Record,
    group_records,
)
from selfeval.compare.strata import SCHOOL_STAGES, period_said, whose_grades
from selfeval.errors import SelfevalError
from selfeval.files.atomic import atomic_write_bytes, atomic_write_text
from selfeval.framework.model import Scale
from selfeval.report.calibration_table import crosstab_csv
from selfeval.report.summary import INTERNAL, comparison_markdown, own_scale, summary_csv
from selfeval.report.summary_csv import counts_csv

__all__ = ["ComparisonOptions", "Written", "own_scale", "prepare_folder", "write_comparison"]

GroupBy = Literal["stage", "authority", "cluster"]
ChartFormat = Literal["png", "svg", "pdf"]

_KIND_FILES: dict[Kind, tuple[str, str]] = {
    SELF: ("self-evaluation", "self-evaluations"),
    INSPECTION: ("inspection", "schools with an HGIOS4 grade"),
}
"""Per kind of record: the word in its chart file names and its plural noun in titles."""


def _count(n: int, plural: str) -> str:
    """ "1 self-evaluation", "2 self-evaluations", "1 school with an HGIOS4 grade"."""
    first, _, rest = plural.partition(" ")
    one = first[:-1] if n == 1 and first.endswith("s") else first
    return f"{n} {' '.join(filter(None, (one, rest)))}"


@dataclass(frozen=True)
class ComparisonOptions:
    """How to split and draw a comparison."""

    by: GroupBy | None = None
    chart_format: ChartFormat = "png"
    each: bool = False
    """Also one radar chart per setting, in ``radars/``."""
    jobs: int = 1
    min_group: int = MIN_GROUP
    """Groups with fewer settings than this get counts, never percentages."""
    roots: tuple[Path, ...] = ()
    """The folders (or files) compared: summary.csv names files from them."""


@dataclass(frozen=True)
class Written:
    """What `write_comparison` wrote."""

    charts: int
    """Chart files written: a chart of many pages as PNGs counts a file a page."""
    without_radar: int
    """Settings that got no radar because they have no level at all."""


def prepare_folder(folder: Path) -> None:
    """Create *folder* if needed and make sure it can be written to, or say why not."""
    if folder.exists() and not folder.is_dir():
        raise SelfevalError(
            f"{folder} is a file; -o names a folder to write into",
            f"name a folder, e.g. {folder.with_suffix('')}-out",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SelfevalError(
            f"cannot create {folder} ({exc.strerror or exc})", "choose a folder you can write to"
        ) from None
    if not os.access(folder, os.W_OK):
        raise SelfevalError(f"cannot write to {folder}", "choose a folder you can write to")


def write_comparison(
    collection: Collection, scale: Scale, folder: Path, options: ComparisonOptions
) -> Written:
    """Write the summaries and charts of *collection* into *folder*."""
    prepare_folder(folder)
    atomic_write_bytes(folder / "summary.csv", _summary(collection, scale, options))
    atomic_write_text(
        folder / "summary.md", comparison_markdown(collection, scale, options.by, options.min_group)
    )
    charts = sum(_write_kind(collection, kind, scale, folder, options) for kind in _KIND_FILES)
    charts += _write_calibration(collection, scale, folder, options)
    without_radar = 0
    if options.each:
        from selfeval.charts.batch import export_each

        for against in sorted({r.against for r in collection.records}):  # each in its words
            part = replace(collection, records=[r for r in collection.records
                                                if r.against == against])  # fmt: skip
            report = export_each(part, folder / "radars", options.chart_format,
                                 own_scale(collection, against, scale), options.jobs)  # fmt: skip
            charts += len(report.written)
            without_radar += report.without_level
    return Written(charts, without_radar)


def _summary(collection: Collection, scale: Scale, options: ComparisonOptions) -> bytes:
    """summary.csv, with a byte-order mark: Excel on Windows then reads UTF-8 (Gàidhlig); a
    row per setting, or in an anonymised comparison counts by group (`counts_csv`)."""
    if collection.anonymised:
        words = lambda against: own_scale(collection, against, scale)  # noqa: E731
        csv = counts_csv(collection, scale, words, options.by, options.min_group)
    else:
        csv = summary_csv(collection, options.roots)
    return csv.encode("utf-8-sig")


def _write_calibration(
    collection: Collection, scale: Scale, folder: Path, options: ComparisonOptions
) -> int:
    """The calibration charts and table, when some school has both a self-evaluation and a
    grade: per QI higher, same or lower (`calibration`), and every QI as a table of
    self-evaluated level against grade (`calibration-table`, and `calibration.csv`)."""
    from selfeval.charts.calibration import calibration_figure, crosstab_figure
    from selfeval.charts.describe import source_note
    from selfeval.charts.export import save_figure
    from selfeval.charts.frame import Caption

    calibrations = calibrate(collection)
    table = crosstab(collection, sorted(scale.values), options.min_group)
    if not calibrations or table is None:
        return 0
    caption = Caption(
        "Self-evaluation beside the latest inspection grade, schools joined by SEED code",
        source_note(_joined(collection)),  # the dates of these schools', each kind apart
        any(r.synthetic for r in collection.records),
    )
    save_figure(
        calibration_figure(calibrations, caption, options.min_group, table.age()),
        folder / f"calibration.{options.chart_format}",
    )
    atomic_write_bytes(folder / "calibration.csv", crosstab_csv(table).encode("utf-8-sig"))
    save_figure(
        crosstab_figure(table, own_scale(collection, GRADED_AGAINST, scale), caption),
        folder / f"calibration-table.{options.chart_format}",
    )
    return 2


def _joined(collection: Collection) -> list[Record]:
    """The self-evaluations (against HGIOS4) and grades of the schools `paired` (by SEED
    code), in the collection's order."""
    both = {own.seed_code for own, _ in paired(collection)}
    return [
        r
        for r in collection.records
        if r.seed_code in both and (r.kind == INSPECTION or r.against == GRADED_AGAINST)
    ]


def _write_kind(
    collection: Collection, kind: Kind, scale: Scale, folder: Path, options: ComparisonOptions
) -> int:
    """The comparison charts of one kind of record, three for each set of QIs its settings
    are judged against (schools' HGIOS4 apart from nurseries' HGIOELC: 3.2 of one is not 3.2
    of the other); returns how many files were written (a chart of many pages, a file a
    page)."""
    parts = collection.parts(collection.of_kind(kind))
    return sum(
        _write_part(collection, kind, part, len(parts) > 1, scale, folder, options)
        for part in parts
    )


def _write_part(
    collection: Collection,
    kind: Kind,
    part: Part,
    several: bool,
    scale: Scale,
    folder: Path,
    options: ComparisonOptions,
) -> int:
    """The three comparison charts of one kind of record and one set of QIs (named in the
    files and captions where the comparison has *several*)."""
    from selfeval.charts.describe import source_note
    from selfeval.charts.distribution import distribution_pages
    from selfeval.charts.export import save_pages
    from selfeval.charts.frame import Caption
    from selfeval.charts.heatmap import heatmap_pages
    from selfeval.charts.multiples import small_multiples_pages

    records, columns = part.records, part.columns
    if not records or not columns:
        return 0
    scale = own_scale(collection, part.framework, scale)  # its own words: "adequate"
    label, noun = _KIND_FILES[kind]
    if several:
        label += f"-{part.framework}"
        noun += f" against {part.name}"
    synthetic = any(r.synthetic for r in records)

    def source_of(members: Sequence[Record]) -> str:
        """Whom the figures of *members* are about (all of them, or one group's page)."""
        whole = kind == SELF and members is records  # those in moderation: of no one group
        said = source_note(members, len(collection.in_moderation) if whole else 0)
        if kind == INSPECTION:  # who the grades are about, rows only some inspections graded
            said += " " + inspection_note(collection, list(members), [c.id for c in columns])
        if collection.anonymised:  # what a coded chart is, wherever it goes
            said += " " + CODED_SAID.format(min_group=options.min_group)
            pooled = not_shown(options.by) if options.by else ""
            if pooled and any(r.group(options.by) == pooled for r in members):
                said += (  # a row or page of that name was unexplained but in the brief
                    f' "{pooled.capitalize()}": the settings of each {options.by} with fewer '
                    f"than {options.min_group}, and of any joined to them so that they are not "
                    "too few, counted together."
                )
        return said

    source = source_of(records)
    # split only where some record has the place: the inspection spreadsheet gives no cluster
    split = options.by if any(r.group(options.by) != NOT_RECORDED for r in records) else None
    by = f" by {split}" if split else ""
    unsplit = (f"\nall {'schools' if kind == INSPECTION else 'settings'}, not split: none has "
               f"its {options.by} recorded") if options.by and not split else ""  # fmt: skip
    staged = collection.framework or SCHOOL_STAGES  # stages in words, even with no framework
    internal = "" if collection.anonymised else INTERNAL  # said on every chart naming settings

    def counted(members: Sequence[Record]) -> str:
        """Whom the figures are of, counting *members* (all, or one group's page) alone."""
        said = _count(len(members), noun)
        if kind == INSPECTION and members is records:  # whose: beside one authority's own
            said = f"{whose_grades(collection)}, {said.replace(' schools', '', 1)}"
        return said

    def dated(members: Sequence[Record]) -> str:
        """Whom and when: "17 self-evaluations against HGIOS4, school year 2026-27"; a title
        that said neither left a committee reading the foot for both."""
        when = period_said(members)
        return f"{counted(members)}{f', {when}' if when else ''}"

    def title_of(members: Sequence[Record]) -> str:
        """A distribution's title, of *members* (all, or one group's page) alone."""
        return f"Levels per quality indicator: {dated(members)}"

    # the heatmap's population in its title, as the distribution's, and when: only its foot
    # said either, and "Settings and quality indicators: self-evaluations" was of no one
    rows_are = "Schools" if kind == INSPECTION else "Settings"
    grid_title = f"{rows_are} and quality indicators: {dated(records)}"

    figures = {
        f"distribution-{label}": distribution_pages(
            group_records(records, split, staged), columns, scale,
            Caption(title_of(records) + unsplit, source, synthetic), split, options.min_group,
            source_of, title_of,
        ),
        f"heatmap-{label}": heatmap_pages(
            records, columns, scale,
            Caption(grid_title + unsplit, source, synthetic), split,
            staged, options.min_group, internal, collection.anonymised,
        ),
        f"small-multiples-{label}": small_multiples_pages(
            group_records(records, split, staged), columns, scale,
            Caption(f"Levels per quality indicator{by}: {dated(records)}{unsplit}", source,
                    synthetic),
            options.min_group, internal, collection.anonymised,
        ),
    }  # fmt: skip
    return sum(  # many pages: a PDF of pages, or a PNG a page (each a file counted)
        len(save_pages(pages, folder / f"{name}.{options.chart_format}"))
        for name, pages in figures.items()
    )


def inspection_note(collection: Collection, records: list[Record], qis: list[str]) -> str:
    """The foot of an inspection chart beside its source: the sectors and inspection models
    of the schools shown, the rows only some models graded, and any sheet not read."""
    from selfeval.compare.strata import models, qis_said, strata_said

    found = models(records)
    unread = "".join(
        f" Not included: the sheet {sheet!r} (not read at import)."
        for sheet in collection.sheets_not_read
    )
    return f"{strata_said(records)} {qis_said(qis, found)}".strip() + unread
