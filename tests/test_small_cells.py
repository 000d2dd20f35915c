"""Under --anonymise no table gives a count of fewer than --min-group settings at a level
("1 setting rated weak in this cluster"): that side of good is hatched and its levels counted only
together, in charts, summary.md and summary.csv alike; named papers (internal use) keep every
count."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

from selfeval.charts.distribution import distribution_figure
from selfeval.charts.frame import Caption
from selfeval.charts.heatcounts import counts_pages
from selfeval.cli import main
from selfeval.compare.cells import sides
from selfeval.compare.disclosure import bands, protect
from selfeval.compare.distribution import ONE_SIDED, WITHHELD_PROTECT
from selfeval.compare.records import SELF, Record, distributions, grouping
from selfeval.digest.framework import QIColumn
from selfeval.framework import load_framework

from .conftest import REPO

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
COLUMNS = [QIColumn("1.1", "Self-evaluation for self-improvement")]


def _cluster(name: str, levels: list[int], coded: bool) -> list[Record]:
    return [
        Record(name=f"{name} {n}", kind=SELF, source=Path(f"{name}{n}.toml"), cluster=name,
               suggested={"1.1": level}, coded=coded)
        for n, level in enumerate(levels)
    ]  # fmt: skip


# one weak (2) among fifteen settings: a count of 1 below good; five good, five very good
LEVELS = [2, 3, 3, 3, 3, *[4] * 5, *[5] * 5]


def test_a_coded_table_hides_the_side_of_good_with_a_small_count() -> None:
    (coded,) = distributions(_cluster("A", LEVELS, True), COLUMNS, SCALE, 5)
    assert coded.hidden == frozenset({1, 2, 3})  # below good: 1 weak, 4 satisfactory, 0
    shown = coded.shown_counts
    assert shown is not None and shown[2] is None and shown[3] is None and shown[4] == 5
    assert coded.percent_good_or_better is not None  # the side's total is the share's
    (named,) = distributions(_cluster("A", LEVELS, False), COLUMNS, SCALE, 5)
    assert named.hidden == frozenset() and named.shown_counts == named.counts


def test_a_hidden_side_is_hidden_in_another_group_too_so_the_whole_does_not_give_it() -> None:
    """The whole is shown: cluster A's weak count would be the whole's less cluster B's."""
    a = distributions(_cluster("A", LEVELS, True), COLUMNS, SCALE, 5)[0]
    b = distributions(_cluster("B", [2] * 6 + [3] * 6 + [4] * 6, True), COLUMNS, SCALE, 5)[0]
    assert not b.hidden
    safe_a, safe_b = protect([a, b], SCALE.good_from)
    assert safe_a.hidden == a.hidden and safe_b.hidden >= {1, 2, 3}


def test_the_counting_heatmap_of_a_coded_paper_draws_no_count_under_the_threshold() -> None:
    records = [r for c in "ABCDEFGHIJKL" for r in _cluster(c, LEVELS, True)]
    records = [replace(r, name=f"Setting {n:03}") for n, r in enumerate(records)]
    pages = counts_pages(records, COLUMNS, SCALE, Caption("T", "S"), grouping("cluster"), 0, 5)
    drawn = [t.get_text() for f in pages for t in f.axes[0].texts if t.get_text()]
    assert drawn and not [t for t in drawn if t.isdigit() and 0 < int(t) < 5], drawn
    named = [replace(r, coded=False) for r in records]
    pages = counts_pages(named, COLUMNS, SCALE, Caption("T", "S"), grouping("cluster"), 0, 5)
    assert "1" in [t.get_text() for f in pages for t in f.axes[0].texts]  # internal use


def _band_labels(pages: list[Figure]) -> list[tuple[str, float, float]]:
    """The counts written on a white ground over hatching: (text, x, y)."""
    return [(t.get_text(), *t.get_position()) for f in pages for t in f.axes[0].texts
            if t.get_bbox_patch() is not None]  # fmt: skip


def test_a_hidden_side_is_counted_together_in_every_group_of_the_heatmap() -> None:
    """A committee read a block of hatching and no number: each group's side below good (1
    weak, 4 satisfactory) is one outlined cell with its 5, in the middle of its three rows."""
    records = [r for c in "ABCDEFGHIJKL" for r in _cluster(c, LEVELS, True)]
    pages = counts_pages(records, COLUMNS, SCALE, Caption("T", "S"), grouping("cluster"), 0, 5)
    rows = len(SCALE.values) + 1  # the levels, then "no level"
    below = sorted(SCALE.values, reverse=True).index(2)  # weak: the middle of 3, 2, 1
    drawn = {(text, x, y % rows) for text, x, y in _band_labels(pages)}
    assert drawn == {("5", 0, below)}
    assert len(_band_labels(pages)) == 12  # every cluster's


