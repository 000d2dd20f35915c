"""An open evaluation: the framework, its file, the lock, and a save after every change.

The TUI and any other front end talk to a session, never to files. Each change builds a new
`Evaluation` and writes it at once; if the write fails the session keeps the unsaved evaluation
(``pending``) and says so, so nothing typed is lost and the next change or `retry()` saves it.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.lock import FileLock
from selfeval.evaluation.model import Answer, Evaluation, QIJudgement, Setting, now
from selfeval.evaluation.reading import read_reconciled
from selfeval.evaluation.reconcile import Changes, stamp
from selfeval.evaluation.store import (
    EvaluationStore,
    SaveFailed,
    new_evaluation,
    school_year,
)
from selfeval.framework.model import Framework

__all__ = ["EvaluationSession", "open_setting"]


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

    @classmethod
    def start(
        cls, store: EvaluationStore, framework: Framework, setting: Setting
    ) -> EvaluationSession:
        """Resume this school year's evaluation of *setting*, or begin a new one."""
        path = store.path_for(setting, framework.id, school_year(now()))
        if path.exists():
            return cls.open(store, framework, path)
        lock = FileLock(path)
        store.folder.mkdir(parents=True, exist_ok=True)
        lock.acquire()
        try:
            if path.exists():  # created by another window since we looked
                lock.release()
                return cls.open(store, framework, path)
            session = cls(store, framework, path, new_evaluation(setting, stamp(framework)), lock)
            session.save()
        except BaseException:
            lock.release()
            raise
        return session

    @classmethod
    def open(cls, store: EvaluationStore, framework: Framework, path: Path) -> EvaluationSession:
        """Open an existing evaluation file, refusing one that another window has open."""
        lock = FileLock(path)
        lock.acquire()
        try:
            _remove_stale_temp_files(path)
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
        """Write the current evaluation; raises `SaveFailed` and keeps it pending on failure."""
        try:
            self.store.save(self.evaluation, self.path)
        except SaveFailed:
            self.pending = True
            raise
        self.pending = False
        self.saved_at = now()

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

    def update(self, evaluation: Evaluation) -> None:
        """Make *evaluation* current and save it."""
        self.evaluation = evaluation
        self.save()

    # --- the changes a user makes -------------------------------------------------------

    def _change_answer(self, statement_id: str, **fields: object) -> None:
        answer = self.evaluation.answer(statement_id)
        self.update(self.evaluation.with_answer(statement_id, answer.model_copy(update=fields)))

    def rate(self, statement_id: str, value: int) -> None:
        """Record a rating on the framework's scale."""
        if value not in self.framework.rating_scale.by_value:
            raise ValueError(f"{value} is not on the scale")
        self._change_answer(statement_id, rating=value, not_applicable=False)

    def mark_not_applicable(self, statement_id: str) -> None:
        """Record that the statement does not apply to this setting."""
        self._change_answer(statement_id, rating=None, not_applicable=True)

    def clear_rating(self, statement_id: str) -> None:
        """Remove the rating or "not applicable", keeping evidence and notes."""
        self._change_answer(statement_id, rating=None, not_applicable=False)

    def set_evidence(self, statement_id: str, text: str) -> None:
        """Record the evidence ("How do we know?") exactly as typed."""
        if text != self.evaluation.answer(statement_id).evidence:
            self._change_answer(statement_id, evidence=text)

    def set_notes(self, statement_id: str, text: str) -> None:
        """Record notes ("What are we going to do now?") exactly as typed."""
        if text != self.evaluation.answer(statement_id).notes:
            self._change_answer(statement_id, notes=text)

    def move_to(self, statement_id: str) -> None:
        """Remember where the user is, so the next start resumes there."""
        if statement_id != self.evaluation.position:
            self.update(self.evaluation.with_position(statement_id))

    def confirm_level(
        self, section_id: str, suggested: int | None, confirmed: int, reason: str = ""
    ) -> None:
        """Record the setting's own level for a QI, beside the suggestion."""
        judgement = QIJudgement(suggested=suggested, confirmed=confirmed, reason=reason)
        self.update(self.evaluation.with_judgement(section_id, judgement))

    def save_action(self, action: Action) -> None:
        """Add *action* to the plan, or replace the action with its id."""
        self.update(self.evaluation.with_action(action))

    def remove_action(self, action_id: str) -> None:
        """Take the action *action_id* out of the plan."""
        self.update(self.evaluation.without_action(action_id))

    def set_target(self, section_id: str, target: Target | None) -> None:
        """Set the level the team aims for on one QI, or remove it (None)."""
        self.update(self.evaluation.with_target(section_id, target))

    def complete(self, completed_by: str | None = None) -> None:
        """Mark the evaluation finished."""
        self.update(self.evaluation.with_status("complete", completed_by))

    def answer(self, statement_id: str) -> Answer:
        """The current answer to a statement."""
        return self.evaluation.answer(statement_id)


def _remove_stale_temp_files(path: Path) -> None:
    """Delete half-written temp files a crashed save left beside *path* (we hold its lock)."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def open_setting(
    store: EvaluationStore, framework: Framework, name: str, stage: str | None
) -> EvaluationSession:
    """The session for a setting named on the command line: resumed if it exists, else new.

    Without *stage* only an existing evaluation can be opened; with it a new one may start.
    """
    stages = [s.id for s in framework.stages]
    if stage is None:
        for stored in store.list():
            found = stored.evaluation
            if (
                found is not None
                and found.framework.id == framework.id
                and found.setting.name.casefold() == name.strip().casefold()
            ):
                return EvaluationSession.open(store, framework, stored.path)
        raise SelfevalError(
            f"there is no evaluation for {name!r} in {store.folder} yet",
            f"to start one, add --stage with one of: {', '.join(stages)}",
        )
    if stage not in stages:
        raise SelfevalError(
            f"{stage!r} is not a stage of the {framework.title} framework",
            f"use one of: {', '.join(stages)}",
        )
    try:
        setting = Setting(name=name, stage=stage)
    except ValidationError:
        raise SelfevalError(
            "the setting's name must have 1 to 300 characters", "give the school's name"
        ) from None
    return EvaluationSession.start(store, framework, setting)
