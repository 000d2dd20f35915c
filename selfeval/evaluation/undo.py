"""Undo: this window's changes taken back one at a time, newest first, each said in words.

Every change a session makes is an `Edit` that knows what it replaced. Undoing one is another
edit, made and saved like any change, that sets back only what that change set: so it merges
with what colleagues saved meanwhile as every change does. Writing back an old copy of the
whole file would lose whatever a colleague saved in between. Where something the change set
has been changed since by someone else (merged in), it is left as they made it, and said.

Only this window's changes are kept, in memory: a colleague's changes, or yesterday's, are not
this user's to undo. Typing in one box, saved at every pause, is one change until anything
else changes (`History.record`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from selfeval.evaluation.actions import Action, Target, day_text
from selfeval.evaluation.edits import (
    FIELD_WORDS,
    VERDICT,
    ActionRemoved,
    ActionSaved,
    AnswerEdit,
    Edit,
    JudgementEdit,
    Replayed,
    TargetEdit,
    same,
    shortened,
)
from selfeval.evaluation.history import HistoryEntry, level_entry
from selfeval.evaluation.model import Answer, Evaluation, QIJudgement

__all__ = ["NOTHING_MORE", "NOTHING_TO_UNDO", "History", "Undone", "found_action", "reverse"]

NOTHING_TO_UNDO = "Nothing to undo: no change has been made since the evaluation was opened."
NOTHING_MORE = "Nothing more to undo: every change made since the evaluation was opened is undone."

Said = Callable[[int | None, bool], str]
"""A rating or level in words ("4 good", "not applicable", "no rating")."""


@dataclass(frozen=True)
class Undone:
    """What one undo did, as the user is told it."""

    sentence: str
    """"Undid: rating 4 good on “…” (now unrated)", or why nothing was undone."""
    statement_id: str | None = None
    """The statement it changed back, so a front end can show it."""
    qi: str | None = None
    """The QI (its key) whose level, target or action it changed back."""
    undid: bool = True
    """False where nothing was undone (nothing left to undo, or changed elsewhere since)."""


class History:
    """The changes made in this window that can still be undone, newest last."""

    def __init__(self) -> None:
        self._steps: list[Edit] = []
        self._last: Edit | None = None
        """The edit made last, undoable or not: typing joins a step only straight after it."""
        self._undone = 0

    def record(self, edit: Edit) -> None:
        """Remember *edit* (made and being saved); an edit that changed nothing, or that is
        not the user's answer (where to resume), is not a step. More typing in the box
        typed in last replaces that step's text, keeping what it had before typing began."""
        previous, self._last = self._last, edit
        if not _changes_anything(edit):
            return
        top = self._steps[-1] if self._steps else None
        if top is previous and isinstance(top, AnswerEdit) and _typing_on(top, edit):
            assert isinstance(edit, AnswerEdit)
            joined = AnswerEdit(edit.statement_id, top.before, edit.fields, edit.name, edit.said)
            self._steps[-1:] = [joined] if _changes_anything(joined) else []  # typed, rubbed out
            self._last = joined
            return
        self._steps.append(edit)

    def pop(self) -> Edit | None:
        """The newest step, taken off; None when there is none."""
        self._last = None
        if not self._steps:
            return None
        self._undone += 1
        return self._steps.pop()

    @property
    def nothing(self) -> Undone:
        """What an undo with no step left says: that none was made, or that all are undone."""
        return Undone(NOTHING_MORE if self._undone else NOTHING_TO_UNDO, undid=False)

    def __len__(self) -> int:
        return len(self._steps)


def _typing_on(top: AnswerEdit, edit: Edit) -> bool:
    """Whether *edit* sets the same one text of the same answer as *top* (typing going on)."""
    return (
        isinstance(edit, AnswerEdit)
        and edit.statement_id == top.statement_id
        and edit.fields.keys() == top.fields.keys()
        and len(top.fields) == 1
        and not top.fields.keys() & set(VERDICT)
    )


