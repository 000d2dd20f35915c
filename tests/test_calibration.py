"""Calibration: self-evaluated levels beside inspection grades, joined by SEED code, counted
per QI and never listed by school."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.text import Text

from selfeval.charts.calibration import calibration_figure, crosstab_figure
from selfeval.charts.frame import Caption
from selfeval.charts.page import fits_page
from selfeval.cli import main
from selfeval.compare.calibration import (
    CALIBRATED_QIS,
    NOT_THE_SAME,
    Calibration,
    calibrate,
    crosstab,
)
from selfeval.compare.inspections import InspectionFile, InspectionRecord, save_inspections
from selfeval.compare.records import GRADED_AGAINST, INSPECTION, SELF, Collection, Record
from selfeval.digest.framework import QIColumn
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework
from selfeval.report.calibration_table import crosstab_markdown

from .conftest import REPO

STEM = load_framework(REPO / "frameworks" / "stem.toml")
COLUMNS = [
    QIColumn(qi, f"title {qi}", framework=GRADED_AGAINST)
    for qi in ("1.1", "1.3", "2.3", "3.1", "3.2")
]


def _own(seed: str | None, levels: dict[str, int | None], against: str = GRADED_AGAINST) -> Record:
    return Record(name=f"S{seed}", kind=SELF, source=Path("x"), seed_code=seed, suggested=levels,
                  against=against)  # fmt: skip


def _grades(seed: str, grades: dict[str, int | None]) -> Record:
    return Record(name=f"I{seed}", kind=INSPECTION, source=Path("y"), seed_code=seed,
                  suggested=grades, against=GRADED_AGAINST)  # fmt: skip


def test_counts_higher_same_lower_for_schools_with_both() -> None:
    records = [
        _own("1", {"1.3": 5, "2.3": 4, "3.1": 3, "3.2": None}),
        _own("2", {"1.3": 4, "2.3": 4, "3.1": 4, "3.2": 4}),
        _own("3", {"1.3": 6}),  # no inspection of this school: not counted
        _own(None, {"1.3": 6}),  # no SEED code: not counted
        _own("4", {"3.2": 6}, against="hgioelc"),  # a nursery's 3.2 is another QI: not counted
        _grades("4", {"3.2": 2}),
        _grades("1", {"1.3": 4, "2.3": 4, "3.1": 4, "3.2": 4}),
        _grades("2", {"1.3": 4, "2.3": 5, "3.1": None, "3.2": 3}),
    ]
    found = {c.qi: c for c in calibrate(Collection(None, COLUMNS, records, []))}
    assert list(found) == ["1.3", "2.3", "3.1", "3.2"]  # the QIs inspections grade
    assert (found["1.3"].higher, found["1.3"].same, found["1.3"].lower) == (1, 1, 0)
    assert (found["2.3"].higher, found["2.3"].same, found["2.3"].lower) == (0, 1, 1)
    assert (found["3.1"].lower, found["3.1"].schools) == (1, 1)  # school 2 not graded
    assert (found["3.2"].higher, found["3.2"].schools) == (1, 1)  # school 1 gave no level
    assert calibrate(Collection(None, COLUMNS, records[:4], [])) == []  # no grades: nothing to say


def test_the_schools_a_chart_speaks_of_are_the_schools_counted() -> None:
    """One join (`paired`): the calibration's counts and the source note of its charts (the
    dates of the schools joined) are of the same schools; a nursery's record of a graded
    SEED code and a school with no grade are in neither."""
    from selfeval.compare.calibration import paired
    from selfeval.report.comparison import _joined

    records = [
        _own("1", {"1.3": 5}),
        _own("3", {"1.3": 6}),
        _own("4", {"3.2": 6}, against="hgioelc"),
        _grades("4", {"3.2": 2}),
        _grades("1", {"1.3": 4}),
    ]
    collection = Collection(None, COLUMNS, records, [])
    assert [(own.name, grade.name) for own, grade in paired(collection)] == [("S1", "I1")]
    assert [r.name for r in _joined(collection)] == ["S1", "I1"]


def test_the_chart_counts_every_part_and_says_what_it_is_not() -> None:
    records = [_own("1", {"1.3": 5, "2.3": 3}), _grades("1", {"1.3": 4, "2.3": 3})]
    figure = calibration_figure(
        calibrate(Collection(None, COLUMNS, records, [])), Caption("T", "S"), min_group=1
    )
    texts = [t.get_text() for t in figure.texts] + [t.get_text() for t in figure.axes[0].texts]
    assert NOT_THE_SAME in [" ".join(t.split()) for t in texts]
    assert texts.count("1") == 2  # 1.3 higher and 2.3 same, each counted
    assert "  no school has both" in texts  # 3.1 and 3.2


def test_fewer_schools_than_the_threshold_are_not_shown() -> None:
    """One school's count is that school's own level beside its grade: by default (5) the
    chart says why it shows nothing, and draws no count."""
    records = [_own("1", {"1.3": 5, "2.3": 3}), _grades("1", {"1.3": 4, "2.3": 3})]
    figure = calibration_figure(
        calibrate(Collection(None, COLUMNS, records, [])), Caption("T", "S")
    )
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "1" not in texts and not figure.axes[0].patches
    assert texts.count("  not shown: fewer than 5 schools have both") == 2


def test_compare_sets_self_evaluation_beside_inspection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "team")
    setting = Setting(name="Hazlehead Academy", stage="secondary", seed_code="5243432")
    session = EvaluationSession.start(store, stem, setting)
    for part in stem.sections:  # evidence for half of each QI's 5s: suggested 4 good
        asked = [s.id for s in part.statements if s.applies_to("secondary")]
        for n, sid in enumerate(asked):
            session.rate(sid, 5)
            if n % 2 == 0:
                session.set_evidence(sid, "Seen in learners' work.")
    session.close()
    record = InspectionRecord(seed_code="5243432", name="Hazlehead Academy",
                              authority="Aberdeen City", stage="secondary",
                              grades={"1.3": 3, "2.3": 4, "3.1": 5, "3.2": 3})  # fmt: skip
    grades = tmp_path / "grades" / "inspections.toml"
    grades.parent.mkdir()
    source = InspectionFile(source="test", imported=datetime(2025, 6, 1), records=(record,))
    save_inspections(source, grades)

    args = ["compare", str(store.folder), str(grades), "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)  # one school: its own levels, so not shown
    assert {c["suppressed"] for c in data["calibration"]["qis"]} == {"too few"}
    assert main([*args, "--min-group", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    counts = {c["qi"]: (c["higher"], c["same"], c["lower"]) for c in data["calibration"]["qis"]}
    assert counts == {"1.3": (1, 0, 0), "2.3": (0, 1, 0), "3.1": (0, 0, 1), "3.2": (1, 0, 0)}
    assert data["calibration"]["note"] == NOT_THE_SAME
    out = tmp_path / "out"
    assert main(["compare", str(store.folder), str(grades), "-o", str(out)]) == 0
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "| 1.3 Leadership of change | * | * | * | 1 |" in brief  # one school: not shown
    assert (
        main(["compare", str(store.folder), str(grades), "-o", str(out), "--min-group", "1"]) == 0
    )
    assert (out / "calibration.png").exists()
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "## Self-evaluation beside the latest inspection grade" in brief
    assert "| 1.3 Leadership of change | 1 | 0 | 0 | 1 |" in brief
    section = brief.split("## Self-evaluation beside")[1].split("##")[0]
    assert "Hazlehead" not in section  # counts, never a named list
    assert "### Every calibrated QI: self-evaluated level against inspection grade" in brief
    assert (out / "calibration-table.png").exists() and (out / "calibration.csv").exists()
    table = (out / "calibration.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(table) == 1 + 36  # a row per level and grade
    assert "4,3,2," in table  # 4 good beside a 3 twice (1.3 and 3.2)


def _dated(
    seed: str, own: dict[str, int | None], grades: dict[str, int | None], graded: date
) -> list[Record]:
    return [
        Record(name=f"S{seed}", kind=SELF, source=Path("x"), seed_code=seed, suggested=own,
               against=GRADED_AGAINST, when=date(2026, 9, 1)),
        Record(name=f"I{seed}", kind=INSPECTION, source=Path("y"), seed_code=seed,
               suggested=grades, against=GRADED_AGAINST, when=graded),
    ]  # fmt: skip


def test_the_table_counts_level_against_grade_and_says_how_old_the_grades_are() -> None:
    """Twelve schools: eleven rated 4 and graded 4 on every QI, one rated itself 6 and was
    graded 3. The 44 are shown; the one of each of the other cells is not, and nor is enough
    of its part of the table (above the diagonal: the "higher" counts) to work it out."""
    records = [
        r for n in range(11)
        for r in _dated(str(n), dict.fromkeys(CALIBRATED_QIS, 4), dict.fromkeys(CALIBRATED_QIS, 4),
                        date(2019, 9, 1) if n < 4 else date(2023, 9, 1))
    ]  # fmt: skip
    records += _dated("99", {"1.3": 6, "2.3": 6}, {"1.3": 3, "2.3": 3}, date(2023, 9, 1))
    table = crosstab(Collection(None, COLUMNS, records, []), range(1, 7), min_group=5)
    assert table is not None
    assert (table.pairs, table.schools) == (46, 12)
    assert table.cells[(4, 4)] == 44
    assert table.cells[(6, 3)] is None  # 2, fewer than 5
    assert table.cells[(1, 1)] == 0  # nothing there: nothing to give away
    assert table.before_lockdown == 4 and table.dated == 12
    assert table.median_years == pytest.approx(3.0, abs=0.01)
    assert "4 of 12 schools were graded before March 2020" in table.age()
    shown = crosstab(Collection(None, COLUMNS, records, []), range(1, 7), min_group=2)
    assert shown is not None and shown.cells[(6, 3)] == 2
    brief = crosstab_markdown(table)
    assert "| 6 | 0 | 0 | fewer than 5 | 0 | 0 | 0 |" in brief
    assert "| 4 | 0 | 0 | 0 | 44 | 0 | 0 |" in brief


def test_a_hidden_cell_cannot_be_worked_out_from_its_part_of_the_table() -> None:
    """The higher counts per QI add up to the cells above the diagonal: one small cell hidden
    there alone would be that total less the rest, so the smallest other is hidden with it."""
    records = [
        r for n in range(6)
        for r in _dated(str(n), {"1.3": 5}, {"1.3": 4}, date(2023, 9, 1))
    ]  # fmt: skip
    records += _dated("99", {"1.3": 6}, {"1.3": 2}, date(2023, 9, 1))
    table = crosstab(Collection(None, COLUMNS, records, []), range(1, 7), min_group=5)
    assert table is not None
    assert table.cells[(6, 2)] is None and table.cells[(5, 4)] is None
    figure = crosstab_figure(table, STEM.rating_scale, Caption("T", "S"))
    width, height = figure.get_size_inches()
    assert fits_page(width, height)  # inside a Word page's default margins
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "6" not in texts and "1" not in texts  # neither count drawn
    assert all(float(t.get_fontsize()) >= 8 for t in figure.findobj(Text) if t.get_text().strip())


@given(st.integers(0, 15), st.integers(0, 15), st.integers(0, 15), st.integers(1, 7))
def test_no_hidden_calibration_count_is_the_total_less_the_rest(
    higher: int, same: int, lower: int, min_group: int
) -> None:
    """Per QI the number of schools is shown: every count shown is none or at least the
    threshold, and the hidden ones together hold at least the threshold (or all are hidden
    where fewer schools than that have both), so no hidden count is the total less the rest."""
    counts = {"higher": higher, "same": same, "lower": lower}
    shown = Calibration("1.3", "QI", higher, same, lower).shown(min_group)
    hidden = [counts[name] for name, n in shown.items() if n is None]
    assert all(n == counts[name] for name, n in shown.items() if n is not None)
    assert all(n == 0 or n >= min_group for n in shown.values() if n is not None)
    total = higher + same + lower
    if 0 < total < min_group:
        assert shown == dict.fromkeys(counts)
    else:
        assert not hidden or sum(hidden) >= min_group


def test_a_small_calibration_count_is_hatched_with_another_not_drawn() -> None:
    """12 higher, 2 same, 9 lower: the 2 is hidden, and the 9 with it (else 23 less 12 less 9);
    the chart counts 12 alone and hatches the rest together."""
    calibration = Calibration("1.3", "Leadership of change", 12, 2, 9)
    assert calibration.shown(5) == {"higher": 12, "same": None, "lower": None}
    figure = calibration_figure([calibration], Caption("T", "S"))
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert "12" in texts and "2" not in texts and "9" not in texts
    assert any("Hatched" in t.get_text() for t in figure.texts)


def test_the_calibration_key_is_inside_the_page() -> None:
    """At the printable area's width (6.27 inches) the key of three parts on one line ran off
    the right edge ("self-evaluated higher tha"): it is on two lines, inside the figure."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = calibration_figure([Calibration("1.3", "Leadership", 12, 8, 9)], Caption("T", "S"))
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    legend = figure.axes[0].get_legend()
    assert legend is not None
    box, page = legend.get_window_extent(renderer), figure.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1 and box.y1 <= page.y1, (box, page)
    assert fits_page(*figure.get_size_inches())


