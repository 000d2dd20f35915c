"""An anonymised comparison puts nothing beside a code that picks out a setting in a small
group: no cluster, stage or authority shared by fewer than --min-group settings, no dates."""

from __future__ import annotations

import csv
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from selfeval.cli import main
from selfeval.compare.anonymise import anonymise, coarsened, not_shown
from selfeval.compare.records import INSPECTION, SELF, Collection, Record
from selfeval.report.summary import INTERNAL
from selfeval.report.summary_csv import COUNTED

_PLACES = ("authority", "cluster", "stage")


def _record(n: int, kind: str, against: str, authority: str, cluster: str, stage: str) -> Record:
    return Record(
        f"S{n}", kind, Path(f"S{n}"), stage=stage, authority=authority, cluster=cluster,  # type: ignore[arg-type]
        against=against, suggested={"1.1": 4},
    )  # fmt: skip


_ROWS = st.lists(
    st.tuples(
        st.sampled_from([SELF, INSPECTION]),
        st.sampled_from(["hgios4", "hgioelc"]),
        st.sampled_from(["North", "South"]),
        st.sampled_from(["Ardbrae", "Balmuir", "Craiglea", "Dunlea"]),
        st.sampled_from(["primary", "secondary", "asn"]),
    ),
    max_size=60,
)


@given(_ROWS, st.integers(1, 8), st.sampled_from([None, "stage", "cluster", "authority"]))
def test_every_place_shown_is_shared_by_at_least_the_threshold(
    rows: list[tuple[str, str, str, str, str]], min_group: int, by: str | None
) -> None:
    """Whatever the mix, each combination of places shown beside a code is shared by at least
    --min-group self-evaluations of the same QIs, while inspection grades, published school by
    school, keep their places; a part with fewer is withheld whole; no setting is lost or
    counted twice."""
    records = [_record(n, *row) for n, row in enumerate(rows)]
    kept, withheld = coarsened(records, by, min_group)
    alike: dict[tuple[object, ...], set[str]] = {}
    graded = {r.name: r for r in records if r.kind == INSPECTION}
    assert all(r == graded[r.name] for r in kept if r.kind == INSPECTION)  # places kept
    for record in (r for r in kept if r.kind != INSPECTION):
        place = (record.kind, record.against, *(getattr(record, f) for f in _PLACES))
        alike.setdefault(place, set()).add(record.name)
    assert all(len(names) >= min_group for names in alike.values())
    parts: dict[tuple[str, str], int] = {}
    for record in records:
        parts[(record.kind, record.against)] = parts.get((record.kind, record.against), 0) + 1
    small = {p for p, n in parts.items() if n < min_group}
    assert len(withheld) == len(small)
    assert sorted(r.name for r in kept) == sorted(
        r.name for r in records if (r.kind, r.against) not in small
    )
    assert all(r.suggested == {"1.1": 4} for r in kept)  # the levels themselves never change


