"""The form for one QI's next steps: adopt them into the action plan, or take them out, and
open any of them (or an action of the team's own) for its details.

Its own module (one form screen each, see `action_forms`), opened from the results.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import SelectionList, Static
from textual.widgets.selection_list import Selection

from selfeval.evaluation.action_tags import adopted
from selfeval.evaluation.actions import Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.scoring import QIResult
from selfeval.tui.screens.action_editor import ActionEditor
from selfeval.tui.screens.action_forms import saving
from selfeval.tui.screens.confirm import ConfirmScreen
from selfeval.tui.text import visible
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["NextStepsScreen", "has_details"]


def has_details(action: Action) -> bool:
    """Whether the team has written anything into *action* beyond adopting it."""
    return bool(action.outcome or action.lead or action.due or action.measure or action.review) or (
        action.status != "planned" or action.review_date is not None
    )


def _step_label(text: str, action: Action | None) -> Text:
    """A step's line, saying in words (not only by the tick's colour) whether it is in the plan."""
    if action is None:
        return Text(visible(text))
    mark = "in plan, our own: " if action.is_own else "in plan: "
    return Text.assemble((mark, "bold"), visible(text))


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

    def on_screen_resume(self) -> None:
        self.query_one(SaveStatus).resumed(self.session)  # the form closed may have saved

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
            action = adopted(
                self.session.evaluation,
                self.session.framework,
                self.qi.key,
                step.text,
                step.action_id,
            )
            saving(self, self.session, lambda: self.session.save_action(action))
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
            saving(self, self.session, lambda: self.session.remove_action(action.id))
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
