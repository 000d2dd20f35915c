"""One action of the action plan in `--plain`: every field read back, one a line, and changed
by its number; an action of the team's own written; an action taken out of the plan.

The same fields as the app's action form (what, outcome, lead, by when, measure, status, next
review, review notes, and for the team's own action its QI), saved through the same session
method (`save_action`), one field at a time, as the app saves each as it is typed.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from selfeval.evaluation.action_tags import choosing, chosen
from selfeval.evaluation.actions import ACTION_STATUSES, Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.framework.tagnames import PLAN_GROUPS
from selfeval.plain.conversation import Conversation, number, picked, quoted
from selfeval.plain.fields import KEEP, ask_day, ask_text, problems, saved, shown
from selfeval.plain.page import Page, Reply
from selfeval.scoring import QIResult

__all__ = ["ActionForm", "add_action", "write_own"]

LABELS = {
    "text": "What we will do",
    "outcome": "Outcome sought",
    "lead": "Who leads it",
    "due": "By when",
    "measure": "How we will know",
    "status": "Where it stands",
    "review_date": "Next review",
    "review": "Review notes",
    "qi": "Quality indicator",
    "nif": "NIF priority",
    "nif-driver": "NIF driver",
}
"""Each field as it is read back, in the order it is numbered (the QI only for our own, the
NIF priority and driver where the framework has them)."""
TAG_QUESTIONS = {
    "nif": "Which NIF priority does it serve first? The plan groups actions by it.",
    "nif-driver": "Which NIF driver of improvement?",
}
QUESTIONS = {
    "text": "What will we do? The action in a sentence",
    "outcome": "What outcome do we seek? What will be better for {who}",
    "lead": "Who leads it? A name or a role",
    "due": "By when?",
    "measure": "How will we know? The measure of progress",
    "review_date": "When will we next review it?",
    "review": "Review notes: what progress have we seen",
}
_STATUSES: list[str] = list(ACTION_STATUSES)


def add_action(talk: Conversation, session: EvaluationSession, action: Action, said: str) -> str:
    """Put *action* (new) in the plan and say so; its id as saved (a colleague's new action
    saved meanwhile may have taken the one it was given, and then it is numbered after it)."""
    saved(talk, lambda: session.save_action(action), said)
    kept = session.kept(action)
    return kept.id if kept else action.id


def write_own(talk: Conversation, session: EvaluationSession, qi: str, qis: list[QIResult]) -> None:
    """An action of the team's own for the QI *qi*: its words asked, then its form."""
    typed = talk.ask(
        "What will we do? Type the action in a sentence, on one line; Enter on its own adds "
        "nothing; q to stop."
    )
    if not typed:
        return
    try:
        action = Action(id=session.evaluation.new_action_id(), qi=qi, text=typed)
    except ValidationError as exc:
        talk.say(f"NOT SAVED: {problems(exc, LABELS)}")
        return
    kept = add_action(talk, session, action, "our own action is in the action plan")
    ActionForm(talk, session, kept, qis).run()


