"""Scoring: worked examples, the rules as properties, and next steps that fit the setting."""

from __future__ import annotations

import random
from dataclasses import replace
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
from selfeval.scoring.counting import Facts
from selfeval.scoring.levels import decide

from .conftest import REPO
from .evaluation_helpers import answers_of
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


EVIDENCE = "Minutes of the STEM group; learners' views."


def _rated(ratings: dict[str, int], evidence: str = EVIDENCE) -> dict[str, Answer]:
    return {sid: Answer(rating=r, evidence=evidence) for sid, r in ratings.items()}


def test_median_level_examples() -> None:
    assert median_level([4]) == 4
    assert median_level([3, 4, 5]) == 4
    assert median_level([3, 4]) == 3  # rounded down
    assert median_level([3, 5]) == 4  # two views meet in the middle, not at the worse one
    assert median_level([1, 1, 6, 6]) == 3


@pytest.mark.parametrize(
    ("part", "whole", "word"),
    [(0, 10, "none"), (1, 10, "few"), (2, 10, "less than half"), (5, 10, "half"),
     (6, 10, "the majority"), (8, 10, "most"), (19, 20, "almost all"), (10, 10, "all")],
)  # fmt: skip
def test_proportion_words(part: int, whole: int, word: str) -> None:
    assert proportion_word(part, whole) == word


def test_worked_example_for_leadership_of_change() -> None:
    ratings = dict(zip(PRIMARY_IDS, [5, 4, 4, 3, 2, 5, 4], strict=True))
    qi = score_section(STEM, SECTION, "primary", _rated(ratings))
    assert (qi.qi_id, qi.title) == ("1.3", "Leadership of change")
    assert qi.suggested == 4 and qi.level_word == "good"
    assert qi.counts == {6: 0, 5: 2, 4: 3, 3: 1, 2: 1, 1: 0}
    assert "the majority of the ratings (5 of 7) are good or better" in qi.why
    assert qi.narrative == ""  # the reason says the share already: said once
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
    return answers_of(PRIMARY_IDS, values, EVIDENCE)


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
def test_marking_an_unanswered_statement_not_applicable_never_raises_nor_takes_a_level(
    values: list[int | str | None], index: int
) -> None:
    assume(values[index] is None)
    with_na = list(values)
    with_na[index] = "na"
    before = score_section(STEM, SECTION, "primary", _answers(values))
    after = score_section(STEM, SECTION, "primary", _answers(with_na))
    if before.suggested is not None:
        assert after.suggested is not None and after.suggested <= before.suggested
    assert after.counts == before.counts


@settings(max_examples=200)
@given(values=ratings_for_section, seed=st.integers(0, 10_000))
def test_permuting_the_ratings_of_the_rated_statements_never_changes_the_level(
    values: list[int | str | None], seed: int
) -> None:
    rated = [n for n, v in enumerate(values) if isinstance(v, int)]
    shuffled_values = [values[n] for n in rated]
    random.Random(seed).shuffle(shuffled_values)
    shuffled = list(values)
    for n, value in zip(rated, shuffled_values, strict=True):
        shuffled[n] = value
    a = score_section(STEM, SECTION, "primary", _answers(values))
    b = score_section(STEM, SECTION, "primary", _answers(shuffled))
    assert (a.suggested, a.counts, a.rated) == (b.suggested, b.counts, b.rated)


