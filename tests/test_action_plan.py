"""The action plan and targets in the evaluation file: older files load unchanged, newer ones
are refused with what to do, dates are read as people in Scotland type them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from selfeval.errors import EvaluationError
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.actions import Action, Target, parse_day
from selfeval.evaluation.model import SCHEMA_VERSION

from .conftest import DATA

VERSION_1 = DATA / "golden" / "evaluations" / "balburn-nursery.stem.2026-27.toml"


def test_a_version_1_file_loads_unchanged_and_saves_as_version_2(tmp_path: Path) -> None:
    assert "schema_version = 1" in VERSION_1.read_text(encoding="utf-8")
    old = load_evaluation(VERSION_1)
    assert old.schema_version == SCHEMA_VERSION == 2
    assert old.actions == [] and old.targets == {}
    text = dump_evaluation(old)
    assert "schema_version = 2" in text
    copy = tmp_path / "e.toml"
    copy.write_text(text, encoding="utf-8")
    again = load_evaluation(copy)
    assert again == old
    assert again.answers == old.answers and again.qi == old.qi


def test_a_file_from_a_newer_selfeval_says_to_update(tmp_path: Path) -> None:
    newer = tmp_path / "e.toml"
    newer.write_text(
        VERSION_1.read_text(encoding="utf-8").replace("schema_version = 1", "schema_version = 4"),
        encoding="utf-8",
    )
    with pytest.raises(EvaluationError) as caught:
        load_evaluation(newer)
    message = str(caught.value)
    assert "written by a newer selfeval" in message
    assert "Update selfeval" in message
    assert "e.toml:2" in message or "e.toml:3" in message


def test_actions_and_targets_round_trip(tmp_path: Path) -> None:
    evaluation = load_evaluation(VERSION_1)
    step = Action(id="a1", qi="qi-2-3", text="Weekly outdoor | *maths* walks", source="x")
    evaluation = evaluation.with_action(step)
    own = Action(
        id=evaluation.new_action_id(),
        qi="qi-2-3",
        text="Family STEM morning",
        lead="Ms Rahman (EYP)",
        due=date(2027, 3, 31),
        measure="Half of families attend;\nchildren's talk recorded",
        status="under-way",
    )
    evaluation = evaluation.with_action(own).with_target(
        "qi-2-3", Target(level=5, by=date(2027, 6, 30))
    )
    assert [a.id for a in evaluation.actions] == ["a1", "a2"]
    path = tmp_path / "e.toml"
    path.write_text(dump_evaluation(evaluation), encoding="utf-8")
    again = load_evaluation(path)
    assert again.actions == evaluation.actions
    assert again.targets == evaluation.targets
    assert "[[actions]]" in path.read_text(encoding="utf-8")
    changed = again.with_action(again.actions[0].model_copy(update={"lead": "Depute"}))
    assert [a.lead for a in changed.actions] == ["Depute", "Ms Rahman (EYP)"]
    assert changed.without_action("a1").actions == [changed.actions[1]]
    assert changed.with_target("qi-2-3", None).targets == {}


def test_two_actions_with_one_id_are_refused(tmp_path: Path) -> None:
    text = VERSION_1.read_text(encoding="utf-8") + (
        '\n[[actions]]\nid = "a1"\nqi = "q"\ntext = "one"\n'
        '\n[[actions]]\nid = "a1"\nqi = "q"\ntext = "two"\n'
    )
    path = tmp_path / "e.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError, match="two actions have the id 'a1'"):
        load_evaluation(path)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("30/6/2027", date(2027, 6, 30)),
        ("30.06.2027", date(2027, 6, 30)),
        ("2027-06-30", date(2027, 6, 30)),
        ("30 June 2027", date(2027, 6, 30)),
        ("june 2027", date(2027, 6, 30)),
        ("Feb 2028", date(2028, 2, 29)),
        ("December 2027", date(2027, 12, 31)),
        ("1 Sept, 2027", date(2027, 9, 1)),
    ],
)
def test_dates_as_people_type_them(typed: str, day: date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize("typed", ["", "soon", "31/2/2027", "6/30/2027", "Juneish 2027", "2027"])
def test_a_date_that_is_not_one_says_how_to_type_it(typed: str) -> None:
    with pytest.raises(ValueError, match="type it like 30/6/2027 or June 2027"):
        parse_day(typed)


def test_a_bad_field_in_the_action_plan_is_named_with_its_line(tmp_path: Path) -> None:
    """A hand edit that breaks the action plan is refused with file, line and key, and the file
    is left as it was."""
    text = VERSION_1.read_text(encoding="utf-8") + (
        '\n[[actions]]\nid = "a1"\nqi = "q"\ntext = "Walks"\ndue = "soon"\n'
        "\n[targets.q]\nlevel = 0\n"
    )
    path = tmp_path / "e.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError) as caught:
        load_evaluation(path)
    message = str(caught.value)
    due_line = text.splitlines().index('due = "soon"') + 1
    assert f"e.toml:{due_line}: actions[0].due" in message
    assert "targets.q.level" in message
    assert path.read_text(encoding="utf-8") == text
