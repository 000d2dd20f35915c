"""The profiles a reviewer applying the level definitions as an HM Inspector found generous
(issue: "a suggestion that cannot be inflated"), each with what an inspector would say.

Each runs through the full path (`score`: the results screen, `--plain`, `score`, the plan)
and the fast path of comparisons (`suggest_levels`), which must agree, and its reason is
checked for the words a headteacher would need in a moderation meeting.
"""

from __future__ import annotations

import pytest

from selfeval.evaluation import Answer, Evaluation, FrameworkStamp, Setting
from selfeval.evaluation.model import now
from selfeval.framework import load_framework
from selfeval.scoring import QIResult, score, suggest_levels

from .conftest import REPO
from .evaluation_helpers import answers_of

STEM = load_framework(REPO / "frameworks" / "stem.toml")
EVIDENCE = "Learner focus group in May; planning and minutes of the STEM group."
QI_1_1 = [s.id for s in STEM.statements_for("primary") if s.id.startswith("stem-1.1-")]
QI_2_1 = [s.id for s in STEM.statements_for("primary") if s.id.startswith("stem-2.1-")]
Value = int | str | None


def _answers(ids: list[str], values: list[Value], evidence: str = EVIDENCE) -> dict[str, Answer]:
    return answers_of(ids, values, evidence)


def _qi(answers: dict[str, Answer], qi: str) -> QIResult:
    moment = now()
    evaluation = Evaluation(
        setting=Setting(name="Oakfield Primary", stage="primary"),
        framework=FrameworkStamp(id="stem", version=STEM.version, content_hash="x"),
        created=moment,
        updated=moment,
        answers=answers,
    )
    full = next(q for q in score(evaluation, STEM).qis if q.qi_id == qi)
    fast = next(q for q in suggest_levels(evaluation, STEM) if q.qi == qi)
    assert fast.suggested == full.suggested  # comparisons say what the plan says
    return full


def test_qi_1_1_has_eight_statements_in_three_themes() -> None:
    assert len(QI_1_1) == 8
    assert [t.id for t, _ in STEM.group_of(STEM.sections[0], "primary").themes] == [
        "stem-1.1-collaborative",
        "stem-1.1-evidence",
        "stem-1.1-impact",
    ]


def test_one_rating_beside_seven_not_applicable_is_not_enough() -> None:
    values: list[Value] = [6, "na", "na", "na", "na", "na", "na", "na"]
    values[QI_1_1.index("stem-1.1-06")] = None  # the impact of self-evaluation must be answered
    qi = _qi(_answers(QI_1_1, values), "1.1")
    assert qi.suggested is None
    assert "not applicable does not count towards one" in qi.why


def test_marking_the_weak_statements_not_applicable_does_not_make_excellent() -> None:
    honest = _qi(_answers(QI_1_1, [6, 6, 6, 6, 6, 6, 2, 2]), "1.1")
    assert honest.suggested == 4
    weak_ones = [n for n, sid in enumerate(QI_1_1) if sid != "stem-1.1-06"][-2:]
    values: list[Value] = [6] * 8
    for n in weak_ones:
        values[n] = "na"
    hidden = _qi(_answers(QI_1_1, values), "1.1")
    assert hidden.suggested == 4
    assert "2 of 8 statements are marked not applicable" in hidden.why


def test_ratings_without_evidence_are_not_yet_evaluated() -> None:
    qi = _qi(_answers(QI_1_1, [5, 6, 5, 6, 5, 6, 5, 6], evidence=""), "1.1")
    assert qi.suggested is None
    assert qi.why.startswith("Not yet evaluated: none of the 8 ratings says how we know")


def test_ratings_with_under_half_evidenced_are_at_most_satisfactory() -> None:
    answers = _answers(QI_1_1, [6] * 8, evidence="")
    for sid in QI_1_1[:3]:
        answers[sid] = Answer(rating=6, evidence=EVIDENCE)
    qi = _qi(answers, "1.1")
    assert qi.suggested == 3
    assert "only 3 of the 8 ratings say how we know" in qi.why


