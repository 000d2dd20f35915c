"""Text someone else wrote is shown as text: never terminal escapes, CSV formulas or mathtext."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework

from ..conftest import REPO

ESCAPE = "\x1b[2J\x1b]0;owned\x07"


@pytest.fixture
def hostile_setting(tmp_path: Path) -> Path:
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "responses")
    name = '=HYPERLINK("http://x") costs $5 to $10 $\\frac{1}{2}$'  # control codes: below
    session = EvaluationSession.start(store, framework, Setting(name=name, stage="primary"))
    for sid in [s.id for s in framework.statements_for("primary")][:30]:
        session.rate(sid, 4)
    session.close()
    return session.path


def test_terminal_output_never_carries_escape_sequences(
    hostile_setting: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = hostile_setting.read_text(encoding="utf-8")
    escaped = ESCAPE.replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    hostile_setting.write_text(text.replace('name = "', f'name = "{escaped}', 1), encoding="utf-8")
    assert main(["score", str(hostile_setting)]) == 2  # a name with control codes is refused
    err = capsys.readouterr().err
    assert "contains a control character" in err
    assert "\x1b" not in err and "\x07" not in err
    (hostile_setting.parent / f"bad{ESCAPE}.toml").write_text("not toml [", encoding="utf-8")
    assert main(["compare", str(hostile_setting.parent), "--format", "json", "--no-cache"]) == 2
    err = capsys.readouterr().err  # nothing left to compare: both files are named as left out
    assert "bad\\x1b[2J" in err
    assert "\x1b" not in err


def test_csv_cells_never_start_a_formula(hostile_setting: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["compare", str(hostile_setting.parent), "-o", str(out), "--no-cache"]) == 0
    rows = list(csv.DictReader((out / "summary.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0]["setting"].startswith("'=HYPERLINK")


def test_dollar_signs_in_names_are_not_mathtext(hostile_setting: Path, tmp_path: Path) -> None:
    assert main(["chart", str(hostile_setting), "-o", str(tmp_path / "radar.svg")]) == 0
    assert main(["plan", str(hostile_setting), "-o", str(tmp_path / "plan.md")]) == 0
    svg = (tmp_path / "radar.svg").read_text(encoding="utf-8")
    assert "<svg" in svg


def test_a_markdown_plan_never_carries_escape_sequences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Evidence may hold anything typed or pasted: the Markdown plan, read with `cat`, must not
    clear the screen, write the clipboard (OSC 52) or reorder text (a right-to-left override);
    each is written as an escape, and C1's 0x9B (an escape on its own) too."""
    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, framework, Setting(name="Oak", stage="primary"))
    first = framework.statements_for("primary")[0].id
    session.rate(first, 6)  # a strength: the plan says how we know
    session.set_evidence(first, "seen \x1b[2J\x1b]52;c;ZWNobw==\x07 \x9b31m \u202e RLO")
    session.close()
    plan = tmp_path / "plan.md"
    assert main(["plan", str(session.path), "-o", str(plan)]) == 0
    text = plan.read_text(encoding="utf-8")
    assert "seen \\x1b" in text and "\\u202e RLO" in text
    assert not [c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]
    assert "\u202e" not in text
