"""Evaluations answered against an earlier version of the bundled STEM framework open against
the current one with nothing lost: every answer kept under its statement, moved to a reworded
statement, or kept aside as an orphan, with its rating, evidence and notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from selfeval.evaluation.reading import open_for_reading
from selfeval.evaluation.reconcile import reconcile
from selfeval.evaluation.store import load_evaluation
from selfeval.framework import load_framework

from .conftest import DATA, REPO

EARLIER = sorted((DATA / "stem-1.0.0").glob("*.toml"))


def test_the_earlier_set_is_there_and_is_of_version_1_0_0() -> None:
    assert len(EARLIER) == 8
    for path in EARLIER:
        with path.open("rb") as handle:
            assert tomllib.load(handle)["framework"]["version"] == "1.0.0"


@pytest.mark.parametrize("path", EARLIER, ids=lambda p: p.stem)
def test_every_answer_of_an_earlier_version_is_kept_moved_or_an_orphan(path: Path) -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    before = load_evaluation(path)
    after, changes = reconcile(before, stem)
    moved = dict(changes.renamed)
    for sid, answer in before.answers.items():
        if answer.is_empty:
            continue
        target = moved.get(sid, sid)
        kept = after.answers.get(target) or after.orphans.get(sid)
        assert kept is not None, f"{sid} lost"
        assert (kept.rating, kept.not_applicable) == (answer.rating, answer.not_applicable)
        assert (kept.evidence, kept.notes) == (answer.evidence, answer.notes)
    assert set(changes.orphaned) <= set(before.answers)
    evaluation, framework = open_for_reading(path)  # as every command opens it
    assert framework.version == stem.version and evaluation.framework.version == stem.version
    said = " ".join(changes.describe())
    assert f"version {before.framework.version}" in said and f"now version {stem.version}" in said
    new = 7 if before.setting.stage == "elc" else 8  # one of QI 1.4's is not asked of nurseries
    assert f"{new} new statements in QIs 1.4 and 2.1 to answer." in said
