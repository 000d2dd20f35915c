"""One statement at a time: the three HGIOS questions, saved as they are answered.

The screen draws statements from their words as plain data (`selfeval.digest.wording`) and
reads answers through one interface (`Answers`): the session's, or, for a reopened
evaluation whose session is still loading, a first look at its file
(`selfeval.digest.glance`). So its first statement can be on screen before the models load;
the app attaches the session, which saves, before any key or click reaches the screen.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, Protocol

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Collapsible, Static, TextArea

from selfeval.digest.wording import SectionText, Wording, wording_of
from selfeval.errors import MustAnswer, SelfevalError
from selfeval.tui.keyorder import edit_action
from selfeval.tui.keys import at_once, bindings, not_while_typing, optional, short
from selfeval.tui.screens.statement_keys import STATEMENT_KEYS
from selfeval.tui.text import plain
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.rating_picker import NOT_APPLICABLE, RatingPicker
from selfeval.tui.widgets.save_status import SaveStatus

if TYPE_CHECKING:  # a reopened evaluation's first statement is drawn before these load
    from selfeval.digest.glance import Glance
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["StatementScreen"]

Destination = Literal["overview", "review", "results"]
"""The other views a statement screen can send the user to."""

_NOT_WHILE_TYPING = not_while_typing(STATEMENT_KEYS)
_AT_ONCE = at_once(STATEMENT_KEYS)
"""The keys handled as they arrive, before the keys queued behind them (see on_key)."""

TYPING_PAUSE = 0.1
"""Seconds after the last keystroke before typed text is saved (also saved on leaving the box,
on quitting, and when the terminal window is closed or the process told to stop)."""
TYPING_MOST = 0.3
"""While typing goes on without a pause, what is typed is still saved this often (seconds)."""


TALL = 40
"""Terminal rows from which the journey and challenge questions are shown without a key."""


class Shown(Protocol):
    """An answer as the screen shows it: saved in the session, or in the file at first look."""

    @property
    def rating(self) -> int | None: ...
    @property
    def not_applicable(self) -> bool: ...
    @property
    def evidence(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def why_not_applicable(self) -> str: ...
    @property
    def is_answered(self) -> bool: ...


class Answers(Protocol):
    """Where the screen reads answers from: a session (`SessionAnswers`), or before it has
    opened, the first look at its file (`Glance`)."""

    @property
    def position(self) -> str | None:
        """The statement to resume at, where one was saved."""

    @property
    def whose(self) -> str:
        """Whose evaluation it is, as the heading names it."""

    def answer(self, statement_id: str) -> Shown:
        """The answer to *statement_id* (empty where there is none)."""


class SessionAnswers:
    """A session's answers, as the screen reads them."""

    def __init__(self, session: EvaluationSession) -> None:
        self.session = session

    @property
    def position(self) -> str | None:
        return self.session.evaluation.position

    @property
    def whose(self) -> str:
        evaluation = self.session.evaluation
        name = evaluation.setting.name
        if evaluation.contributor is not None:  # a colleague sees whose view they give
            name += f", your view as {evaluation.contributor.key}"
        return name

    def answer(self, statement_id: str) -> Shown:
        return self.session.answer(statement_id)


TextField = Literal["evidence", "why_not_applicable"]
"""The answer's field the first text box holds."""


