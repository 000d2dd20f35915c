"""A file changed on disk while the app has it open (a colleague on another computer, OneDrive,
an edit by hand) is never silently overwritten: their version is read, this window's unsaved
changes are made again on top, and the user is told. Text too long for the file format is
refused before the save, and never shown as saved."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from selfeval.evaluation import (
    EvaluationSession,
    EvaluationStore,
    Setting,
    dump_evaluation,
    load_evaluation,
)
from selfeval.evaluation.actions import Action
from selfeval.evaluation.model import FREE_TEXT_LIMIT, Evaluation, QIJudgement
from selfeval.evaluation.too_long import TextNotSaved
from selfeval.framework import Framework, load_framework

IDS = ["mini-01", "mini-02", "mini-03"]


@pytest.fixture
def session(minimal_framework_path: Path, tmp_path: Path) -> EvaluationSession:
    framework: Framework = load_framework(minimal_framework_path)
    store = EvaluationStore(tmp_path / "responses")
    opened = EvaluationSession.start(store, framework, Setting(name="Oakfield", stage="school"))
    opened.rate("mini-01", 2)
    return opened


def _edit_elsewhere(session: EvaluationSession, **changes: str) -> None:
    """What another computer does: read the file, change it, write it back (later mtime)."""
    theirs = load_evaluation(session.path)
    answer = theirs.answer("mini-02").model_copy(update=changes)
    session.path.write_text(dump_evaluation(theirs.with_answer("mini-02", answer)), "utf-8")
    stamp = session.path.stat().st_mtime_ns + 2_000_000_000
    os.utime(session.path, ns=(stamp, stamp))


def test_changes_made_elsewhere_are_kept_and_ours_added(session: EvaluationSession) -> None:
    _edit_elsewhere(session, evidence="Cluster moderation notes (colleague)")
    session.rate("mini-03", 3)
    saved = load_evaluation(session.path)
    assert saved.answer("mini-02").evidence == "Cluster moderation notes (colleague)"
    assert saved.answer("mini-03").rating == 3
    assert saved.answer("mini-01").rating == 2
    assert "changed elsewhere" in session.merged and "kept" in session.merged
    assert session.evaluation.answer("mini-02").evidence.startswith("Cluster")


def test_our_change_to_the_same_answer_is_made_on_top(session: EvaluationSession) -> None:
    _edit_elsewhere(session, evidence="theirs")
    session.set_notes("mini-02", "ours")
    saved = load_evaluation(session.path).answer("mini-02")
    assert (saved.evidence, saved.notes) == ("theirs", "ours")


def test_unsaved_changes_are_replayed_after_a_failed_save(
    session: EvaluationSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfeval.evaluation.store import EvaluationStore as Store
    from selfeval.evaluation.store import SaveFailed

    real_save = Store.save

    def disk_full(self: Store, evaluation: object, path: Path) -> None:
        raise SaveFailed(path, OSError(28, "No space left on device"))

    monkeypatch.setattr(Store, "save", disk_full)
    with pytest.raises(SaveFailed, match="could not save"):
        session.rate("mini-03", 1)
    monkeypatch.setattr(Store, "save", real_save)
    _edit_elsewhere(session, evidence="theirs")
    session.set_evidence("mini-01", "ours")
    saved = load_evaluation(session.path)
    assert saved.answer("mini-03").rating == 1  # the change that failed to save, not lost
    assert saved.answer("mini-02").evidence == "theirs"
    assert saved.answer("mini-01").evidence == "ours"


def test_an_unreadable_version_from_elsewhere_is_kept_aside(session: EvaluationSession) -> None:
    session.path.write_text("this = [is not", "utf-8")
    stamp = session.path.stat().st_mtime_ns + 2_000_000_000
    os.utime(session.path, ns=(stamp, stamp))
    session.rate("mini-03", 3)
    (kept,) = session.path.parent.glob(f"{session.path.name}.changed-elsewhere-*")
    assert kept.read_text("utf-8") == "this = [is not"
    assert load_evaluation(session.path).answer("mini-03").rating == 3
    assert kept.name in session.merged


def test_our_own_saves_are_not_mistaken_for_changes_elsewhere(
    session: EvaluationSession,
) -> None:
    for value in (1, 2, 3, 1):
        session.rate("mini-02", value)
    assert session.merged == ""


@pytest.mark.parametrize("field", ["evidence", "notes"])
def test_text_too_long_is_refused_before_saving(session: EvaluationSession, field: str) -> None:
    before = session.path.read_bytes()
    setter = session.set_evidence if field == "evidence" else session.set_notes
    with pytest.raises(TextNotSaved, match="too long to save") as caught:
        setter("mini-02", "x" * (FREE_TEXT_LIMIT + 1))
    assert "100,000" in str(caught.value)
    assert session.path.read_bytes() == before
    assert not session.pending
    setter("mini-02", "x" * FREE_TEXT_LIMIT)  # the limit itself is fine
    assert len(getattr(load_evaluation(session.path).answer("mini-02"), field)) == FREE_TEXT_LIMIT


def test_a_reason_too_long_is_refused(session: EvaluationSession) -> None:
    with pytest.raises(TextNotSaved):
        session.confirm_level("first", 2, 3, "r" * (FREE_TEXT_LIMIT + 1))
    assert load_evaluation(session.path).qi == {}


async def test_the_app_says_not_saved_for_text_too_long_and_merged_after_a_change(
    session: EvaluationSession,
) -> None:
    from textual.widgets import TextArea

    from selfeval.tui import make_app
    from selfeval.tui.widgets.save_status import SaveStatus

    from .tui_helpers import notifications

    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#status", SaveStatus)
        area = app.screen.query_one("#evidence", TextArea)
        area.text = "x" * (FREE_TEXT_LIMIT + 5)
        await pilot.pause(0.3)
        shown = str(status.render())
        assert "NOT SAVED" in shown and "too long to save" in shown and "✓" not in shown
        area.text = "short again"
        await pilot.pause(0.3)
        assert "✓ Saved" in str(status.render())
        _edit_elsewhere(session, notes="from the other computer")
        area.text = "short again, and more"
        await pilot.pause(0.3)
        assert "merged" in str(status.render())
        assert "changed elsewhere" in notifications(app)
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    assert saved.answer("mini-02").notes == "from the other computer"
    assert "short again, and more" in [saved.answer(sid).evidence for sid in IDS]


def _saved_elsewhere(
    session: EvaluationSession, change: Callable[[Evaluation], Evaluation]
) -> None:
    """Another computer's save: the file read, changed and written back, keeping its time."""
    kept = session.path.stat()
    theirs = change(load_evaluation(session.path))
    session.path.write_text(dump_evaluation(theirs), "utf-8")
    os.utime(session.path, ns=(kept.st_atime_ns, kept.st_mtime_ns))  # a copy that keeps times