def test_an_anonymised_paper_by_cluster_names_and_codes_no_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Anonymised by cluster, no chart, table or CSV row names a setting or codes one (a coded
    row gave itself away: which of its levels were withheld placed it in its cluster), and
    summary.csv counts settings by group; a cluster large enough is counted under its name."""
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "24"]) == 0
    out = tmp_path / "paper"
    args = ["compare", str(demo), "-o", str(out), "--anonymise", "--by", "cluster"]
    assert main([*args, "--chart-format", "svg"]) == 0
    capsys.readouterr()
    names = {
        line.split("=", 1)[1].strip().strip('"')
        for path in demo.rglob("*.toml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("name =")
    }
    assert names
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        named = [c for c in names if c in text]
        assert not named, f"{path.name} names {named[:3]}"
        if path.suffix == ".svg":  # each chart says what it is, wherever it goes
            assert "Anonymised:" in text, path.name
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows and "setting" not in rows[0] and "date" not in rows[0]  # counts, no one's row
    assert {row["use"] for row in rows} == {COUNTED}
    # the share good or better the brief gives, on every row, even where no count is given;
    # where none is given, the note says why, once
    assert all(row["good_or_better"] or row["note"] for row in rows)
    assert not [row for row in rows if row["good_or_better"] == row["note"] != ""]
    assert any(row["good_or_better"].endswith("%") and not row["settings_at_level"]
               for row in rows)  # fmt: skip
    assert not any(re.search(r"Setting \d", path.read_text(encoding="utf-8-sig"))
                   for path in out.iterdir())  # no code either  # fmt: skip
    assert "1 of 1" not in (out / "summary.md").read_text(encoding="utf-8")


def test_a_named_summary_says_on_every_row_that_it_is_for_internal_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """summary.csv with names beside levels travels without its folder: each row says what
    it is, and so does the heatmap that names settings."""
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "6"]) == 0
    out = tmp_path / "internal"
    assert main(["compare", str(demo), "-o", str(out), "--chart-format", "svg"]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows and {row["use"] for row in rows} == {INTERNAL}
    heatmaps = list(out.glob("heatmap-*.svg"))
    assert heatmaps and all("Internal use only" in p.read_text("utf-8") for p in heatmaps)


def _coded_records() -> list[Record]:
    """Twelve coded settings, one of them the only excellent on 2.1."""
    return [
        Record(f"Setting {n:02}", SELF, Path(f"Setting {n:02}"), stage="primary",
               against="hgios4", suggested={"1.1": 4, "2.1": 6 if n == 1 else 3})
        for n in range(1, 13)
    ]  # fmt: skip


def test_a_coded_heatmap_counts_settings_and_gives_none_a_row() -> None:
    """A heatmap of coded settings drew a row a code, its withheld levels hatched: the pattern
    of hatching placed a code in its group's block, and a paper split another way then named
    it. Coded settings are only counted: a row per group, never per code, even when few."""
    from selfeval.charts.frame import Caption
    from selfeval.charts.heatmap import heatmap_pages
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    scale = find_framework()[1].rating_scale
    columns = [QIColumn("1.1", "QI 1.1", framework="hgios4"),
               QIColumn("2.1", "QI 2.1", framework="hgios4")]  # fmt: skip
    pages = heatmap_pages(_coded_records(), columns, scale, Caption("Coded", "Source."),
                          "stage", coded=True)  # fmt: skip
    said = " ".join(t.get_text() for page in pages for ax in page.axes
                    for t in [*ax.texts, *ax.get_yticklabels()])  # fmt: skip
    assert "Setting" not in said
    named, _ = heatmap_pages(_coded_records(), columns, scale, Caption("Named", "Source."),
                             "stage"), None  # fmt: skip
    rows = [t.get_text() for t in named[0].axes[0].get_yticklabels()]
    assert any("Setting 01" in row for row in rows)  # named, a row each as before


def test_coded_settings_get_no_radar_each() -> None:
    """A radar per coded setting would draw a withheld level as a gap ("no level") or show
    it: the small multiples of coded settings are histograms per QI instead."""
    from selfeval.charts.frame import Caption
    from selfeval.charts.multiples import small_multiples_pages
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    scale = find_framework()[1].rating_scale
    columns = [QIColumn("1.1", "QI 1.1", framework="hgios4"),
               QIColumn("2.1", "QI 2.1", framework="hgios4")]  # fmt: skip
    groups = {"all": _coded_records()}
    named = small_multiples_pages(groups, columns, scale, Caption("Named", "Source."))
    coded = small_multiples_pages(groups, columns, scale, Caption("Coded", "Source."), coded=True)
    assert "Setting 01" in _titles(named) and "Setting 01" not in _titles(coded)


def _titles(pages: list[Figure]) -> list[str]:
    return [ax.get_title() for page in pages for ax in page.axes]


def test_each_radar_is_refused_in_an_anonymised_paper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A radar per coded setting would draw every level, those the tables withhold too: the
    two options together are refused with what to do instead, and nothing is written."""
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "6"]) == 0
    out = tmp_path / "paper"
    assert main(["compare", str(demo), "-o", str(out), "--anonymise", "--each"]) == 2
    said = capsys.readouterr().err
    assert "--each" in said and "leave out --each" in said
    assert not out.exists() and not (tmp_path / "paper-key.csv").exists()


