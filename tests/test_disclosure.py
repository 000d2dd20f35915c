"""What a comparison withholds stays withheld in every output of the run: summary.csv, the
JSON, shares of small groups that would say every setting is below good, and inspection records
that would find their row in the published spreadsheet (issue 31)."""

from __future__ import annotations

import csv
import io
import random
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.compare.anonymise import anonymise, places_not_shown
from selfeval.compare.calibration import no_calibration
from selfeval.compare.disclosure import protect, sections
from selfeval.compare.records import (
    INSPECTION,
    SELF,
    WITHHELD_PROTECT,
    Collection,
    Distribution,
    Record,
)
from selfeval.compare.strata import ALL_SCHOOLS, whose_grades
from selfeval.digest.framework import QIColumn
from selfeval.report.summary import comparison_markdown, summary_csv

_QIS = ("1.1", "2.1", "3.3")
_COLUMNS = [QIColumn(qi, f"QI {qi}", framework="hgios4") for qi in _QIS]


@dataclass
class _Scale:
    values: list[int] = field(default_factory=lambda: [6, 5, 4, 3, 2, 1])
    good_from: int = 4


def _collection(
    rows: list[tuple[str, dict[str, int | None]]], stages: int = 1, **kw: object
) -> Collection:
    """Schools of Demoshire, their stages taken in turn from *stages* of primary, secondary."""
    records = [
        Record(f"School {n}", SELF, Path(f"s{n}.toml"), cluster=cluster,
               stage=("primary", "secondary")[n % stages],
               authority="Demoshire", against="hgios4", suggested=levels)
        for n, (cluster, levels) in enumerate(rows)
    ]  # fmt: skip
    return Collection(None, list(_COLUMNS), records, [], **kw)  # type: ignore[arg-type]


_LEVEL = st.one_of(st.none(), st.integers(min_value=1, max_value=6))
_ROWS = st.lists(
    st.tuples(
        st.sampled_from(["North cluster", "South cluster", "East cluster"]),
        st.fixed_dictionaries(dict.fromkeys(_QIS, _LEVEL)),
    ),
    min_size=5,
    max_size=40,
)


def test_an_anonymised_comparison_has_no_row_per_setting() -> None:
    """A coded row gave its setting away (which of its levels were withheld placed it in its
    group, and a paper split another way named it): an anonymised run's summary.csv counts
    settings by group (`counts_csv`), and the named rows are refused for it."""
    coded, _ = anonymise(_collection([("North cluster", {"1.1": 4})] * 6), random.Random(1))
    with pytest.raises(ValueError, match="no row per setting"):
        summary_csv(coded)


def test_every_blank_level_says_why_and_files_are_named_from_the_folder(tmp_path: Path) -> None:
    """Named (internal) rows keep their levels; a blank one says "no level: too few rated";
    the file is named from the folder compared, not from the disk's root."""
    folder = tmp_path / "responses"
    collection = _collection([("North cluster", {"1.1": 4, "2.1": None, "3.3": 2})])
    collection.records[0] = Record(
        "School 0", SELF, folder / "sub" / "s0.toml", against="hgios4",
        suggested={"1.1": 4, "2.1": None},
    )  # fmt: skip
    folder.mkdir()
    rows = list(csv.DictReader(io.StringIO(summary_csv(collection, roots=[folder]))))
    assert {r["qi"]: r["level_note"] for r in rows} == {"1.1": "", "2.1": "no level: too few rated"}
    assert {r["file"] for r in rows} == {"sub/s0.toml"}


_SIZES = st.lists(
    st.integers(min_value=0, max_value=14).flatmap(
        lambda n: st.tuples(st.just(n), st.integers(min_value=0, max_value=n))
    ),
    min_size=1,
    max_size=6,
)


def _one_sided(n: int, good: int, threshold: int) -> bool:
    """A group of fewer than twice the threshold, at most one of them on one side of good."""
    return threshold > 1 and threshold <= n < 2 * threshold and min(good, n - good) <= 1


