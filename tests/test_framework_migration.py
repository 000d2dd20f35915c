"""Evaluations answered against an earlier version of the bundled STEM framework open against
the current one with nothing lost: every answer kept under its statement, moved to a reworded
statement, or kept aside as an orphan, with its rating, evidence and notes."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from selfeval.evaluation.actions import Action, Target
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
    count, qis = _new_in_1_1(before.setting.stage)
    assert f"{count} new statements in QIs {qis} to answer." in said


def _new_in_1_1(stage: str) -> tuple[int, str]:
    """Counted from the TOML itself, not through the framework model the code under test uses:
    the statements marked `since = "1.1.0"` that the stage is asked, and the QIs (as the
    setting's own HGIOS4 or HGIOELC numbers them) they are in."""
    with (REPO / "frameworks" / "stem.toml").open("rb") as handle:
        raw = tomllib.load(handle)
    narrow = "hgioelc" if stage == "elc" else "hgios4"
    count, qis = 0, []
    for section in raw["sections"]:
        number = next(q["id"] for q in section["qi"] if q["framework"] == narrow)
        for theme in section["themes"]:
            for statement in theme["statements"]:
                if statement.get("since") == "1.1.0" and stage in statement.get("stages", [stage]):
                    count += 1
                    qis += [] if number in qis else [number]
    return count, f"{', '.join(qis[:-1])} and {qis[-1]}"


def test_the_new_statements_of_1_1_are_where_the_issue_asked_for_them() -> None:
    """QI 1.4 and 2.1 are new in 1.1, and the breadth the domain review found missing sits in
    1.1 (learners as evaluators), 1.2 (young STEM leaders), 2.2 (technologies, engineering),
    2.7 (Scotland's STEM support), 3.1 (equity beyond gender and poverty) and 3.3 (meta-skills)."""
    assert _new_in_1_1("primary") == (16, "1.1, 1.2, 1.4, 2.1, 2.2, 2.7, 3.1 and 3.3")
    assert _new_in_1_1("elc") == (13, "1.1, 1.4, 2.1, 2.2, 2.7 and 3.1")


EARLIER_1_1 = sorted((DATA / "stem-1.1.0").glob("*.toml"))


def test_the_1_1_set_is_there_with_nurseries_judged_against_the_2025_framework() -> None:
    assert len(EARLIER_1_1) == 8
    keys: set[str] = set()
    for path in EARLIER_1_1:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        assert data["framework"]["version"] == "1.1.0"
        keys |= set(data.get("qi", {}))
    assert {"elc-qif:nurturing-care", "resources-for-equity"} <= keys


@pytest.mark.parametrize("path", EARLIER_1_1, ids=lambda p: p.stem)
def test_every_answer_and_agreed_level_of_1_1_is_kept_under_its_qi(path: Path) -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    before = load_evaluation(path)
    after, changes = reconcile(before, stem)
    assert not changes.orphaned and not changes.renamed
    for sid, answer in before.answers.items():
        assert after.answers[sid] == answer
    keys = {g.key for g in stem.groups(after.setting.audience, after.setting.qi_framework)}
    assert set(after.qi) <= keys  # every agreed level belongs to a QI the setting sees
    assert sorted(j.model_dump_json() for j in after.qi.values()) == sorted(
        j.model_dump_json() for j in before.qi.values()
    )  # and none is lost, changed or doubled
    if before.setting.stage == "elc" and after.setting.qi_framework is None:
        moved = {
            "elc-qif:nurturing-care": "family-learning",
            "resources-for-equity": "elc-qif:staff-and-resources",
            "wellbeing-equality-inclusion": "elc-qif:wellbeing-inclusion-equality",
        }
        for old, new in moved.items():
            assert after.qi[new] == before.qi[old]
        assert "are kept with them" in " ".join(changes.describe())


def test_targets_and_actions_move_with_their_level() -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    path = next(p for p in EARLIER_1_1 if "elc-qif:nurturing-care" in p.read_text("utf-8"))
    before = load_evaluation(path)
    before = before.with_action(Action(id="a1", qi="elc-qif:nurturing-care", text="Stay and play"))
    before = before.with_target("resources-for-equity", Target(level=5))
    after, _ = reconcile(before, stem)
    assert [(a.id, a.qi) for a in after.actions] == [("a1", "family-learning")]
    assert after.targets == {"elc-qif:staff-and-resources": before.targets["resources-for-equity"]}


def test_a_nursery_judged_against_the_2025_framework_sees_all_eleven_qis() -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    groups = stem.groups("elc")
    assert len(groups) == 11
    by_qi = {g.ref.id: g for g in groups}
    assert [t.id for t, _ in by_qi["quality-spaces"].themes] == ["stem-1.5-resources"]
    assert "stem-2.4-support" in [t.id for t, _ in by_qi["wellbeing-inclusion-equality"].themes]
    assert "stem-2.4-support" not in [t.id for t, _ in by_qi["nurturing-care"].themes]
    assert len({g.key for g in groups}) == 11