def test_anonymised_inspection_grades_are_still_counted_by_council() -> None:
    """Coded inspections lost their council, so `compare insp --by authority --anonymise` was
    one group, "not recorded", where the named run had 33 councils. A paper that only counts
    by group can keep it: no row per school is printed for its council to find."""
    import random

    from selfeval.compare.anonymise import anonymise
    from selfeval.compare.records import Collection

    graded = [
        Record(f"School {n}", INSPECTION, Path(f"{n}"), against="hgios4",
               authority=f"Council {n % 2}", suggested={"1.3": 4})
        for n in range(12)
    ]  # fmt: skip
    coded, _ = anonymise(Collection(None, [], graded, []), random.Random(1), by="authority")
    assert {r.authority for r in coded.records} == {"Council 0", "Council 1"}
    assert all(r.name.startswith("Inspected school") and r.when is None for r in coded.records)


def test_inspection_grades_keep_their_stage_and_are_not_split_by_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial read "Secondary school (144 schools)" in an anonymised paper where the file has
    187: the secondaries of small councils were moved to "stage not shown", which protects
    nothing of a published grade. And split by cluster, which the spreadsheet does not give,
    the grades were one group, "not recorded"."""
    from selfeval.compare.disclosure import sections
    from selfeval.compare.records import Collection
    from selfeval.digest.framework import QIColumn, framework_digest

    graded = [
        Record(f"School {n}", INSPECTION, Path(f"{n}"), against="hgios4", stage=stage,
               authority=f"Council {n % 7}", suggested={"1.3": 3 + n % 3})
        for n, stage in enumerate(["primary"] * 30 + ["secondary"] * 9)
    ]  # fmt: skip
    columns = [QIColumn("1.3", "Leadership of change", framework="hgios4")]
    coded, _ = anonymise(Collection(None, columns, graded, []), random.Random(1), by="stage")
    assert sum(r.stage == "secondary" for r in coded.records) == 9  # 1 or 2 a council
    scale = framework_digest("")
    by_stage = [s.group for s in sections(coded, scale, "stage", 5)]
    assert by_stage == ["all", "primary", "secondary"]
    assert [s.group for s in sections(coded, scale, "cluster", 5)] == ["all"]


def test_an_anonymised_brief_says_grades_and_self_evaluations_are_not_the_same_measure() -> None:
    """Said only beside a calibration, which an anonymised paper does not make: a committee
    read the grades' table under the self-evaluations' as one measure."""
    from dataclasses import replace as changed

    from selfeval.compare.calibration import NOT_THE_SAME
    from selfeval.compare.records import Collection
    from selfeval.digest.framework import QIColumn, framework_digest
    from selfeval.report.summary import comparison_markdown

    columns = [QIColumn("1.3", "Leadership of change", framework="hgios4")]
    records = [
        Record(f"S{n}", kind, Path(f"{n}"), against="hgios4", suggested={"1.3": 3 + n % 3})
        for n in range(12) for kind in (SELF, INSPECTION)
    ]  # fmt: skip
    collection = Collection(None, columns, records, [])
    coded, _ = anonymise(collection, random.Random(1))
    brief = comparison_markdown(changed(coded, anonymised=True), framework_digest(""), None)
    assert NOT_THE_SAME in brief


def test_of_two_groups_a_brief_says_why_one_withheld_withholds_the_other() -> None:
    """A 40-setting paper by stage had one stage withheld and so the other, and nothing said
    why: the other's figures would be the whole's less the one's. Said only of two groups."""
    from dataclasses import replace as changed

    from selfeval.compare.records import Collection
    from selfeval.digest.framework import QIColumn, framework_digest
    from selfeval.report.summary import TWO_GROUPS, comparison_markdown

    columns = [QIColumn("1.3", "Leadership of change", framework="hgios4")]
    # secondaries: five, all but one good or better (withheld); primaries: twelve, mixed
    levels = {"primary": [2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5], "secondary": [4, 4, 4, 4, 2]}
    levels["asn"] = [3, 3, 4, 4, 5]

    def brief(stages: list[str]) -> str:
        records = [
            Record(f"{stage} {n}", SELF, Path(f"{stage}{n}"), stage=stage, against="hgios4",
                   suggested={"1.3": level})
            for stage in stages for n, level in enumerate(levels[stage])
        ]  # fmt: skip
        coded, _ = anonymise(Collection(None, columns, records, []), random.Random(1))
        return comparison_markdown(changed(coded, anonymised=True), framework_digest(""), "stage")

    two = brief(["primary", "secondary"])
    assert "withheld" in two and two.count(TWO_GROUPS) == 2  # under each group's table
    assert TWO_GROUPS not in brief(["primary", "secondary", "asn"])


