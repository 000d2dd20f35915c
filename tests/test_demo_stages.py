"""A trial of `selfeval demo --years 2`: a nursery's evaluation cited "Tracking data for P4 and
P7" and "pupil focus group notes", a primary's actions were led by an "Early years
practitioner" and a nursery's by a "Headteacher". Each stage's evidence, measures, leads and
reviews are its own."""

from __future__ import annotations

import pytest

from selfeval.cli import main
from selfeval.evaluation import Evaluation, load_evaluation

_SCHOOL = ("P4", "P7", "pupil", "S1", "S3", "SQA", "class", "jobs", "Headteacher", "Depute head")
_NURSERY = ("Early years", "early learning", "playroom", "Floorbook", "learning journal")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Evaluation]:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", str(folder), "--settings", "30", "--years", "2"]) == 0
    return [load_evaluation(path) for path in sorted(folder.glob("*.toml"))]


def _words(evaluation: Evaluation) -> str:
    """All the demo wrote for *evaluation*: evidence, leads, measures, reviews, who."""
    said = [answer.evidence for answer in evaluation.answers.values()]
    said += [f"{a.lead}\n{a.measure}\n{a.review}" for a in evaluation.actions]
    return "\n".join([*said, evaluation.completed_by or ""])


def test_a_nursery_says_nothing_of_a_school(demo: list[Evaluation]) -> None:
    nurseries = [e for e in demo if e.setting.stage == "elc"]
    assert nurseries and any(e.actions for e in nurseries)
    for evaluation in nurseries:
        words = _words(evaluation)
        assert not [w for w in _SCHOOL if w in words], evaluation.setting.name


def test_a_school_says_nothing_of_a_nursery(demo: list[Evaluation]) -> None:
    schools = [e for e in demo if e.setting.stage in ("primary", "secondary")]
    assert schools and any(e.actions for e in schools)
    for evaluation in schools:
        words = _words(evaluation).replace("Floorbook entries and photographs of pupils'", "")
        assert not [w for w in _NURSERY if w in words], evaluation.setting.name
