"""`selfeval --plain`: the whole evaluation as a conversation, one question at a time.

For people using a screen reader (Textual draws a screen a reader cannot follow), for scripts,
and for anyone who prefers it. It is the same evaluation as the app: the same file, saved after
every answer, resumed where it stopped, the same keys where they make sense (1 to 6, n, e, w,
b for back, ? for help, u to undo the last change), then the results, agreed levels and the
exported plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from selfeval.errors import MustAnswer, SelfevalError
from selfeval.evaluation.folder import copies_said
from selfeval.evaluation.model import Contributor
from selfeval.evaluation.progress import asked_of, progress
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.catalog import find_framework
from selfeval.framework.sections import Statement
from selfeval.plain.conversation import Conversation, EndOfInput, Stop, number, one_line, quoted
from selfeval.plain.opening import open_session, whose_view
from selfeval.plain.results import Results

__all__ = ["run_plain"]

_ABOUT = ("What it asks", "The journey")
"""How the intro and the journey are introduced before a quality indicator's first statement."""


def _not_applicable(key: str) -> bool:
    """ "n", or "n" and a reason ("n we have no outdoor space")."""
    return key == "n" or key.startswith("n ")


def run_plain(
    framework_spec: str | None,
    responses: Path,
    setting: str | None,
    stage: str | None,
    age_range: str | None,
    into: TextIO,
    out: TextIO,
    contributor: Contributor | None = None,
) -> int:
    """Talk the user through an evaluation; returns the exit code (1 if a change is unsaved)."""
    _, framework = find_framework(framework_spec)
    talk = Conversation(into, out)
    store = EvaluationStore(responses)
    talk.say(
        f"selfeval: {framework.title}, in plain text. Answers are saved in {responses} after "
        "each one; you can stop at any time (type q, or end the input) and carry on later."
    )
    if copies := copies_said(responses):
        talk.say(copies)
    session: EvaluationSession | None = None
    try:
        session = open_session(talk, store, framework, setting, (stage, age_range), contributor)
        if session is None:
            return 0
        talk.say(*whose_view(session))
        if session.carried is not None:
            talk.say(session.carried.sentence)
        if said := session.left_alone_said:
            talk.say(*said.splitlines())
        Walk(talk, session).statements()
    except EndOfInput:
        talk.say("End of input.")
    except Stop:
        talk.say("Stopped.")
    finally:
        if session is not None:
            session.close()
    if session is None:
        talk.say("No evaluation was opened; nothing is saved.")
        return 0
    if session.pending:
        talk.say(f"NOT SAVED: the last change could not be written to {session.path}.")
        return 1
    talk.say(f"Your answers are saved in {session.path}")
    return 0


