"""Scoring: worked examples, the rules as properties, and next steps that fit the setting."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from selfeval.evaluation import Answer, Evaluation, FrameworkStamp, Setting
from selfeval.evaluation.model import now
from selfeval.framework import Framework, load_framework
from selfeval.scoring import (
    median_level,
    proportion_word,
    score,
    score_section,
    suggest,
    suggest_levels,
)
from selfeval.scoring.levels import decide

from .conftest import REPO
from .strategies import evaluations

STEM = load_framework(REPO / "frameworks" / "stem.toml")
SCALE = STEM.rating_scale
SECTION = next(s for s in STEM.sections if s.id == "leadership-of-change")
PRIMARY_IDS = [s.id for s in SECTION.statements if s.applies_to("primary")]


def _evaluation(answers: dict[str, Answer], stage: str = "primary") -> Evaluation:
    moment = now()
    return Evaluation(
        setting=Setting(name="Test", stage=stage),
        framework=FrameworkStamp(id="stem", version="1.0.0", content_hash="x"),
        created=moment,
        updated=moment,
        answers=answers,
    )


def _rated(ratings: dict[str, int]) -> dict[str, Answer]:
    return {sid: Answer(rating=r) for sid, r in ratings.items()}


def test_median_level_examples() -> None:
    assert median_level([4]) == 4
    assert median_level([3, 4, 5]) == 4
    assert median_level([3, 4]) == 3  # rounded down
    assert median_level([3, 5]) == 4  # two views meet in the middle, not at the worse one
    assert median_level([1, 1, 6, 6]) == 3


@pytest.mark.parametrize(
    ("part", "whole", "word"),
    [(0, 10, "none"), (1, 10, "few"), (2, 10, "less than half"), (5, 10, "the majority"),
     (8, 10, "most"), (19, 20, "almost all"), (10, 10, "all")],
)  # fmt: skip
def test_proportion_words(part: int, whole: int, word: str) -> None:
    assert proportion_word(part, whole) == word


def test_worked_example_for_leadership_of_change() -> None:
    ratings = dict(zip(PRIMARY_IDS, [5, 4, 4, 3, 2, 5, 4], strict=True))
    qi = score_section(STEM, SECTION, "primary", _rated(ratings))
    assert (qi.qi_id, qi.title) == ("1.3", "Leadership of change")
    assert qi.suggested == 4 and qi.level_word == "good"
    assert qi.counts == {6: 0, 5: 2, 4: 3, 3: 1, 2: 1, 1: 0}
    assert qi.narrative == "The majority of the statements rated (5 of 7) were good or better."
    assert [s.rating for s in qi.strengths] == [5, 5]
    # furthest below good first: the "implementing" theme has a 2 (act-1.3-04), then the
    # STEM lead statement rated 3 (act-1.3-03); nothing else is at or below its threshold.
    assert [n.action_id for n in qi.next_steps] == ["act-1.3-04", "act-1.3-03"]
    assert qi.next_steps[0].below_good == 2


def test_not_enough_evidence_below_half_rated() -> None:
    ratings = dict(zip(PRIMARY_IDS[:3], [4, 4, 4], strict=True))
    qi = score_section(STEM, SECTION, "primary", _rated(ratings))
    assert qi.suggested is None and qi.level_word is None
    assert qi.unanswered == 4


def test_qi_level_action_uses_the_confirmed_level() -> None:
    ratings = dict.fromkeys(PRIMARY_IDS, 4)
    suggested = score_section(STEM, SECTION, "primary", _rated(ratings))
    assert "act-1.3-05" not in [n.action_id for n in suggested.next_steps]
    overridden = score_section(STEM, SECTION, "primary", _rated(ratings), confirmed=2)
    assert overridden.suggested == 4 and overridden.level == 2
    assert "act-1.3-05" in [n.action_id for n in overridden.next_steps]


def test_next_steps_respect_stage() -> None:
    section = next(s for s in STEM.sections if s.id == "leadership-of-learning")
    answers = {s.id: Answer(rating=1) for s in section.statements}
    elc = score_section(STEM, section, "elc", answers)
    primary = score_section(STEM, section, "primary", answers)
    assert "act-1.2-04" in [n.action_id for n in elc.next_steps]
    assert "act-1.2-03" not in [n.action_id for n in elc.next_steps]
    assert "act-1.2-03" in [n.action_id for n in primary.next_steps]
    assert "act-1.2-04" not in [n.action_id for n in primary.next_steps]


def test_elc_strengths_use_elc_wording() -> None:
    sid = "stem-1.1-01"
    result = score(_evaluation({sid: Answer(rating=6, evidence="floorbooks")}, "elc"), STEM)
    strength = next(qi for qi in result.qis if qi.strengths).strengths[0]
    assert strength.text.startswith("Children, practitioners")
    assert strength.evidence == "floorbooks"


def test_themes_get_profiles_not_levels() -> None:
    qi = score_section(STEM, SECTION, "primary", _rated(dict.fromkeys(PRIMARY_IDS, 5)))
    assert [t.theme_id for t in qi.themes] == [
        "stem-1.3-vision",
        "stem-1.3-planning",
        "stem-1.3-implementing",
    ]
    assert qi.themes[0].counts[5] == 2
    assert not hasattr(qi.themes[0], "level")


def test_tag_view_counts_strategy_themes() -> None:
    result = score(_evaluation(_rated({"stem-1.1-04": 2, "stem-2.3-04": 5})), STEM)
    equity = next(t for t in result.tags if t.tag_id == "equity")
    assert equity.rated == 2 and equity.good_or_better == 1


ratings_for_section = st.lists(
    st.one_of(st.none(), st.just("na"), st.integers(1, 6)),
    min_size=len(PRIMARY_IDS),
    max_size=len(PRIMARY_IDS),
)


def _answers(values: list[int | str | None]) -> dict[str, Answer]:
    out = {}
    for sid, value in zip(PRIMARY_IDS, values, strict=True):
        if value == "na":
            out[sid] = Answer(not_applicable=True)
        elif isinstance(value, int):
            out[sid] = Answer(rating=value)
    return out


@settings(max_examples=300)
@given(values=ratings_for_section)
def test_suggested_level_is_within_the_scale(values: list[int | str | None]) -> None:
    qi = score_section(STEM, SECTION, "primary", _answers(values))
    if qi.suggested is not None:
        assert SCALE.lowest <= qi.suggested <= SCALE.highest
        rated = [v for v in values if isinstance(v, int)]
        assert qi.suggested <= max(rated)  # caps may lower it below the lowest rating


@settings(max_examples=300)
@given(values=ratings_for_section, index=st.integers(0, len(PRIMARY_IDS) - 1))
def test_raising_one_rating_never_lowers_the_level(
    values: list[int | str | None], index: int
) -> None:
    if not isinstance(values[index], int) or values[index] == 6:
        values[index] = 1
    before = score_section(STEM, SECTION, "primary", _answers(values)).suggested
    raised = list(values)
    raised[index] = int(values[index]) + 1  # type: ignore[arg-type]
    after = score_section(STEM, SECTION, "primary", _answers(raised)).suggested
    if before is not None:
        assert after is not None and after >= before


@settings(max_examples=300)
@given(values=ratings_for_section, index=st.integers(0, len(PRIMARY_IDS) - 1))
def test_marking_an_unanswered_statement_not_applicable_never_costs_a_level(
    values: list[int | str | None], index: int
) -> None:
    assume(values[index] is None)
    with_na = list(values)
    with_na[index] = "na"
    before = score_section(STEM, SECTION, "primary", _answers(values))
    after = score_section(STEM, SECTION, "primary", _answers(with_na))
    if before.suggested is not None:
        assert after.suggested == before.suggested
    assert after.counts == before.counts


@settings(max_examples=200)
@given(values=ratings_for_section, seed=st.integers(0, 10_000))
def test_permuting_answers_never_changes_the_level(
    values: list[int | str | None], seed: int
) -> None:
    shuffled = list(values)
    random.Random(seed).shuffle(shuffled)
    a = score_section(STEM, SECTION, "primary", _answers(values))
    b = score_section(STEM, SECTION, "primary", _answers(shuffled))
    assert (a.suggested, a.counts, a.rated) == (b.suggested, b.counts, b.rated)


@given(st.lists(st.integers(1, 6), max_size=12), st.integers(0, 12))
def test_enough_evidence_is_two_ratings_and_half_of_what_applies(
    ratings: list[int], extra: int
) -> None:
    applicable = len(ratings) + extra
    level = suggest(ratings, applicable, SCALE)
    enough = len(ratings) >= min(2, applicable) and 2 * len(ratings) >= applicable and ratings
    assert (level is not None) == bool(enough)
    assert level is None or level in SCALE.by_value


levels = st.integers(SCALE.lowest, SCALE.highest)


@settings(max_examples=300)
@given(st.lists(levels, min_size=2, max_size=12), st.data())
def test_raising_any_one_rating_never_lowers_the_suggestion(
    ratings: list[int], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(ratings) - 1))
    assume(ratings[index] < SCALE.highest)
    evidenced = data.draw(st.integers(0, len(ratings)))
    raised = [*ratings[:index], ratings[index] + 1, *ratings[index + 1 :]]
    before = suggest(ratings, len(ratings), SCALE, evidenced)
    after = suggest(raised, len(ratings), SCALE, evidenced)
    assert before is not None
    assert after is not None
    assert after >= before


@given(levels, st.integers(2, 12))
def test_ratings_all_at_one_level_suggest_that_level(level: int, count: int) -> None:
    assert suggest([level] * count, count, SCALE) == level


@given(st.lists(st.integers(SCALE.strength_from, SCALE.highest), min_size=1, max_size=11),
       st.integers(SCALE.lowest, SCALE.weakness_at))  # fmt: skip
def test_one_weakness_keeps_a_qi_below_very_good(strong: list[int], weak: int) -> None:
    ratings = [*strong, weak]
    level = suggest(ratings, len(ratings), SCALE)
    assert level is not None
    assert level < SCALE.strength_from


@pytest.mark.parametrize(
    ("ratings", "level", "cap"),
    [
        ([5, 5, 5, 5, 5, 5, 1], 4, "weakness"),  # one unsatisfactory: good, not very good
        ([6, 6, 1, 1], 2, "major"),  # polarised: not its worst half, but not satisfactory
        ([6, 6, 6, 2, 2, 2], 3, "balance"),  # strengths do not outweigh weaknesses: not good
        ([5, 5, 5, 3], 5, None),  # very few areas for improvement
        ([5, 5, 3, 3], 3, "balance"),
        ([6, 6, 6, 4], 5, "throughout"),  # excellent needs very good or better throughout
        ([4, 4, 4], 4, None),
    ],
)
def test_worked_examples_from_the_level_definitions(
    ratings: list[int], level: int, cap: str | None
) -> None:
    decision = decide(ratings, len(ratings), len(ratings), SCALE)
    assert (decision.level, decision.cap) == (level, cap)


def test_why_names_the_statement_that_capped_the_level() -> None:
    values = [5, 5, 5, 5, 5, 5, 1]
    answers = {
        sid: Answer(rating=v, evidence="minutes of the STEM group")
        for sid, v in zip(PRIMARY_IDS, values, strict=True)
    }
    qi = score_section(STEM, SECTION, "primary", answers)
    weakest = STEM.statements[PRIMARY_IDS[-1]].text
    assert qi.suggested == 4
    assert qi.why.startswith("Suggested 4 good: most of the ratings (6 of 7) are very good")
    assert (
        f"but “{weakest[:20]}" in qi.why and "is rated unsatisfactory, so not very good" in qi.why
    )


def test_not_applicable_statements_leave_the_coverage_count() -> None:
    answers = {sid: Answer(not_applicable=True) for sid in PRIMARY_IDS[:4]}
    answers |= {sid: Answer(rating=4) for sid in PRIMARY_IDS[4:]}
    qi = score_section(STEM, SECTION, "primary", answers)
    assert (qi.rated, qi.not_applicable, qi.suggested) == (3, 4, 4)


def test_ratings_without_evidence_are_counted_and_keep_it_below_very_good() -> None:
    answers = {sid: Answer(rating=6) for sid in PRIMARY_IDS}
    answers[PRIMARY_IDS[0]] = Answer(rating=6, evidence="pupil survey")
    qi = score_section(STEM, SECTION, "primary", answers)
    assert qi.without_evidence == 6
    assert qi.suggested == 4
    assert "6 of the 7 ratings have no evidence" in qi.why


def test_whole_evaluation_counts_answered(minimal_framework_path: Path) -> None:
    framework: Framework = load_framework(minimal_framework_path)
    moment = now()
    evaluation = Evaluation(
        setting=Setting(name="X", stage="early"),
        framework=FrameworkStamp(id="mini", version="1.0", content_hash="x"),
        created=moment,
        updated=moment,
        answers={"mini-01": Answer(rating=3), "mini-02": Answer(rating=1)},
    )
    result = score(evaluation, framework)
    assert (result.asked, result.answered) == (2, 1)  # mini-02 is not asked of "early"


@settings(max_examples=150, deadline=None)
@given(
    evaluation=evaluations(
        list(STEM.statements), list(SCALE.by_value), tuple(s.id for s in STEM.sections)
    ),
    stage=st.sampled_from([s.id for s in STEM.stages]),
)
def test_the_fast_path_of_comparisons_agrees_with_full_scoring(
    evaluation: Evaluation, stage: str
) -> None:
    """`suggest_levels` (thousands of files) and `score` (one plan) give the same levels."""
    evaluation = evaluation.model_copy(
        update={"setting": evaluation.setting.model_copy(update={"stage": stage})}
    )
    full = [(q.qi_id, q.suggested, q.confirmed) for q in score(evaluation, STEM).qis if q.asked]
    assert [tuple(level) for level in suggest_levels(evaluation, STEM)] == full


def test_levels_decided_once_a_pattern_still_see_evidence_and_what_applies() -> None:
    """`suggest_levels` decides each pattern of ratings once: the same ratings with less
    evidence, or with more statements that apply, are another pattern with their own level,
    however many settings came before."""
    group = STEM.group_of(SECTION, "primary")
    first, *rest = group.asked
    top = dict.fromkeys(group.asked, 6)
    with_evidence = {sid: Answer(rating=6, evidence="Observed in class.") for sid in top}
    without = _rated(top)
    unanswered_first = {sid: Answer(rating=6, evidence="Seen.") for sid in rest}
    not_applicable = {**unanswered_first, first: Answer(not_applicable=True)}
    alone = {first: Answer(rating=6, evidence="Seen.")}
    alone_applies = {**alone, **{sid: Answer(not_applicable=True) for sid in rest}}

    def level(answers: dict[str, Answer]) -> int | None:
        found = suggest_levels(_evaluation(answers), STEM)
        return next(q.suggested for q in found if q.qi == group.ref.id)

    fresh = {
        name: decide(sorted(r.rating for r in a.values() if r.rating), applicable, evidenced, SCALE)
        for name, a, applicable, evidenced in [
            ("evidence", with_evidence, len(top), len(top)),
            ("none", without, len(top), 0),
            ("n/a", not_applicable, len(rest), len(rest)),
        ]
    }
    for _ in range(2):  # the second time, every pattern has been seen
        assert level(with_evidence) == fresh["evidence"].level == 6
        assert level(without) == fresh["none"].level != 6
        assert level(not_applicable) == fresh["n/a"].level
        assert level(unanswered_first) == decide([6] * len(rest), len(top), len(rest), SCALE).level
        assert level(alone) is None  # one rating of several that apply: not enough evidence
        assert level(alone_applies) == 6  # the others not applicable: the one is enough
