"""compare and chart as a STEM lead runs them, with the inputs that go wrong in real folders."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.compare.collect import collect, latest_only
from selfeval.compare.records import SELF
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework

from .conftest import REPO


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(folder), "--settings", "30", "--years", "2"]) == 0
    return folder


def test_json_counts_match_the_records(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["compare", str(demo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    parts = data["comparisons"]
    assert {(p["kind"], p["group"]) for p in parts} == {(SELF, "all")}
    assert data["earlier_years_not_counted"] == 30  # two years of 30 settings: each counted once
    collection = latest_only(collect([demo]))
    against = {r.against for r in collection.records}
    assert {p["qi_framework"] for p in parts} == against  # schools and nurseries apart
    assert sum(p["settings"] for p in parts) == 30
    for part in parts:
        records = [r for r in collection.records if r.against == part["qi_framework"]]
        assert part["settings"] == len(records)
        for qi in part["qis"]:
            levels = [r.level(qi["qi"]) for r in records]
            assert qi["counts"] == {str(v): levels.count(v) for v in range(6, 0, -1)}
            assert qi["with_level"] + qi["left_out"] == len(records)  # only those asked it
            good = sum(1 for v in levels if v is not None and v >= 4)
            assert qi["good_or_better"] == good
            assert qi["percent_good_or_better"] == round(100 * good / qi["with_level"], 1)
    assert data["synthetic"] is True


def test_groups_below_the_minimum_show_neither_levels_nor_shares(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Split by stage, the smaller stages fall under 5 settings: the JSON gives neither their
    counts nor a percentage, the brief shows "*" and "fewer than 5", and another stage is
    withheld where the total less the others would give a small one away; --min-group 1
    gives every percentage."""
    capsys.readouterr()
    assert main(["compare", str(demo), "--format", "json", "--by", "stage"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["min_group"] == 5
    for part in data["comparisons"]:
        for qi in part["qis"]:
            small = 0 < qi["with_level"] < 5
            assert (qi["percent_good_or_better"] is None) == (
                small or not qi["with_level"] or qi["suppressed"] in ("withheld", "banded")
            )
            if small:  # neither their levels nor their share
                assert qi["counts"] is None and qi["good_or_better"] is None
    assert any(0 < qi["with_level"] < 5 for p in data["comparisons"] for qi in p["qis"])
    args = ["compare", str(demo), "--format", "json", "--by", "stage", "--min-group", "1"]
    assert main(args) == 0
    every = json.loads(capsys.readouterr().out)
    assert all(
        qi["percent_good_or_better"] is not None
        for p in every["comparisons"]
        for qi in p["qis"]
        if qi["with_level"]
    )
    out = tmp_path / "brief"
    assert main(["compare", str(demo), "-o", str(out), "--by", "stage"]) == 0
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "Where fewer than 5 settings have a level, neither their levels nor their" in brief
    assert re.search(r"(\| \* ){6}\| fewer than 5 \| \d+ \|", brief)
    assert not re.search(r"\| \d of \d \|", brief)


def test_outputs_and_split_by_stage(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["compare", str(demo), "-o", str(out), "--by", "stage"]) == 0
    names = {p.name for p in out.iterdir()}
    charts = [  # schools (HGIOS4) and nurseries (the 2025 framework) apart, on pages or not
        f"{kind}-self-evaluation-{against}"
        for kind in ("heatmap", "small-multiples")
        for against in ("hgios4", "elc-qif")
    ]
    assert {"summary.csv", "summary.md"} <= names
    assert all({f"{c}.png", f"{c}-page1.png"} & names for c in charts), names
    # split by stage: all schools, then a page per stage (nurseries are all of one stage)
    split = {f"distribution-self-evaluation-{page}.png"
             for page in ("hgios4-page1", "hgios4-page2", "elc-qif")}  # fmt: skip
    assert split <= names
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {"setting", "qi", "suggested_level", "confirmed_level", "level"} <= set(rows[0])
    assert len({(r["setting"], r["date"]) for r in rows}) == 30
    brief = (out / "summary.md").read_text(encoding="utf-8")
    assert "Synthetic demonstration data" in brief
    assert "## Self-evaluations against HGIOS4: Primary school (" in brief
    assert "## Self-evaluations against HGIOS4: Early learning" not in brief  # nurseries apart
    assert "No ranking is implied" in brief
    # the 2025 ELC framework's QIs have titles only: their ids are slugs, never shown
    assert "| Children's progress |" in brief and "- Children's progress: " in brief
    assert "childrens-progress" not in brief and "| 1.1 Self-evaluation" in brief


def test_each_writes_one_radar_per_setting(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = ["compare", str(demo), "-o", str(out), "--each", "--chart-format", "svg"]
    assert main(argv) == 0
    radars = sorted((out / "radars").glob("*.svg"))
    assert len(radars) == 30
    assert all(r.read_bytes().startswith(b"<?xml") for r in radars[:3])


def test_all_years_counts_every_file_and_says_so(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["compare", str(demo), "--format", "json"]) == 0
    assert "30 earlier ones not counted (--all-years counts each school year)" in (
        capsys.readouterr().err
    )
    assert main(["compare", str(demo), "--format", "json", "--all-years"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert sum(p["settings"] for p in data["comparisons"]) == 60
    assert data["earlier_years_not_counted"] == 0 and "earlier" not in captured.err


def test_other_frameworks_are_left_out_with_a_reason(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    core = load_framework(REPO / "frameworks" / "hgios4-core.toml")
    store = EvaluationStore(tmp_path / "core")
    EvaluationSession.start(store, core, Setting(name="Core School", stage="primary")).close()
    collection = collect([demo, store.folder])
    assert len(collection.records) == 60
    assert any("answered against the `hgios4-core` framework" in x.reason
               for x in collection.left_out)  # fmt: skip
    capsys.readouterr()
    assert main(["compare", str(demo), str(store.folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "left out" in captured.err and "hgios4-core" in captured.err
    assert json.loads(captured.out)["left_out"][0]["reason"].startswith("answered against")


def test_empty_folder_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(tmp_path), "--format", "json"]) == 2
    assert "nothing to compare" in capsys.readouterr().err


def test_output_folder_is_needed_for_charts(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(demo)]) == 2
    assert "-o DIR" in capsys.readouterr().err


def test_broken_files_are_left_out_and_the_rest_compared(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("this is = not [ toml", encoding="utf-8")
    capsys.readouterr()
    assert main(["compare", str(demo), str(broken), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["left_out"][0]["path"].endswith("broken.toml")
    assert sum(p["settings"] for p in data["comparisons"]) == 30


def test_one_setting_with_nothing_rated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "one")
    EvaluationSession.start(store, framework, Setting(name="Blank", stage="elc")).close()
    assert main(["compare", str(store.folder), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    assert main(["compare", str(store.folder), "--format", "json"]) == 0
    qis = json.loads(capsys.readouterr().out)["comparisons"][0]["qis"]
    assert all(q["with_level"] == 0 and q["left_out"] == 1 for q in qis)


def test_chart_single_overlay_trend_and_limits(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = sorted(demo.glob("*.toml"))
    schools = [f for f in files if "primary" in f.name]
    nursery = next(f for f in files if any(w in f.name for w in ("nursery", "centre")))
    assert main(["chart", str(files[0]), "-o", str(tmp_path / "one.png")]) == 0
    assert (tmp_path / "one.png").read_bytes().startswith(b"\x89PNG")
    assert main(["chart", str(files[0]), str(files[1]), "-o", str(tmp_path / "trend.pdf")]) == 0
    assert (tmp_path / "trend.pdf").read_bytes().startswith(b"%PDF")
    assert main(["chart", *map(str, schools[:7]), "-o", str(tmp_path / "x.png")]) == 2
    assert "too many for one radar" in capsys.readouterr().err
    assert main(["chart", str(schools[0]), str(nursery), "-o", str(tmp_path / "x.png")]) == 2
    said = capsys.readouterr().err  # a primary's HGIOS4 QIs are not a nursery's
    assert "judged against different quality indicators" in said and "HGIOS4" in said
    assert main(["chart", str(files[0]), "-o", str(tmp_path / "x.doc")]) == 2
    assert "end the file name in .png" in capsys.readouterr().err
    assert main(["chart", str(files[0]), "-o", str(tmp_path / "no" / "x.png")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_nurseries_see_their_own_qi_titles(tmp_path: Path) -> None:
    """A nursery's radar (alone, or one of compare --each) names its spokes in HGIOELC's words."""
    from selfeval.compare.collect import collect

    golden = Path(__file__).parent / "data" / "golden" / "evaluations"
    nursery = golden / "dunlea-nursery.stem.2026-27.toml"
    school = golden / "balmuir-primary-school.stem.2026-27.toml"
    alone = collect([nursery])
    titles = {c.id: c.title for c in alone.columns}
    assert titles["3.2"] == "Securing children's progress"
    mixed = collect([nursery, school])
    assert {c.id: c.title for c in mixed.columns_for("elc")}["3.2"] == (
        "Securing children's progress"
    )
    assert {c.id: c.title for c in mixed.columns_for("primary")}["3.2"] == (
        "Raising attainment and achievement"
    )


def test_an_anonymised_comparison_names_no_setting_and_keeps_the_key_apart(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """For a committee paper: no chart or table names or codes a setting (they count them by
    group); the list of the settings counted is written beside the folder, not in it."""
    out = tmp_path / "paper"
    args = ["compare", str(demo), "-o", str(out), "--anonymise", "--chart-format", "svg"]
    assert main([*args, "--by", "stage"]) == 0
    assert "keep that apart from the papers" in capsys.readouterr().err
    key_path = tmp_path / "paper-key.csv"
    rows = list(csv.DictReader(key_path.read_text(encoding="utf-8-sig").splitlines()))
    names = {row["setting"] for row in rows}
    assert len(rows) == 30
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8-sig")
        leaked = [name for name in names if name in text]
        assert not leaked, f"{path.name} names {leaked[:3]}"
        assert not any(row["code"] in text for row in rows), path.name
    table = list(csv.DictReader((out / "summary.csv").read_text("utf-8-sig").splitlines()))
    assert table and {row["group"] for row in table} >= {"all"}
    assert main(["compare", str(demo), "--anonymise", "--format", "json"]) == 2
    assert "give one with -o DIR" in capsys.readouterr().err


_QIS = ["1.1", "2.3", "3.2"]
_LEVELS = st.dictionaries(st.sampled_from(_QIS), st.none() | st.integers(1, 7), max_size=3)


@given(st.lists(st.tuples(_LEVELS, _LEVELS), max_size=30))
def test_distributions_count_what_each_record_says_its_level_is(
    levels: list[tuple[dict[str, int | None], dict[str, int | None]]],
) -> None:
    """However suggested and confirmed levels mix (confirmed ones standing, gaps, a level off
    the scale), the counts are those of `Record.level`, record by record; a record is "without
    a level" for a QI only if it was asked it (has it at all)."""
    from selfeval.compare.records import Record, distributions
    from selfeval.digest.framework import QIColumn
    from selfeval.framework.catalog import find_framework

    scale = find_framework()[1].rating_scale
    records = [
        Record(name=f"s{n}", kind=SELF, source=Path(f"{n}.toml"), suggested=s, confirmed=c)
        for n, (s, c) in enumerate(levels)
    ]
    for found in distributions(records, [QIColumn(qi, qi) for qi in _QIS], scale, 1):
        asked = [r for r in records if found.qi.id in r.suggested.keys() | r.confirmed.keys()]
        each = [r.level(found.qi.id) for r in asked]
        present = [level for level in each if level is not None]
        assert found.counts == {v: present.count(v) for v in scale.values}
        assert (found.with_level, found.without_level) == (len(present), len(each) - len(present))
        assert found.good_or_better == sum(1 for v in present if v >= scale.good_from)


@given(
    sizes=st.lists(st.integers(min_value=0, max_value=12), min_size=1, max_size=6),
    threshold=st.integers(min_value=1, max_value=6),
)
def test_no_small_group_can_be_worked_out_from_the_total(sizes: list[int], threshold: int) -> None:
    """Whatever the groups' sizes, once `protect` has run: if any group is too small to show,
    the groups not shown hold at least the threshold between them (or none is shown), so the
    total less the groups shown never gives one small group's levels; and nothing is withheld
    where no group is too small."""
    from selfeval.compare.disclosure import protect
    from selfeval.compare.records import Distribution
    from selfeval.digest.framework import QIColumn

    column = QIColumn("1.1", "QI")
    rows = [Distribution(column, {4: n}, n, 0, n, threshold) for n in sizes]
    safe = protect(rows)
    hidden = [d for d in safe if d.suppressed]
    if not any(d.too_few or d.banded for d in rows):
        assert not hidden
    else:
        shown = [d for d in safe if not d.suppressed and d.with_level]
        assert sum(d.with_level for d in hidden) >= threshold or not shown
    assert [d.with_level for d in safe] == sizes


def test_one_seed_code_under_two_names_is_two_settings_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong pick from the school list gives two schools one SEED code: both are counted
    and named, never one dropped as the other's "earlier evaluation"."""
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "folder")
    for name in ("Oakfield Primary", "Elmwood Primary"):
        setting = Setting(name=name, stage="primary", seed_code="5244439")
        session = EvaluationSession.start(store, framework, setting)
        session.rate(framework.statements_for("primary")[0].id, 4)
        session.close()
    capsys.readouterr()
    assert main(["compare", str(store.folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert sum(p["settings"] for p in data["comparisons"]) == 2
    assert data["seed_clashes"] == {"5244439": ["Elmwood Primary", "Oakfield Primary"]}
    assert "the SEED code 5244439 is given to Elmwood Primary and Oakfield Primary" in (
        captured.err
    )
    assert data["earlier_years_not_counted"] == 0


def test_a_copy_under_any_name_is_counted_once_in_every_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder with copies of every kind gives the comparison the same counts as without."""
    folder = tmp_path / "demo"
    assert main(["demo", str(folder), "--settings", "6", "--years", "2"]) == 0
    capsys.readouterr()
    assert main(["compare", str(folder), "--format", "json", "--all-years", "--no-cache"]) == 0
    clean = json.loads(capsys.readouterr().out)
    original = sorted(folder.glob("*.toml"))[0]
    for name in ("Backup of the evaluation.toml", f"{original.stem} (1).toml"):
        (folder / name).write_bytes(original.read_bytes())
    for every in ([], ["--all-years"]):
        assert main(["compare", str(folder), "--format", "json", "--no-cache", *every]) == 0
        captured = capsys.readouterr()
        copied = json.loads(captured.out)
        if every:
            assert copied["comparisons"] == clean["comparisons"]
            assert copied["same_year_copies_not_counted"] == 1
            assert "1 copy of a setting's evaluation of a school year under another name" in (
                captured.err
            )
