"""Next year from this year (issue 33): a new school year's evaluation started beside last
year's carries over the actions not yet done and the targets, shows last year's ratings
beside each statement without copying them, says so once, and never changes last year's
file."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.actions import Action, ActionStatus, Target
from selfeval.evaluation.model import Contributor, now
from selfeval.evaluation.opening import open_setting
from selfeval.evaluation.years import previous_year, school_year
from selfeval.framework import Framework, load_framework
from selfeval.plain.journey import run_plain

from .conftest import REPO
from .plain_helpers import STEM

THIS_YEAR = school_year(now())
LAST_YEAR = previous_year(THIS_YEAR)
NAME = "Oakfield Primary"
STATUSES: tuple[ActionStatus, ...] = ("planned", "under-way", "done", "dropped", "planned")


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def primary(stem: Framework) -> list[str]:
    """The statements a primary school is asked, in order."""
    return [s.id for s in stem.statements_for("primary")]


def last_years(stem: Framework, folder: Path) -> Path:
    """Last school year's evaluation of Oakfield Primary: three statements answered, five
    actions (three not yet done) and two targets."""
    store = EvaluationStore(folder)
    setting = Setting(name=NAME, stage="primary")
    session = EvaluationSession.start(store, stem, setting, year=LAST_YEAR)
    first, second = primary(stem)[:2]
    qi, other = stem.sections[0].id, stem.sections[1].id
    session.rate(first, 4)
    session.set_evidence(first, "Learning walks")
    session.mark_not_applicable(second)
    for n, status in enumerate(STATUSES, start=1):
        session.save_action(
            Action(
                id=f"a{n}",
                qi=qi,
                text=f"Action {n}, {status}",
                lead="Ms Reid",
                due=date(2026, 6, 30),
                measure="Survey in June",
                status=status,
                review_date=date(2026, 3, 1),
                review="Started in P5",
                tags=["nif-attainment-gap"],
            )
        )
    session.set_target(qi, Target(level=5, by=date(2027, 6, 30)))
    session.set_target(other, Target(level=4))
    session.close()
    return session.path


def test_a_new_year_carries_actions_not_done_and_targets(stem: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    last_path = last_years(stem, folder)
    before = last_path.read_bytes()
    last = load_evaluation(last_path)
    session = open_setting(EvaluationStore(folder), stem, NAME, "primary")
    try:
        new = session.evaluation
        assert session.path != last_path and new.year == THIS_YEAR
        assert [a.text for a in new.actions] == [
            "Action 1, planned",
            "Action 2, under-way",
            "Action 5, planned",
        ]
        for action in new.actions:
            kept = next(a for a in last.actions if a.id == action.id)
            assert action.carried_from == LAST_YEAR
            assert action.model_copy(update={"carried_from": None}) == kept
        assert new.targets == last.targets
        assert not new.answers  # ratings are shown beside, never copied
        assert session.carried is not None
        assert session.carried.sentence == (
            f"Carried over from {LAST_YEAR}: 3 actions not yet done and 2 targets; "
            "last year's ratings are shown beside each statement."
        )
        first, second, third = primary(stem)[:3]
        assert session.last_year is not None
        said = session.last_year.said
        assert said(first, session.scale) == "Last year: 4 good"
        assert said(second, session.scale) == "Last year: not applicable"
        assert said(third, session.scale) == "Last year: not rated"
    finally:
        session.close()
    assert last_path.read_bytes() == before  # last year's file is only read
    saved = load_evaluation(session.path)
    assert [a.carried_from for a in saved.actions] == [LAST_YEAR] * 3


def test_a_second_opening_carries_nothing_again(stem: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    last_path = last_years(stem, folder)
    before = last_path.read_bytes()
    store = EvaluationStore(folder)
    first = open_setting(store, stem, NAME, "primary")
    first.remove_action(first.evaluation.actions[0].id)  # the team drops one this year
    first.close()
    again = open_setting(store, stem, NAME, "primary")
    try:
        assert again.path == first.path
        assert again.carried is None  # said once, when the file was made
        assert len(again.evaluation.actions) == 2  # not carried a second time
        assert again.last_year is not None  # last year's ratings still beside
        assert again.last_year.path == last_path
    finally:
        again.close()
    assert last_path.read_bytes() == before


def test_last_years_reviews_written_later_still_reopen_this_years(
    stem: Framework, tmp_path: Path
) -> None:
    folder = tmp_path / "responses"
    last_path = last_years(stem, folder)
    store = EvaluationStore(folder)
    this = open_setting(store, stem, NAME, "primary")
    this.close()
    last = EvaluationSession.open(store, stem, last_path)  # its reviews written up after
    last.save_action(last.evaluation.actions[2].model_copy(update={"review": "Done in May"}))
    last.close()
    again = open_setting(store, stem, NAME, None)  # no stage: resumed, the latest year's
    again.close()
    assert again.path == this.path


def test_without_last_year_nothing_is_carried(stem: Framework, tmp_path: Path) -> None:
    store = EvaluationStore(tmp_path / "responses")
    session = open_setting(store, stem, NAME, "primary")
    try:
        assert session.carried is None and session.last_year is None
        assert not session.evaluation.actions
    finally:
        session.close()


def test_a_colleagues_view_carries_nothing(stem: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    last_years(stem, folder)
    colleague = Contributor(role="P5 teacher", name="Ms Rahman")
    session = open_setting(EvaluationStore(folder), stem, NAME, "primary", colleague)
    try:
        assert session.carried is None and session.last_year is None
        assert not session.evaluation.actions and not session.evaluation.targets
    finally:
        session.close()


def test_an_action_carried_twice_keeps_the_year_it_was_first_planned(
    stem: Framework, tmp_path: Path
) -> None:
    from selfeval.evaluation.carry import still_to_do

    folder = tmp_path / "responses"
    last = load_evaluation(last_years(stem, folder))
    older = previous_year(LAST_YEAR)
    first = last.actions[0].model_copy(update={"carried_from": older})
    carried = still_to_do(last.model_copy(update={"actions": [first, *last.actions[1:]]}))
    assert [a.carried_from for a in carried] == [older, LAST_YEAR, LAST_YEAR]


def plain(folder: Path, *lines: str) -> tuple[int, str]:
    """`selfeval --plain --setting NAME --stage primary` with *lines* typed."""
    out = io.StringIO()
    into = io.StringIO("\n".join(lines) + "\n")
    return run_plain(STEM, folder, NAME, "primary", None, into, out), out.getvalue()


def test_plain_says_what_was_carried_and_last_years_rating(stem: Framework, tmp_path: Path) -> None:
    folder = tmp_path / "responses"
    last_path = last_years(stem, folder)
    before = last_path.read_bytes()
    code, said = plain(folder, "", "", "q")
    assert code == 0
    assert said.count(f"Carried over from {LAST_YEAR}: 3 actions not yet done and 2 targets") == 1
    assert "Last year: 4 good." in said and "Last year: not rated." in said
    assert f".stem.{THIS_YEAR}.toml" in said  # saved in this year's file
    assert last_path.read_bytes() == before
    _, again = plain(folder, "r", "p")  # the results, then the action plan
    assert "Carried over" not in again and "Last year: " in again
    assert again.count(f"Where it stands: planned (carried over from {LAST_YEAR})") == 2
    assert f"Where it stands: under way (carried over from {LAST_YEAR})" in again


def test_next_years_file_keeps_what_last_years_said_of_the_setting(tmp_path: Path) -> None:
    """A trial: the new year's file had only the name and stage, so the plan lost its local
    authority and `compare --by cluster` lost the school's cluster."""
    from datetime import date

    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.evaluation.opening import open_setting
    from selfeval.evaluation.years import previous_year, school_year
    from selfeval.framework import load_framework

    from .conftest import REPO

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path)
    setting = Setting(
        name="Balbrae High School", stage="secondary", local_authority="Demoshire",
        cluster="Balbrae cluster", seed_code="1234567",
    )  # fmt: skip
    this_year = school_year(date.today())
    last = EvaluationSession.start(store, framework, setting, year=previous_year(this_year))
    last.close()
    before = last.path.read_bytes()
    session = open_setting(store, framework, "Balbrae High School", "secondary", None, None)
    try:
        kept = session.evaluation.setting
        assert session.evaluation.year == this_year
        assert (kept.local_authority, kept.cluster, kept.seed_code) == (
            "Demoshire",
            "Balbrae cluster",
            "1234567",
        )
    finally:
        session.close()
    assert last.path.read_bytes() == before


