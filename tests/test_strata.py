"""Inspection figures say who they are about: sectors and inspection models apart, the QIs
only some inspections grade labelled, the sheet not read said (issue 31)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.compare.inspections import InspectionFile, InspectionRecord, save_inspections
from selfeval.compare.records import INSPECTION, Record, group_records
from selfeval.compare.strata import SCHOOL_STAGES, graded_by, models, qis_said, sectors, strata_said

from .test_inspections import XLSX, needs_xlsx

FULL = {"1.3": 4, "2.3": 4, "3.1": 5, "3.2": 3}
SHORT = {"2.3": 4, "3.2": 4}
EARLY = {"1.1": 4, "3.2": 5}


def _graded(n: int, grades: dict[str, int], stage: str | None, year: int) -> Record:
    return Record(
        f"School {n}", INSPECTION, Path("x"), stage=stage, when=date(year, 5, 1),
        against="hgios4", confirmed=dict(grades),
    )  # fmt: skip


def test_models_are_told_by_the_qis_graded_and_rows_say_which_graded_them() -> None:
    records = [
        *(_graded(n, FULL, "primary", 2017 + n % 5) for n in range(6)),
        *(_graded(n, SHORT, "secondary", 2022) for n in range(6, 9)),
        _graded(9, EARLY, "asn", 2018),
        _graded(10, SHORT, None, 2023),
    ]
    found = models(records)
    assert [(m.name, m.qis, m.schools) for m in found] == [
        ("full", ("1.3", "2.3", "3.1", "3.2"), 6),
        ("short", ("2.3", "3.2"), 4),
        ("short", ("1.1", "3.2"), 1),
    ]
    assert sectors(records) == [
        ("primary", 6), ("secondary", 3), ("special (ASN)", 1), ("stage not known", 1)
    ]  # fmt: skip
    assert graded_by("1.3", found) == "full inspections only"
    assert graded_by("1.1", found) == "short inspections only"
    assert graded_by("3.2", found) == ""  # every model grades it
    assert qis_said(["1.1", "1.3", "3.1", "3.2"], found) == (
        "Graded at short inspections only: 1.1. Graded at full inspections only: 1.3 and 3.1."
    )
    said = strata_said(records)
    assert said.startswith("Schools: 6 primary, 3 secondary, 1 special (ASN), 1 stage not known.")
    assert "6 full (1.3, 2.3, 3.1 and 3.2 graded, 2017 to 2021)" in said


@needs_xlsx
def test_the_national_figures_say_their_population_period_and_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Against the published spreadsheet: the brief names the sectors and models counted and
    the independent schools' sheet left out; rows graded by full inspections only say so;
    --inspected-since narrows the period named."""
    assert main(["import-inspections", str(XLSX), "-o", str(tmp_path / "grades")]) == 0
    out = tmp_path / "out"
    args = ["compare", str(tmp_path / "grades"), "-o", str(out), "--chart-format", "svg"]
    assert main([*args, "--inspected-since", "March 2020"]) == 0
    capsys.readouterr()
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "Not in these figures: the spreadsheet's sheet 'Independent Schools'" in brief
    heading = re.search(
        r"## Inspection grades \(Scotland's local-authority and grant-aided schools, (\d+) with "
        r".*inspected (\w+ \d{4}) to",
        brief,
    )
    assert heading and heading.group(2) == "March 2020"
    sectors_line = re.search(r"Schools: (\d+) primary, (\d+) secondary, (\d+) special", brief)
    assert sectors_line and sum(map(int, sectors_line.groups())) <= int(heading.group(1))
    assert "| 1.3 Leadership of change (full inspections only) |" in brief
    assert "Latest inspection: " in brief and " full (1.3, 2.3, 3.1 and 3.2 graded" in brief
    foot = (out / "distribution-inspection.svg").read_text(encoding="utf-8")
    assert "Graded at full inspections only: 1.3 and 3.1" in foot
    assert "Independent Schools" in foot


def test_inspection_grades_alone_name_their_sectors_in_words() -> None:
    """With no framework to name stages (grades alone), a split by stage says "Special school
    (ASN)" and "stage not known", in the schools' order, not "asn" and "not recorded"."""
    records = [_graded(1, FULL, "asn", 2019), _graded(2, SHORT, None, 2020),
               _graded(3, FULL, "primary", 2021)]  # fmt: skip
    assert list(group_records(records, "stage", SCHOOL_STAGES)) == [
        "Primary school", "Special school (ASN)", "stage not known"
    ]  # fmt: skip
    assert list(group_records(records, "stage")) == [
        "asn",
        "not recorded",
        "primary",
    ]  # the JSON's ids