@given(groups=_SIZES, threshold=st.integers(min_value=1, max_value=6))
def test_no_share_tells_that_every_setting_of_a_small_group_is_below_good(
    groups: list[tuple[int, int]], threshold: int
) -> None:
    """Whatever the groups: no row shown has counts or a share of 0% or 100% where fewer than
    twice the threshold have a level (its share is banded, "0 or 1 of 5"); and after
    `protect`, what the total less the groups shown gives (the groups not shown together) is
    itself more than one group, at least the threshold and not one-sided, or no group is
    shown at all."""
    column = QIColumn("3.3", "QI")
    rows = [Distribution(column, {4: g, 2: n - g}, n, 0, g, threshold) for n, g in groups]
    safe = protect(rows)
    for d in safe:
        if d.shown_counts is not None and d.with_level:
            assert d.with_level >= threshold
            assert not _one_sided(d.with_level, d.good_or_better, threshold)
        if _one_sided(d.with_level, d.good_or_better, threshold):
            n = d.with_level
            assert d.share() in {f"0 or 1 of {n}", f"{n - 1} or {n} of {n}", WITHHELD_PROTECT}
            assert d.percent_good_or_better is None
    hidden = [d for d in safe if d.suppressed and d.with_level]
    shown = [d for d in safe if not d.suppressed and d.with_level]
    if hidden and shown:
        n = sum(d.with_level for d in hidden)
        good = sum(d.good_or_better for d in hidden)
        assert len(hidden) > 1 and n >= threshold and not _one_sided(n, good, threshold)


def test_two_bands_are_not_pinned_by_the_total_less_the_groups_shown() -> None:
    """A trial: Dunmuir and Kilmore clusters said "5 or 6 of 6" each, a pooled group 3 of 5,
    and the whole 15 of 17: 15 - 3 = 12 made both clusters 6 of 6, every school good or
    better. The groups not shown must not, together, pin each to one end of its band: the
    pooled group is withheld with them."""
    column = QIColumn("2.5", "Family learning")
    rows = [Distribution(column, {4: 6, 2: 0}, 6, 0, 6, 5),
            Distribution(column, {4: 6, 2: 0}, 6, 0, 6, 5),
            Distribution(column, {4: 3, 2: 2}, 5, 0, 3, 5)]  # fmt: skip
    assert rows[0].banded and rows[1].banded and not rows[2].suppressed
    safe = protect(rows)
    assert all(d.suppressed for d in safe)  # 15 of 17 in all: none of the three is known


_PUBLISHED = st.lists(
    st.tuples(
        st.integers(min_value=1000000, max_value=9999999),
        st.sampled_from(["Fife Council", "Angus Council", "Grant aided"]),
        st.dates(min_value=date(2016, 8, 1), max_value=date(2025, 3, 1)),
    ),
    min_size=5,
    max_size=20,
    unique_by=lambda row: row[0],
)


@settings(max_examples=40, deadline=None)
@given(published=_PUBLISHED)
def test_no_coded_inspection_field_matches_its_published_row(
    published: list[tuple[int, str, date]],
) -> None:
    """A coded inspection record, and the anonymised summary.csv of it, have none of its
    school's published fields: no name, SEED code or inspection date, and the CSV no council
    unless split by council (the date and council together find the school in the
    spreadsheet; the school year alone does not)."""
    from selfeval.framework.catalog import find_framework
    from selfeval.report.summary_csv import counts_csv

    records = [
        Record(f"School {seed}", INSPECTION, Path("grades.toml"), stage="primary",
               seed_code=str(seed), authority=council, when=when, against="hgios4",
               confirmed={"2.3": 4, "3.2": 3})
        for seed, council, when in published
    ]  # fmt: skip
    columns = [QIColumn(q, q, framework="hgios4") for q in ("2.3", "3.2")]
    coded, _ = anonymise(Collection(None, columns, records, []), random.Random(1))
    for record in coded.records:
        assert record.seed_code in (None, "") and record.when is None
        assert not record.name.startswith("School")
    scale = find_framework()[1].rating_scale
    rows = list(csv.DictReader(io.StringIO(counts_csv(coded, scale, lambda _: scale, None, 5))))
    assert rows
    for row in rows:
        fields = set(row.values())
        for seed, council, when in published:
            assert not fields & {f"School {seed}", str(seed), council, when.isoformat()}
    councils = sorted({c for _, c, _ in published if c != "Grant aided"})
    expected = "schools in " + " and ".join(councils) if councils else ALL_SCHOOLS
    assert whose_grades(coded) == expected


