"""A user's changes as edits that know what they changed from.

A window saves each change at once; when the file changed on disk meanwhile (a colleague on
another computer, a sync, an edit by hand), the window reads that version and makes its unsaved
changes again on top of it. Made blindly, a change would overwrite what the colleague wrote to
the same field, or take the id of the action they added. Each edit therefore keeps the value it
replaced, and on a version saved elsewhere:

* where the colleague did not touch what the edit changes, the edit is made;
* where both changed the same text (evidence, notes, a reason), both are kept in it, the
  colleague's first, this window's after a marked line, and the user is told to choose one;
* where both gave a rating, a level or a target, the colleague's stays and this window's is
  written beside it (in the notes or the reason) with a mark, and the user is told;
* a new action whose id the colleague has taken gets the next free id; an action the colleague
  changed is not removed;
* the history (levels agreed, hand-ins) is only added to: both sides' entries are kept.

Nothing either side wrote is lost, and every conflict is said (`Replayed.conflicts`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from selfeval.evaluation.actions import Action, Target
from selfeval.evaluation.history import HistoryEntry
from selfeval.evaluation.model import Answer, Evaluation, QIJudgement

__all__ = [
    "FIELD_WORDS",
    "ActionRemoved",
    "ActionSaved",
    "AnswerEdit",
    "Edit",
    "JudgementEdit",
    "Replayed",
    "TargetEdit",
    "WholeEdit",
    "marked",
    "same",
    "shortened",
]

TEXT_FIELDS = frozenset({"evidence", "notes", "why_not_applicable", "moderation", "reason"})
"""Fields where both sides' words can be kept together."""
VERDICT = ("rating", "not_applicable", "moderated")
"""The fields that together say how a statement was rated (and whether the team agreed it in
moderation): changed together or not at all."""


@dataclass(frozen=True)
class Replayed:
    """An edit made again on a version saved elsewhere, and what clashed."""

    evaluation: Evaluation
    conflicts: tuple[str, ...] = ()


class Edit(Protocol):
    """One change a user made."""

    def apply(self, evaluation: Evaluation) -> Evaluation:
        """The change made on this window's own version."""
        ...

    def replay(self, theirs: Evaluation, at: str) -> Replayed:
        """The change made again on a version saved elsewhere (*at*: the time, "10:42")."""
        ...


def marked(theirs: str, mine: str, at: str) -> str:
    """Both texts, the colleague's first, this window's after a line that says so."""
    if not theirs.strip():
        return mine
    if not mine.strip() or mine in theirs:
        return theirs
    return f"{theirs}\n\n[Also written in another window at {at}; keep one:]\n{mine}"


@dataclass(frozen=True)
class AnswerEdit:
    """Fields of one statement's answer set to new values."""

    statement_id: str
    before: Answer
    fields: dict[str, object]
    name: str
    """The statement, as a person would recognise it (quoted, shortened)."""
    said: Callable[[int | None, bool], str]
    """A rating in words ("4 good", "not applicable", "no rating")."""

    def apply(self, evaluation: Evaluation) -> Evaluation:
        answer = evaluation.answer(self.statement_id).model_copy(update=self.fields)
        return evaluation.with_answer(self.statement_id, answer)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:
        current = theirs.answer(self.statement_id)
        update: dict[str, object] = {}
        conflicts: list[str] = []
        for field, mine in self.fields.items():
            if field in VERDICT:
                continue
            now, was = getattr(current, field), getattr(self.before, field)
            if now in (was, mine):
                update[field] = mine
            elif field in TEXT_FIELDS and isinstance(now, str) and isinstance(mine, str):
                update[field] = marked(now, mine, at)
                conflicts.append(
                    f"{self.name}: {FIELD_WORDS.get(field, field)} "
                    f"{'were' if field == 'notes' else 'was'} also changed in "
                    "another window; both are kept in it, marked: keep one"
                )
        verdict = self._verdict(current)
        if isinstance(verdict, str):
            rating, not_applicable = self._mine_verdict()
            update["notes"] = marked(
                str(update.get("notes", current.notes)),
                f"Rated {self.said(rating, not_applicable)} here, "
                f"beside {self.said(current.rating, current.not_applicable)} saved elsewhere",
                at,
            )
            conflicts.append(
                f"{self.name}: rated {self.said(current.rating, current.not_applicable)} in "
                f"another window; that rating is kept, and yours is written in the notes: "
                "choose one"
            )
        else:
            update |= verdict
        answer = current.model_copy(update=update)
        return Replayed(theirs.with_answer(self.statement_id, answer), tuple(conflicts))

    def _mine_verdict(self) -> tuple[int | None, bool]:
        """The rating and "not applicable" this edit leaves."""
        rating = self.fields.get("rating", self.before.rating)
        not_applicable = self.fields.get("not_applicable", self.before.not_applicable)
        return (rating if isinstance(rating, int) else None), bool(not_applicable)

    def _verdict(self, current: Answer) -> dict[str, object] | str:
        """The rating fields to set, or "conflict" where both sides rated differently."""
        if not any(field in self.fields for field in VERDICT):
            return {}
        now = (current.rating, current.not_applicable)
        was = (self.before.rating, self.before.not_applicable)
        mine = self._mine_verdict()
        if now in (was, mine):
            return {field: self.fields[field] for field in VERDICT if field in self.fields}
        return "conflict"


