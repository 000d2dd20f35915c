"""The school directory: the table shipped is the published one, schools are found by a few
letters, and inspection grades take each school's stage from it by SEED code."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
import pytest

from selfeval.cli import main
from selfeval.schools.directory import by_seed, find_schools, load_directory, parse_directory
from selfeval.schools.refresh import read_statistics

from .conftest import REPO, SHARED_DATA

STATISTICS = SHARED_DATA / "school-level-summary-statistics-2025.xlsx"
INSPECTIONS = SHARED_DATA / "foi-202500457731-inspections.xlsx"
needs_statistics = pytest.mark.skipif(
    not STATISTICS.exists(), reason="the school statistics are not in ../shared/data here"
)
needs_both = pytest.mark.skipif(
    not (STATISTICS.exists() and INSPECTIONS.exists()),
    reason="the school statistics and the FOI spreadsheet are not both in ../shared/data here",
)
SHIPPED = REPO / "selfeval" / "schools" / "schools.csv"


def test_the_shipped_table_says_its_source_and_licence() -> None:
    head = SHIPPED.read_text(encoding="utf-8").splitlines()[:4]
    assert "School level summary statistics 2025" in head[1]
    assert "Open Government Licence v3.0" in head[2]
    assert "do not edit by hand" in head[3]
    schools = load_directory()
    assert len(schools) > 2400
    assert {s.stage for s in schools} == {"primary", "secondary", "asn"}
    shared: dict[str, set[str]] = {}
    for school in schools:
        shared.setdefault(school.seed_code, set()).add(school.school_type)
    campuses = {seed: kinds for seed, kinds in shared.items() if len(kinds) > 1}
    assert all(kinds == {"Primary", "Secondary"} for kinds in campuses.values())
    seed = next(iter(campuses))
    high = next(s for s in schools if s.seed_code == seed and s.school_type == "Secondary")
    assert by_seed(seed, high.name) == high  # one campus, two schools: the name decides
    assert by_seed(seed) is None


@needs_statistics
def test_the_shipped_table_is_exactly_what_the_published_spreadsheet_gives(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never hand-edited: refreshing from the published xlsx gives the shipped bytes."""
    made = tmp_path / "schools.csv"
    assert main(["refresh-schools", str(STATISTICS), "-o", str(made)]) == 0
    assert "wrote 2435 schools" in capsys.readouterr().out
    assert made.read_bytes() == SHIPPED.read_bytes(), (
        "selfeval/schools/schools.csv differs from the published spreadsheet: run "
        "`selfeval refresh-schools ../shared/data/school-level-summary-statistics-2025.xlsx "
        "-o selfeval/schools/schools.csv`"
    )
    year, schools = read_statistics(STATISTICS)
    assert year == "2025" and len(schools) == 2435


def test_refresh_refuses_another_kind_of_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["refresh-schools", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "s.toml")]) == 2
    assert "written as .csv" in capsys.readouterr().err
    assert main(["refresh-schools", str(tmp_path / "x.xlsx"), "-o", str(tmp_path / "s.csv")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_schools_are_found_by_a_few_letters_names_starting_with_them_first() -> None:
    assert find_schools("ab") == []  # two letters match too much to help
    found = find_schools("hazlehead")
    assert [(s.name, s.stage) for s in found] == [
        ("Hazlehead Academy", "secondary"),
        ("Hazlehead School", "primary"),
    ]
    kilbride = find_schools("KILBRIDE", limit=10)
    assert kilbride and all("kilbride" in s.name.casefold() for s in kilbride)
    starts = [s.name.casefold().startswith("kilbride") for s in kilbride]
    assert starts == sorted(starts, reverse=True)  # those starting with it come first
    school = found[0]
    assert by_seed(school.seed_code) == school and by_seed("0000000") is None


def test_a_table_with_a_comma_or_quote_in_a_name_reads_back() -> None:
    text = (
        "# a comment\nseed_code,name,local_authority,school_type\n"
        '1234567,"St Mary\'s, ""Upper""",Highland,Special\n'
    )
    (school,) = parse_directory(text)
    assert (school.name, school.stage) == ('St Mary\'s, "Upper"', "asn")


def _independent_join() -> tuple[int, int]:
    """From the two spreadsheets alone: inspected schools that the census lists as special,
    and inspected schools the census does not list at all."""
    census = openpyxl.load_workbook(STATISTICS, read_only=True, data_only=True)
    kinds = {
        str(row[1]): row[3]
        for row in census["2025 School Level Statistics"].iter_rows(min_row=3, values_only=True)
        if row[1]
    }
    census.close()
    foi = openpyxl.load_workbook(INSPECTIONS, read_only=True, data_only=True)
    seeds = [
        str(row[0]).removesuffix(".0")
        for row in foi["Public and Grant aided schools"].iter_rows(min_row=3, values_only=True)
        if row[0] is not None
    ]
    foi.close()
    special = sum(1 for seed in seeds if kinds.get(seed) == "Special")
    return special, sum(1 for seed in seeds if seed not in kinds)


@needs_both
def test_inspections_take_each_schools_stage_from_the_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-inspections", str(INSPECTIONS), "-o", str(tmp_path)]) == 0
    said = capsys.readouterr().out
    with (tmp_path / "inspections.toml").open("rb") as handle:
        records = tomllib.load(handle)["records"]
    special, absent = _independent_join()
    assert sum(1 for r in records if r.get("stage") == "asn") >= special
    by_name = sum(1 for r in records if r.get("stage") and not by_seed(r["seed_code"], r["name"]))
    unknown = sum(1 for r in records if not r.get("stage"))
    assert by_name + unknown >= absent  # schools the census lacks (and unclear campuses)
    assert f"guessed from the name for {by_name} not in it, unknown for {unknown}" in said
    directory_asn = sum(
        1
        for r in records
        if (s := by_seed(r["seed_code"], r["name"])) is not None and s.stage == "asn"
    )
    assert directory_asn == special


async def test_a_headteacher_picks_the_school_from_the_official_list(tmp_path: Path) -> None:
    """A few letters, ↓, Enter: the official name, stage, SEED code and council are filled in;
    changing the name afterwards forgets the school (a nursery types its own)."""
    from textual.widgets import Input, OptionList, RadioButton

    from selfeval.evaluation import EvaluationStore, load_evaluation
    from selfeval.framework import load_framework
    from selfeval.tui import make_app
    from selfeval.tui.screens.statement import StatementScreen

    from .tui_helpers import screen_text

    stem = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "responses")
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hazleh")
        await pilot.pause()
        matches = app.screen.query_one("#school-matches", OptionList)
        assert matches.display and matches.option_count == 2
        assert "Hazlehead Academy, Aberdeen City (secondary)" in screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "Hazlehead Academy"
        assert app.screen.query_one("#stage-secondary", RadioButton).value
        assert not matches.display
        assert "SEED 5243432, Aberdeen City" in screen_text(app)
        await pilot.press("enter")  # focus is on Start
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        await pilot.press("ctrl+q")
    (path,) = store.folder.glob("*.toml")
    setting = load_evaluation(path).setting
    assert (setting.seed_code, setting.local_authority) == ("5243432", "Aberdeen City")

    app = make_app(stem, EvaluationStore(tmp_path / "other"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"hazleh", "down", "enter")
        await pilot.pause()
        name = app.screen.query_one("#name", Input)
        name.focus()
        await pilot.press("end", *" Nursery")  # not the school any more
        await pilot.pause()
        assert "SEED" not in screen_text(app)
        assert app.screen.school is None
        await pilot.press("ctrl+q")