@given(st.lists(st.integers(1, 6), max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_enough_evidence_is_two_ratings_half_of_what_applies_and_a_third_of_what_is_asked(
    ratings: list[int], unanswered: int, not_applicable: int
) -> None:
    applicable = len(ratings) + unanswered
    asked = applicable + not_applicable
    level = suggest(ratings, applicable, SCALE, asked=asked)
    n = len(ratings)
    enough = n >= min(2, applicable) and 2 * n >= applicable and 100 * n >= 34 * asked
    assert (level is not None) == bool(enough and ratings)
    assert level is None or level in SCALE.by_value


levels = st.integers(SCALE.lowest, SCALE.highest)


@st.composite
def qi_facts(draw: st.DrawFn) -> Facts:
    """Any QI's answers, as the rule sees them."""
    ratings = draw(st.lists(levels, min_size=1, max_size=12))
    unanswered = draw(st.integers(0, 4))
    not_applicable = draw(st.integers(0, 4))
    return Facts(
        tuple(sorted(ratings)),
        len(ratings) + unanswered + not_applicable,
        not_applicable,
        draw(st.integers(0, len(ratings))),
        draw(st.integers(0, 2)),
        draw(st.one_of(st.none(), levels)),
        draw(st.integers(0, 1)),
    )


def _level(facts: Facts) -> int | None:
    return decide(facts, SCALE).level


def _with(facts: Facts, **changes: object) -> Facts:
    return replace(facts, **changes)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(qi_facts(), st.data())
def test_raising_any_one_rating_never_lowers_the_suggestion(
    facts: Facts, data: st.DataObject
) -> None:
    ratings = list(facts.ratings)
    index = data.draw(st.integers(0, len(ratings) - 1))
    assume(ratings[index] < SCALE.highest)
    ratings[index] += 1
    before, after = _level(facts), _level(_with(facts, ratings=tuple(sorted(ratings))))
    if before is not None:
        assert after is not None and after >= before


@settings(max_examples=400)
@given(qi_facts(), st.data())
def test_removing_evidence_never_raises_the_suggestion(facts: Facts, data: st.DataObject) -> None:
    fewer = data.draw(st.integers(0, facts.evidenced))
    after = _level(_with(facts, evidenced=fewer))
    before = _level(facts)
    assert after is None or (before is not None and after <= before)


@settings(max_examples=400)
@given(qi_facts())
def test_marking_an_unanswered_statement_not_applicable_never_raises_nor_removes_a_level(
    facts: Facts,
) -> None:
    assume(facts.applicable > len(facts.ratings))
    before = _level(facts)
    after = _level(_with(facts, not_applicable=facts.not_applicable + 1))
    if before is not None:
        assert after is not None and after <= before


@settings(max_examples=400)
@given(qi_facts(), st.integers(SCALE.lowest, SCALE.weakness_at))
def test_a_critical_statement_rated_weak_caps_the_qi_at_weak(facts: Facts, low: int) -> None:
    level = _level(_with(facts, critical_low=low))
    assert level is None or level <= SCALE.good_from - 2


@settings(max_examples=400)
@given(qi_facts(), st.integers(SCALE.lowest, SCALE.good_from - 1))
def test_a_critical_statement_unrated_or_below_good_keeps_the_qi_at_good(
    facts: Facts, low: int
) -> None:
    for changed in (_with(facts, critical_unrated=1), _with(facts, critical_low=low)):
        level = _level(changed)
        assert level is None or level <= SCALE.good_from


@settings(max_examples=400)
@given(qi_facts())
def test_more_than_a_modest_share_not_applicable_is_never_above_good(facts: Facts) -> None:
    assume(facts.not_applicable > 0.2 * facts.asked)
    level = _level(facts)
    assert level is None or level <= SCALE.good_from


@settings(max_examples=400)
@given(qi_facts())
def test_a_theme_with_nothing_rated_is_never_above_good(facts: Facts) -> None:
    level = _level(_with(facts, unrated_themes=1))
    assert level is None or level <= SCALE.good_from


@settings(max_examples=400)
@given(qi_facts())
def test_under_half_evidenced_is_never_good_and_none_evidenced_is_no_level(facts: Facts) -> None:
    level = _level(facts)
    if facts.evidenced == 0:
        assert level is None
    elif 2 * facts.evidenced < len(facts.ratings):
        assert level is None or level < SCALE.good_from


@settings(max_examples=400)
@given(qi_facts())
def test_as_many_weaknesses_as_strengths_is_weak_at_best(facts: Facts) -> None:
    ratings = facts.ratings
    strengths = sum(1 for r in ratings if r >= SCALE.good_from)
    weak = sum(1 for r in ratings if r <= SCALE.weakness_at)
    assume(weak and weak >= strengths)
    level = _level(facts)
    assert level is None or level <= SCALE.good_from - 2


@settings(max_examples=400)
@given(qi_facts())
def test_excellent_needs_every_statement_excellent_or_very_good_with_evidence(
    facts: Facts,
) -> None:
    if _level(facts) == SCALE.highest:
        assert len(facts.ratings) == facts.asked == facts.evidenced
        assert facts.ratings[0] >= SCALE.strength_from


@given(levels, st.integers(2, 12))
def test_ratings_all_at_one_level_with_evidence_suggest_that_level(level: int, n: int) -> None:
    assert suggest([level] * n, n, SCALE) == level


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
        ([6, 6, 1, 1], 2, "outweighed"),  # polarised: as many weaknesses as strengths
        ([6, 6, 6, 2, 2, 2], 2, "outweighed"),  # level split: weak, not satisfactory
        ([5, 5, 5, 5, 2, 2, 2, 2], 2, "outweighed"),
        ([6, 6, 6, 6, 1, 1, 1], 2, "outweighed"),  # an unsatisfactory weighs more than a weak
        ([6, 6, 6, 6, 1, 1], 2, "outweighed"),
        ([5, 5, 5, 2, 2], 3, "balance"),  # strengths just outweigh: satisfactory
        ([6, 6, 6, 6, 2, 2], 4, "weakness"),  # clearly outweigh: good
        ([5, 5, 5, 3], 5, None),  # very few areas for improvement
        ([5, 5, 3, 3], 3, "balance"),
        ([6, 6, 6, 4], 5, "throughout"),  # excellent needs very good or better throughout
        ([4, 4, 4], 4, None),
    ],
)
def test_worked_examples_from_the_level_definitions(
    ratings: list[int], level: int, cap: str | None
) -> None:
    decision = decide(Facts(tuple(sorted(ratings)), len(ratings), 0, len(ratings)), SCALE)
    assert (decision.level, decision.cap) == (level, cap)