def test_last_years_evaluation_opened_by_name_says_it_is_last_years(tmp_path: Path) -> None:
    """A trial opened the school by name without --stage in the new year: last year's file
    opened with no word of its year, and the head worked on in it."""
    from datetime import date

    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.evaluation.opening import open_setting
    from selfeval.evaluation.years import previous_year, school_year
    from selfeval.framework import load_framework

    from .conftest import REPO

    framework = load_framework(REPO / "frameworks" / "stem.toml")
    store = EvaluationStore(tmp_path)
    this_year = school_year(date.today())
    last = EvaluationSession.start(
        store,
        framework,
        Setting(name="Torbank Nursery", stage="elc"),
        year=previous_year(this_year),
    )
    last.close()
    session = open_setting(store, framework, "Torbank Nursery", None)
    try:
        said = " ".join(session.left_alone_said.split())
        assert f"evaluation of {previous_year(this_year)}, a past school year" in said
        assert "give --stage as well" in said
    finally:
        session.close()


def test_the_plan_says_which_actions_were_carried_over(tmp_path: Path) -> None:
    """The app's action plan said "From 2025-26:"; the Word and Markdown plans did not."""
    from docx import Document

    from selfeval.cli import main
    from selfeval.evaluation import dump_evaluation, load_evaluation
    from selfeval.evaluation.actions import Action

    from .conftest import DATA

    source = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"
    evaluation = load_evaluation(source)
    qi = next(iter(evaluation.qi)) if evaluation.qi else "self-evaluation"
    carried = Action(id="a1", qi=qi, text="Run the STEM club again", carried_from="2025-26")
    path = tmp_path / source.name
    path.write_text(dump_evaluation(evaluation.model_copy(update={"actions": [carried]})))
    assert main(["plan", str(path), "-o", str(tmp_path / "plan.md")]) == 0
    assert "Run the STEM club again (carried over from 2025-26)" in (
        tmp_path / "plan.md"
    ).read_text(encoding="utf-8")
    assert main(["plan", str(path), "-o", str(tmp_path / "plan.docx")]) == 0
    cells = {
        c.text
        for t in Document(str(tmp_path / "plan.docx")).tables
        for r in t.rows
        for c in r.cells
    }
    assert any("carried over from 2025-26" in text for text in cells)


