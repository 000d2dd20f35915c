"""A comparison as a Markdown brief for people (its CSV rows and JSON document are written by
`summary_csv` and `summary_json`, and named here as before)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from selfeval.compare.anonymise import places_not_shown
from selfeval.compare.calibration import (
    NOT_THE_SAME,
    crosstab,
    joined_said,
    paired,
)
from selfeval.compare.collect import copies_said, own_scale
from selfeval.compare.disclosure import Section, bands, sections
from selfeval.compare.records import (
    INSPECTION,
    MIN_GROUP,
    NOT_GRADED,
    SELF,
    Collection,
    Distribution,
    LevelScale,
)
from selfeval.compare.strata import (
    graded_by,
    models,
    period_said,
    strata_said,
    whose_grades,
    whose_settings,
)
from selfeval.digest.framework import QIColumn
from selfeval.report.calibration_table import (
    calibration_markdown,
    crosstab_markdown,
)
from selfeval.report.mdescape import md_cell, md_text
from selfeval.report.summary_csv import (
    CSV_COLUMNS,
    INTERNAL,
    csv_cell,
    key_csv,
    summary_csv,
)
from selfeval.report.summary_json import comparison_json
from selfeval.report.validated import validated_lines

if TYPE_CHECKING:
    from selfeval.framework.model import Scale

__all__ = [
    "CSV_COLUMNS",
    "INTERNAL",
    "comparison_json",
    "comparison_markdown",
    "csv_cell",
    "key_csv",
    "own_scale",
    "summary_csv",
]  # the CSVs are written by selfeval.report.summary_csv, named here as before

KIND_NAMES = {SELF: "Self-evaluations", INSPECTION: "Inspection grades"}


def comparison_markdown(
    collection: Collection, scale: LevelScale, by: str | None, min_group: int = MIN_GROUP
) -> str:
    """A short brief: tables of levels per QI, in the proportion words inspectors use."""
    what = collection.facts.title if collection.facts and collection.of_kind(SELF) else ""
    lines = [f"# Comparison of settings{': ' + md_text(what) if what else ''}", ""]
    if any(r.synthetic for r in collection.records):
        lines += ["**Synthetic demonstration data: these are not real settings.**", ""]
    lines += [" ".join(_what_is_counted(collection, min_group)), ""]
    lines += [md_text(line) + "\n" for line in places_not_shown(collection, min_group, by)]
    if collection.earlier_years:
        lines += [
            f"Each setting counts once, by its latest evaluation; {collection.earlier_years} "
            "earlier evaluations are not counted.",
            "",
        ]
    if collection.same_year:
        lines += [copies_said(collection.same_year) + ".", ""]
    lines += validated_lines(collection.records)
    words = [str(v) for v in scale.values]
    whose = whose_grades(collection)
    tables = sections(collection, scale, by, min_group, named=True)
    for section in tables:
        dists, settings = section.dists, section.settings
        heading = KIND_NAMES[section.kind]
        if section.several:  # which QIs: 3.2 of HGIOS4 is not 3.2 of HGIOELC
            heading += f" against {md_text(section.part.name)}"
        heading += "" if section.group == "all" else f": {md_text(section.group)}"
        who = whose if section.group == "all" else ""
        lines += [f"## {heading} ({_population(section, who)})", ""]
        if section.kind == INSPECTION and section.group == "all":
            lines += _beside_self_evaluations(collection)
        if section.group == "all":
            whole = section.records
        elif len(section.records) == len(whole):  # one group of the split is all of them
            lines += [f"The same {len(whole)} as the table above: as above.", ""]
            continue
        graded = models(section.records) if section.kind == INSPECTION else []
        lines += [md_text(strata_said(section.records)), ""] if graded else []
        if settings < min_group:  # a table of stars says nothing a sentence does not
            lines += [f"Fewer than {min_group} settings: too few to show their levels.", ""]
            continue
        lines += _agreed(section) + _level_key(collection, section, scale)
        none = NOT_GRADED if section.kind == INSPECTION else "no level"
        lines += [
            "| QI | " + " | ".join(words) + f" | good or better | n | {none} |",
            "|---|" + "---|" * (len(words) + 3),
        ]
        for d in dists:
            if not (d.with_level or d.without_level):
                continue
            counts = " | ".join(_cells(d, scale))
            pct_text = _share(d, collection.anonymised) if d.with_level else ""
            by = graded_by(d.qi.id, graded)  # "1.3 … (full inspections only)"
            qi = f"{d.qi.heading} ({by})" if by else d.qi.heading
            # a school whose inspection did not grade the QI is not in its n, and is said apart
            left = settings - d.with_level if section.kind == INSPECTION else d.without_level
            lines.append(f"| {md_cell(qi)} | {counts} | {pct_text} | {d.with_level} | {left} |")
        lines.append("")
        lines += _two_groups(section, tables)
        noun = "schools" if section.kind == INSPECTION else "settings"
        sentences = [_sentence(d, noun) for d in dists if d.with_level and not d.suppressed]
        lines += [*sentences, ""] if sentences else []
    lines += calibration_markdown(collection, min_group)
    table = crosstab(collection, sorted(scale.values), min_group)
    lines += crosstab_markdown(table) if table is not None else []
    if collection.seed_clashes:
        lines += ["## Check these SEED codes", ""]
        lines += [
            f"- {md_text(seed)} is given to {md_text(' and '.join(names))}: both are counted; "
            "check the school each picked from the list."
            for seed, names in collection.seed_clashes.items()
        ]
        lines.append("")
    if collection.in_moderation:
        lines += ["## In moderation", ""]
        lines += [
            "These settings have colleagues' views but no agreed evaluation yet, so they are not "
            "counted above:",
            "",
        ]
        lines += [f"- {md_text(name)}" for name in collection.in_moderation]
        lines.append("")
    if collection.left_out:
        lines += ["## Left out", ""]
        lines += [f"- {md_text(str(x.path))}: {md_text(x.reason)}" for x in collection.left_out]
        lines.append("")
    return "\n".join(lines)


def _beside_self_evaluations(collection: Collection) -> list[str]:
    """Under the inspection grades' heading, where self-evaluations are in the brief too: that
    the two are not the same measure, and how many schools were joined (none where no
    setting has a SEED code: then the tables are of different schools altogether)."""
    joined = joined_said(collection)
    if collection.anonymised and collection.of_kind(SELF):  # no calibration: still not the same
        return [f"These grades are not set beside the self-evaluations above. {NOT_THE_SAME}", ""]
    if not joined:
        return []
    where = " except in the calibration below" if paired(collection) else ""
    return [f"{joined} These grades are not set beside the self-evaluations above school by "
            f"school{where}. {NOT_THE_SAME}", ""]  # fmt: skip


def _what_is_counted(collection: Collection, min_group: int) -> list[str]:
    """The brief's first paragraph: what a level is for each kind of record present, that
    nothing is ranked, and the disclosure rule."""
    kinds = {r.kind for r in collection.records}
    said = []
    if SELF in kinds:
        said.append(
            "A self-evaluation's level is the one the setting confirmed where it gave one, "
            "otherwise the level selfeval suggested."
        )
    if INSPECTION in kinds:
        said.append(
            "Inspection grades are those HM Inspectors published for the HGIOS4 quality "
            "indicators, each school's latest; only schools with a grade are counted"
            + (f" ({collection.ungraded} in the file have none)" if collection.ungraded else "")
            + (
                f", and {collection.older_grades} graded before the date asked for are left out"
                if collection.older_grades
                else ""
            )
            + ". Full and short inspections grade different quality indicators, so n differs "
            "from row to row; each table says which schools and inspections it holds."
            + "".join(
                f" Not in these figures: the spreadsheet's sheet {md_text(repr(sheet))} "
                "(not read when the grades were imported)."
                for sheet in collection.sheets_not_read
            )
        )
    return [
        *said,
        "No ranking is implied; settings are never ordered by level. n is the settings with a "
        f"level. Where fewer than {min_group} settings have a level, neither their levels nor "
        "their share good or better is shown (*), as counts or as percentages; where a split "
        "into groups would let a small group's levels be worked out from the total and the "
        "other groups, another group's are withheld too. Where fewer than "
        f"{2 * min_group} settings have a level and at most one of them is on one side of "
        "good, "
        + (BANDS_CODED if collection.anonymised else BANDS_NAMED).format(
            min_group=min_group, min_group_less=min_group - 1
        )
        + (CELLS_SAID.format(min_group=min_group) if collection.anonymised else ""),
    ]


BANDS_NAMED = (
    'the share is shown only as "0 or 1 of {min_group}" or "{min_group_less} or {min_group} of '
    '{min_group}" and the counts not at all: "0% of 5" would say that every setting of the '
    "group is below good."
)
BANDS_CODED = (
    "neither the share nor the counts are shown, and such a group is said to be withheld in "
    'the same words as one withheld to protect it: a band ("0 or 1 of 5"), or words that '
    "told the two apart, could be worked out to a number beside the total and a paper split "
    "another way."
)


CELLS_SAID = (
    " In this anonymised paper, where fewer than {min_group} settings (but some) are at a "
    'level, levels are counted together: the two furthest from good on that side ("5-6: '
    '12": 5 very good and 6 excellent, 12 settings in all, in the first column of the two; '
    'the other is *), or where that is not enough the whole side of good ("1-3: 70", below '
    "good); and where one group's levels would be the whole's less the other groups', as "
    "many other groups' are counted together too. Good or better is counted beside its share, "
    "so the number of a group's settings below good is given too, however few (it names no "
    "setting)."
)
"""What an anonymised table's "*" in a row of counts means (named papers keep every count)."""


