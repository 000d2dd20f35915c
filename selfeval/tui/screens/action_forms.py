"""Forms for the action plan: one action's details, a QI's next steps, a QI's target.

Like every answer, each change is saved the moment it is made: there is no Save button to
forget. A field that cannot be saved yet (a date that is not one, an action with no words)
says so beside the form and keeps the last saved value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import ACTION_STATUSES, Action, Target, parse_day
from selfeval.evaluation.session import EvaluationSession
from selfeval.scoring import QIResult
from selfeval.tui.text import visible
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = [
    "ActionEditor",
    "ConfirmScreen",
    "NextStepsScreen",
    "TargetScreen",
    "has_details",
    "short_day",
]

DATE_HINT = "e.g. 30/6/2027 or June 2027"
_FIELDS = {
    "text": "What will we do",
    "outcome": "Outcome",
    "lead": "Who leads it",
    "measure": "How will we know",
    "review": "Review notes",
}


def has_details(action: Action) -> bool:
    """Whether the team has written anything into *action* beyond adopting it."""
    return bool(action.outcome or action.lead or action.due or action.measure or action.review) or (
        action.status != "planned" or action.review_date is not None
    )


def _saving(
    screen: ModalScreen[Any], session: EvaluationSession, change: Callable[[], None]
) -> bool:
    """Run *change* (which saves) and show the outcome in the screen's status line."""
    status = screen.query_one(SaveStatus)
    try:
        change()
    except SelfevalError as exc:
        status.failed(exc)
        return False
    status.report(session)
    return True


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question; Esc means no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box"):
            yield Static(Text(visible(self.question)))
            yield Static(Text("Press y for yes, n or Esc for no.", style="bold"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ActionEditor(ModalScreen[None]):
    """Every detail of one action: what, outcome, lead, when, measure, status, review."""

    BINDINGS = [Binding("escape", "close", "Done")]

    def __init__(
        self,
        session: EvaluationSession,
        action: Action | None,
        qi_choices: list[tuple[str, str]],
        qi: str,
    ) -> None:
        """Edit *action*, or (None) write a new one of the team's own for the QI *qi*;
        *qi_choices* are (label, section id) pairs an own action may move between."""
        super().__init__()
        self.session = session
        self.action = action
        self.qi_choices = qi_choices
        self.qi = action.qi if action else qi

    def compose(self) -> ComposeResult:
        a = self.action
        with VerticalScroll(classes="form-box", id="action-form"):
            title = "A new action of our own" if a is None else "An action in our plan"
            yield Static(
                Text.assemble(
                    (title, "bold"),
                    ". Every change is saved as you type. Tab moves between fields; "
                    "Esc closes this form.",
                )
            )
            yield Label("What will we do?")
            yield Input(
                a.text if a else "",
                id="text",
                placeholder="the action, in a sentence",
                compact=True,
            )
            if a is None or a.is_own:
                yield Label("Which quality indicator does it improve?")
                yield Select(
                    self.qi_choices, value=self.qi, allow_blank=False, id="qi", compact=True
                )
            setting = self.session.evaluation.setting
            elc = self.session.framework.stage(setting.audience).elc_wording
            yield Label(
                "What outcome do we seek? What will be better for "
                f"{'children' if elc else 'learners'}?"
            )
            yield Input(a.outcome if a else "", id="outcome", compact=True)
            yield Label("Who leads it?")
            yield Input(
                a.lead if a else "", id="lead", placeholder="a name or a role", compact=True
            )
            yield Label(f"By when? ({DATE_HINT})")
            yield Input(
                short_day(a.due if a else None),
                id="due",
                placeholder="day/month/year",
                compact=True,
            )
            yield Label("How will we know? The measure of progress")
            yield Input(a.measure if a else "", id="measure", compact=True)
            yield Label("Where does it stand?")
            yield Select(
                [(words, key) for key, words in ACTION_STATUSES.items()],
                value=a.status if a else "planned",
                allow_blank=False,
                id="status",
                compact=True,
            )
            yield Label(f"When will we next review it? ({DATE_HINT})")
            yield Input(
                short_day(a.review_date if a else None),
                id="review_date",
                placeholder="day/month/year",
                compact=True,
            )
            yield Label("Review notes: what progress have we seen?")
            yield Input(a.review if a else "", id="review", compact=True)
            yield Static(id="form-error")
            yield SaveStatus()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_changed(self) -> None:
        self._save()

    def on_select_changed(self) -> None:
        self._save()

    def _save(self) -> None:
        """Save the form as it stands, or say what stops it being saved."""
        values, problems = self._read()
        action = None
        if not values["text"].strip():
            problems.insert(0, "Type what we will do: the action is saved once it has words.")
        else:
            action = self._validated(values, problems)
        self.query_one("#form-error", Static).update(Text("\n".join(problems), style="bold"))
        unchanged = self.action.model_copy(update={"updated": None}) if self.action else None
        if action is None or action == unchanged:
            return
        if _saving(self, self.session, lambda: self.session.save_action(action)):
            self.action = next(a for a in self.session.evaluation.actions if a.id == action.id)

    def _read(self) -> tuple[dict[str, Any], list[str]]:
        problems: list[str] = []
        values: dict[str, Any] = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("text", "outcome", "lead", "measure", "review")
        }
        values["status"] = self.query_one("#status", Select).value
        if self.query("#qi"):
            values["qi"] = self.query_one("#qi", Select).value
        for name, words in (("due", "By when"), ("review_date", "Next review")):
            typed = self.query_one(f"#{name}", Input).value.strip()
            try:
                values[name] = parse_day(typed) if typed else None
            except ValueError as exc:
                problems.append(f"{words}: {exc}; the last date saved is kept.")
                values[name] = getattr(self.action, name) if self.action else None
        return values, problems

    def _validated(self, values: dict[str, Any], problems: list[str]) -> Action | None:
        base = self.action.model_dump() if self.action else {"qi": self.qi, "source": None}
        if self.action is None:
            base["id"] = self.session.evaluation.new_action_id()
        try:
            return Action.model_validate({**base, **values, "updated": None})
        except ValidationError as exc:
            problems += [
                f"{_FIELDS.get(str(e['loc'][0]), e['loc'][0])}: {e['msg']}" for e in exc.errors()
            ]
            return None

    def action_close(self) -> None:
        self.dismiss(None)


def _step_label(text: str, action: Action | None) -> Text:
    """A step's line, saying in words (not only by the tick's colour) whether it is in the plan."""
    if action is None:
        return Text(visible(text))
    mark = "in plan, our own: " if action.is_own else "in plan: "
    return Text.assemble((mark, "bold"), visible(text))


def short_day(day: date | None) -> str:
    """A date as people in Scotland type it, e.g. 30/6/2027 (and as the forms read it back)."""
    return f"{day.day}/{day.month}/{day.year}" if day else ""


class NextStepsScreen(ModalScreen[None]):
    """One QI's next steps to adopt into the action plan, and the team's own actions for it."""

    BINDINGS = [
        Binding("escape", "close", "Done"),
        Binding("d", "details", "Details"),
        Binding("o", "own", "Our own action"),
    ]

    def __init__(self, session: EvaluationSession, qi: QIResult) -> None:
        super().__init__()
        self.session = session
        self.qi = qi

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form-box", id="steps-box"):
            yield Static(
                Text.assemble(
                    (f"{self.qi.heading}: next steps", "bold"),
                    "\nSpace or Enter puts the highlighted step in our action plan, or takes "
                    "it out. d: who leads it, by when and how we will know. o: an action of "
                    "our own. Esc: back to the results.",
                )
            )
            yield SelectionList[str](id="steps")
            yield Static(id="step-detail")
            yield SaveStatus()

    def on_mount(self) -> None:
        self._fill()
        self.query_one(SelectionList).focus()

    def _mine(self) -> list[Action]:
        return [a for a in self.session.evaluation.actions if a.qi == self.qi.key]

    def _fill(self) -> None:
        steps = self.query_one(SelectionList)
        highlighted = steps.highlighted
        mine = self._mine()
        adopted = {a.source: a for a in mine if a.source}
        offered = {step.action_id for step in self.qi.next_steps}
        items: list[Selection[str]] = []
        for step in self.qi.next_steps:
            action = adopted.get(step.action_id)
            value = f"act:{action.id}" if action else f"step:{step.action_id}"
            label = _step_label(step.text, action)
            if step.urgent:
                label = Text.assemble(("urgent: ", "bold"), label)
            items.append(Selection(label, value, action is not None))
        for action in mine:
            if action.source not in offered:
                items.append(Selection(_step_label(action.text, action), f"act:{action.id}", True))
        with steps.prevent(SelectionList.SelectionToggled):
            steps.clear_options()
            steps.add_options(items)
        if items:
            steps.highlighted = min(highlighted or 0, len(items) - 1)
        else:
            steps.display = False
            self.query_one("#step-detail", Static).update(
                "selfeval suggests no next steps here: nothing rated is low enough to need one. "
                "Press o to write an action of our own."
            )
            return
        self._show_highlighted()

    def on_selection_list_selection_highlighted(self) -> None:
        self._show_highlighted()

    def _show_highlighted(self) -> None:
        """The highlighted step in full (the list shows one line of each), and why it is offered."""
        value = self._highlighted()
        detail = Text()
        if value is not None:
            kind, key = value.split(":", 1)
            actions = {a.id: a for a in self.session.evaluation.actions}
            source = actions[key].source if kind == "act" else key
            step = next((s for s in self.qi.next_steps if s.action_id == source), None)
            text = step.text if step else actions[key].text
            detail.append(visible(text), style="bold")
            if step is not None:
                scale = self.session.scale
                detail.append(f"\nWhy: we rated {visible(step.because)} {scale.word(step.rating)}.")
        self.query_one("#step-detail", Static).update(detail)

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        kind, key = event.selection.value.split(":", 1)
        if kind == "step":
            step = next(s for s in self.qi.next_steps if s.action_id == key)
            action = Action(
                id=self.session.evaluation.new_action_id(),
                qi=self.qi.key,
                text=step.text,
                source=step.action_id,
            )
            _saving(self, self.session, lambda: self.session.save_action(action))
            self._fill()
            return
        action = next(a for a in self.session.evaluation.actions if a.id == key)
        if not has_details(action):
            self._remove(action, True)
            return
        self.app.push_screen(
            ConfirmScreen(
                f"Take “{action.text}” out of the action plan? Its lead, dates, measure and "
                "review notes go with it."
            ),
            lambda yes: self._remove(action, bool(yes)),
        )

    def _remove(self, action: Action, yes: bool) -> None:
        if yes:
            _saving(self, self.session, lambda: self.session.remove_action(action.id))
        self._fill()

    def _highlighted(self) -> str | None:
        steps = self.query_one(SelectionList)
        if steps.highlighted is None:
            return None
        return str(steps.get_option_at_index(steps.highlighted).value)

    def action_details(self) -> None:
        value = self._highlighted()
        if value is None:
            return
        if value.startswith("step:"):
            self.query_one(SelectionList).toggle(value)  # adopt it first
            value = self._highlighted()
        if value is None or not value.startswith("act:"):
            return
        action = next(a for a in self.session.evaluation.actions if a.id == value[4:])
        choices = [(f"{self.qi.heading}", self.qi.key)]
        self.app.push_screen(
            ActionEditor(self.session, action, choices, self.qi.key),
            lambda _: self._fill(),
        )

    def action_own(self) -> None:
        choices = [(f"{self.qi.heading}", self.qi.key)]
        self.app.push_screen(
            ActionEditor(self.session, None, choices, self.qi.key),
            lambda _: self._fill(),
        )

    def action_close(self) -> None:
        self.dismiss(None)


class TargetScreen(ModalScreen[None]):
    """How good can we be? The level the team aims for on one QI, and by when."""

    BINDINGS = [
        Binding("escape", "close", "Done"),
        Binding("ctrl+d", "remove", "Remove target"),
    ]

    def __init__(self, session: EvaluationSession, qi: QIResult, now_words: str) -> None:
        super().__init__()
        self.session = session
        self.qi = qi
        self.now_words = now_words

    def compose(self) -> ComposeResult:
        scale = self.session.scale
        target = self.session.evaluation.targets.get(self.qi.key)
        with VerticalScroll(classes="form-box", id="target-box"):
            yield Static(
                Text.assemble(
                    (f"{self.qi.heading}: how good can we be?", "bold"),
                    f"\nNow: {self.now_words}. Choose the level we aim for and by when; it is "
                    "saved at once. Ctrl+D removes the target. Esc: back.",
                )
            )
            yield Label("The level we aim for (Enter opens the list)")
            yield Select(
                [(scale.label(v), v) for v in reversed(scale.values)],
                value=target.level if target else Select.NULL,
                prompt="choose a level",
                id="target-level",
                compact=True,
            )
            yield Label(f"By when? ({DATE_HINT})")
            yield Input(
                short_day(target.by if target else None),
                id="target-by",
                placeholder="day/month/year",
                compact=True,
            )
            yield Static(id="form-error")
            yield SaveStatus()

    def on_mount(self) -> None:
        self.query_one("#target-level", Select).focus()

    def on_select_changed(self) -> None:
        self._save()

    def on_input_changed(self) -> None:
        self._save()

    def _save(self) -> None:
        level = self.query_one("#target-level", Select).value
        typed = self.query_one("#target-by", Input).value.strip()
        error = self.query_one("#form-error", Static)
        current = self.session.evaluation.targets.get(self.qi.key)
        try:
            by = parse_day(typed) if typed else None
        except ValueError as exc:
            error.update(Text(f"By when: {exc}.", style="bold"))
            by = current.by if current else None
        else:
            error.update("")
        if not isinstance(level, int):
            return
        target = Target(level=level, by=by)
        if current is None or (current.level, current.by) != (target.level, target.by):
            section = self.qi.key
            _saving(self, self.session, lambda: self.session.set_target(section, target))

    def action_remove(self) -> None:
        section = self.qi.key
        if _saving(self, self.session, lambda: self.session.set_target(section, None)):
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