FIELD_WORDS = {
    "evidence": "the evidence",
    "notes": "the notes",
    "why_not_applicable": "why it does not apply",
    "moderation": "why the team agreed it",
    "reason": "the reason",
}


@dataclass(frozen=True)
class JudgementEdit:
    """The team's level for one QI, agreed."""

    key: str
    before: QIJudgement | None
    after: QIJudgement
    name: str
    """The QI, as the setting knows it ("QI 1.3 Leadership of change")."""
    said: Callable[[int | None, bool], str]
    entry: HistoryEntry | None = None
    """What the history records of it (kept on a colleague's version too, whatever stays)."""

    def apply(self, evaluation: Evaluation) -> Evaluation:
        return _logged(evaluation.with_judgement(self.key, self.after), self.entry)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:
        now = theirs.qi.get(self.key)
        if same(now, self.before) or same(now, self.after) or now is None:
            return Replayed(self.apply(theirs))
        theirs = _logged(theirs, self.entry)
        beside = (
            f"Also agreed in another window at {at}: {self.said(self.after.confirmed, False)}"
            + (f", because {self.after.reason}" if self.after.reason.strip() else "")
        )
        kept = now.model_copy(update={"reason": marked(now.reason, beside, at)})
        message = (
            f"{self.name}: agreed as {self.said(now.confirmed, False)} in another window; "
            "that level is kept, and yours is written in its reason: choose one"
        )
        return Replayed(theirs.with_judgement(self.key, kept), (message,))


@dataclass(frozen=True)
class TargetEdit:
    """The team's target for one QI, set or removed."""

    key: str
    before: Target | None
    after: Target | None
    name: str

    def apply(self, evaluation: Evaluation) -> Evaluation:
        return evaluation.with_target(self.key, self.after)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:  # noqa: ARG002 (nothing kept beside)
        now = theirs.targets.get(self.key)
        if same(now, self.before) or same(now, self.after):
            return Replayed(self.apply(theirs))
        return Replayed(
            theirs,
            (f"{self.name}: its target was also changed in another window; that one is kept",),
        )


@dataclass(frozen=True)
class ActionSaved:
    """An action added to the plan, or changed."""

    before: Action | None
    after: Action

    def apply(self, evaluation: Evaluation) -> Evaluation:
        return evaluation.with_action(self.after)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:
        now = next((a for a in theirs.actions if a.id == self.after.id), None)
        if self.before is None:  # new here: the id may be taken by a colleague's new action
            if now is None or same(now, self.after):
                return Replayed(self.apply(theirs))
            renumbered = self.after.model_copy(update={"id": theirs.new_action_id()})
            return Replayed(theirs.with_action(renumbered))
        if now is None:
            message = f"the action “{shortened(self.after.text)}” was removed in another window; "
            return Replayed(self.apply(theirs), (message + "yours is kept",))
        if same(now, self.before) or same(now, self.after):
            return Replayed(self.apply(theirs))
        return self._merged(theirs, now, at)

    def _merged(self, theirs: Evaluation, now: Action, at: str) -> Replayed:
        """Field by field: each side's change where only it changed a field, both texts where
        both did, the colleague's value (said) where both changed anything else."""
        assert self.before is not None
        update: dict[str, object] = {}
        clashed = []
        for field in type(self.after).model_fields:
            mine, was, there = (getattr(a, field) for a in (self.after, self.before, now))
            if field == "updated" or mine == was or there == mine:
                continue
            if there == was:
                update[field] = mine
            elif isinstance(there, str) and isinstance(mine, str):
                update[field] = marked(there, mine, at)
                clashed.append(field)
            else:
                clashed.append(field)
        message = (
            f"the action “{shortened(now.text)}” was also changed in another window "
            f"({', '.join(clashed)}); both versions are kept in it, marked: keep one"
        )
        return Replayed(theirs.with_action(now.model_copy(update=update)), (message,))


@dataclass(frozen=True)
class ActionRemoved:
    """An action taken out of the plan."""

    before: Action
    index: int | None = None
    """Where it stood in the plan, so that undoing puts it back there."""

    def apply(self, evaluation: Evaluation) -> Evaluation:
        return evaluation.without_action(self.before.id)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:  # noqa: ARG002 (nothing kept beside)
        now = next((a for a in theirs.actions if a.id == self.before.id), None)
        if now is None or same(now, self.before):
            return Replayed(self.apply(theirs))
        message = (
            f"the action “{shortened(now.text)}” was changed in another window, so it was not "
            "removed: remove it again if you still mean to"
        )
        return Replayed(theirs, (message,))


def _logged(evaluation: Evaluation, entry: HistoryEntry | None) -> Evaluation:
    return evaluation if entry is None else evaluation.with_entry(entry)


@dataclass(frozen=True)
class WholeEdit:
    """A change with nothing to clash over (where to resume, marking complete)."""

    change: Callable[[Evaluation], Evaluation]

    def apply(self, evaluation: Evaluation) -> Evaluation:
        return self.change(evaluation)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:  # noqa: ARG002 (nothing to clash)
        return Replayed(self.change(theirs))


def same(a: QIJudgement | Target | Action | None, b: QIJudgement | Target | Action | None) -> bool:
    """Equal apart from when each was last changed."""
    if a is None or b is None:
        return a is b
    return a.model_copy(update={"updated": None}) == b.model_copy(update={"updated": None})


def shortened(text: str, width: int = 50) -> str:
    """*text* cut to *width* characters with an ellipsis, as a merge message names things."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
