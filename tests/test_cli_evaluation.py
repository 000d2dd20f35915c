"""score, plan and demo as a user runs them, including the bad inputs they will try."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import load_framework


@pytest.fixture
def answered(tmp_path: Path, stem_path: Path) -> Path:
    store = EvaluationStore(tmp_path / "responses")
    framework = load_framework(stem_path)
    session = EvaluationSession.start(
        store, framework, Setting(name="Oakfield | Primary *School*", stage="primary")
    )
    for n, sid in enumerate(s.id for s in framework.statements_for("primary")):
        session.rate(sid, 2 + n % 5)
    session.set_evidence("stem-1.1-04", "Pupil survey [bold]June[/bold] | 85% positive\nline 2")
    session.confirm_level("self-evaluation", 4, 5, "moderated with cluster")
    session.close()
    return session.path


def test_score_text(answered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(answered)]) == 0
    out = capsys.readouterr().out
    assert "98 of 98 statements answered" in out
    assert "QI 1.1 Self-evaluation for self-improvement: suggested" in out
    assert "agreed 5 very good" in out


def test_score_json_has_what_other_tools_need(
    answered: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(answered), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    first = data["qis"][0]
    assert {"suggested_level", "confirmed_level", "word", "rated", "not_applicable"} <= set(first)
    assert first["confirmed_level"] == 5 and first["word"] == "very good"
    assert isinstance(first["strengths"], list) and isinstance(first["next_steps"], list)
    assert sum(first["counts"].values()) == first["rated"]


def test_plan_writes_markdown_with_escaped_user_text(answered: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    assert main(["plan", str(answered), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# STEM self-evaluation: improvement plan")
    assert "Oakfield \\| Primary \\*School\\*" in text
    assert "Pupil survey \\[bold\\]June\\[/bold\\] \\| 85% positive line 2" in text
    assert "### Next steps selfeval suggests" in text
    assert "## QI 3.3 Increasing creativity and employability" in text


def test_plan_to_a_missing_folder_is_a_clear_error(
    answered: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(answered), "-o", str(tmp_path / "no" / "plan.md")]) == 2
    assert "could not write" in capsys.readouterr().err


def test_score_a_framework_file_by_mistake(
    stem_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", str(stem_path)]) == 2
    err = capsys.readouterr().err
    assert "this is a framework file, not an evaluation" in err
    assert "Traceback" not in err


def test_score_truncated_file(answered: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answered.write_bytes(answered.read_bytes()[:200])
    assert main(["score", str(answered)]) == 2
    err = capsys.readouterr().err
    assert "the evaluation cannot be used" in err
    assert answered.name in err


def test_demo_makes_labelled_synthetic_evaluations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "demo"
    assert main(["demo", str(folder), "--settings", "12", "--years", "2"]) == 0
    assert "24 synthetic evaluations" in capsys.readouterr().out
    files = sorted(folder.glob("*.toml"))
    assert len(files) == 24
    evaluations = [load_evaluation(f) for f in files]
    assert all(e.setting.synthetic for e in evaluations)
    assert all("(synthetic)" in (e.setting.local_authority or "") for e in evaluations)
    assert {e.setting.stage for e in evaluations} <= {"elc", "primary", "secondary", "asn"}
    assert len({f.name.split(".")[-2] for f in files}) == 2  # two school years
    for f in files[:3]:
        assert main(["score", str(f), "--format", "json"]) == 0


def test_demo_is_repeatable(tmp_path: Path) -> None:
    main(["demo", str(tmp_path / "a"), "--settings", "5", "--seed", "3"])
    main(["demo", str(tmp_path / "b"), "--settings", "5", "--seed", "3"])
    a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert a == sorted(p.name for p in (tmp_path / "b").iterdir())


def test_demo_rejects_zero_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(tmp_path), "--settings", "0"]) == 2
    assert "must be 1 or more" in capsys.readouterr().err


def test_plan_shows_strategy_themes_as_counts_not_grades(answered: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    assert main(["plan", str(answered), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Across the framework's themes and programmes" in text
    assert "| Equity (STEM Strategy) |" in text
    assert (tmp_path / "plan-radar.png").read_bytes().startswith(b"\x89PNG")
    assert re.search(r"!\[Radar chart of Oakfield [^\n]*\]\(plan-radar\.png\)", text)
