"""One statement at a time: the three HGIOS questions, saved as they are answered.

The screen draws statements from their words as plain data (`selfeval.digest.wording`) and
reads answers through one interface (`Answers`): the session's, or, for a reopened
evaluation whose session is still loading, a first look at its file
(`selfeval.digest.glance`). So its first statement can be on screen before the models load;
the app attaches the session, which saves, before any key or click reaches the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual import events
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from selfeval.digest.wording import Wording, wording_of
from selfeval.errors import MustAnswer
from selfeval.tui.keys import at_once, bindings, not_while_typing, optional, short
from selfeval.tui.screens.statement_answers import Answers, SessionAnswers, Shown, resume_at
from selfeval.tui.screens.statement_below import TALL, BelowTheChoices
from selfeval.tui.screens.statement_keys import STATEMENT_KEYS
from selfeval.tui.screens.statement_saving import SavingScreen
from selfeval.tui.screens.statement_text import (
    anchors_table,
    evidence_question,
    heading,
    rating_question,
    statement_text,
)
from selfeval.tui.screens.typed_text import TextField, TypedText
from selfeval.tui.stray import StrayTyping, bound_keys
from selfeval.tui.undoing import undo_said
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.rating_picker import NOT_APPLICABLE, RatingPicker
from selfeval.tui.widgets.save_status import SaveStatus

if TYPE_CHECKING:  # a reopened evaluation's first statement is drawn before these load
    from selfeval.digest.glance import Glance
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["StatementScreen"]

Destination = Literal["overview", "review", "results"]
"""The other views a statement screen can send the user to."""

_TYPE_HERE = "Press e to type evidence (How do we know?) or w for notes."
_NOT_WHILE_TYPING = not_while_typing(STATEMENT_KEYS)
_AT_ONCE = at_once(STATEMENT_KEYS)
"""The keys handled as they arrive, before the keys queued behind them (see on_key)."""


class StatementScreen(SavingScreen):
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
        self._shown: str | None = None
        self._text = TypedText()
        self._below = BelowTheChoices(self._text)
        self._stray = StrayTyping(bound_keys(self.BINDINGS), _TYPE_HERE)
        self._evidence_field: TextField = "evidence"
        """What the first box holds: the evidence, or why the statement does not apply."""

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
        self.ids = facts.ids

    def attach(self, session: EvaluationSession) -> None:
        """Work on *session* from now on, showing the statement it resumes at from what it
        holds (the first look drew it from the file; the session read it in full)."""
        self._session, self._glance = session, None
        self._answers = SessionAnswers(session)
        setting = session.evaluation.setting
        wanted = (session.framework.id, setting.audience, setting.qi_framework)
        if (self.facts.framework, self.facts.audience, self.facts.against) != wanted:
            self._use(wording_of(session.framework, *wanted[1:]))
        self._place_below()
        self.show_statement(self._resume_at())
        self._report_saved()

    def _resume_at(self) -> int:
        return resume_at(self._answers, self.ids)

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        with VerticalScroll(id="body"):
            yield Static(id="statement")
            yield Static(id="anchors")
            yield Static(rating_question(), classes="question", id="rating-question")
            yield RatingPicker(self.facts.levels, self.facts.levels.not_applicable, id="picker")
            if self._session is not None or self.app.size.height >= TALL:
                yield from self._below.widgets(self.app.size.height)
        yield SaveStatus(id="status")
        yield KeyFooter()

    def on_resize(self) -> None:
        # a tall terminal has room to show the journey and challenge questions without a key
        if self._below.challenge is not None:
            self._below.challenge.collapsed = self.size.height < TALL

    def on_mount(self) -> None:
        self.show_statement(self.index)
        self._report_saved()
        self.query_one("#picker", RatingPicker).focus()

    def _place_below(self) -> None:
        """Put the part below the choices on the screen, once: for a reopened evaluation in a
        terminal under `TALL` rows, when its session is attached, after the first frame (there
        the choices mostly fill the first screen) and before any key or click is handled."""
        if not self._below.placed:
            body = self.query_one("#body", VerticalScroll)
            body.mount_all(self._below.widgets(self.app.size.height))

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
        self._below.show(statement, section, self.elc)
        self.query_one("#statement", Static).update(statement_text(statement))
        self.query_one("#picker", RatingPicker).offer_not_applicable(statement.na_allowed)
        anchors = self.query_one("#anchors", Static)
        anchors.update(anchors_table(statement.anchors))
        anchors.display = bool(statement.anchors)
        answers = self._answers  # last year's answers once the session is attached
        last_year = answers.last_year(sid) if isinstance(answers, SessionAnswers) else ""
        self.query_one("#rating-question", Static).update(rating_question(last_year))
        answer = self._answer(sid)
        picker = self.query_one("#picker", RatingPicker)
        picker.show(NOT_APPLICABLE if answer.not_applicable else answer.rating)
        self._shown = sid
        self._ask_evidence(answer)
        self._text.load("notes", answer.notes)
        self.query_one("#body", VerticalScroll).scroll_home(animate=False)
        if self._session is not None:  # at first look it is where the file stopped
            self._save(lambda: self.session.move_to(sid))

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
        self._ask_evidence(self._answer(sid))
        self._show_saved()  # the rating the file holds (a colleague's may have been kept)
        self._update_where()

    def _ask_evidence(self, answer: Shown) -> None:
        """The first box asks "How do we know?", or for a statement marked not applicable why
        it does not apply: kept apart (`Answer.why_not_applicable`), so that a reason never
        counts as evidence if the statement is rated later, and shown to moderators and in
        the plan."""
        field: TextField = "why_not_applicable" if answer.not_applicable else "evidence"
        self._evidence_field = field
        self._below.evidence_question.update(evidence_question(field != "evidence"))
        self._text.load("evidence", getattr(answer, field))

    def _update_where(self) -> None:
        """The heading: which QI and theme, how far through, whose evaluation."""
        # counted as `selfeval.evaluation.progress` counts: rated or not applicable, of those asked
        answered = sum(1 for sid in self.ids if self._answer(sid).is_answered)
        where = heading(self.facts, self.index, answered, self._answers.whose)
        self.query_one("#where", Static).update(where)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:  # noqa: ARG002
        """While typing, keys type: hide the single-key actions and offer "Done typing"."""
        typing = self._text.holds(self.focused) or self._text.typing_into is not None
        if action == "stop_typing":
            return typing
        return not (typing and action in _NOT_WHILE_TYPING)

    def on_descendant_focus(self) -> None:
        self._text.focused(self.focused)
        self.refresh_bindings()

    class Leave(Message):
        """The user asked for another view of the evaluation; the app routes it."""

        def __init__(self, to: Destination) -> None:
            super().__init__()
            self.to: Destination = to

    def action_leave(self, to: Destination) -> None:
        self.post_message(self.Leave(to))

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
        challenge = self._below.challenge
        if challenge is None:  # not placed yet (a key comes after it is)
            return
        challenge.collapsed = not challenge.collapsed
        if not challenge.collapsed:
            challenge.scroll_visible()
        else:  # back to the statement the questions were read beside, once laid out again
            statement = self.query_one("#statement", Static)
            self.call_after_refresh(statement.scroll_visible, top=True, animate=False)

    def action_evidence(self) -> None:
        self.flush_text()
        self._text.type_in("evidence")

    def action_notes(self) -> None:
        self.flush_text()
        self._text.type_in("notes")

    async def on_key(self, event: events.Key) -> None:
        """Keys are handled in the order typed, however fast (a quick rater, a paste, a slow
        link): ratings and moves here, at once, since a key binding runs only after the keys
        already queued behind it ("5 → 4" rated the first statement 4); and keys typed
        straight after `e` or `w`, before the box has focus, go into the box."""
        if self._text.typing_into is None and not self._text.holds(self.focused):
            handled = self._stray.swallows(event, self.notify) or self._key_on_page(event.key)
        else:
            handled = await self._text.key_before_focus(self.app, self.focused, event)
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

    def action_undo(self) -> None:
        """Undo the last change made here, and show the statement it changed back (or this
        one again: the heading's count may have changed)."""
        self.flush_text()  # typing not yet saved is the last change
        undone = undo_said(self, self.session)
        self.go_to((undone.statement_id if undone else None) or self.statement_id)

    def go_to(self, statement_id: str) -> None:
        """Jump to *statement_id* (from the overview or review)."""
        self.flush_text()
        if statement_id in self.ids:
            self.show_statement(self.ids.index(statement_id))
        self.query_one("#picker", RatingPicker).focus()