def _changes_anything(edit: Edit) -> bool:
    if isinstance(edit, AnswerEdit):
        return any(getattr(edit.before, f) != v for f, v in edit.fields.items())
    if isinstance(edit, JudgementEdit | TargetEdit):
        return not same(edit.before, edit.after)
    if isinstance(edit, ActionSaved):
        return edit.before is None or not same(edit.before, edit.after)
    return isinstance(edit, ActionRemoved)


def reverse(edit: Edit, now: Evaluation, said: Said) -> tuple[Edit | None, Undone]:
    """The edit that undoes *edit* on the evaluation as it is *now*, and what it does in
    words; no edit where all *edit* set was changed since by someone else."""
    if isinstance(edit, AnswerEdit):
        return _answer(edit, now, said)
    if isinstance(edit, JudgementEdit):
        return _level(edit, now, said)
    if isinstance(edit, TargetEdit):
        return _target(edit, now, said)
    if isinstance(edit, ActionSaved):
        return _saved(edit, now)
    if isinstance(edit, ActionRemoved):
        return _removed(edit, now)
    raise TypeError(f"{type(edit).__name__} is not undone")  # never recorded


def _left(what: str) -> str:
    return f"Not undone: {what} was changed in another window since, so it is left as it is."


def _answer(edit: AnswerEdit, now: Evaluation, said: Said) -> tuple[Edit | None, Undone]:
    """Each field set back where it still holds what *edit* set; the rating and "not
    applicable" together or not at all."""
    current = now.answer(edit.statement_id)
    back = {f: getattr(edit.before, f) for f, v in edit.fields.items() if getattr(current, f) == v}
    if any(f in edit.fields and f not in back for f in VERDICT):
        back = {f: v for f, v in back.items() if f not in VERDICT}
    what = f"{_answer_words(edit, said)} on {edit.name}"
    if not back:
        return None, Undone(_left(what), edit.statement_id, undid=False)
    after = current.model_copy(update=back)
    sentence = f"Undid: {what} ({_answer_now(edit, after, said)})"
    if len(back) < len(edit.fields):
        sentence += "; what was changed in another window since is left as it is"
    undo = AnswerEdit(edit.statement_id, current, back, edit.name, edit.said)
    return undo, Undone(sentence, edit.statement_id)


def _answer_words(edit: AnswerEdit, said: Said) -> str:
    """What *edit* did: "rating 4 good", "not applicable", "the evidence"."""
    fields = edit.fields
    if "rating" in fields:
        rating, na = fields.get("rating"), bool(fields.get("not_applicable"))
        verdict = said(rating if isinstance(rating, int) else None, na)
        if fields.get("moderated"):
            return f"agreeing {verdict}"
        if rating is None and not na:
            return "removing the rating"
        return verdict if na else f"rating {verdict}"
    return " and ".join(FIELD_WORDS.get(f, f) for f in fields)


def _answer_now(edit: AnswerEdit, after: Answer, said: Said) -> str:
    """How the answer now stands where *edit* changed it."""
    if "rating" in edit.fields:
        if after.rating is None and not after.not_applicable:
            return "now unrated"
        return f"now {said(after.rating, after.not_applicable)}"
    texts = [getattr(after, f) for f in edit.fields]
    if len(texts) == 1 and texts[0]:
        return f"now “{shortened(texts[0], 40)}”"
    return "now empty" if not any(texts) else "now as before"


@dataclass(frozen=True)
class LevelRestored:
    """A QI's level put back as it was (or none), undoing this window's choice."""

    key: str
    before: QIJudgement | None
    after: QIJudgement | None
    name: str
    entry: HistoryEntry | None = None
    """What the history records of it: a level changed, like any."""

    def apply(self, evaluation: Evaluation) -> Evaluation:
        changed = evaluation.with_judgement(self.key, self.after)
        return changed if self.entry is None else changed.with_entry(self.entry)

    def replay(self, theirs: Evaluation, at: str) -> Replayed:  # noqa: ARG002 (nothing kept beside)
        now = theirs.qi.get(self.key)
        if same(now, self.before) or same(now, self.after):
            return Replayed(self.apply(theirs))
        said = f"{self.name}: its level was also changed in another window; that one is kept"
        return Replayed(theirs, (said,))