def _saved_grades(
    folder: Path, schools: int, when: Callable[[int], date], grades: Callable[[int], dict[str, int]]
) -> Path:
    """An inspections file of *schools* in council X, school n inspected on *when(n)* with
    *grades(n)*."""
    path = folder / "inspections.toml"
    records = tuple(
        InspectionRecord(seed_code=str(n), name=f"School {n}", authority="X",
                         inspection_date=when(n), grades=grades(n))
        for n in range(schools)
    )  # fmt: skip
    imported = datetime(2025, 4, 1, tzinfo=UTC)
    save_inspections(InspectionFile(source="test", imported=imported, records=records), path)
    return path


def test_a_date_after_every_grade_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--inspected-since after the latest grade leaves nothing: said as that, not as "no
    inspection grades were found"."""
    _saved_grades(tmp_path, 1, lambda _: date(2019, 5, 1), lambda _: {"2.3": 4})
    args = ["compare", str(tmp_path / "inspections.toml"), "--format", "json"]
    assert main([*args, "--inspected-since", "2030-01-01"]) == 2
    err = capsys.readouterr().err
    assert "the one school with grades was inspected before 01 January 2030" in err


def test_grades_split_by_cluster_say_they_are_not_split(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The spreadsheet gives no cluster: split by cluster, the grades were one group, "not
    recorded", under a heading and a chart title "by cluster"; they are shown whole, and say
    why."""
    _saved_grades(tmp_path, 12, lambda _: date(2019, 5, 1), lambda n: {"2.3": 3 + n % 3})
    out = tmp_path / "paper"
    assert main(["compare", str(tmp_path / "inspections.toml"), "-o", str(out), "--by", "cluster",
                 "--anonymise", "--chart-format", "svg"]) == 0  # fmt: skip
    capsys.readouterr()
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "not recorded" not in brief and brief.count("## Inspection grades") == 1
    charts = " ".join(p.read_text(encoding="utf-8") for p in out.glob("*.svg"))
    assert "by cluster" not in charts and "none has its cluster recorded" in charts


def test_the_national_grades_chart_says_whose_schools_in_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Beside one authority's charts, "1323 schools with an HGIOS4 grade" read as its own."""
    _saved_grades(tmp_path, 6, lambda _: date(2019, 5, 1), lambda _: {"2.3": 4})
    out = tmp_path / "paper"
    args = ["compare", str(tmp_path / "inspections.toml"), "-o", str(out), "--chart-format", "svg"]
    assert main(args) == 0
    capsys.readouterr()
    chart = (out / "distribution-inspection.svg").read_text(encoding="utf-8")
    assert "schools in X" in chart


def test_an_anonymised_paper_says_in_school_years_when_the_grades_were_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An anonymised paper keeps no inspection dates (a council and a day find a school's
    published row), and had said no period at all: in the chart's foot nothing, in the
    brief no model's years, so QI 1.1's grades, all of 2017-18, read as current. It says them
    in school years, in the brief, the model's line and every chart's foot."""
    grades = lambda n: {"1.1": 3 + n % 3, "3.2": 4}  # noqa: E731
    _saved_grades(tmp_path, 8, lambda n: date(2017 + n % 2, 5, 14), grades)
    out = tmp_path / "paper"
    assert main(["compare", str(tmp_path / "inspections.toml"), "-o", str(out), "--anonymise",
                 "--chart-format", "svg"]) == 0  # fmt: skip
    capsys.readouterr()
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "8 short (1.1 and 3.2 graded, 2016-17 to 2017-18)" in brief
    for chart in out.glob("*.svg"):
        text = " ".join(chart.read_text(encoding="utf-8").split())
        assert "Inspected 2016-17 to 2017-18." in text, chart.name
    papers = " ".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())
    assert "May 201" not in papers and "14 May" not in papers and "-05-14" not in papers


def test_an_anonymised_csv_counts_schools_not_graded_on_a_qi_as_the_brief_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The anonymised summary.csv said no_level 0 for QI 1.1 of 1323 schools, 1264 of them not
    graded on it, where the brief said 1264: its rows did not add up to its own settings."""
    import csv

    grades = lambda n: {"1.1": 4, "3.2": 4} if n < 6 else {"2.3": 4, "3.2": 3}  # noqa: E731
    _saved_grades(tmp_path, 14, lambda _: date(2019, 5, 1), grades)
    out = tmp_path / "paper"
    assert main(["compare", str(tmp_path / "inspections.toml"), "-o", str(out), "--anonymise"]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader((out / "summary.csv").read_text("utf-8-sig").splitlines()))
    said = {(r["qi"], r["with_level"], r["no_level"]) for r in rows if r["group"] == "all"}
    assert said == {("1.1", "6", "8"), ("2.3", "8", "6"), ("3.2", "14", "0")}
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "| 6 | 8 |" in brief  # n 6, 8 not graded at their inspection: the same