@pytest.mark.parametrize("complete", [True, False])
def test_in_june_a_completed_year_starts_next_years(
    stem: Framework, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, complete: bool
) -> None:
    """A trial at the end of June pressed Start for next year and was given the year just
    finished again. From June, with this year's evaluation marked complete, Start (a stage
    given) begins next school year's, carrying this year's plan; with it still in progress,
    this year's is resumed. Without a stage, the newest is opened."""
    from datetime import UTC, datetime

    folder = tmp_path / "responses"
    store = EvaluationStore(folder)
    session = EvaluationSession.start(
        store, stem, Setting(name=NAME, stage="primary"), year="2026-27"
    )
    session.save_action(Action(id="a1", qi=stem.sections[0].id, text="Run the STEM club"))
    if complete:
        session.complete(None)
    session.close()
    monkeypatch.setattr(
        "selfeval.evaluation.opening.now", lambda: datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    )
    may = open_setting(store, stem, NAME, "primary")  # in May, this year's is this year's
    assert may.path == session.path
    may.close()
    monkeypatch.setattr(
        "selfeval.evaluation.opening.now", lambda: datetime(2027, 6, 25, 9, 0, tzinfo=UTC)
    )
    opened = open_setting(store, stem, NAME, "primary")
    try:
        if complete:
            assert opened.evaluation.year == "2027-28" and opened.path != session.path
            (carried,) = opened.evaluation.actions
            assert carried.carried_from == "2026-27"
        else:
            assert opened.path == session.path
    finally:
        opened.close()
    again = open_setting(store, stem, NAME, None)  # no stage: the newest, nothing started
    try:
        assert again.evaluation.year == ("2027-28" if complete else "2026-27")
    finally:
        again.close()