def _level(edit: JudgementEdit, now: Evaluation, said: Said) -> tuple[Edit | None, Undone]:
    current = now.qi.get(edit.key)
    what = f"the level {said(edit.after.confirmed, False)} for {edit.name}"
    if not same(current, edit.after):
        return None, Undone(_left(what), qi=edit.key, undid=False)
    was = edit.before
    words = "now not agreed" if was is None else f"now {said(was.confirmed, False)}"
    entry = edit.entry and level_entry(edit.name, edit.after, was, said, edit.entry.by)
    undo = LevelRestored(edit.key, current, was, edit.name, entry)
    return undo, Undone(f"Undid: {what} ({words})", qi=edit.key)


def _target_words(target: Target | None, said: Said) -> str:
    if target is None:
        return "none"
    by = f" by {day_text(target.by)}" if target.by else ""
    return f"{said(target.level, False)}{by}"


def _target(edit: TargetEdit, now: Evaluation, said: Said) -> tuple[Edit | None, Undone]:
    current = now.targets.get(edit.key)
    what = f"the target {_target_words(edit.after, said)} for {edit.name}"
    if not same(current, edit.after):
        return None, Undone(_left(what), qi=edit.key, undid=False)
    words = f"now {_target_words(edit.before, said)}"
    undo = TargetEdit(edit.key, current, edit.before, edit.name)
    return undo, Undone(f"Undid: {what} ({words})", qi=edit.key)


def found_action(actions: list[Action], action: Action) -> Action | None:
    """*action* as *actions* hold it: under its own id, or, where a colleague's new action
    took that id and ours was numbered apart, under the id it was given (found by content)."""

    def bare(a: Action) -> Action:
        return a.model_copy(update={"id": "", "updated": None})

    mine = bare(action)
    alike = [a for a in actions if bare(a) == mine]
    return next((a for a in alike if a.id == action.id), alike[0] if alike else None)


def _saved(edit: ActionSaved, now: Evaluation) -> tuple[Edit | None, Undone]:
    current = found_action(now.actions, edit.after)
    name = f"the action “{shortened(edit.after.text)}”"
    if edit.before is None:
        what = f"adding {name}"
        if current is None:
            return None, Undone(_left(what), qi=edit.after.qi, undid=False)
        return ActionRemoved(current), Undone(f"Undid: {what} (now out of the plan)", qi=current.qi)
    what = f"the changes to {name}"
    if current is None:
        return None, Undone(_left(what), qi=edit.after.qi, undid=False)
    undo = ActionSaved(current, edit.before.model_copy(update={"id": current.id}))
    return undo, Undone(f"Undid: {what} (now as it was)", qi=current.qi)


@dataclass(frozen=True)
class ActionPutBack:
    """An action this window removed, put back where it was in the plan (under a new id if
    a colleague's action has taken its id since)."""

    action: Action
    index: int

    def apply(self, evaluation: Evaluation) -> Evaluation:
        action = self.action
        if any(same(a, action) for a in evaluation.actions):
            return evaluation  # not removed after all (a colleague had changed it)
        if any(a.id == action.id for a in evaluation.actions):
            action = action.model_copy(update={"id": evaluation.new_action_id()})
        added = evaluation.with_action(action)
        kept = added.actions[:-1]
        kept.insert(min(self.index, len(kept)), added.actions[-1])
        return added.model_copy(update={"actions": kept})

    def replay(self, theirs: Evaluation, at: str) -> Replayed:  # noqa: ARG002 (nothing to clash)
        return Replayed(self.apply(theirs))


def _removed(edit: ActionRemoved, now: Evaluation) -> tuple[Edit | None, Undone]:
    """The action back in the plan, where it stood when it was removed."""
    index = len(now.actions) if edit.index is None else edit.index
    name = f"the action “{shortened(edit.before.text)}”"
    undone = Undone(f"Undid: removing {name} (it is back in the plan)", qi=edit.before.qi)
    return ActionPutBack(edit.before, index), undone