def test_a_hidden_side_is_counted_on_its_bar_and_in_the_csv(tmp_path: Path) -> None:
    """The distribution chart writes the side's count on its hatched bar, with its levels as
    the brief gives them ("1-3: 5"; a trial read a hatched 5 as any of them); summary.csv gives a
    band's row ("1-3", below good, 5) beside its levels' blank rows, so the rows of a QI add
    up to n."""
    (coded,) = distributions(_cluster("A", LEVELS, True), COLUMNS, SCALE, 5)
    assert bands(coded, SCALE.good_from) == [(frozenset({1, 2, 3}), 5)]
    figure = distribution_figure([coded], SCALE, Caption("T", "S"))
    assert [text for text, x, _ in _band_labels([figure]) if x < 0] == ["1-3: 5"]
    shown = distributions(_cluster("A", [4] * 6 + [3] * 6, True), COLUMNS, SCALE, 5)[0]
    assert bands(shown, SCALE.good_from) == []  # every level counted: no band


def test_an_anonymised_papers_rows_add_up_and_its_brief_counts_good_or_better(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "60"]) == 0
    out = tmp_path / "paper"
    assert main(["compare", str(demo), "-o", str(out), "--anonymise", "--by", "stage"]) == 0
    capsys.readouterr()
    text = (out / "summary.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(text.splitlines()))
    assert any("-" in row["level"] for row in rows)  # some side counted together
    totals: dict[tuple[str, ...], int] = {}
    for row in rows:
        key = (row["kind"], row["qi_framework"], row["group"], row["qi"], row["with_level"])
        totals[key] = totals.get(key, 0) + int(row["settings_at_level"] or 0)
    counted = {k: n for k, n in totals.items() if n}  # rows with no count at all: suppressed
    assert counted and all(n == int(k[-1]) for k, n in counted.items())
    withheld = [row for row in rows if row["note"] == ONE_SIDED]
    assert withheld and all(row["good_or_better"] == "" for row in withheld)  # said once
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert re.search(r"\| \d+% \(\d+\) \|", brief)  # "| 64% (112) |"
    json_args = ["compare", str(demo), "-o", str(out), "--anonymise", "--by", "stage"]
    assert main([*json_args, "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    qis = [q for c in figures["comparisons"] for q in c["qis"] if q["counts"] is not None]
    for qi in qis:  # what the counts leave out is counted together: the two add up to n
        told = sum(n or 0 for n in qi["counts"].values()) + sum(qi["counted_together"].values())
        assert told == qi["with_level"], qi
    assert any(qi["counted_together"] for qi in qis)


_GROUPS = st.lists(st.lists(st.integers(1, 6), max_size=40), min_size=2, max_size=5)


@given(groups=_GROUPS)
@settings(max_examples=150, deadline=None)
def test_no_count_under_the_threshold_is_shown_or_left_to_be_worked_out(
    groups: list[list[int]],
) -> None:
    """Any split of coded settings: every level counted on its own, and every block of two
    counted together, is 0 or at least 5; and at each level, the groups that count it only
    with others have none or at least 5 there together (the whole less the groups that show
    it, where the whole shows it: no small cell recoverable). A side's total may be under 5:
    the share good or better already says it."""
    rows = [
        distributions(_cluster(f"G{n}", levels, True), COLUMNS, SCALE, 5)[0]
        for n, levels in enumerate(groups)
    ]
    safe = protect(rows, SCALE.good_from)
    for dist in safe:
        if dist.suppressed:
            continue
        shown = dist.shown_counts or {}
        assert all(n is None or n == 0 or n >= 5 for n in shown.values()), shown
        for block, count in bands(dist, SCALE.good_from):
            whole_side = block in sides(dist, SCALE.good_from)
            assert whole_side or count == 0 or count >= 5, (block, count)
    every = [level for levels in groups for level in levels]
    (whole,) = distributions(_cluster("all", every, True), COLUMNS, SCALE, 5)
    for level in SCALE.values if not whole.suppressed else ():
        if level in whole.hidden:  # not shown by the whole either: nothing to take from
            continue
        hiders = [d for d in safe if d.suppressed or level in d.hidden]
        together = sum(d.counts[level] for d in hiders)
        assert not 0 < together < 5, (level, [d.counts for d in safe])


def test_an_anonymised_paper_gives_no_band_and_one_reason_for_every_group_withheld(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial read "5 or 6 of 6" for one cluster and "0 or 1 of 5" for the clusters not shown
    beside the total and a paper split by stage, and worked out that every primary of one
    cluster was below good. An anonymised paper gives no band, and says the same of a group
    withheld for being small and one-sided as of one withheld to protect it."""
    demo = tmp_path / "demo"
    assert main(["demo", str(demo), "--settings", "40"]) == 0
    for by in ("cluster", "stage"):
        out = tmp_path / by
        assert main(["compare", str(demo), "-o", str(out), "--anonymise", "--by", by]) == 0
        brief = (out / "summary.md").read_text(encoding="utf-8")
        tables = [line for line in brief.splitlines() if line.startswith("| ")]
        assert not [line for line in tables if re.search(r"\d+ or \d+ of \d+", line)]
        assert not [line for line in tables if WITHHELD_PROTECT in line]
        assert any(ONE_SIDED in line for line in tables)
        assert re.search(r"\| \d-\d: \d+ \|", brief)  # "| 5-6: 12 |": its levels first
    capsys.readouterr()
    (banded,) = distributions(_cluster("A", [2] + [4] * 5, True), COLUMNS, SCALE, 5)
    assert banded.banded and banded.share() == ONE_SIDED == banded.not_shown
    withheld = replace(distributions(_cluster("B", [2, 3] * 3, True), COLUMNS, SCALE, 5)[0],
                       withheld=True)  # fmt: skip
    assert withheld.share() == ONE_SIDED == withheld.not_shown
    (named,) = distributions(_cluster("A", [2] + [4] * 5, False), COLUMNS, SCALE, 5)
    assert named.share() == "5 or 6 of 6"  # internal use: the band


def test_a_share_rounds_half_up() -> None:
    """5 of 8 good or better is 62.5%: a trial read "62%" (rounded to even) as a slip."""
    (dist,) = distributions(_cluster("A", [4] * 5 + [3] * 3, False), COLUMNS, SCALE, 5)
    assert dist.share() == "63%"


def test_an_anonymised_chart_says_withheld_in_one_word_beside_its_row() -> None:
    """The reason at length ("withheld: a small group, or shown it would give one away"),
    twice over, ran into the next row's words and across the next panel; the foot says it."""
    from selfeval.charts.frame import share_of

    (banded,) = distributions(_cluster("A", [2] + [4] * 5, True), COLUMNS, SCALE, 5)
    assert share_of(banded) == "withheld"
    figure = distribution_figure([banded], SCALE, Caption("T", "S"))
    words = [t.get_text() for t in figure.axes[0].texts]
    assert words == ["withheld (n=6)"]


def test_group_panels_say_withheld_in_the_words_every_other_output_uses() -> None:
    """The panels' heading said "withheld" was "to protect such a smaller group" beside panels
    of 5 and 6 settings withheld as small groups: a committee reader looked for a smaller group
    that was not there. It uses the words of the brief and the foot."""
    from selfeval.charts.multiples import group_panels_pages

    groups = {c: _cluster(c, LEVELS, True) for c in "AB"}
    pages = group_panels_pages(groups, COLUMNS, SCALE, Caption("T", "S"))
    said = " ".join(t.get_text().replace("\n", " ") for page in pages for t in page.texts)
    assert ONE_SIDED in said and "smaller group" not in said


def test_a_block_of_no_settings_is_shown_as_0s_not_stars() -> None:
    """Protected to keep another group's count, a group counted its 5-6 together with none
    at either: "5-6: 0 | *", and the "*" beside a 0 read as a count withheld (committee
    reader's trial). A block of none says each level has none: it is shown as 0 and 0."""
    from selfeval.compare.cells import without_empty_blocks

    (d,) = distributions(_cluster("A", [4] * 6 + [3] * 6, True), COLUMNS, SCALE, 5)
    blocked = replace(d, hidden=frozenset({5, 6}))
    assert bands(blocked, SCALE.good_from) == [(frozenset({5, 6}), 0)]
    shown = without_empty_blocks(blocked, SCALE.good_from)
    assert bands(shown, SCALE.good_from) == [] and shown.shown_counts == d.counts


def test_the_national_grades_by_stage_count_no_block_of_none() -> None:
    """QI 3.2 of the national grades by stage (the counts of the 2025 spreadsheet): the 8
    schools whose stage is not known, none at 5 or 6, were shown "5-6: 0 | *"."""
    from selfeval.compare.disclosure import protected_groups

    def school(*at: tuple[int, int]) -> list[int]:
        return [level for level, n in at for _ in range(n)]

    stages = {
        "primary": school((6, 5), (5, 169), (4, 498), (3, 304), (2, 80), (1, 2)),
        "secondary": school((6, 4), (5, 33), (4, 77), (3, 43), (2, 27), (1, 3)),
        "asn": school((5, 6), (4, 31), (3, 25), (2, 8)),
        "not known": school((4, 5), (3, 2), (2, 1)),
    }
    named = {name: _cluster(name, levels, True) for name, levels in stages.items()}
    protected = protected_groups(named, dict.fromkeys(named, COLUMNS), SCALE, 5)
    (unknown,) = protected["not known"]
    assert unknown.shown_counts is not None and unknown.shown_counts[6] == 0
    assert all(n for d in (unknown,) for _, n in bands(d, SCALE.good_from))


@settings(max_examples=80, deadline=None)
@given(_GROUPS)
def test_no_protected_group_counts_a_block_of_none(groups: list[list[int]]) -> None:
    from selfeval.compare.disclosure import protected_groups

    named = {f"G{n}": _cluster(f"G{n}", levels, True) for n, levels in enumerate(groups)}
    protected = protected_groups(named, dict.fromkeys(named, COLUMNS), SCALE, 5)
    for dists in protected.values():
        for d in dists:
            assert all(n for _, n in bands(d, SCALE.good_from)), d


def test_histograms_draw_levels_counted_together_as_one_bar_of_their_share() -> None:
    """Each level counted together was a hatched bar at full height: "100% at levels 1, 2
    and 3" on nearly every QI of an anonymised paper (committee reader's trial 4). The block
    is one hatched bar across its levels, as high as its share, labelled "1-3: 5"."""
    from matplotlib.patches import Rectangle

    from selfeval.charts.multiples import qi_histograms_figure

    records = _cluster("A", LEVELS, True)  # below good: 1 weak, 4 satisfactory: "1-3: 5"
    figure = qi_histograms_figure(records, COLUMNS, SCALE, Caption("T", "S"))
    ax = figure.axes[0]
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    assert len(hatched) == 1
    (bar,) = hatched
    assert bar.get_x() < 1 and bar.get_x() + bar.get_width() > 3  # across 1, 2 and 3
    assert abs(bar.get_height() - 100 * 5 / 15) < 1e-9
    assert "1-3: 5" in [t.get_text() for t in ax.texts]


def test_a_named_charts_rows_withheld_say_a_few_words_and_the_reason_once_below() -> None:
    """ "counts not shown: a small group, its share as a band; 6 or 7 of 7 good or better
    (n=7)" ran to three lines and over the rows beside it (committee reader's trial 4): the
    row says the band and n, and the foot says once what a band is."""
    from itertools import pairwise

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from selfeval.charts.distribution import BANDED_SAID

    columns = [QIColumn(f"{n}.1", f"A quality indicator of some length {n}") for n in range(15)]
    records = [
        Record(name=f"S{n}", kind=SELF, source=Path(f"{n}.toml"),
               suggested={c.id: 2 if n == 0 else 4 for c in columns})
        for n in range(7)
    ]  # fmt: skip
    dists = distributions(records, columns, SCALE, 5)
    assert all(d.banded for d in dists)
    figure = distribution_figure(dists, SCALE, Caption("T", "S"))
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    notes = [t for t in figure.axes[0].texts if "of 7" in t.get_text()]
    assert len(notes) == 15 and not [t for t in notes if "counts not shown" in t.get_text()]
    boxes = sorted((t.get_window_extent(renderer) for t in notes), key=lambda b: b.y0)
    assert all(low.y1 <= high.y0 for low, high in pairwise(boxes))  # none over another
    assert BANDED_SAID.strip() in " ".join(t.get_text().replace("\n", " ") for t in figure.texts)