def test_calibration_missing_is_said_with_what_to_do() -> None:
    """No calibration is never silent: no SEED codes, an anonymised paper, --inspected-since
    leaving none, and codes that match no graded school each say why and what to do."""
    own = Record("Ardlea Primary", SELF, Path("a.toml"), against="hgios4", suggested={"3.2": 4})
    graded = Record("Other School", INSPECTION, Path("g.toml"), seed_code="1234567",
                    against="hgios4", confirmed={"3.2": 4})  # fmt: skip
    base = Collection(None, list(_COLUMNS), [own, graded], [])
    assert "add SEED codes (the start screen's school list fills them in)" in no_calibration(base)
    base.anonymised = True
    assert "withheld in an anonymised paper" in no_calibration(base)
    coded = Record("Ardlea Primary", SELF, Path("a.toml"), seed_code="7654321",
                   against="hgios4", suggested={"3.2": 4})  # fmt: skip
    since = Collection(None, list(_COLUMNS), [coded], [], older_grades=1300)
    assert "--inspected-since left out 1300" in no_calibration(since)
    other = Collection(None, list(_COLUMNS), [coded, graded], [])
    assert "is among the schools with an HGIOS4 grade: check" in no_calibration(other)
    matched = Collection(None, list(_COLUMNS), [coded, graded], [])
    matched.records[1] = Record("Ardlea Primary", INSPECTION, Path("g.toml"), seed_code="7654321",
                                against="hgios4", confirmed={"3.2": 4})  # fmt: skip
    assert no_calibration(matched) == ""


def test_the_brief_says_agreed_levels_moved_clusters_and_does_not_repeat() -> None:
    """summary.md says per table how many levels the team agreed, how many settings an
    anonymised paper shows as "cluster not shown" and why, and a group that is the whole
    table is "as above", not a second copy."""
    north: dict[str, int | None] = {"1.1": 4, "2.1": 3, "3.3": 5}
    south: dict[str, int | None] = {"1.1": 2, "2.1": 5, "3.3": 4}
    rows = [("North cluster", north)] * 6 + [("South cluster", south)]
    collection = _collection(rows)
    collection.records[0] = Record(
        "School 0", SELF, Path("s0.toml"), stage="primary", cluster="North cluster",
        authority="Demoshire", against="hgios4", suggested={"1.1": 4, "2.1": 3, "3.3": 5},
        confirmed={"1.1": 5, "2.1": 3},
    )  # fmt: skip
    text = comparison_markdown(collection, _Scale(), "stage")
    assert "2 levels agreed by the team, 19 suggested by selfeval only." in text
    assert text.count("| 1.1 QI 1.1 |") == 1
    assert "The same 7 as the table above: as above." in text
    coded, _ = anonymise(collection, random.Random(3), by="cluster")
    assert not any("cluster" in line for line in places_not_shown(coded, by="stage"))
    said = places_not_shown(coded, by="cluster")
    assert 'In the tables by cluster, "cluster not shown" counts 7 settings together' in said[0]
    brief = comparison_markdown(coded, _Scale(), "cluster")
    assert all(line in brief for line in said)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(folder), "--settings", "12"]) == 0
    return folder