class ActionForm(Page):
    """One action's fields, read back and changed one at a time until Enter."""

    kind = "action"

    def __init__(
        self, talk: Conversation, session: EvaluationSession, action_id: str, qis: list[QIResult]
    ) -> None:
        """The action *action_id*; *qis* are the QIs asked, by which it is named and (our
        own) among which it may move."""
        super().__init__(talk)
        self.session = session
        self.action_id = action_id
        self.qis = {qi.key: qi for qi in qis}
        self.action: Action | None = None

    def refresh(self) -> bool:
        self.action = self._action()
        if self.action is None:
            self.talk.say("That action is no longer in the action plan.")
        return self.action is not None

    def _action(self) -> Action | None:
        return next((a for a in self.session.evaluation.actions if a.id == self.action_id), None)

    def _fields(self, action: Action) -> list[str]:
        fields = [*LABELS][:8] + (["qi"] if action.is_own else [])
        return fields + [g for g in PLAN_GROUPS if self.session.framework.tags_in(g)]

    def _tag_name(self, action: Action, group: str) -> str:
        framework = self.session.framework
        now = chosen(action.tags, framework, group)
        return next((t.label for t in framework.tags_in(group) if t.id == now), "")

    def _qi_name(self, key: str) -> str:
        return self.qis[key].heading if key in self.qis else key

    def heard(self) -> list[str]:
        """The action, a field a line, each with the number that changes it."""
        assert self.action is not None
        action = self.action
        if action.is_own:
            first = "An action of our own, in our action plan."
        else:
            first = f"In our action plan, from a next step of {self._qi_name(action.qi)}."
        values = {**action.model_dump(), "status": ACTION_STATUSES[action.status]}
        values["qi"] = self._qi_name(action.qi)
        values |= {group: self._tag_name(action, group) for group in PLAN_GROUPS}
        return [first] + [
            f"{n}. {LABELS[field]}: {shown(values[field])}"
            for n, field in enumerate(self._fields(action), 1)
        ]

    def keys(self) -> tuple[str, str]:
        assert self.action is not None
        count = len(self._fields(self.action))
        return (
            f"Type a field's number, 1 to {count}, to change it, or the number and the new "
            "words on one line (3 Ms Rahman); l to hear the action again, d to take it out of "
            "the plan, Enter when done, q to stop.",
            f"Action: a field's number (1 to {count}), l, d, Enter when done, q.",
        )

    def take(self, answer: str) -> Reply:
        assert self.action is not None
        fields = self._fields(self.action)
        first, _, rest = answer.partition(" ")
        if answer.lower() == "d":
            return Reply.BACK if self._remove(self.action) else Reply.STAY
        if (chosen := picked(first, len(fields))) is None:
            return Reply.WRONG
        self._change(self.action, fields[chosen], rest.strip() or None)
        return Reply.STAY

    def _change(self, action: Action, field: str, typed: str | None) -> None:
        """Ask for (or take *typed* as) the field's new value, and save it."""
        value: Any
        if field in ("due", "review_date"):
            value = ask_day(self.talk, QUESTIONS[field], getattr(action, field), typed)
        elif field == "status":
            value = self._status(action, typed)
        elif field == "qi":
            value = self._qi(action)
        elif field in PLAN_GROUPS:
            return self._change_tag(action, field, typed)
        else:
            question = QUESTIONS[field].format(who=self._who())
            value = ask_text(
                self.talk, question, getattr(action, field), typed, needed=field == "text"
            )
        if value is KEEP or value == getattr(action, field):
            self.talk.say(
                f"Nothing changed: {LABELS[field].lower()}: {shown(getattr(action, field))}."
            )
            return
        try:
            changed = Action.model_validate({**action.model_dump(), field: value, "updated": None})
        except ValidationError as exc:
            self.talk.say(f"NOT SAVED: {problems(exc, LABELS)}. Nothing changed.")
            return
        words = ACTION_STATUSES[value] if field == "status" else shown(value)
        if field == "qi":
            words = self._qi_name(value)
        saved(
            self.talk,
            lambda: self.session.save_action(changed),
            f"{LABELS[field].lower()}: {words}",
        )

    def _who(self) -> str:
        setting = self.session.evaluation.setting
        elc = self.session.framework.stage(setting.audience).elc_wording
        return "children" if elc else "learners"

    def _status(self, action: Action, typed: str | None) -> object:
        words = list(ACTION_STATUSES.values())
        if typed is not None:
            chosen = number(typed)
            if chosen is not None and 1 <= chosen <= len(words):
                return _STATUSES[chosen - 1]
            names = {w.casefold(): key for key, w in ACTION_STATUSES.items()}
            names |= {key.casefold(): key for key in ACTION_STATUSES}
            if (found := names.get(typed.casefold())) is not None:
                return found
            self.talk.say(f"{quoted(typed)} is not a status.")
        which = self.talk.choose(
            f"Where does it stand? Now: {ACTION_STATUSES[action.status]}.",
            words,
            _STATUSES,
            enter="Enter keeps it",
        )
        return KEEP if which is None else _STATUSES[which]

    def _change_tag(self, action: Action, group: str, typed: str | None) -> None:
        """Choose the tag of *group* (the NIF priority, the driver) *action* serves, and save."""
        framework = self.session.framework
        tags = framework.tags_in(group)
        options = [tag.label for tag in tags] + ["none"]
        names = [tag.id.removeprefix(f"{group}-").removeprefix("nif-") for tag in tags]
        names.append("none")
        which: int | None = None
        if typed is not None:
            lookup = {w.casefold(): n for n, w in enumerate([*options, *names]) if w}
            which = picked(typed, len(options))
            if which is None and (found := lookup.get(typed.casefold())) is not None:
                which = found % len(options)
            if which is None:
                self.talk.say(f"{quoted(typed)} is not one of them.")
        if which is None:
            now = self._tag_name(action, group) or "none"
            which = self.talk.choose(
                f"{TAG_QUESTIONS[group]} Now: {now}.", options, names, enter="Enter keeps it"
            )
        if which is None:
            now = self._tag_name(action, group)
            self.talk.say(f"Nothing changed: {LABELS[group]}: {shown(now)}.")
            return
        tag_id = tags[which].id if which < len(tags) else None
        changed = action.model_copy(
            update={"tags": choosing(action.tags, framework, group, tag_id), "updated": None}
        )
        if changed.tags == action.tags:
            now = self._tag_name(action, group)
            self.talk.say(f"Nothing changed: {LABELS[group]}: {shown(now)}.")
            return
        words = options[which] if tag_id else "none"
        saved(
            self.talk,
            lambda: self.session.save_action(changed),
            f"{LABELS[group]}: {words}",
        )

    def _qi(self, action: Action) -> object:
        keys = list(self.qis)
        which = self.talk.choose(
            f"Which quality indicator does it improve? Now: {self._qi_name(action.qi)}.",
            [self.qis[key].heading for key in keys],
            enter="Enter keeps it",
        )
        return KEEP if which is None else keys[which]

    def _remove(self, action: Action) -> bool:
        """Take *action* out of the plan, once the person says yes; whether it went."""
        answer = self.talk.ask(
            f"Take “{shown(action.text)}” out of the action plan? Its lead, dates, measure and "
            "review notes go with it. Type y to take it out, Enter to keep it, q to stop."
        )
        if answer.lower() not in ("y", "yes"):
            self.talk.say("Kept in the action plan.")
            return False
        saved(
            self.talk,
            lambda: self.session.remove_action(action.id),
            "taken out of the action plan",
        )
        return self._action() is None
