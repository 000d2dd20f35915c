"""One submission, read only: each QI's suggested level and the setting's own, its reasons and
the plan's actions for it; and the officer's feedback written from here (f on a QI, o overall,
v to validate or take it back) into their own file beside the submission, through the same
code as `selfeval feedback`. Nothing here writes the submission or the school's file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from selfeval.authority.feedback import Feedback, QIFeedback, give_feedback
from selfeval.authority.inbox import Submitted
from selfeval.errors import SelfevalError
from selfeval.evaluation.limits import FREE_TEXT_LIMIT, NAME_LIMIT
from selfeval.evaluation.reading import open_for_reading
from selfeval.scoring import QIResult, score
from selfeval.scoring.words import NO_LEVEL
from selfeval.tui.inbox.forms import LineForm
from selfeval.tui.text import plain
from selfeval.tui.widgets.key_footer import KeyFooter

__all__ = ["SubmissionScreen"]

NAMELESS = "You have not given your name yet: press n to give it."
"""What the officer's line says before they give a name (their feedback is signed with it)."""


def handed_in_when(at: datetime | None) -> str:
    """When a submission was handed in, short ("03 Mar 2027 09:14")."""
    return f"{at.astimezone():%d %b %Y %H:%M}" if at else "by hand"


class SubmissionScreen(Screen[None]):
    """A submission's results per QI and its plan, and the officer's feedback on it."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("f", "qi_feedback", "Feedback on QI"),
        Binding("o", "overall", "Overall"),
        Binding("v", "validate", "Validate"),
        Binding("n", "name", "Your name"),
    ]

    def __init__(self, submitted: Submitted) -> None:
        super().__init__()
        from selfeval.files.remember import remembered

        self.submitted = submitted
        self.evaluation, self.framework = open_for_reading(submitted.path, None)
        self.result = score(self.evaluation, self.framework)
        self.qis = [qi for qi in self.result.qis if qi.asked]
        self.given: list[Feedback] = list(submitted.feedback)
        self.officer = remembered("authority", "officer")
        setting = self.evaluation.setting
        self.levels = self.framework.scale_judged(setting.audience, setting.qi_framework)
        """The scale in the words of what the setting is judged against."""

    def compose(self) -> ComposeResult:
        s = self.submitted
        version = f"version {s.version}" if s.version else s.path.name
        yield Static(
            Text.assemble(
                (f"{s.setting}, {s.year}", "bold"),
                f" ({version}, handed in {handed_in_when(s.handed_in)}): read only. "
                "f: your feedback on the highlighted QI; o: overall; v: validate (or take it "
                "back); n: your name. Esc goes back.",
            ),
            id="where",
        )
        yield Static(id="yours", markup=False)
        with Horizontal(id="results"):
            yield DataTable(id="qis", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="qi-detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#qis", DataTable)
        table.add_columns("QI", "Suggested", "Theirs", "Fb")
        self._fill()
        table.focus()

    def _mine(self) -> Feedback | None:
        return next((f for f in self.given if f.by == self.officer), None)

    def _fill(self) -> None:
        scale = self.levels
        table = self.query_one("#qis", DataTable)
        row = table.cursor_row
        table.clear()
        said_on = {q.qi for f in self.given for q in f.qis if q.text.strip()}
        for qi in self.qis:
            table.add_row(
                Text(qi.qi_id if qi.label else qi.title[:30]),
                scale.label(qi.suggested) if qi.suggested else NO_LEVEL,
                scale.label(qi.confirmed) if qi.confirmed else "not agreed",
                "✓" if qi.key in said_on else "",
                key=qi.key,
            )
        table.move_cursor(row=min(row, max(0, table.row_count - 1)))
        mine = self._mine()
        overall = mine.overall.strip() if mine else ""
        yours = f"You are {self.officer}." if self.officer else NAMELESS
        yours += f" Your overall feedback: {overall.rstrip('.') or 'none yet'}."
        yours += " Validated by you." if mine and mine.validated else " Not validated by you."
        others = [f.by for f in self.given if f.by != self.officer]
        if others:
            yours += f" Also feedback from: {', '.join(others)}."
        self.query_one("#yours", Static).update(plain(yours))
        self._show_detail()

    def _current(self) -> QIResult | None:
        table = self.query_one("#qis", DataTable)
        return self.qis[table.cursor_row] if table.row_count else None

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        qi = self._current()
        if qi is None:
            return
        scale = self.levels
        text = Text()
        text.append(f"{qi.heading}\n", style="bold")
        text.append(f"{qi.why}\n")
        judgement = self.evaluation.qi.get(qi.key)
        if judgement and judgement.reason:
            text.append("Why they chose their level: ", style="italic")
            text.append_text(plain(judgement.reason))
            text.append("\n")
        if (target := self.evaluation.targets.get(qi.key)) is not None:
            text.append(f"Their target: {scale.label(target.level)}\n", style="italic")
        text.append("\nTheir plan\n", style="bold underline")
        actions = [a for a in self.evaluation.actions if a.qi == qi.key]
        for action in actions:
            text.append("  • ")
            text.append_text(plain(action.text))
            lead = f" (lead: {action.lead})" if action.lead else ""
            text.append(f"{lead}, {action.status}\n", style="italic")
        if not actions:
            text.append("  No actions for this QI.\n")
        text.append("\nFeedback on this QI\n", style="bold underline")
        said = [(f.by, q.text) for f in self.given for q in f.qis if q.qi == qi.key]
        for by, words in said:
            text.append(f"  {by}: ", style="bold")
            text.append_text(plain(words))
            text.append("\n")
        if not said:
            text.append("  None yet: f to write yours.\n")
        self.query_one("#qi-detail", Static).update(text)

    def _as_officer(self, then: Callable[[], None]) -> None:
        """Do *then* once the officer has given their name (asked once, remembered)."""
        if self.officer:
            then()
            return

        def named(name: str | None) -> None:
            if name:
                self._named(name)
                then()

        self.app.push_screen(_name_form(""), named)

    def _named(self, name: str) -> None:
        from selfeval.files.remember import remember

        self.officer = name
        try:
            remember("authority", "officer", name)
        except (SelfevalError, OSError) as exc:
            self.notify(f"Your name is not remembered for next time: {exc}", markup=False)
        self._fill()

    def action_name(self) -> None:
        def named(name: str | None) -> None:
            if name:
                self._named(name)

        self.app.push_screen(_name_form(self.officer or ""), named)

    def action_qi_feedback(self) -> None:
        if not self.officer:
            return self._as_officer(self.action_qi_feedback)
        qi = self._current()
        if qi is None:
            return None
        mine = self._mine()
        now = next((q.text for q in (mine.qis if mine else []) if q.qi == qi.key), "")
        label = qi.heading

        def given(text: str | None) -> None:
            if text is not None:
                self._write(qis=[QIFeedback(qi=qi.key, label=label, text=text)])

        form = LineForm(
            f"Your feedback on {label}",
            "What the setting should hear about this QI (one paragraph):",
            now,
            FREE_TEXT_LIMIT,
        )
        self.app.push_screen(form, given)
        return None

    def action_overall(self) -> None:
        if not self.officer:
            return self._as_officer(self.action_overall)
        mine = self._mine()

        def given(text: str | None) -> None:
            if text is not None:
                self._write(overall=text)

        form = LineForm(
            "Your overall feedback",
            f"What {self.submitted.setting} should hear about the whole evaluation:",
            mine.overall if mine else "",
            FREE_TEXT_LIMIT,
        )
        self.app.push_screen(form, given)
        return None

    def action_validate(self) -> None:
        if not self.officer:
            return self._as_officer(self.action_validate)
        from selfeval.tui.screens.confirm import ConfirmScreen

        mine = self._mine()
        validate = not (mine and mine.validated)
        question = (
            f"Validate {self.submitted.setting}'s submission? The setting will read that the "
            "authority validated it."
            if validate
            else f"Take back your validation of {self.submitted.setting}'s submission?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(validated=validate)

        self.app.push_screen(ConfirmScreen(question), answered)
        return None

    def _write(
        self,
        overall: str | None = None,
        qis: list[QIFeedback] | None = None,
        validated: bool | None = None,
    ) -> None:
        """Write into the officer's own feedback file, and show what it now says."""
        assert self.officer
        try:
            path, feedback = give_feedback(
                self.submitted.path, self.officer, overall, qis or [], validated
            )
        except (SelfevalError, OSError) as exc:
            self.notify(f"Not written: {exc}", severity="error", markup=False, timeout=15)
            return
        self.given = [f for f in self.given if f.by != feedback.by] + [feedback]
        what = "validated" if validated else "validation taken back" if validated is False else ""
        self.notify(f"Saved in your own file beside the submission{f': {what}' if what else ''}.")
        self.log(f"feedback written to {path}")
        self._fill()

    def action_close(self) -> None:
        self.dismiss(None)


def _name_form(now: str) -> LineForm:
    return LineForm(
        "Your name",
        "Who the feedback is from, as the setting will read it (e.g. Quality improvement "
        "officer, or Ms Gray, peer headteacher). Remembered for next time.",
        now,
        NAME_LIMIT,
        required=True,
    )