def test_why_names_the_statement_that_capped_the_level() -> None:
    values = [5, 5, 5, 5, 5, 5, 1]
    answers = _rated(dict(zip(PRIMARY_IDS, values, strict=True)))
    qi = score_section(STEM, SECTION, "primary", answers)
    weakest = STEM.statements[PRIMARY_IDS[-1]].text
    assert qi.suggested == 4
    assert qi.why.startswith("Suggested 4 good: most of the ratings (6 of 7) are very good")
    assert (
        f"but “{weakest[:20]}" in qi.why and "is rated unsatisfactory, so not very good" in qi.why
    )


def test_not_applicable_statements_leave_the_coverage_count() -> None:
    answers = {sid: Answer(not_applicable=True) for sid in PRIMARY_IDS[:4]}
    answers |= _rated(dict.fromkeys(PRIMARY_IDS[4:], 4))
    qi = score_section(STEM, SECTION, "primary", answers)
    assert (qi.rated, qi.not_applicable, qi.suggested) == (3, 4, 4)


def test_ratings_without_evidence_are_counted_and_keep_it_below_good() -> None:
    answers = _rated(dict.fromkeys(PRIMARY_IDS, 6), evidence="")
    answers[PRIMARY_IDS[0]] = Answer(rating=6, evidence="pupil survey")
    qi = score_section(STEM, SECTION, "primary", answers)
    assert qi.without_evidence == 6
    assert qi.suggested == 3
    assert "only 1 of the 7 ratings says how we know, under half" in qi.why


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
    """`suggest_levels` decides each pattern of answers once: the same ratings with less
    evidence, with more statements not applicable, or with a theme left unrated are another
    pattern with their own level, however many settings came before."""
    group = STEM.group_of(SECTION, "primary")
    first, *rest = group.asked
    top = dict.fromkeys(group.asked, 6)
    with_evidence = _rated(top)
    without = _rated(top, evidence="")
    one_without = {**with_evidence, first: Answer(rating=6)}
    not_applicable = {**_rated(dict.fromkeys(rest, 6)), first: Answer(not_applicable=True)}
    alone = {first: Answer(rating=6, evidence="Seen.")}
    alone_applies = {**alone, **{sid: Answer(not_applicable=True) for sid in rest}}
    last_theme = group.themes[-1][1]
    theme_unrated = _rated({sid: 6 for sid in group.asked if sid not in last_theme})

    def level(answers: dict[str, Answer]) -> int | None:
        found = suggest_levels(_evaluation(answers), STEM)
        return next(q.suggested for q in found if q.qi == group.ref.id)

    for _ in range(2):  # the second time, every pattern has been seen
        assert level(with_evidence) == 6
        assert level(without) is None  # assertions without evidence: not yet evaluated
        assert level(one_without) == 5  # excellent needs evidence throughout
        assert level(not_applicable) == 5  # and every statement rated
        assert level(theme_unrated) == 4  # a whole theme unrated: not judged whole
        assert level(alone) is None  # one rating of several that apply: not enough evidence
        assert level(alone_applies) is None  # nor beside statements marked not applicable


def test_the_share_good_or_better_is_said_once() -> None:
    """Where the reason for the level gives the share good or better, the narrative leaves
    it out (the Word plan, the app and `score` said it twice); elsewhere it gives it."""
    from selfeval.scoring.words import narrative

    scale = STEM.rating_scale
    why = "Suggested 4 good: most of the ratings (6 of 8) are good or better."
    assert narrative(8, 6, 10, 1, scale, why) == (
        "1 statement did not apply. 1 statement is not yet answered."
    )
    assert narrative(8, 6, 8, 0, scale, "Not enough evidence yet.") == (
        "Most of the statements rated (6 of 8) were good or better."
    )
    assert narrative(0, 0, 4, 0, scale) == (
        "No statements have been rated yet. 4 statements are not yet answered."
    )
