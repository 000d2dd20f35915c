"""The National Improvement Framework as framework data: the five priorities of the 2024 and
2025 NIF (children's rights first) and its six drivers, the four priorities from before 2024
renamed to them, in frameworks and in evaluations, with nothing lost."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from selfeval.evaluation.action_tags import choosing, chosen, priorities
from selfeval.evaluation.reading import read_reconciled
from selfeval.evaluation.store import load_evaluation
from selfeval.framework import load_framework
from selfeval.framework.model import Framework
from selfeval.framework.tagnames import current_tags

from .conftest import DATA, REPO

OLD = DATA / "stem-1.2.0-nif" / "glenbrae-primary-school.stem.2026-27.toml"
PRIORITIES = [
    "Placing the human rights and needs of every child and young person at the centre of education",
    "Improvement in children and young people's health and wellbeing",
    "Closing the attainment gap between the most and least disadvantaged",
    "Improvement in skills and sustained, positive school-leaver destinations for all young people",
    "Improvement in achievement, particularly in literacy and numeracy",
]
DRIVERS = [
    "School and ELC leadership",
    "Teacher and practitioner professionalism",
    "Parent and carer involvement and engagement",
    "Curriculum and assessment",
    "School and ELC improvement",
    "Performance information",
]


def _stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def test_both_bundled_frameworks_have_the_five_priorities_and_six_drivers() -> None:
    for name in ("stem", "hgios4-core"):
        framework = load_framework(REPO / "frameworks" / f"{name}.toml")
        assert [t.label for t in framework.tags_in("nif")] == PRIORITIES
        assert framework.tags_in("nif")[0].id == "nif-rights"
        assert [t.label for t in framework.tags_in("nif-driver")] == DRIVERS
        assert all(section.tags for section in framework.sections), name


def test_the_old_four_are_renamed_and_no_longer_used() -> None:
    stem = _stem()
    assert stem.version == "1.3.0"
    assert stem.renamed_tags == {
        "nif-attainment": "nif-achievement",
        "nif-gap": "nif-attainment-gap",
        "nif-employability": "nif-skills-destinations",
    }
    assert "nif-wellbeing" in {t.id for t in stem.tags}  # the one priority that kept its name
    used = {t for s in stem.statements.values() for t in s.tags}
    used |= {t for sec in stem.sections for t in sec.tags}
    assert not used & set(stem.renamed_tags)
    assert {"nif-rights", "nif-attainment-gap", "nif-achievement"} <= used


def test_every_next_step_serves_a_priority_or_a_driver() -> None:
    stem = _stem()
    nif = {t.id for t in stem.tags if t.group in ("nif", "nif-driver")}
    for action_id in stem.improvement_actions:
        assert set(stem.offered_tags(action_id)) & nif, action_id
    # a next step for a statement tagged with a priority leads with it
    step = next(
        a
        for a in stem.improvement_actions
        if "stem-3.2-07" in stem.improvement_actions[a][1].applies_to
        or "stem-3.2-equity" in stem.improvement_actions[a][1].applies_to
    )
    assert "nif-attainment-gap" in stem.offered_tags(step)


def test_a_framework_written_with_the_old_tags_opens_with_them_renamed(tmp_path: Path) -> None:
    text = (REPO / "frameworks" / "hgios4-core.toml").read_text(encoding="utf-8")
    first = 'tags = ["nif-driver-leadership", "nif-driver-improvement"]'
    assert first in text
    text = text.replace(first, 'tags = ["nif-gap", "nif-driver-leadership"]', 1)
    text = text.replace('version = "1.1.0"', 'version = "1.0.5"', 1)
    path = tmp_path / "ours.toml"
    path.write_text(text, encoding="utf-8")
    framework = load_framework(path)
    assert framework.sections[0].tags == ("nif-attainment-gap", "nif-driver-leadership")


def test_an_old_evaluation_keeps_its_actions_tags_under_the_new_names(tmp_path: Path) -> None:
    with OLD.open("rb") as handle:
        assert tomllib.load(handle)["framework"]["version"] == "1.2.0"
    stem = _stem()
    evaluation, changes = read_reconciled(OLD, stem)
    tags = {a.id: a.tags for a in evaluation.actions}
    assert tags == {
        "a1": ["nif-achievement"],
        "a2": ["nif-attainment-gap", "nif-wellbeing"],
        "a3": ["nif-skills-destinations", "our-cluster-priority"],  # unknown: kept
        "a4": [],
    }
    assert changes.tags.renamed == [
        ("nif-attainment", "nif-achievement"),
        ("nif-employability", "nif-skills-destinations"),
        ("nif-gap", "nif-attainment-gap"),
    ]
    assert changes.tags.unknown == ["our-cluster-priority"]
    said = " ".join(changes.describe())
    assert "“nif-gap” is now “nif-attainment-gap”" in said
    assert "“our-cluster-priority”" in said
    by_action = {a.id: [t.id for t in priorities(a, stem)] for a in evaluation.actions}
    assert by_action["a2"] == ["nif-attainment-gap", "nif-wellbeing"]
    assert by_action["a4"], "an untagged next step takes its step's priorities"
    # everything else in the file came through too
    assert [a.text for a in evaluation.actions] == [a.text for a in load_evaluation(OLD).actions]
    assert evaluation.answers["stem-3.2-07"].rating == 2


def test_opening_the_old_evaluation_in_a_session_saves_the_new_names(tmp_path: Path) -> None:
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore

    path = tmp_path / OLD.name
    shutil.copy(OLD, path)
    session = EvaluationSession.open(EvaluationStore(tmp_path), _stem(), path)
    try:
        session.save()
    finally:
        session.close()
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert [a.get("tags", []) for a in saved["actions"]] == [
        ["nif-achievement"],
        ["nif-attainment-gap", "nif-wellbeing"],
        ["nif-skills-destinations", "our-cluster-priority"],
        [],
    ]
    assert saved["framework"]["version"] == "1.3.0"


_TAG = st.sampled_from(["nif-gap", "nif-attainment-gap", "nif-wellbeing", "x", "nif-rights"])


@given(st.lists(_TAG, max_size=6))
def test_renaming_tags_twice_changes_nothing_more(tags: list[str]) -> None:
    renamed = {"nif-gap": "nif-attainment-gap", "nif-attainment": "nif-achievement"}
    once = current_tags(tags, renamed)
    assert current_tags(once, renamed) == once
    assert len(once) == len(set(once))
    assert not set(once) & set(renamed)


_STEM = _stem()
_PRIORITY = st.sampled_from([None, *(t.id for t in _STEM.tags_in("nif"))])


@given(st.lists(st.sampled_from([t.id for t in _STEM.tags]), max_size=5, unique=True), _PRIORITY)
def test_choosing_a_priority_shows_it_and_keeps_every_other_tag(
    tags: list[str], priority: str | None
) -> None:
    after = choosing(tags, _STEM, "nif", priority)
    before = chosen(tags, _STEM, "nif")
    if priority is not None:
        assert chosen(after, _STEM, "nif") == priority
    else:  # the one chosen goes; a second priority the file had is kept
        assert chosen(after, _STEM, "nif") == chosen([t for t in tags if t != before], _STEM, "nif")
    assert [t for t in after if t not in (before, priority)] == [
        t for t in tags if t not in (before, priority)
    ]
    assert len(after) == len(set(after))


async def test_the_app_s_action_form_chooses_a_priority_and_a_driver(tmp_path: Path) -> None:
    from textual.widgets import Select

    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
    from selfeval.tui import make_app
    from selfeval.tui.screens.action_editor import ActionEditor

    stem = _stem()
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for statement in stem.sections[0].statements:  # QI 1.1 all weak: next steps offered
        if statement.applies_to("primary"):
            session.rate(statement.id, 2)
    app = make_app(stem, store, session)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("r", "a")
        await pilot.pause()
        await pilot.press("space")  # adopt the first next step: it brings its step's tags
        await pilot.pause()
        (adopted,) = load_evaluation(session.path).actions
        assert adopted.tags == [
            t for t in stem.offered_tags(adopted.source) if t.startswith("nif-")
        ]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ActionEditor)
        priority = app.screen.query_one("#tags-nif", Select)
        driver = app.screen.query_one("#tags-nif-driver", Select)
        assert priority.is_blank()  # QI 1.1 serves drivers only
        assert driver.value == chosen(adopted.tags, stem, "nif-driver")
        priority.value = "nif-rights"
        await pilot.pause()
        assert load_evaluation(session.path).actions[0].tags == [*adopted.tags, "nif-rights"]
        driver.value = "nif-driver-parents"
        await pilot.pause()
        saved = load_evaluation(session.path).actions[0].tags
        assert chosen(saved, stem, "nif-driver") == "nif-driver-parents"
        assert chosen(saved, stem, "nif") == "nif-rights" and len(saved) == len(adopted.tags) + 1
        priority.clear()
        await pilot.pause()
        assert "nif-rights" not in load_evaluation(session.path).actions[0].tags
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
