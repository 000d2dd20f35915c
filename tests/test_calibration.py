"""Calibration: self-evaluated levels beside inspection grades, joined by SEED code, counted
per QI and never listed by school."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from selfeval.charts.calibration import calibration_figure
from selfeval.charts.frame import Caption
from selfeval.cli import main
from selfeval.compare.calibration import NOT_THE_SAME, calibrate
from selfeval.compare.inspections import InspectionFile, InspectionRecord, save_inspections
from selfeval.compare.records import GRADED_AGAINST, INSPECTION, SELF, Collection, Record
from selfeval.digest.framework import QIColumn
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework

from .conftest import REPO

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