def test_both_typing_evidence_on_one_statement_keep_both(session: EvaluationSession) -> None:
    session.set_evidence("mini-02", "Pupil survey")
    _saved_elsewhere(
        session,
        lambda e: e.with_answer(
            "mini-02", e.answer("mini-02").model_copy(update={"evidence": "Learning walk"})
        ),
    )
    session.set_evidence("mini-02", "Pupil survey in May")
    evidence = load_evaluation(session.path).answer("mini-02").evidence
    assert evidence.startswith("Learning walk\n\n[Also written in another window at ")
    assert evidence.endswith("; keep one:]\nPupil survey in May")
    assert "the evidence was also changed in another window; both are kept" in session.merged
    assert session.evaluation.answer("mini-02").evidence == evidence  # the screen shows both


def test_both_adopting_a_new_action_keep_both(session: EvaluationSession) -> None:
    colleague = Action(id="a1", qi="first", text="Ask the parent council")
    _saved_elsewhere(session, lambda e: e.with_action(colleague))
    session.save_action(Action(id="a1", qi="first", text="Visit the cluster primary"))
    texts = {a.id: a.text for a in load_evaluation(session.path).actions}
    assert texts == {"a1": "Ask the parent council", "a2": "Visit the cluster primary"}


def test_an_action_numbered_apart_goes_on_being_ours(session: EvaluationSession) -> None:
    """Ours was numbered apart from a colleague's new action with the same id: the form that
    goes on editing it (the lead typed next) must find ours, not the colleague's a1."""
    colleague = Action(id="a1", qi="first", text="Ask the parent council")
    _saved_elsewhere(session, lambda e: e.with_action(colleague))
    ours = Action(id="a1", qi="first", text="Visit the cluster primary")
    session.save_action(ours)
    kept = session.kept(ours)
    assert kept is not None and (kept.id, kept.text) == ("a2", "Visit the cluster primary")
    session.save_action(kept.model_copy(update={"lead": "Ms Reid"}))
    saved = {a.id: a for a in load_evaluation(session.path).actions}
    assert saved["a1"].lead == "" and saved["a1"].text == "Ask the parent council"
    assert saved["a2"].lead == "Ms Reid"
    assert session.kept(Action(id="a9", qi="first", text="Never saved")) is None