def test_the_terminal_says_what_was_compared(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "compared 12 self-evaluations", not a count of records."""
    capsys.readouterr()
    out = tmp_path / "out"
    assert main(["compare", str(demo), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "compared 12 self-evaluations\n" in captured.out
    assert "wrote summary.csv" in captured.out
    assert main(["compare", str(demo), "-o", str(out), "--by", "cluster"]) == 0
    files = [p for p in out.iterdir() if p.suffix == ".png"]  # a file a page: more than 6
    assert f"summary.md and {len(files)} chart files to" in capsys.readouterr().out


def test_schools_are_labelled_in_the_school_words_and_nurseries_in_theirs(demo: Path) -> None:
    """A mixed authority's merged scale ("3 satisfactory / adequate") is for charts of both;
    a school's radar and the calibration table (schools only) get HGIOS4's own words, a
    nursery's radar the ELC framework's."""
    from selfeval.compare.collect import collect_cached, comparison_scale
    from selfeval.report.comparison import own_scale

    collection = collect_cached([demo], None, False, 1, False, None)
    merged = comparison_scale(collection)
    assert merged.label(3) == "3 satisfactory / adequate"
    assert own_scale(collection, "hgios4", merged).label(3) == "3 satisfactory"
    assert own_scale(collection, "elc-qif", merged).label(3) == "3 adequate"


def test_a_qi_an_inspection_did_not_grade_is_said_so_and_not_counted_in_its_n() -> None:
    """Short inspections of 2017 to 2020 graded 1.1, full ones never: the brief's 1.1 row
    counts n over the schools graded on it and says the rest were "not graded at their
    inspection", not that they have "no level"."""
    short = {"1.1": 4, "3.2": 3}
    full = {"1.3": 4, "2.3": 4, "3.1": 5, "3.2": 4}
    records = [
        Record(f"School {n}", INSPECTION, Path("g.toml"), stage="primary", against="hgios4",
               confirmed=dict(short if n % 3 == 0 else full), when=date(2018, 5, 1))
        for n in range(30)
    ]  # fmt: skip
    columns = [QIColumn(q, f"QI {q}", framework="hgios4") for q in ("1.1", "1.3", "3.2")]
    text = comparison_markdown(Collection(None, columns, records, []), _Scale(), None)
    assert "| n | not graded at their inspection |" in text
    assert "| 1.1 QI 1.1 (short inspections only) | 0 | 0 | 10 | 0 | 0 | 0 | 100% | 10 | 20 |" in (
        text
    )
    assert "| 3.2 QI 3.2 | 0 | 0 | 20 | 10 | 0 | 0 | 67% | 30 | 0 |" in text
    assert "beside the latest inspection grade" not in text  # no self-evaluation: nothing to say


def test_a_group_withheld_to_protect_another_says_so_not_too_few() -> None:
    """Twelve primaries withheld so that four secondaries and one ASN school cannot be worked
    out were said to be "not shown: too few settings", beside a garbled "withheld: shown, it
    would give a smaller group's away": the chart's row and summary.md's table now say it is
    withheld to protect a smaller group."""
    from selfeval.charts.distribution import distribution_figure
    from selfeval.charts.frame import Caption
    from selfeval.framework.catalog import find_framework

    scale = _Scale()
    rows: list[tuple[str, dict[str, int | None]]] = [
        ("North cluster", dict.fromkeys(_QIS, 4 + n % 2)) for n in range(12)
    ]
    rows += [("South cluster", dict.fromkeys(_QIS, 2)) for _ in range(5)]
    collection = _collection(rows, stages=1)
    for n in range(12, 17):  # four secondaries and an ASN school, all below good
        stage = "asn" if n == 16 else "secondary"
        collection.records[n] = replace(collection.records[n], stage=stage)
    found = [s for s in sections(collection, scale, "stage", 5) if s.group == "primary"]
    (primary,) = found
    assert all(d.withheld for d in primary.dists)
    figure = distribution_figure(primary.dists, find_framework()[1].rating_scale, Caption("T", "S"))
    said = [" ".join(t.get_text().split()) for t in figure.axes[0].texts]
    assert sum(text.startswith("withheld (n=") for text in said) == len(_QIS)  # on its row
    foot = " ".join(" ".join(t.get_text().split()) for t in figure.texts)
    assert f"Withheld: {WITHHELD_PROTECT}." in foot  # why, once
    assert not any("too few" in text or "give a smaller" in text for text in [*said, foot])
    assert WITHHELD_PROTECT in comparison_markdown(collection, scale, "stage")


def test_a_brief_and_its_charts_say_whose_settings_of_which_year_and_the_level_words() -> None:
    """A committee reader found no authority or school year on any chart or in summary.md,
    and tables headed by bare numbers "6 … 1": the whole's heading and every chart's foot say
    the authority and school year the settings' files give, and each table keys its levels
    in words."""
    from selfeval.charts.describe import source_note
    from selfeval.framework.catalog import find_framework

    level: dict[str, int | None] = dict.fromkeys(_QIS, 4)
    collection = _collection([("North cluster", level) for _ in range(6)])
    collection.records[:] = [
        replace(r, authority="Demoshire Council", year="2026-27") for r in collection.records
    ]
    said = "Demoshire Council, school year 2026-27"
    assert said in source_note(collection.records)
    brief = comparison_markdown(collection, find_framework()[1].rating_scale, None)
    assert f"(6 settings; {said})" in brief
    assert "Levels: 6 excellent, 5 very good, 4 good, 3 satisfactory, 2 weak" in brief