def test_an_anonymised_paper_sets_no_grade_beside_a_code_and_names_no_school(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Six schools with SEED codes and grades: named, the calibration is drawn; coded, it is
    withheld and said so, and no file of the paper holds a school's name, SEED code, council
    or inspection date (together they find its row in the published spreadsheet)."""
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "team")
    records = []
    for n in range(6):
        seed = f"52434{n:02}"
        setting = Setting(name=f"Hazlehead School {n}", stage="secondary", seed_code=seed)
        session = EvaluationSession.start(store, stem, setting)
        for part in stem.sections:
            for sid in [s.id for s in part.statements if s.applies_to("secondary")]:
                session.rate(sid, 4)
                session.set_evidence(sid, "Seen in learners' work.")
        session.close()
        graded = {"1.3": 3, "2.3": 4, "3.1": 4, "3.2": 5}
        records.append(InspectionRecord(seed_code=seed, name=f"Hazlehead School {n}",
                                        authority="Aberdeen City", stage="secondary",
                                        inspection_date=date(2019, 5, 14),
                                        grades=graded))  # fmt: skip
    grades = tmp_path / "grades" / "inspections.toml"
    grades.parent.mkdir()
    save_inspections(InspectionFile(source="test", imported=datetime(2025, 6, 1),
                                    records=tuple(records)), grades)  # fmt: skip
    named, coded = tmp_path / "named", tmp_path / "coded"
    assert main(["compare", str(store.folder), str(grades), "-o", str(named)]) == 0
    assert (named / "calibration.csv").exists()
    capsys.readouterr()
    assert main(["compare", str(store.folder), str(grades), "-o", str(coded), "--anonymise"]) == 0
    told = capsys.readouterr()
    assert "Calibration is withheld in an anonymised paper" in told.out + told.err
    assert not list(coded.glob("calibration*"))
    for path in coded.iterdir():
        text = (
            path.read_bytes().decode("utf-8", "replace") if path.suffix in {".csv", ".md"} else ""
        )
        for said in ("Hazlehead", "52434", "2019-05-14", "14 May 2019", "May 2019"):
            assert said not in text, (path.name, said)


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 12)), st.integers(1, 6))
def test_a_hidden_count_is_never_the_total_less_those_shown(
    counts: dict[str, int], min_group: int
) -> None:
    """The one rule of complementary suppression (selfeval.compare.disclosure), that every
    table of counts uses: those hidden are none, or hold at least the threshold together."""
    from selfeval.compare.disclosure import small_counts

    hidden = small_counts(counts, min_group)
    assert all(counts[k] >= min_group for k in counts if k not in hidden and counts[k])
    assert (
        not hidden
        or sum(counts[k] for k in hidden) >= min_group
        or hidden == {k for k, n in counts.items() if n}
    )


@pytest.mark.parametrize("seeds", [("1", "2"), (None, None)])
def test_the_brief_says_how_many_schools_were_joined_and_that_the_two_differ(
    seeds: tuple[str | None, str | None],
) -> None:
    """Self-evaluations and national grades in one brief: the grades' heading says how many
    schools were joined by SEED code (none where no setting has one) and that the two are not
    the same measure, before any table of grades sits under the self-evaluations'."""
    from selfeval.report.summary import comparison_markdown

    records = [
        replace(_own(seeds[0], {"1.3": 5, "2.3": 4}), name="Ardlea Primary"),
        replace(_own(seeds[1], {"1.3": 4, "2.3": 4}), name="Balmuir Primary"),
        *(_grades(str(n), {"1.3": 4, "2.3": 3 + n % 2}) for n in range(1, 7)),
    ]
    brief = comparison_markdown(Collection(None, COLUMNS, records, []), STEM.rating_scale, None)
    grades = brief.index("## Inspection grades")
    joined = 2 if seeds[0] else 0
    said = f"{joined} of the 2 schools' self-evaluations against HGIOS4 are joined"
    assert said in brief[grades:] and NOT_THE_SAME in brief[grades:]


def test_an_anonymised_brief_does_not_say_no_school_was_joined() -> None:
    """Anonymised, codes carry no SEED code: the brief said "0 of the 253 schools'
    self-evaluations are joined", where the named run joined all 253."""
    from dataclasses import replace as replaced

    from selfeval.compare.calibration import joined_said

    collection = Collection(None, COLUMNS, [_own("1", {"1.3": 5}), _grades("1", {"1.3": 4})], [])
    assert joined_said(collection).startswith("1 of the 1 ")
    assert joined_said(replaced(collection, anonymised=True)) == ""


def test_a_seed_code_that_joins_two_different_schools_is_questioned() -> None:
    """A trial gave Ardlea Primary School (Demoshire) the SEED code of Sidlaw View Primary
    School (Angus): "17 of the 17 joined", and another school's published grades were set in
    the committee paper without a word. A join whose names share no word but the kind of
    school is named, to be checked; a name written differently is not."""
    from selfeval.compare.calibration import joined_said

    own = [replace(_own("1", {"1.3": 5}), name="Ardlea Primary School"),
           replace(_own("2", {"1.3": 4}), name="St Mary's RC Primary")]  # fmt: skip
    graded = [replace(_grades("1", {"1.3": 4}), name="Sidlaw View Primary School",
                      authority="Angus Council"),
              replace(_grades("2", {"1.3": 4}), name="St. Mary's Primary School")]  # fmt: skip
    said = joined_said(Collection(None, COLUMNS, [*own, *graded], []))
    assert said.startswith("2 of the 2 ")
    assert "Check this SEED code" in said
    assert "Ardlea Primary School's (1) is Sidlaw View Primary School (Angus Council)" in said
    assert "Mary" not in said.split("Check", 1)[1]