def test_both_rating_one_statement_keep_theirs_and_say_ours(session: EvaluationSession) -> None:
    _saved_elsewhere(
        session,
        lambda e: e.with_answer("mini-01", e.answer("mini-01").model_copy(update={"rating": 3})),
    )
    session.rate("mini-01", 1)
    saved = load_evaluation(session.path).answer("mini-01")
    assert saved.rating == 3  # the colleague's, saved first
    assert "Rated 1 weak here, beside 3 strong saved elsewhere" in saved.notes
    assert "rated 3 strong in another window; that rating is kept" in session.merged


def test_both_agreeing_one_level_keep_theirs_and_say_ours(session: EvaluationSession) -> None:
    agreed = QIJudgement(suggested=2, confirmed=3, reason="Moderated with the cluster")
    _saved_elsewhere(session, lambda e: e.with_judgement("first", agreed))
    session.confirm_level("first", 2, 1, "We saw weaker work")
    saved = load_evaluation(session.path).qi["first"]
    assert saved.confirmed == 3
    assert saved.reason.startswith("Moderated with the cluster\n\n[Also written")
    assert "Also agreed in another window at " in saved.reason and "We saw weaker" in saved.reason
    assert "agreed as 3 strong in another window; that level is kept" in session.merged


def test_an_action_changed_elsewhere_is_not_removed_here(session: EvaluationSession) -> None:
    session.save_action(Action(id="a1", qi="first", text="Audit kits"))
    _saved_elsewhere(
        session,
        lambda e: e.with_action(Action(id="a1", qi="first", text="Audit kits", lead="Ms Reid")),
    )
    session.remove_action("a1")
    assert [a.lead for a in load_evaluation(session.path).actions] == ["Ms Reid"]
    assert "so it was not removed" in session.merged


def test_a_change_elsewhere_that_keeps_size_and_time_is_noticed(
    session: EvaluationSession,
) -> None:
    _saved_elsewhere(
        session,
        lambda e: e.with_answer("mini-02", e.answer("mini-02").model_copy(update={"notes": "x"})),
    )
    session.rate("mini-03", 2)
    saved = load_evaluation(session.path)
    assert (saved.answer("mini-02").notes, saved.answer("mini-03").rating) == ("x", 2)
    assert "changed elsewhere" in session.merged


async def test_after_a_merge_the_screen_shows_the_file_so_the_next_keystroke_keeps_both(
    session: EvaluationSession,
) -> None:
    """Seen by a colleague trying it: told "both are kept", she typed on in her box, which still
    held only her own words, and her next save removed her colleague's. The box now shows what
    the file holds after each save; the rating shown is the one kept."""
    from textual.widgets import TextArea

    from selfeval.tui import make_app
    from selfeval.tui.widgets.rating_picker import RatingPicker

    from .tui_helpers import until

    app = make_app(session.framework, session.store, session)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        screen: Any = app.screen
        sid = screen.statement_id
        area = app.screen.query_one("#evidence", TextArea)
        await pilot.press("e", *"Parent comments")
        assert await until(pilot, lambda: session.answer(sid).evidence == "Parent comments")

        def theirs(e: Evaluation) -> Evaluation:
            changed = {"evidence": "Pupil council survey", "rating": 3}
            return e.with_answer(sid, e.answer(sid).model_copy(update=changed))

        _saved_elsewhere(session, theirs)
        await pilot.press(*" at open day")
        assert await until(pilot, lambda: "Pupil council survey" in area.text)
        await pilot.press(*" (20 replies)", "escape")
        assert await until(pilot, lambda: "(20 replies)" in session.answer(sid).evidence)
        assert "Pupil council survey" in load_evaluation(session.path).answer(sid).evidence
        _saved_elsewhere(  # they change their rating to 2 as we rate it 1
            session, lambda e: e.with_answer(sid, e.answer(sid).model_copy(update={"rating": 2}))
        )
        await pilot.press("1")
        picker = app.screen.query_one("#picker", RatingPicker)
        notes = app.screen.query_one("#notes", TextArea)
        assert await until(pilot, lambda: "Rated 1 weak here" in session.answer(sid).notes)
        assert session.answer(sid).rating == 2 and picker.value == 2  # theirs, kept, shown
        assert "Rated 1 weak here" in notes.text  # ours, where the file put it
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path).answer(sid)
    assert "Pupil council survey" in saved.evidence and "(20 replies)" in saved.evidence
