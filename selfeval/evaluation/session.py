"""An open evaluation: the framework, its file, the lock, and a save after every change.

The TUI and any other front end talk to a session, never to files. Each change builds a new
`Evaluation` and writes it at once; if the write fails the session keeps the unsaved evaluation
(``pending``) and says so, so nothing typed is lost and the next change or `retry()` saves it.
Which file a setting named on the command line means is `opening`'s job, and text too long for
the file is refused by `too_long` before any change is made.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from datetime import datetime
from functools import cached_property
from pathlib import Path

from selfeval.errors import MustAnswer, SelfevalError
from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.carry import CarriedOver, LastYear, carried_into, last_year_of
from selfeval.evaluation.edits import (
    ActionRemoved,
    ActionSaved,
    AnswerEdit,
    Edit,
    JudgementEdit,
    TargetEdit,
    WholeEdit,
    shortened,
)
from selfeval.evaluation.history import level_entry, who_is_here
from selfeval.evaluation.lock import FileLock
from selfeval.evaluation.model import (
    Answer,
    Contributor,
    Evaluation,
    QIJudgement,
    Setting,
    now,
)
from selfeval.evaluation.reading import read_reconciled
from selfeval.evaluation.reconcile import Changes, stamp
from selfeval.evaluation.store import (
    EvaluationStore,
    SaveFailed,
    new_evaluation,
    school_year,
)
from selfeval.evaluation.too_long import refuse_too_long
from selfeval.evaluation.undo import History, Undone, found_action, reverse
from selfeval.files.atomic import check_target, remove_stale_temp_files
from selfeval.framework.model import Framework, Scale
from selfeval.framework.reference import qi_heading

__all__ = ["Change", "EvaluationSession"]


class EvaluationSession:
    """One evaluation open for editing by this program."""

    def __init__(
        self,
        store: EvaluationStore,
        framework: Framework,
        path: Path,
        evaluation: Evaluation,
        lock: FileLock,
        changes: Changes | None = None,
    ) -> None:
        self.store = store
        self.framework = framework
        self.path = path
        self.evaluation = evaluation
        self.changes = changes
        self._lock = lock
        self.pending = False
        """True while the latest change has not reached the disk."""
        self.saved_at: datetime | None = None
        self.merged: str = ""
        """Set when a save found the file changed by someone else: what was done about it."""
        self.left_alone: tuple[Path, ...] = ()
        """Other files holding this same evaluation (copies under names a sync or a person
        made), not opened: the front ends say so (`left_alone_said`)."""
        self.earlier_views: tuple[Path, ...] = ()
        """For a new view given without a name: the views given earlier in the same role
        without a name, never reopened by role alone (said by `left_alone_said`)."""
        self.carried: CarriedOver | None = None
        """Set where this session created the file and carried last year's plan into it:
        said once, on opening (`CarriedOver.sentence`)."""
        self._unsaved: list[Edit] = []
        self.history = History()
        """This window's changes, to undo (`undo`)."""
        self._identity = _identity(path)
        self.who = who_is_here()
        """Who the history says agreed a level here (`selfeval.evaluation.history`)."""

    @property
    def left_alone_said(self) -> str:
        """What to tell the user of the files left alone on opening, or "" for none."""
        from selfeval.evaluation.left_alone import left_alone_said

        return left_alone_said(self)

    @cached_property
    def last_year(self) -> LastYear | None:
        """The setting's own evaluation of last school year beside this one, its ratings
        shown beside this year's statements (read when first asked for)."""
        if self.carried is not None:
            return self.carried.last_year
        return last_year_of(self.path, self.evaluation, self.framework)

    @property
    def scale(self) -> Scale:
        """The rating scale in the words of what the setting is judged against ("3 adequate"
        for a nursery judged against the 2025 ELC framework)."""
        setting = self.evaluation.setting
        return self.framework.scale_judged(setting.audience, setting.qi_framework)

    @classmethod
    def start(
        cls,
        store: EvaluationStore,
        framework: Framework,
        setting: Setting,
        contributor: Contributor | None = None,
        year: str | None = None,
    ) -> EvaluationSession:
        """Resume this school year's evaluation of *setting* (or *year*'s), or begin a new one;
        with *contributor*, that person's own contribution to it."""
        year = year or school_year(now())
        if contributor is not None and contributor.name is None:
            path = store.new_view_path(setting, framework.id, year, contributor)
        else:
            path = store.path_for(setting, framework.id, year, contributor)
        if path.exists():
            return cls.open(store, framework, path)
        lock = FileLock(path)
        store.folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        try:
            if path.exists():  # created by another window since we looked
                lock.release()
                return cls.open(store, framework, path)
            fresh = new_evaluation(setting, stamp(framework), contributor, year)
            fresh, carried = carried_into(path, fresh, framework)
            session = cls(store, framework, path, fresh, lock)
            session.carried = carried
            session.save()
        except BaseException:
            lock.release()
            raise
        return session

    @classmethod
    def open(cls, store: EvaluationStore, framework: Framework, path: Path) -> EvaluationSession:
        """Open an existing evaluation file, refusing one that another window has open, and
        one that could not be saved (a link: refused here, not after the first answer)."""
        check_target(path, evaluation=True)
        lock = FileLock(path)
        lock.acquire()
        try:
            remove_stale_temp_files(path)
            evaluation, changes = read_reconciled(path, framework)
        except BaseException:
            lock.release()
            raise
        session = cls(store, framework, path, evaluation, lock, changes)
        if changes.any:
            session._try_save()
        return session

    # --- saving -------------------------------------------------------------------------

    def save(self) -> None:
        """Write the current evaluation; raises `SaveFailed` and keeps it pending on failure.

        If the file changed on disk since this session last read or wrote it (a colleague on
        another computer, a sync, an edit by hand), their version is read first and this
        session's unsaved changes are made again on top of it, so neither side is lost.
        """
        self._merge_changes_made_elsewhere()
        try:
            self.store.save(self.evaluation, self.path)
        except SaveFailed:
            self.pending = True
            raise
        self.pending = False
        self._unsaved.clear()
        self._identity = _identity(self.path)
        self.saved_at = now()

    def _merge_changes_made_elsewhere(self) -> None:
        if self._identity is None or _identity(self.path) in (self._identity, None):
            return
        stamp = now().astimezone().strftime("%H:%M")
        try:
            theirs, _ = read_reconciled(self.path, self.framework)
        except SelfevalError:
            kept = self.path.with_name(f"{self.path.name}.changed-elsewhere-{now():%Y%m%d%H%M%S}")
            try:
                os.replace(self.path, kept)
            except OSError:
                return  # the save itself will say what is wrong
            self.merged = (
                f"at {stamp} the file had been changed elsewhere and could not be read; that "
                f"version is kept as {kept.name} and this window's answers were saved"
            )
            return
        merged, conflicts = theirs, list[str]()
        for change in self._unsaved:
            replayed = change.replay(merged, stamp)
            merged = replayed.evaluation
            conflicts += replayed.conflicts
        self.evaluation = merged
        self.merged = (
            f"at {stamp} the file had been changed elsewhere (another computer, a sync or an "
            "edit); those changes are kept and yours were added to them"
        )
        if conflicts:
            self.merged += ". Both changed the same thing: " + "; ".join(conflicts)

    def _try_save(self) -> None:
        with contextlib.suppress(SaveFailed):
            self.save()

    def retry(self) -> None:
        """Try again to save a pending change."""
        if self.pending:
            self.save()

    def close(self) -> None:
        """Save anything pending (best effort) and release the lock."""
        try:
            if self.pending:
                self._try_save()
        finally:
            self._lock.release()

    def apply(self, change: Change) -> None:
        """Make the change *change* describes and save it: a function of the evaluation,
        for changes with nothing to clash over (the others are `Edit`s: `make`)."""
        self.make(WholeEdit(change))

    def make(self, edit: Edit) -> None:
        """Make *edit* and save it. An edit knows what it changed from, so it can be made
        again on a version someone else saved meanwhile without losing what they wrote, and
        undone (`undo`)."""
        self.history.record(edit)
        self._made(edit)

    def _made(self, edit: Edit) -> None:
        self.evaluation = edit.apply(self.evaluation)
        self._unsaved.append(edit)
        self.save()

    def undo(self) -> Undone:
        """Take back this window's latest change, saved as any change is (so it merges with
        a colleague's), and say what was undone; a change the colleague has changed since
        is left to them. Raises `SaveFailed` as `save` does, the undo kept pending."""
        edit = self.history.pop()
        if edit is None:
            return self.history.nothing
        self._merge_changes_made_elsewhere()  # to undo only what is still ours
        undoing, undone = reverse(edit, self.evaluation, self._said)
        if undoing is not None:
            self._made(undoing)
        return undone

    # --- the changes a user makes -------------------------------------------------------

    def _change_answer(self, statement_id: str, **fields: object) -> None:
        refuse_too_long(fields)

        statement = self.framework.statements.get(statement_id)
        name = f"“{shortened(statement.text if statement else statement_id)}”"
        before = self.evaluation.answer(statement_id)
        self.make(AnswerEdit(statement_id, before, fields, name, self._said))

    def _qi_name(self, key: str) -> str:
        """The QI whose level, target or actions are kept under *key*, as the setting knows
        it ("QI 1.3 Leadership of change"), for what a merge says."""
        setting = self.evaluation.setting
        for group in self.framework.groups(setting.audience, setting.qi_framework):
            if group.key == key:
                label = self.framework.reference(group.ref.framework).label(group.ref.id)
                return qi_heading(label, group.indicator.title)
        return key

    def _said(self, rating: int | None, not_applicable: bool) -> str:
        """A rating in words, for what a merge says."""
        if not_applicable:
            return "not applicable"
        return self.scale.label(rating) if rating in self.scale.by_value else "no rating"

    def rate(self, statement_id: str, value: int) -> None:
        """Record a rating on the framework's scale."""
        if value not in self.framework.rating_scale.by_value:
            raise ValueError(f"{value} is not on the scale")
        self._change_answer(statement_id, rating=value, not_applicable=False, moderated=False)

    def mark_not_applicable(self, statement_id: str) -> None:
        """Record that the statement does not apply to this setting (refused with
        `MustAnswer` where its framework says every setting must answer it)."""
        if not self.framework.statements[statement_id].na_allowed:
            raise MustAnswer()
        self._change_answer(statement_id, rating=None, not_applicable=True, moderated=False)

    def clear_rating(self, statement_id: str) -> None:
        """Remove the rating or "not applicable", keeping evidence and notes."""
        self._change_answer(statement_id, rating=None, not_applicable=False, moderated=False)

    def agree(self, statement_id: str, value: int | None, reason: str = "") -> None:
        """Record the rating the team agreed in moderation (None: not applicable), and why."""
        if value is not None and value not in self.framework.rating_scale.by_value:
            raise ValueError(f"{value} is not on the scale")
        self._change_answer(
            statement_id,
            rating=value,
            not_applicable=value is None,
            moderation=reason,
            moderated=True,
        )

    def set_evidence(self, statement_id: str, text: str) -> None:
        """Record the evidence ("How do we know?") exactly as typed."""
        if text != self.evaluation.answer(statement_id).evidence:
            self._change_answer(statement_id, evidence=text)

    def set_why_not_applicable(self, statement_id: str, text: str) -> None:
        """Record why the statement does not fit this setting, exactly as typed."""
        if text != self.evaluation.answer(statement_id).why_not_applicable:
            self._change_answer(statement_id, why_not_applicable=text)

    def set_notes(self, statement_id: str, text: str) -> None:
        """Record notes ("What are we going to do now?") exactly as typed."""
        if text != self.evaluation.answer(statement_id).notes:
            self._change_answer(statement_id, notes=text)

    def move_to(self, statement_id: str) -> None:
        """Remember where the user is, so the next start resumes there."""
        if statement_id != self.evaluation.position:
            self.apply(lambda e: e.with_position(statement_id))

    def confirm_level(
        self, section_id: str, suggested: int | None, confirmed: int, reason: str = ""
    ) -> None:
        """Record the setting's own level for a QI, beside the suggestion."""
        refuse_too_long({"reason": reason})
        judgement = QIJudgement(suggested=suggested, confirmed=confirmed, reason=reason)
        before, name = self.evaluation.qi.get(section_id), self._qi_name(section_id)
        entry = level_entry(name, before, judgement, self._said, self.who)
        self.make(JudgementEdit(section_id, before, judgement, name, self._said, entry))

    def save_action(self, action: Action) -> None:
        """Add *action* to the plan, or replace the action with its id."""
        before = next((a for a in self.evaluation.actions if a.id == action.id), None)
        self.make(ActionSaved(before, action))

    def kept(self, action: Action) -> Action | None:
        """*action* as the plan now holds it, after saving: under its own id, or, where a
        colleague's new action took that id meanwhile and ours was numbered apart, under the
        id it was given (found by its content). None if it is not in the plan."""
        return found_action(self.evaluation.actions, action)

    def remove_action(self, action_id: str) -> None:
        """Take the action *action_id* out of the plan."""
        actions = self.evaluation.actions
        at = next((n for n, a in enumerate(actions) if a.id == action_id), None)
        if at is not None:
            self.make(ActionRemoved(actions[at], at))

    def set_target(self, section_id: str, target: Target | None) -> None:
        """Set the level the team aims for on one QI, or remove it (None)."""
        before = self.evaluation.targets.get(section_id)
        self.make(TargetEdit(section_id, before, target, self._qi_name(section_id)))

    def complete(self, completed_by: str | None = None) -> None:
        """Mark the evaluation finished."""
        self.apply(lambda e: e.with_status("complete", completed_by))

    def answer(self, statement_id: str) -> Answer:
        """The current answer to a statement."""
        return self.evaluation.answer(statement_id)


Change = Callable[[Evaluation], Evaluation]
"""One change a user makes, as a function from the evaluation before it to the one after."""


def _identity(path: Path) -> bytes | None:
    """What tells us whether *path* changed since we last read or wrote it: a hash of its
    content (a copy that keeps size and time, or a share with a coarse clock, changes that
    too), or None if it cannot be read."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None
