"""A trial of the year end: the report said "lower" with no reason, and its strengths ran to
pages with the same few lines of evidence repeated. A change says why; each QI shows its
strongest few strengths, those sharing evidence together, and counts the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.model import Answer, QIJudgement
from selfeval.report.standards_strengths import SHOWN


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(folder), "--settings", "8", "--years", "2"]) == 0
    return folder


def _report(this: Path, out: Path) -> str:
    assert main(["report", str(this), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _rows(text: str) -> list[list[str]]:
    levels = text.split("## How each quality indicator stands")[1].split("## Strengths")[0]
    return [row.split(" | ") for row in levels.splitlines() if row.startswith("| ")][2:]


def test_a_change_says_why_in_a_sentence(demo: Path, tmp_path: Path) -> None:
    """Why a level moved: the ratings of both years at the level gained or lost, or the
    team's reason. A re-trial read "higher: ... only 1 of 7 is excellent, not enough for 6
    excellent": why it is not higher still, not why it went up, and the same count twice."""
    import re

    changed = []
    for this in sorted(demo.glob("*.2026-27.toml")):
        rows = _rows(_report(this, tmp_path / "r.md"))
        changed += [row[-1] for row in rows if row[-1].startswith(("lower", "higher"))]
    assert changed
    for cell in changed:
        _, _, why = cell.rstrip(" |").partition(": ")
        assert why and why.endswith(".") and why.count(". ") <= 1, cell
    ours = [cell for cell in changed if "We agreed" not in cell]
    assert ours and all(" last year." in cell and "not enough for" not in cell for cell in ours)
    for cell in ours:
        counts = re.findall(r"\b(?:\d+|None) of (?:the )?\d+|All \d+|one rating", cell)
        assert len(counts) == len(set(counts)) == 2, cell  # this year's, then last year's


def test_the_teams_own_reason_is_given_where_it_agreed_another_level(
    demo: Path, tmp_path: Path
) -> None:
    this = next(p for p in sorted(demo.glob("*.2026-27.toml")) if load_evaluation(p).qi)
    evaluation = load_evaluation(this)
    key, judged = next((k, j) for k, j in evaluation.qi.items() if j.suggested is not None)
    assert judged.suggested is not None  # as selfeval suggested it, the level beside it
    last = this.with_name(this.name.replace("2026-27", "2025-26"))
    before = load_evaluation(last)
    level = 6 if judged.suggested < 4 else 1  # last year's level: unlike this year's
    before = before.model_copy(update={"qi": {key: QIJudgement(confirmed=level)}})
    other = judged.suggested - 1 if judged.suggested > 1 else judged.suggested + 1
    reason = "The moderation found *two* classes | not yet started."
    now = QIJudgement(suggested=judged.suggested, confirmed=other, reason=reason)
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / last.name).write_text(dump_evaluation(before), encoding="utf-8")
    (folder / this.name).write_text(
        dump_evaluation(evaluation.model_copy(update={"qi": {**evaluation.qi, key: now}})),
        encoding="utf-8",
    )
    text = _report(folder / this.name, tmp_path / "r.md")
    assert r"The moderation found \*two\* classes \| not yet started." in text
    assert "rather than the suggested" in text


def test_strengths_are_capped_and_shared_evidence_said_once(demo: Path, tmp_path: Path) -> None:
    this = next(p for p in sorted(demo.glob("*.2026-27.toml")) if "primary" in p.name)
    evaluation = load_evaluation(this)
    same = "Learning walks this term and pupil focus group notes."
    answers = {
        sid: Answer(rating=6, evidence=same) if a.rating is not None else a
        for sid, a in evaluation.answers.items()
    }
    folder = tmp_path / "one"
    folder.mkdir()
    path = folder / this.name
    path.write_text(
        dump_evaluation(evaluation.model_copy(update={"answers": answers})), encoding="utf-8"
    )
    text = _report(path, tmp_path / "r.md")
    strengths = text.split("## Strengths, and how we know")[1].split("## Our priorities")[0]
    qis = strengths.split("### ")[1:]
    assert qis
    for qi in qis:
        assert qi.count("How we know") == 1  # one evidence, said once
        assert qi.count("*(6 excellent)*") <= SHOWN
        shown = qi.count("*(6 excellent)*")
        if shown > 1:  # the statements sharing it listed, each a part of one sentence
            assert f"How we know, for {'both' if shown == 2 else f'all {shown}'}:" in qi
            assert qi.count("*(6 excellent)*;") == shown - 1 and ". *(" not in qi
    assert "more statements rated very good or better, with evidence." in strengths
    assert len(strengths) < 12_000  # was pages of the same line