class Walk:
    """The statements in order, then the results (`Results`); one question at a time."""

    def __init__(self, talk: Conversation, session: EvaluationSession) -> None:
        self.talk = talk
        self.session = session
        talk.news = self._merges
        talk.undo = self._undo
        self.undone_at: int | None = None
        """Where an undo changed a statement back: the walk goes there to answer it again."""
        framework = session.framework
        self.scale = session.scale
        self.asked: list[Statement] = asked_of(session.evaluation, framework)
        self.elc = framework.stage(session.evaluation.setting.stage).elc_wording
        self.sections = {s.id: sec for sec in framework.sections for s in sec.statements}
        self.results = Results(talk, session)

    def _start_index(self) -> int:
        ids = [s.id for s in self.asked]
        position = self.session.evaluation.position
        if position in ids:
            return ids.index(position)
        answered = [self.session.answer(sid).is_answered for sid in ids]
        return answered.index(False) if False in answered else 0

    def statements(self) -> None:
        """Ask each statement, and the results when asked for, until the user stops (`Stop`,
        raised by the conversation when q is typed) or the input ends."""
        index = self._start_index()
        while True:
            if index >= len(self.asked):
                self.talk.say("That was the last statement.")
                self.results.run()  # until b goes back to the statements
                index = len(self.asked) - 1
                continue
            move = self.statement(index)
            if move == "results":
                self.results.run()
                continue
            if move == "undone" and self.undone_at is not None:
                index, self.undone_at = self.undone_at, None
                continue
            index = max(0, index + (-1 if move == "back" else 1))

    def statement(self, index: int) -> str:
        """One statement: answer it; returns where to go next (next, back, results)."""
        statement = self.asked[index]
        sid = statement.id
        self.session.move_to(sid)
        section = self.sections[sid]
        setting = self.session.evaluation.setting
        qi = self.session.framework.place(
            section, setting.audience, setting.qi_framework, self.session.framework.theme_of[sid]
        )
        done = progress(self.session.evaluation, self.asked)
        first = next(s for s in self.asked if self.sections[s.id] is section)
        about = [section.about(self.elc), section.path(self.elc)] if first is statement else []
        self.talk.say(
            "",
            f"Statement {index + 1} of {len(self.asked)} ({done}). {qi}.",
            *(f"{label}: {text}" for label, text in zip(_ABOUT, about, strict=False) if text),
            statement.wording(self.elc),
            *(() if statement.na_allowed else (MustAnswer.NOTE,)),
            *((f"{last.said(sid, self.scale)}.",) if (last := self.session.last_year) else ()),
        )
        wrong = False
        while True:
            self._current(sid)
            answer = self.talk.ask(self._keys(in_full=wrong))
            wrong = False
            key = answer.lower()
            if key in ("", "next"):
                return "next"
            if key in ("b", "back", "r", "results"):
                return {"b": "back", "r": "results"}.get(key, key)
            if key == "?":
                self._help(statement)
            elif key == "u":
                if self._undo_here(sid):
                    return "undone"
            elif key[:2] in ("e ", "w ") or key in ("e", "w"):  # "e Pupil survey": one line
                self._write(sid, key[0], answer.strip()[1:].strip())
            elif _not_applicable(key) and not statement.na_allowed:
                self.talk.say(MustAnswer().sentence)
            elif _not_applicable(key):
                return self._not_applicable(sid, answer.strip()[1:].strip())
            elif key == "0":
                self.session.clear_rating(sid)
                self.talk.say("Saved: rating removed.")
            elif (value := number(key)) is not None and value in self.scale.by_value:
                self.session.rate(sid, value)
                self.talk.say(f"Saved: {self.scale.label(value)}.")
                return "next"
            else:
                self.talk.say(f"{quoted(answer)} is not one of the choices.")
                wrong = True

    def _keys(self, in_full: bool = False) -> str:
        """The question and its keys: spelt out the first three times (and when asked, or
        after a wrong answer), then only named: a screen reader reads it at every statement,
        ninety times an evaluation."""
        scale = f"{self.scale.highest} to {self.scale.lowest}"
        return self.talk.keys(
            "statement",
            f"How are we doing? Type {scale} ({self.scale.label(self.scale.highest)} to "
            f"{self.scale.label(self.scale.lowest)}), n for not applicable (n and the "
            "reason on one line says why), e for evidence, "
            "w for notes, Enter to go on, b for back, r for results, u to undo the last change, "
            "? for help, q to stop.",
            f"How are we doing? ({scale}, n, e, w, Enter, b, r, u, ? for help, q)",
            in_full,
        )

    def _current(self, sid: str) -> None:
        """What the statement has so far, one field a line (a reader hears where each ends)."""
        answer = self.session.answer(sid)
        parts = []
        if answer.rating is not None:
            parts.append(f"Rated {self.scale.label(answer.rating)}.")
        elif answer.not_applicable:
            parts.append("Marked not applicable.")
        if answer.not_applicable and answer.why_not_applicable:
            parts.append(f"Why it does not apply: {one_line(answer.why_not_applicable)}")
        if answer.evidence:
            parts.append(f"Evidence: {one_line(answer.evidence)}")
        if answer.notes:
            parts.append(f"Notes: {one_line(answer.notes)}")
        if parts:
            self.talk.say("So far:", *parts)

    def _not_applicable(self, sid: str, why: str) -> str:
        """Mark *sid* not applicable, with the reason typed after the n; then on to the next
        statement."""
        self.session.mark_not_applicable(sid)
        if not why:
            self.talk.say("Saved: not applicable. (Next time, type n and the reason on one line.)")
            return "next"
        try:
            self.session.set_why_not_applicable(sid, why)
        except SelfevalError as exc:
            self.talk.say(f"Saved: not applicable. The reason was NOT SAVED: {exc}")
            return "next"
        self.talk.say("Saved: not applicable, and why.")
        return "next"

    def _write(self, sid: str, key: str, typed: str = "") -> None:
        """Save evidence (`e`) or notes (`w`): *typed* on the key's own line ("e Pupil
        survey", as "n" takes its reason), else asked for."""
        question, field = (
            ("How do we know? Type the evidence on one line", "evidence")
            if key == "e"
            else ("What are we going to do now? Type notes on one line", "notes")
        )
        if not typed:
            typed = self.talk.ask(f"{question}; Enter on its own keeps what is there; q to stop.")
        if not typed:
            return
        try:
            if field == "evidence":
                self.session.set_evidence(sid, typed)
            else:
                self.session.set_notes(sid, typed)
        except SelfevalError as exc:
            self.talk.say(f"NOT SAVED: {exc}")
            return
        self.talk.say(f"Saved: {field}.")

    def _help(self, statement: Statement) -> None:
        lines = ["The scale:"]
        lines += [f"{level.value} {level.word}: {level.gloss}" for level in self.scale.levels]
        anchors = statement.looks_like(self.elc)
        if anchors:
            lines.append("What this statement can look like:")
            lines += [f"{self.scale.label(v)}: {anchors[v]}" for v in sorted(anchors, reverse=True)]
        lines.append(
            "Keys: a number rates; 0 removes the rating; n not applicable (n and the reason on "
            "one line says why it does not apply); e evidence; w notes; "
            "Enter next; b back; r results; u undoes the last change (again to go further back); "
            "q stop. Everything is saved as you go."
        )
        self.talk.say(*lines)

    def _undo(self) -> list[str]:
        """The last change made in this session undone, in words (as the app says it)."""
        try:
            undone = self.session.undo()
        except SelfevalError as exc:
            return [f"Undone, but NOT SAVED: {exc}"]
        ids = [s.id for s in self.asked]
        self.undone_at = ids.index(undone.statement_id) if undone.statement_id in ids else None
        return [undone.sentence]

    def _undo_here(self, sid: str) -> bool:
        """Undo at a statement: said; whether to go to the statement it changed back."""
        self.talk.say(*self._undo())
        return self.undone_at is not None and self.asked[self.undone_at].id != sid

    def _merges(self) -> list[str]:
        """A save that found the file changed elsewhere, said once (as the app shows it)."""
        merged, self.session.merged = self.session.merged, ""
        return [f"Saved, merged: {merged}."] if merged else []