def test_settings_counted_in_a_place_not_shown_are_said_per_framework() -> None:
    """'"cluster not shown" counts 59 settings' stood over two tables, of 16 nurseries and 43
    schools: each framework's tables are apart, so the count is said for each."""
    from selfeval.compare.anonymise import places_not_shown

    records = [
        Record(f"S{n}", SELF, Path(f"S{n}"), cluster=f"C{n}", against=against,
               suggested={"1.1": 4})
        for n, against in enumerate(["hgios4"] * 5 + ["elc-qif"] * 5 + ["hgios4"] * 6)
    ]  # fmt: skip
    records[10:] = [replace(r, cluster="Big") for r in records[10:]]  # shown; the rest, not
    coded, _ = anonymise(Collection(None, [], records, []), random.Random(1), by="cluster")
    (said,) = places_not_shown(coded, by="cluster")
    assert "counts 10 settings together (5 against hgios4, 5 against elc-qif)," in said
    one_framework = [r for r in records if r.against == "hgios4"]
    coded, _ = anonymise(Collection(None, [], one_framework, []), random.Random(1), by="cluster")
    assert "against" not in places_not_shown(coded, by="cluster")[0]


_KILMORE = [  # the 40-setting demo's schools: Kilmore 6 primaries and a secondary, ...
    *[(SELF, "hgios4", "Demoshire", "Kilmore", "primary")] * 6,
    (SELF, "hgios4", "Demoshire", "Kilmore", "secondary"),
    *[(SELF, "hgios4", "Demoshire", "Dunmuir", stage) for stage in ["primary", "secondary"] * 3],
    *[(SELF, "hgios4", "Demoshire", "Inverside", "primary")] * 3,
    (SELF, "hgios4", "Demoshire", "Inverside", "asn"),
]


@example(_KILMORE, 5, "cluster")
@given(_ROWS, st.integers(2, 8), st.sampled_from(["stage", "cluster"]))
def test_a_group_of_the_split_is_shown_whole_or_not_at_all(
    rows: list[tuple[str, str, str, str, str]], min_group: int, by: str
) -> None:
    """ "Kilmore cluster (6 settings counted here)" was 6 of its 7: its one secondary had
    gone to "cluster not shown", and a reader who guessed which, beside a paper by stage,
    worked out two groups of three. A cluster (or stage) a paper shows, it shows whole."""
    records = [_record(n, *row) for n, row in enumerate(rows) if row[0] == SELF]
    kept, _ = coarsened(records, by, min_group)

    def place(record: Record) -> tuple[object, ...]:
        return record.against, record.authority, getattr(record, by)

    for group in {place(r) for r in kept if getattr(r, by) != not_shown(by)}:
        whole = [r for r in records if place(r) == group]
        assert len([r for r in kept if place(r) == group]) == len(whole), group


def test_a_chart_says_what_its_place_not_shown_is(
    demo40: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Pages and heatmap rows of "cluster not shown" were explained only in the brief."""
    out = tmp_path / "paper"
    args = ["compare", str(demo40), "-o", str(out), "--anonymise", "--by", "cluster"]
    assert main([*args, "--chart-format", "svg"]) == 0
    capsys.readouterr()
    for chart in out.glob("*.svg"):
        text = " ".join(chart.read_text(encoding="utf-8").split())
        if "cluster not shown" in text:
            assert '"Cluster not shown": the settings of each cluster with fewer than 5' in text