def _agreed(section: Section) -> list[str]:
    """How many of a table's levels of self-evaluations the team agreed, and how many stand
    as selfeval suggested them: "312 levels agreed by the team, 48 suggested by selfeval
    only." (nothing for inspection grades, which are all HM Inspectors')."""
    if section.kind == INSPECTION:
        return []
    qis = [c.id for c in section.part.columns]
    agreed = sum(1 for r in section.records for qi in qis if r.confirmed.get(qi) is not None)
    levels = sum(1 for r in section.records for qi in qis if r.level(qi) is not None)
    return [
        f"{agreed} level{'' if agreed == 1 else 's'} agreed by the team, {levels - agreed} "
        "suggested by selfeval only.",
        "",
    ]


TWO_GROUPS = (
    "Split into only two groups, a QI withheld in one is withheld in the other too: the whole's "
    "figures less one group's would give the other's."
)


def _two_groups(section: Section, tables: Sequence[Section]) -> list[str]:
    """Why a group's table is withheld where nothing in it is small: of two groups, each gives
    the other away (a committee reader found a 40-setting paper by stage nearly all withheld,
    and nothing said why)."""
    if section.group == "all" or not any(d.suppressed and not d.too_few for d in section.dists):
        return []
    split = [t for t in tables if t.kind == section.kind and t.part is section.part]
    return [TWO_GROUPS, ""] if len(split) == 3 else []  # the whole and two groups


