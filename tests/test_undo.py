"""Undo (issue 32): this window's changes taken back one at a time, saved as any change is, so
a colleague's work saved in between is never lost; each undo says what it undid."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.evaluation import (
    EvaluationSession,
    EvaluationStore,
    Setting,
    dump_evaluation,
    load_evaluation,
)
from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.undo import NOTHING_MORE, NOTHING_TO_UNDO
from selfeval.framework import Framework, load_framework

IDS = ["mini-01", "mini-02", "mini-03"]
QIS = ["first", "second"]


@pytest.fixture
def framework(minimal_framework_path: Path) -> Framework:
    return load_framework(minimal_framework_path)


def _open(framework: Framework, folder: Path) -> EvaluationSession:
    store = EvaluationStore(folder)
    return EvaluationSession.start(store, framework, Setting(name="Oakfield", stage="school"))


@pytest.fixture
def session(framework: Framework, tmp_path: Path) -> EvaluationSession:
    return _open(framework, tmp_path / "responses")


def _elsewhere(session: EvaluationSession, change: Any) -> None:
    """What another computer does: read the file, change it, write it back (later mtime)."""
    theirs = change(load_evaluation(session.path))
    session.path.write_text(dump_evaluation(theirs), "utf-8")
    stamp = session.path.stat().st_mtime_ns + 2_000_000_000
    os.utime(session.path, ns=(stamp, stamp))


def test_undo_says_what_it_undid_and_saves(session: EvaluationSession) -> None:
    session.rate("mini-01", 2)
    session.rate("mini-01", 3)
    undone = session.undo()
    assert undone.sentence == (
        "Undid: rating 3 strong on “We do the first thing well.” (now 2 adequate)"
    )
    assert undone.statement_id == "mini-01"
    assert load_evaluation(session.path).answer("mini-01").rating == 2
    assert session.undo().sentence.endswith("(now unrated)")
    assert load_evaluation(session.path).answer("mini-01").rating is None
    assert session.undo().sentence == NOTHING_MORE


def test_a_session_that_changed_nothing_has_nothing_to_undo(session: EvaluationSession) -> None:
    before = session.path.read_bytes()
    assert session.undo().sentence == NOTHING_TO_UNDO
    assert session.path.read_bytes() == before


def test_typing_in_one_box_is_one_step(session: EvaluationSession) -> None:
    session.set_evidence("mini-01", "Min")
    session.set_evidence("mini-01", "Minutes")
    session.set_evidence("mini-01", "Minutes of the group")
    session.move_to("mini-01")  # where to resume is not a change to undo
    assert len(session.history) == 1
    assert (
        session.undo().sentence
        == "Undid: the evidence on “We do the first thing well.” (now empty)"
    )
    assert session.answer("mini-01").evidence == ""


def test_typing_rubbed_out_again_is_no_step(session: EvaluationSession) -> None:
    session.rate("mini-01", 2)
    session.set_notes("mini-01", "Ask")
    session.set_notes("mini-01", "")
    assert len(session.history) == 1
    assert session.undo().sentence.startswith("Undid: rating 2 adequate")


def test_nothing_changed_is_no_step(session: EvaluationSession) -> None:
    session.rate("mini-01", 2)
    session.rate("mini-01", 2)
    session.move_to("mini-02")
    assert len(session.history) == 1


def test_undo_keeps_a_colleagues_work_saved_in_between(session: EvaluationSession) -> None:
    session.rate("mini-01", 3)
    session.set_notes("mini-02", "ours")
    _elsewhere(session, lambda e: e.with_answer("mini-03", e.answer("mini-03").model_copy(
        update={"evidence": "theirs"})))  # fmt: skip
    assert session.undo().sentence.startswith("Undid: the notes")
    saved = load_evaluation(session.path)
    assert saved.answer("mini-03").evidence == "theirs"
    assert saved.answer("mini-01").rating == 3
    assert saved.answer("mini-02").notes == ""


def test_what_a_colleague_changed_since_is_left_to_them(session: EvaluationSession) -> None:
    session.set_evidence("mini-01", "ours")
    _elsewhere(session, lambda e: e.with_answer("mini-01", e.answer("mini-01").model_copy(
        update={"evidence": "theirs"})))  # fmt: skip
    undone = session.undo()
    assert undone.sentence.startswith("Not undone: the evidence on")
    assert "changed in another window since" in undone.sentence
    assert load_evaluation(session.path).answer("mini-01").evidence == "theirs"


def test_levels_targets_and_actions_are_undone(session: EvaluationSession) -> None:
    session.confirm_level("first", 2, 3, "moderated")
    session.set_target("first", Target(level=3, by=date(2027, 6, 30)))
    first = Action(id="a1", qi="first", text="Plan a STEM week")
    session.save_action(first)
    session.save_action(first.model_copy(update={"lead": "Ms Reid"}))
    session.remove_action("a1")
    said = [session.undo().sentence for _ in range(5)]
    assert said == [
        "Undid: removing the action “Plan a STEM week” (it is back in the plan)",
        "Undid: the changes to the action “Plan a STEM week” (now as it was)",
        "Undid: adding the action “Plan a STEM week” (now out of the plan)",
        "Undid: the target 3 strong by 30 June 2027 for QI 1.1 First indicator (now none)",
        "Undid: the level 3 strong for QI 1.1 First indicator (now not agreed)",
    ]
    saved = load_evaluation(session.path)
    assert (saved.qi, saved.targets, saved.actions) == ({}, {}, [])


def test_a_removed_action_goes_back_where_it_was(session: EvaluationSession) -> None:
    for n in (1, 2, 3):
        session.save_action(Action(id=f"a{n}", qi="first", text=f"Action {n}"))
    session.remove_action("a2")
    session.undo()
    assert [a.id for a in load_evaluation(session.path).actions] == ["a1", "a2", "a3"]


# --- a random sequence of changes, then as many undos, is back where it began -------------

changes = st.one_of(
    st.tuples(st.just("rate"), st.sampled_from(IDS), st.sampled_from([1, 2, 3])),
    st.tuples(st.just("na"), st.sampled_from(IDS)),
    st.tuples(st.just("clear"), st.sampled_from(IDS)),
    st.tuples(st.just("evidence"), st.sampled_from(IDS), st.sampled_from(["", "a", "ab"])),
    st.tuples(st.just("notes"), st.sampled_from(IDS), st.sampled_from(["", "n", "nn"])),
    st.tuples(st.just("level"), st.sampled_from(QIS), st.sampled_from([1, 2, 3])),
    st.tuples(st.just("target"), st.sampled_from(QIS), st.sampled_from([None, 2, 3])),
    st.tuples(st.just("action"), st.sampled_from(QIS), st.sampled_from(["x", "y"])),
    st.tuples(st.just("edit"), st.sampled_from(["a1", "a2", "a3"]), st.sampled_from(["p", "q"])),
    st.tuples(st.just("remove"), st.sampled_from(["a1", "a2", "a3"])),
)


def _make(session: EvaluationSession, change: tuple[Any, ...]) -> None:
    kind, where, *value = change
    evaluation = session.evaluation
    actions = {a.id: a for a in evaluation.actions}
    if kind == "rate":
        session.rate(where, value[0])
    elif kind == "na":
        session.mark_not_applicable(where)
    elif kind == "clear":
        session.clear_rating(where)
    elif kind in ("evidence", "notes"):
        (session.set_evidence if kind == "evidence" else session.set_notes)(where, value[0])
    elif kind == "level":
        session.confirm_level(where, None, value[0])
    elif kind == "target":
        session.set_target(where, value[0] and Target(level=value[0]))
    elif kind == "action":
        session.save_action(Action(id=evaluation.new_action_id(), qi=where, text=value[0]))
    elif kind == "edit" and where in actions:
        session.save_action(actions[where].model_copy(update={"lead": value[0]}))
    elif kind == "remove":
        session.remove_action(where)


def _what(evaluation: Evaluation) -> tuple[object, ...]:
    """The answers, levels, actions and targets, apart from when each was changed."""

    def bare(values: dict[str, Any]) -> dict[str, Any]:
        return {k: v.model_copy(update={"updated": None}) for k, v in values.items()}

    actions = [a.model_copy(update={"updated": None}) for a in evaluation.actions]
    return bare(evaluation.answers), bare(evaluation.qi), actions, bare(evaluation.targets)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(before=st.lists(changes, max_size=4), made=st.lists(changes, max_size=12))
def test_as_many_undos_as_changes_go_back_to_the_start(
    framework: Framework,
    tmp_path_factory: pytest.TempPathFactory,
    before: list[Any],
    made: list[Any],
) -> None:
    folder = tmp_path_factory.mktemp("responses")
    earlier = _open(framework, folder)
    for change in before:  # what an earlier session left: not this one's to undo
        _make(earlier, change)
    earlier.close()
    session = EvaluationSession.open(earlier.store, framework, earlier.path)
    try:
        start = _what(session.evaluation)
        for change in made:
            _make(session, change)
        for _ in made:
            session.undo()
        assert _what(session.evaluation) == start
        assert _what(load_evaluation(session.path)) == start
        assert not session.undo().undid
    finally:
        session.close()