class StatementScreen(Screen[None]):
    """Shows one statement with its guidance, and records the answer at once."""

    BINDINGS = bindings(STATEMENT_KEYS)
    SHORT_KEYS = short(STATEMENT_KEYS)
    """Labels for a footer too narrow for the full ones (the full one is the key's tooltip)."""
    OPTIONAL_KEYS = optional(STATEMENT_KEYS)
    """Left out of a footer still too narrow, in this order (the keys work; Help lists them)."""

    def __init__(self, facts: Wording, answers: Answers, glance: Glance | None = None) -> None:
        """The screen on the statements in *facts* and the *answers* given to them: a
        session's (`on`), or, before the session has loaded, the *glance* taken at its file
        (`previewing`; see `attach`)."""
        super().__init__()
        self._answers = answers
        self._session = answers.session if isinstance(answers, SessionAnswers) else None
        self._glance = glance
        self._use(facts)
        self.index = self._resume_at()
        self._timer: Timer | None = None
        self._typing_since = 0.0
        self._shown: str | None = None
        self._boxes = {
            "evidence": TextArea(id="evidence", soft_wrap=True, tab_behavior="focus"),
            "notes": TextArea(id="notes", soft_wrap=True, tab_behavior="focus"),
        }
        self._evidence_field: TextField = "evidence"
        """What the first box holds: the evidence, or why the statement does not apply."""
        self._loaded: dict[str, str] = {}
        """What each box was given when its statement was shown (or last saved): the box
        holds a change to save while its own text differs."""
        self._typing_into: TextArea | None = None

    @classmethod
    def on(cls, session: EvaluationSession) -> StatementScreen:
        """The screen on *session*'s statements and answers."""
        setting = session.evaluation.setting
        words = wording_of(session.framework, setting.audience, setting.qi_framework)
        return cls(words, SessionAnswers(session))

    @classmethod
    def previewing(cls, facts: Wording, glance: Glance) -> StatementScreen:
        """The screen on a saved evaluation before its session has loaded, from a first look
        at its file."""
        return cls(facts, glance, glance)

    def _use(self, facts: Wording) -> None:
        self.facts = facts
        self.elc = facts.elc
        self._whose = "children's and families'" if self.elc else "learners' and families'"
        self.ids = facts.ids

    @property
    def session(self) -> EvaluationSession:
        """The session that saves answers (the app attaches it before any input arrives)."""
        if self._session is None:
            raise RuntimeError("the statement screen was used before its session was attached")
        return self._session

    def attach(self, session: EvaluationSession) -> None:
        """Work on *session* from now on, showing the statement it resumes at from what it
        holds (the first look drew it from the file; the session read it in full)."""
        self._session, self._glance = session, None
        self._answers = SessionAnswers(session)
        setting = session.evaluation.setting
        wanted = (session.framework.id, setting.audience, setting.qi_framework)
        if (self.facts.framework, self.facts.audience, self.facts.against) != wanted:
            self._use(wording_of(session.framework, *wanted[1:]))
        self.show_statement(self._resume_at())
        self._report_saved()

    def _answer(self, statement_id: str) -> Shown:
        return self._answers.answer(statement_id)

    def _resume_at(self) -> int:
        position = self._answers.position
        if position in self.ids:
            return self.ids.index(position)
        return next((n for n, sid in enumerate(self.ids) if not self._answer(sid).is_answered), 0)

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        with VerticalScroll(id="body"):
            yield Static(id="statement")
            yield Static(id="anchors")
            yield Static(Text("How are we doing?", style="bold"), classes="question")
            yield RatingPicker(self.facts.levels, self.facts.levels.not_applicable, id="picker")
            yield Static(_evidence_question(False), classes="question", id="evidence-question")
            yield Static(id="prompts")
            yield self._boxes["evidence"]
            yield Static(Text("What are we going to do now?", style="bold"), classes="question")
            yield self._boxes["notes"]
            with Collapsible(
                title="About this quality indicator: its journey and challenge questions (c)",
                id="challenge",
                # opened here, not on the first resize: Textual scrolls a Collapsible that
                # opens into view, which would hide the statement above it
                collapsed=self.app.size.height < TALL,
            ):
                yield Static(id="intro")
                yield Static(id="journey")
                yield Static(id="challenge-text")
        yield SaveStatus(id="status")
        yield KeyFooter()

    def on_resize(self) -> None:
        # a tall terminal has room to show the journey and challenge questions without a key
        self.query_one("#challenge", Collapsible).collapsed = self.size.height < TALL

    def on_mount(self) -> None:
        self.show_statement(self.index)
        self._report_saved()
        self.query_one("#picker", RatingPicker).focus()

    # --- showing a statement --------------------------------------------------------------

    @property
    def statement_id(self) -> str:
        """The statement on screen."""
        return self.ids[self.index]

    def show_statement(self, index: int) -> None:
        """Put statement number *index* on screen and remember it as the place to resume."""
        self.index = max(0, min(index, len(self.ids) - 1))
        sid = self.statement_id
        statement = self.facts.statement(self.index)
        section = self.facts.sections[statement.section]
        self._update_where()
        self._show_journey(section)
        wording = Text(statement.wording, style="bold")
        if not statement.na_allowed:
            wording.append(f"\n{MustAnswer.NOTE}", style="italic")
        self.query_one("#statement", Static).update(wording)
        self.query_one("#picker", RatingPicker).offer_not_applicable(statement.na_allowed)
        anchors = self.query_one("#anchors", Static)
        anchors.update(self._anchors(statement.anchors))
        anchors.display = bool(statement.anchors)
        prompts = statement.prompts
        self.query_one("#prompts", Static).update(
            Text("Evidence you might use: " + "; ".join(prompts) + ".", style="italic")
            if prompts
            else Text(f"Write what shows this: observations, data, {self._whose} views.")
        )
        questions = section.questions
        self.query_one("#challenge-text", Static).update(
            Text("Challenge questions:\n" + "\n".join(f"• {q}" for q in questions))
            if questions
            else Text("No challenge questions.")
        )
        answer = self._answer(sid)
        picker = self.query_one("#picker", RatingPicker)
        picker.show(NOT_APPLICABLE if answer.not_applicable else answer.rating)
        self._shown = sid
        self._ask_evidence(answer)
        self._set_text("#notes", answer.notes)
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        if self._session is not None:  # at first look it is where the file stopped
            self._save(lambda: self.session.move_to(sid))

    def _set_text(self, selector: str, text: str) -> None:
        area = self.query_one(selector, TextArea)
        if area.text != text:
            with area.prevent(TextArea.Changed):
                area.load_text(text)
        self._loaded[selector.removeprefix("#")] = text

    def _anchors(self, anchors: tuple[tuple[str, str], ...]) -> Table | Text:
        if not anchors:
            return Text("")
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        table.title = "What it can look like:"
        table.title_justify = "left"
        table.title_style = "italic"
        for level, text in anchors:
            table.add_row(Text(level), Text(text))
        return table

    # --- saving ---------------------------------------------------------------------------

    def _save(self, change: Callable[[], None]) -> bool:
        """Run a session change (which saves) and show the outcome; False if it did not save."""
        try:
            change()
        except SelfevalError as exc:  # not saved: the disk refused, or the text is too long
            for status in self.query("#status").results(SaveStatus):
                status.failed(exc)
            return False
        self._report_saved()
        return True

    def _report_saved(self) -> None:
        for status in self.query("#status").results(SaveStatus):
            if self._session is not None:
                status.report(self._session)
            elif self._glance is not None:
                status.saved(self._glance.path, self._glance.updated)

    def flush_text(self) -> None:
        """Save typed evidence and notes now (called before leaving the statement or the app).

        It saves each box's own text wherever that differs from what the box was given, not
        the text its change messages reported: a message still queued when Esc, a move or
        quitting arrives would otherwise lose the last keys typed. The boxes are kept from
        when the screen was built, so this is safe even while the screen is being taken down.
        """
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        sid = self._shown
        typed = {
            name: box.text
            for name, box in self._boxes.items()
            if box.text != self._loaded.get(name, box.text)
        }
        if sid is None or not typed:
            return

        def save_typed() -> None:
            if "evidence" in typed and self._evidence_field == "why_not_applicable":
                self.session.set_why_not_applicable(sid, typed["evidence"])
            elif "evidence" in typed:
                self.session.set_evidence(sid, typed["evidence"])
            if "notes" in typed:
                self.session.set_notes(sid, typed["notes"])

        if self._save(save_typed):
            self._loaded.update(typed)

    def on_text_area_changed(self) -> None:
        """Typing in a box: save when it pauses, and during a long burst, every so often."""
        now = time.monotonic()
        if self._timer is None:
            self._typing_since = now
        elif now - self._typing_since >= TYPING_MOST:
            self.flush_text()  # a long burst is saved as it goes, not only when it pauses
            self._typing_since = now
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(TYPING_PAUSE, self.flush_text)

    def on_descendant_blur(self) -> None:
        if self._timer is not None:
            self.flush_text()
        self.refresh_bindings()

    # --- actions --------------------------------------------------------------------------

    def on_rating_picker_changed(self, event: RatingPicker.Changed) -> None:
        self._record(event.value)

    def _record(self, value: int | str | None) -> None:
        sid = self.statement_id
        if value == NOT_APPLICABLE and not self.facts.statement(self.index).na_allowed:
            self.notify(MustAnswer().sentence, severity="warning", timeout=8)
            answer = self._answer(sid)
            self.query_one("#picker", RatingPicker).show(answer.rating)
            return
        self.flush_text()  # what was typed goes where it was typed, before the box changes
        if value == NOT_APPLICABLE:
            self._save(lambda: self.session.mark_not_applicable(sid))
        elif value is None:
            self._save(lambda: self.session.clear_rating(sid))
        else:
            self._save(lambda: self.session.rate(sid, int(value)))
        self.query_one("#picker", RatingPicker).show(value)
        self._ask_evidence(self._answer(sid))
        self._update_where()

    def _ask_evidence(self, answer: Shown) -> None:
        """The first box asks "How do we know?", or for a statement marked not applicable why
        it does not apply: kept apart (`Answer.why_not_applicable`), so that a reason never
        counts as evidence if the statement is rated later, and shown to moderators and in
        the plan."""
        field: TextField = "why_not_applicable" if answer.not_applicable else "evidence"
        self._evidence_field = field
        self.query_one("#evidence-question", Static).update(_evidence_question(field != "evidence"))
        self._set_text("#evidence", getattr(answer, field))

    def _show_journey(self, section: SectionText) -> None:
        """What this quality indicator asks and the journey it follows (where the setting is
        heading, not only where it is), beside its challenge questions: open on a tall
        terminal, `c` on a small one, where it would push the statement itself off the screen."""
        for widget_id, label, text in (
            ("#intro", "What it asks: ", section.about),
            ("#journey", "The journey: ", section.journey),
        ):
            shown = self.query_one(widget_id, Static)
            shown.display = bool(text)
            if text:
                shown.update(Text.assemble((label, "bold italic"), (text, "italic")))

    def _update_where(self) -> None:
        """The heading: which QI and theme, how far through, whose evaluation."""
        statement = self.facts.statement(self.index)
        # counted as `selfeval.evaluation.progress` counts: rated or not applicable, of those asked
        answered = sum(1 for sid in self.ids if self._answer(sid).is_answered)
        heading = Text.assemble(
            (statement.place or self.facts.sections[statement.section].place, "bold"),
            "  ›  ",
            statement.theme,
            f"\nStatement {self.index + 1} of {len(self.ids)}  ·  {answered} answered  ·  ",
            plain(self._answers.whose),
        )
        self.query_one("#where", Static).update(heading)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        """While typing, keys type: hide the single-key actions and offer "Done typing"."""
        typing = isinstance(self.focused, TextArea) or self._typing_into is not None
        if action == "stop_typing":
            return typing
        return not (typing and action in _NOT_WHILE_TYPING)

    def on_descendant_focus(self) -> None:
        if self.focused is self._typing_into:
            self._typing_into = None
        self.refresh_bindings()

    class Leave(Message):
        """The user asked for another view of the evaluation; the app routes it."""

        def __init__(self, to: Destination) -> None:
            super().__init__()
            self.to: Destination = to

    def action_overview(self) -> None:
        self.post_message(self.Leave("overview"))

    def action_review(self) -> None:
        self.post_message(self.Leave("review"))

    def action_results(self) -> None:
        self.post_message(self.Leave("results"))

    def action_rate(self, value: int) -> None:
        levels = self.facts.levels
        if value in levels.values:
            self._record(value)
        else:
            self.notify(
                f"{value} is not on the scale: use {levels.lowest} to {levels.highest}.",
                severity="warning",
            )

    def action_not_applicable(self) -> None:
        if self.facts.levels.not_applicable:
            self._record(NOT_APPLICABLE)

    def action_clear(self) -> None:
        self._record(None)

    def action_next(self) -> None:
        self.flush_text()
        if self.index + 1 >= len(self.ids):
            self.post_message(self.Leave("review"))
            return
        self.show_statement(self.index + 1)

    def action_previous(self) -> None:
        self.flush_text()
        if self.index == 0:
            self.notify("This is the first statement.")
            return
        self.show_statement(self.index - 1)

    def action_challenge(self) -> None:
        """Open or close this quality indicator's challenge questions."""
        challenge = self.query_one("#challenge", Collapsible)
        challenge.collapsed = not challenge.collapsed
        if not challenge.collapsed:
            challenge.scroll_visible()
        else:  # back to the statement the questions were read beside, once laid out again
            statement = self.query_one("#statement", Static)
            self.call_after_refresh(statement.scroll_visible, top=True, animate=False)

    def action_evidence(self) -> None:
        self.flush_text()
        self._type_in("#evidence")

    def action_notes(self) -> None:
        self.flush_text()
        self._type_in("#notes")

    def _type_in(self, selector: str) -> None:
        area = self.query_one(selector, TextArea)
        area.move_cursor(area.document.end)
        self._typing_into = area  # until focus arrives, keys typed after `e`/`w` go here
        area.focus()

    async def on_key(self, event: events.Key) -> None:
        """Keys are handled in the order typed, however fast (a quick rater, a paste, a slow
        link): ratings and moves here, at once, since a key binding runs only after the keys
        already queued behind it ("5 → 4" rated the first statement 4); and keys typed
        straight after `e` or `w`, before the box has focus, go into the box."""
        if self._typing_into is None and not isinstance(self.focused, TextArea):
            handled = self._key_on_page(event.key)
        else:
            handled = await self._key_into_box(event)
        if handled:
            event.stop()
            event.prevent_default()

    def _key_on_page(self, key: str) -> bool:
        """A rating, a move, `e` or `w` (typed before them), handled at once; whether *key*
        was one."""
        found = _AT_ONCE.get(key)
        if found is None:
            return False
        action, parameter = found
        if action in ("next", "previous") and not self._moves_here():
            return False
        run = getattr(self, f"action_{action}")
        run(int(parameter)) if parameter else run()
        return True

    async def _key_into_box(self, key: events.Key) -> bool:
        """A key typed after `e` or `w` before the box has focus: text, or an edit of it
        (Backspace, arrows), into the box in order; whether *key* was one."""
        area = self._typing_into
        if area is None or self.focused is area:
            return False
        if key.key == "escape":
            self._typing_into = None
            return False
        text = "\n" if key.key == "enter" else key.character if key.is_printable else None
        if text:
            area.insert(text)
            return True
        action = edit_action(area, key.key)
        if action is None:
            return False
        await self.app.run_action(action, area)
        return True

    def _moves_here(self) -> bool:
        """Whether a move key moves between statements now: from the choices or the page
        (clicked), not from a widget that uses it (Enter on the challenge questions' title
        opens them)."""
        return self.focused is None or self.focused.id in ("picker", "body")

    def action_stop_typing(self) -> None:
        self.flush_text()
        self.query_one("#picker", RatingPicker).focus()

    def action_save(self) -> None:
        self.flush_text()
        self._save(self.session.retry)

    def go_to(self, statement_id: str) -> None:
        """Jump to *statement_id* (from the overview or review)."""
        self.flush_text()
        if statement_id in self.ids:
            self.show_statement(self.ids.index(statement_id))
        self.query_one("#picker", RatingPicker).focus()


def _evidence_question(not_applicable: bool) -> Text:
    """ "How do we know?", or for a statement marked not applicable, why it does not apply."""
    if not_applicable:
        return Text.assemble(
            ("How do we know it does not apply? ", "bold"),
            ("Say why; the plan and moderators see it.", "italic"),
        )
    return Text("How do we know?", style="bold")