def _level_key(collection: Collection, section: Section, scale: LevelScale) -> list[str]:
    """The words of the levels its table heads by number, in the section's own framework's
    words ("3 adequate" for nurseries): a committee reads "6 … 1" as nothing else."""
    if not hasattr(scale, "label"):  # not isinstance: that would load the framework models
        return []  # counted on a scale with no words (the JSON's)
    own = own_scale(collection, section.part.framework, cast("Scale", scale))
    return ["Levels: " + ", ".join(md_text(own.label(v)) for v in own.values) + ".", ""]


def _population(section: Section, whose: str = "") -> str:
    """Who a table counts: "17 settings; Demoshire Council, school year 2026-27" (the whole's
    authority and year); for inspection grades whose schools, how many were graded and when
    ("Scotland's local-authority and grant-aided schools, 1323 with an HGIOS4 grade, …")."""
    settings = section.settings
    if section.kind != INSPECTION:  # of whom and when, in the whole's heading
        place = whose_settings(section.records) if section.group == "all" else ""
        # coded: a small group's settings are counted in "… not shown", not here
        here = " counted here" if section.group != "all" and section.records[0].coded else ""
        return f"{settings} setting{'' if settings == 1 else 's'}{here}" + (
            f"; {md_text(place)}" if place else ""
        )
    when = period_said(section.records)  # anonymised: by school year, no dates
    period = f", {when}" if when else ""
    if not whose:
        return f"{settings} school{'' if settings == 1 else 's'} with an HGIOS4 grade{period}"
    return f"{whose}, {settings} with an HGIOS4 grade{period}"


def _named(qi: QIColumn) -> str:
    """A QI as a sentence names it: "QI 2.3", or its title where it has no number."""
    return f"QI {qi.id}" if qi.numbered else qi.title


def _sentence(d: Distribution, noun: str = "settings") -> str:
    from selfeval.scoring import WORDS_FROM, proportion_word  # the package loads the models

    if d.with_level < WORDS_FROM:  # --min-group under 5: the count, not "all (1 of 1)"
        verb = "is" if d.good_or_better == 1 else "are"
        return (
            f"- {md_text(_named(d.qi))}: {d.good_or_better} of the {d.with_level} {noun} with "
            f"a level {verb} good or better."
        )
    word = proportion_word(d.good_or_better, d.with_level)
    return (
        f"- {md_text(_named(d.qi))}: {word} of the {d.with_level} {noun} with a level "
        f"({d.good_or_better}) are good or better."
    )


def _share(d: Distribution, anonymised: bool) -> str:
    """A table's good or better: its share, and in an anonymised paper its count too ("64%
    (112)"), where the levels of a side may be counted only together: n less it is below good."""
    counted = anonymised and not d.suppressed
    return f"{d.share()} ({d.good_or_better})" if counted else d.share()


def _cells(d: Distribution, scale: LevelScale) -> list[str]:
    """A table's counts, highest level first: "*" where not shown (the row withheld, or in
    an anonymised paper a level counted only with others), a block counted together in its
    first cell, its levels first ("5-6: 12": under the heading "6", "12" alone read as 12
    excellent)."""
    shown = d.shown_counts
    together = {max(block): (block, n) for block, n in bands(d, scale.good_from)}
    cells = []
    for v in scale.values:
        count = None if shown is None else shown.get(v, 0)
        block, n = together.get(v, (None, 0))
        span = "" if block is None else f"{min(block)}-{max(block)}"
        cells.append(f"{span}: {n}" if block else "*" if count is None else str(count))
    return cells
