"""The form for one action of the action plan: what, outcome, lead, when, measure, status, review.

Its own module (one form screen each, see `action_forms`): the action plan and a QI's next
steps both open it, for an action adopted from a next step or one of the team's own.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static, TextArea
from textual.widgets.text_area import Location

from selfeval.evaluation.action_tags import choosing, chosen
from selfeval.evaluation.actions import ACTION_STATUSES, Action
from selfeval.evaluation.session import EvaluationSession
from selfeval.framework.tagnames import PLAN_GROUPS
from selfeval.tui.screens.action_forms import date_field, saving, typed_day
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["ActionEditor"]

_FIELDS = {
    "text": "What will we do",
    "outcome": "Outcome",
    "lead": "Who leads it",
    "measure": "How will we know",
    "review": "Review notes",
    "tags": "NIF priority and driver",
}
_TAG_QUESTIONS = {
    "nif": "Which NIF priority does it serve first? (the plan groups actions by it)",
    "nif-driver": "Which NIF driver of improvement?",
}
"""The question for each group of tags a team chooses from (`PLAN_GROUPS`)."""


class ActionText(TextArea):
    """What we will do: a box that wraps, so a next step's whole sentence is in view (a
    one-line box showed only its end), and one line: Enter moves on, as in the other fields,
    and Home and End go to the start and end of the sentence, as in them (not of the line it
    wraps onto)."""

    def get_cursor_line_start_location(self, smart_home: bool = False) -> Location:  # noqa: ARG002
        return (0, 0)

    def get_cursor_line_end_location(self) -> Location:
        return self.document.end

    @property
    def sentence(self) -> str:
        """The text as one line (a newline pasted in reads as a space)."""
        return " ".join(self.text.split("\n"))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.prevent_default()
            event.stop()
            self.screen.focus_next()
            return
        await super()._on_key(event)


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
            yield ActionText(
                a.text if a else "",
                id="text",
                placeholder="the action, in a sentence",
                soft_wrap=True,
                tab_behavior="focus",
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
            yield from date_field("By when?", a.due if a else None, "due")
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
            yield from date_field(
                "When will we next review it?", a.review_date if a else None, "review_date"
            )
            yield Label("Review notes: what progress have we seen?")
            yield Input(a.review if a else "", id="review", compact=True)
            yield from self._tag_choices(a)
            yield Static(id="form-error")
            yield SaveStatus()

    def _tag_choices(self, a: Action | None) -> ComposeResult:
        """A choice for each group of tags the framework has (the NIF priority, the driver)."""
        framework = self.session.framework
        for group in PLAN_GROUPS:
            tags = framework.tags_in(group)
            if not tags:
                continue
            yield Label(_TAG_QUESTIONS[group])
            now = chosen(a.tags, framework, group) if a else None
            yield Select(
                [(tag.label, tag.id) for tag in tags],
                value=now if now is not None else Select.NULL,
                prompt="none chosen",
                id=f"tags-{group}",
                compact=True,
            )

    def on_mount(self) -> None:
        self.query_one("#text", ActionText).focus()

    def on_input_changed(self) -> None:
        self._save()

    def on_text_area_changed(self) -> None:
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
        if saving(self, self.session, lambda: self.session.save_action(action)):
            # by content: a colleague's new action may have taken our id meanwhile, and the
            # form must go on editing ours, not theirs
            self.action = self.session.kept(action) or self.action

    def _read(self) -> tuple[dict[str, Any], list[str]]:
        problems: list[str] = []
        values: dict[str, Any] = {
            name: self.query_one(f"#{name}", Input).value
            for name in ("outcome", "lead", "measure", "review")
        }
        values["text"] = self.query_one("#text", ActionText).sentence
        values["status"] = self.query_one("#status", Select).value
        tags = list(self.action.tags) if self.action else []
        for group in PLAN_GROUPS:
            for select in self.query(f"#tags-{group}").results(Select):
                value = None if select.is_blank() else str(select.value)
                tags = choosing(tags, self.session.framework, group, value)
        values["tags"] = tags
        if self.query("#qi"):
            values["qi"] = self.query_one("#qi", Select).value
        for name, words in (("due", "By when"), ("review_date", "Next review")):
            try:
                values[name] = typed_day(self, name)
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
