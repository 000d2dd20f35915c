"""The bundled frameworks: complete, useful to a real headteacher, and found when installed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from selfeval.framework import Framework, load_framework
from selfeval.framework.catalog import find_framework, list_frameworks
from selfeval.paths import bundled_frameworks_dir

from .conftest import REPO

STEM_QIS = {"1.1", "1.2", "1.3", "1.5", "2.2", "2.3", "2.5", "2.6", "2.7", "3.1", "3.2", "3.3"}


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def test_stem_covers_every_stem_relevant_qi_in_both_references(stem: Framework) -> None:
    for reference in ("hgios4", "hgioelc"):
        covered = {ref.id for s in stem.sections for ref in s.qi if ref.framework == reference}
        assert covered >= STEM_QIS


def test_stem_is_substantial(stem: Framework) -> None:
    assert len(stem.statements) >= 80
    for section in stem.sections:
        assert section.improvement_actions, f"{section.id} offers no next steps"
        assert section.challenge_questions, f"{section.id} has no challenge questions"
        assert section.intro


def test_stem_serves_every_stage(stem: Framework) -> None:
    assert [stage.id for stage in stem.stages] == ["elc", "primary", "secondary", "asn"]
    for stage in stem.stages:
        asked = stem.statements_for(stage.id)
        assert len(asked) >= 50, stage.id
        sections = {stem.section_of[s.id].id for s in asked}
        assert len(sections) == len(stem.sections), f"{stage.id} misses a section"


def test_school_words_do_not_reach_a_nursery_without_elc_wording(stem: Framework) -> None:
    """An ELC setting should not be asked about pupils, lessons or teachers."""
    school_words = re.compile(r"\b(pupils?|lessons?|teachers?|learners?|classes)\b", re.I)
    for statement in stem.statements_for("elc"):
        assert not school_words.search(statement.wording(elc=True)), statement.id


def test_statements_are_in_the_we_voice(stem: Framework) -> None:
    voice = re.compile(r"\b(we|our|us|learners|children|practitioners|staff)\b", re.I)
    for statement in stem.statements.values():
        assert voice.search(statement.text), statement.id


def test_elc_sees_hgioelc_titles(stem: Framework) -> None:
    section = next(s for s in stem.sections if s.id == "attainment-and-progress")
    assert stem.section_title(section, "elc") == "Securing children's progress"
    assert stem.section_title(section, "primary") == "Raising attainment and achievement"


@pytest.mark.parametrize("reference", ["hgios4", "hgioelc"])
def test_qi_catalogue_has_exactly_the_fifteen_qis(stem: Framework, reference: str) -> None:
    ids = [qi.id for qi in stem.reference(reference).indicators]
    assert ids == [f"1.{n}" for n in range(1, 6)] + [f"2.{n}" for n in range(1, 8)] + [
        f"3.{n}" for n in range(1, 4)
    ]
    categories = {qi.category for qi in stem.reference(reference).indicators}
    assert categories == {
        "Leadership and management",
        "Learning provision",
        "Successes and achievements",
    }


def test_scale_is_the_hgios_six_point_scale(stem: Framework) -> None:
    scale = stem.rating_scale
    assert [scale.word(v) for v in scale.values] == [
        "excellent",
        "very good",
        "good",
        "satisfactory",
        "weak",
        "unsatisfactory",
    ]
    assert (scale.good_from, scale.strength_from) == (4, 5)


def test_second_framework_is_not_stem_and_loads() -> None:
    core = load_framework(REPO / "frameworks" / "hgios4-core.toml")
    assert core.id == "hgios4-core"
    assert {tag.group for tag in core.tags} == {"nif", "nif-driver"}  # no STEM programmes
    assert "elc" not in {stage.id for stage in core.stages}
    assert {ref.id for s in core.sections for ref in s.qi} == {"1.3", "2.3", "3.1", "3.2"}


def test_every_bundled_framework_loads() -> None:
    listed = list_frameworks()
    assert {item.path.name for item in listed} >= {"stem.toml", "hgios4-core.toml"}
    assert all(item.framework is not None for item in listed)


def test_find_by_id_and_by_path(stem_path: Path) -> None:
    assert find_framework("stem")[1].id == "stem"
    assert find_framework(str(stem_path))[1].id == "stem"


def test_bundled_folder_holds_the_frameworks() -> None:
    """Installed from a wheel, the frameworks live inside the package; here they must be found."""
    folder = bundled_frameworks_dir()
    assert (folder / "stem.toml").is_file()
    assert (folder / "common" / "hgios.toml").is_file()


SCHOOL_WORDS = re.compile(
    r"\b(pupils?|lessons?|teachers?|subject choices?|assembl(y|ies)|department|"
    r"attainment data|timetable|benchmarks|learners?|classroom|through the school)\b",
    re.IGNORECASE,
)
"""Words a nursery should not be offered in its next steps (issue: nurseries saw school words)."""


def test_next_steps_offered_to_nurseries_use_nursery_words() -> None:
    from selfeval.framework import load_framework

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    elc = [s.id for s in framework.stages if s.elc_wording]
    assert elc, "the STEM framework has an ELC stage"
    offered = [
        (a.id, a.wording(True))
        for section in framework.sections
        for a in section.improvement_actions
        if any(a.suits(stage) for stage in elc)
    ]
    assert offered
    schooly = [(aid, text) for aid, text in offered if SCHOOL_WORDS.search(text)]
    assert not schooly, schooly


def test_challenge_questions_for_nurseries_use_nursery_words() -> None:
    from selfeval.framework import load_framework

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    asked = [s for s in framework.sections if any(st.applies_to("elc") for st in s.statements)]
    questions = [q for section in asked for q in section.questions(True)]
    assert len(questions) >= len(asked)
    schooly = [q for q in questions if SCHOOL_WORDS.search(q)]
    assert not schooly, schooly
    assert all(s.questions(False) == s.challenge_questions for s in framework.sections)


def test_theme_titles_for_nurseries_use_nursery_words() -> None:
    from selfeval.framework import load_framework

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    titles = [
        theme.heading(True)
        for section in framework.sections
        for theme in section.themes
        if any(s.applies_to("elc") for s in theme.statements)
    ]
    schooly = [t for t in titles if SCHOOL_WORDS.search(t)]
    assert not schooly, schooly


def test_evidence_prompts_for_nurseries_use_nursery_words() -> None:
    from selfeval.framework import load_framework

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    prompts = [
        (s.id, p)
        for s in framework.statements.values()
        if s.applies_to("elc")
        for p in s.prompts(True)
    ]
    assert prompts
    schooly = [(sid, p) for sid, p in prompts if SCHOOL_WORDS.search(p)]
    assert not schooly, schooly


def test_what_it_can_look_like_for_nurseries_uses_nursery_words() -> None:
    from selfeval.framework import load_framework

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    anchors = [
        (s.id, text)
        for s in framework.statements.values()
        if s.applies_to("elc")
        for text in s.looks_like(True).values()
    ]
    assert anchors
    schooly = [(sid, t) for sid, t in anchors if SCHOOL_WORDS.search(t)]
    assert not schooly, schooly