def test_a_level_split_is_weak_not_satisfactory() -> None:
    qi = _qi(_answers(QI_1_1, [6, 6, 6, 2, 2, 2, None, None]), "1.1")
    assert qi.suggested == 2
    assert "3 rated good or better beside 3 weak or unsatisfactory" in qi.why
    assert "strengths do not outweigh weaknesses" in qi.why


def test_half_a_qi_is_not_very_good() -> None:
    values: list[Value] = [5] * 8
    for n, sid in enumerate(QI_1_1):
        if sid in ("stem-1.1-06", "stem-1.1-07"):  # the whole impact theme
            values[n] = None
    qi = _qi(_answers(QI_1_1, values), "1.1")
    assert qi.suggested == 4
    assert "nothing is rated yet on “Improvement that makes a difference”" in qi.why


def test_a_safeguarding_failure_is_not_averaged_away() -> None:
    values: list[Value] = [5, 5, 1, 5]
    assert STEM.statements[QI_2_1[2]].text.startswith("Visitors and partners")
    qi = _qi(_answers(QI_2_1, values), "2.1")
    assert qi.suggested == 2
    assert "“Visitors and partners who work with our learners on STEM" in qi.why
    assert "cannot be offset by strengths elsewhere" in qi.why
    urgent = [step for step in qi.next_steps if step.urgent]
    assert [step.action_id for step in urgent] == ["act-2.1-02"]
    assert qi.next_steps[0] is urgent[0]  # before anything that can wait


def test_excellent_says_what_it_rests_on() -> None:
    qi = _qi(_answers(QI_1_1, [6] * 8), "1.1")
    assert qi.suggested == 6
    assert "sector-leading practice, shared beyond the setting: is yours?" in qi.why
    one_left = _qi(_answers(QI_1_1, [6] * 7 + [None]), "1.1")
    assert one_left.suggested == 5
    assert "excellent rests on all of them" in one_left.why


@pytest.mark.parametrize("sid", ["stem-1.1-06", "stem-2.1-01", "stem-2.1-03"])
def test_what_every_setting_must_answer_cannot_be_marked_not_applicable(sid: str) -> None:
    assert not STEM.statements[sid].na_allowed
    ids = QI_1_1 if sid.startswith("stem-1.1") else QI_2_1
    values: list[Value] = [5] * len(ids)
    values[ids.index(sid)] = "na"
    qi = _qi(_answers(ids, values), "1.1" if ids is QI_1_1 else "2.1")
    assert qi.not_applicable == 0  # counted as unanswered, never as not applicable


def test_the_bundled_safeguarding_statements_are_critical_for_schools_and_nurseries() -> None:
    critical = {s.id for s in STEM.statements.values() if s.critical}
    assert critical == {"stem-2.1-01", "stem-2.1-03", "stem-2.1-04"}
    for stage in ("elc", "primary", "secondary"):
        assert critical <= {s.id for s in STEM.statements_for(stage)}


def test_a_safeguarding_statement_left_unrated_keeps_the_qi_at_good() -> None:
    """Found by a trial: visitor checks unanswered beside three 5s suggested very good."""
    qi = _qi(_answers(QI_2_1, [5, 5, None, 5]), "2.1")
    assert qi.suggested == 4
    assert "“Visitors and partners who work with our learners" in qi.why
    assert "is not rated yet" in qi.why
    marked = _qi(_answers(QI_2_1, [5, 5, "na", 5]), "2.1")  # not allowed: counts as unrated
    assert (marked.suggested, marked.why) == (qi.suggested, qi.why)


def test_a_safeguarding_statement_rated_satisfactory_keeps_the_qi_at_good() -> None:
    qi = _qi(_answers(QI_2_1, [6, 6, 3, 6]), "2.1")
    assert qi.suggested == 4
    assert "is rated satisfactory: safeguarding must be good or better" in qi.why
    assert not qi.urgent  # satisfactory is not a failure: no urgent step


def test_a_safeguarding_failure_is_urgent_wherever_the_qi_is_listed() -> None:
    qi = _qi(_answers(QI_2_1, [6, 6, 1, 6]), "2.1")
    assert qi.urgent


def test_exactly_half_is_half_not_the_majority() -> None:
    qi = _qi(_answers(QI_1_1, [6, 6, 6, 2, 2, 2, None, None]), "1.1")
    assert "half of the ratings (3 of 6)" in qi.why
