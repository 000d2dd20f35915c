"""Results: each QI's suggested level, the setting's own evaluation, strengths and next steps."""

from __future__ import annotations

import re
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from selfeval.errors import SelfevalError
from selfeval.evaluation.actions import day_text
from selfeval.evaluation.session import EvaluationSession
from selfeval.report.handing_in import HandedIn
from selfeval.scoring import QIResult, Result, score, spread
from selfeval.scoring.words import NO_LEVEL, no_evidence, qi_context, step_reason
from selfeval.tui.keys import bindings, ends, key_help, sentence, short
from selfeval.tui.screens.action_plan import ActionPlanScreen
from selfeval.tui.screens.complete import CompleteScreen
from selfeval.tui.screens.hand_in import handed_in_said, offer_hand_in
from selfeval.tui.screens.history import HistoryScreen
from selfeval.tui.screens.next_steps import NextStepsScreen
from selfeval.tui.screens.reason import ReasonScreen
from selfeval.tui.screens.results_keys import RESULTS_HELP, RESULTS_INTRO, RESULTS_KEYS
from selfeval.tui.screens.target import TargetScreen
from selfeval.tui.stray import StrayTyping, bound_keys
from selfeval.tui.text import fit, plain, toast_room
from selfeval.tui.undoing import undo_said
from selfeval.tui.widgets.feedback_note import FeedbackNote
from selfeval.tui.widgets.key_footer import KeyFooter
from selfeval.tui.widgets.path_line import shortened
from selfeval.tui.widgets.profile_chart import ProfileChart
from selfeval.tui.widgets.save_status import SaveStatus

__all__ = ["ReasonScreen", "ResultsScreen"]


_TO_AGREE = ("not started", "to agree")
"""The team's column of a QI it has not agreed: nothing rated yet, or rated and to agree."""
_TYPE_HERE = "Text is typed in the forms: a for next steps, t for a target, p for the plan."


class ResultsScreen(Screen[None]):
    """A table of QIs, a text chart of the profile, and the highlighted QI's details."""

    BINDINGS = bindings(RESULTS_KEYS)
    SHORT_KEYS = short(RESULTS_KEYS)
    """Footer labels at 80 columns, where all the keys do not fit with the full ones."""

    def __init__(self, session: EvaluationSession) -> None:
        super().__init__()
        self.session = session
        self._scored = session.evaluation
        self.result: Result = score(session.evaluation, session.framework)
        self._filled: object = None
        """The evaluation the table last showed (nothing to redo on resuming while it is)."""
        self._stray = StrayTyping(bound_keys(self.BINDINGS), _TYPE_HERE)
        self._detailed: tuple[str, object] = ("", None)
        """The QI and evaluation the details last showed: the table reports its first row
        highlighted after the screen has drawn it, and drawing it again cost a layout pass."""

    def compose(self) -> ComposeResult:
        title, _, rest = RESULTS_INTRO.partition(":")
        yield Static(
            Text.assemble(
                (title, "bold"), f":{rest} ", sentence(RESULTS_KEYS, ends(self.session.scale)[0])
            ),
            id="where",
        )
        yield FeedbackNote(self.session.evaluation, id="feedback")
        with Horizontal(id="results"):
            yield DataTable(id="qis", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="detail"):
                yield Static(id="qi-detail")
                yield Static(Text("\nProfile of all quality indicators", style="bold"))
                yield ProfileChart(id="chart")
        yield SaveStatus(id="status")
        yield KeyFooter(at_once=True)

    @property
    def KEY_HELP(self) -> tuple[list[tuple[str, str]], str]:
        """The keys the help lists for this screen (not the statement screen's)."""
        return key_help(RESULTS_KEYS, self.session.scale, RESULTS_HELP)

    def on_resize(self) -> None:
        self.query_one("#results").set_class(self.size.width >= 120, "-wide")

    def on_key(self, event: events.Key) -> None:
        """Letters typed as if into a box are let go, never taken for commands (`stray`)."""
        if self._stray.swallows(event, self.notify):
            event.stop()
            event.prevent_default()

    def on_mount(self) -> None:
        self.on_resize()
        table = self.query_one("#qis", DataTable)
        table.add_columns("QI", "Rated", "Suggested", "Our evaluation")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        if self.session.evaluation is not self._scored:  # scored again only after a change
            self._scored = self.session.evaluation
            self.result = score(self._scored, self.session.framework)
        scale = self.session.scale
        table = self.query_one("#qis", DataTable)
        row = table.cursor_row
        table.clear()
        for qi in self.result.qis:
            if qi.asked == 0:
                continue
            suggested = scale.label(qi.suggested) if qi.suggested else NO_LEVEL
            ours = scale.label(qi.confirmed) if qi.confirmed else _TO_AGREE[qi.rated > 0]
            table.add_row(
                Text(qi.qi_id if qi.label else fit(qi.title, 30)),
                f"{qi.rated}/{qi.asked}",
                Text.assemble(suggested, (" URGENT", "bold reverse") if qi.urgent else ""),
                Text(ours),
                key=qi.key,
            )
        table.move_cursor(row=min(row, table.row_count - 1))
        self.query_one("#chart", ProfileChart).show(
            [qi for qi in self.result.qis if qi.asked], scale
        )
        self._show_detail()
        self._filled = self.session.evaluation

    def _current(self) -> QIResult | None:
        table = self.query_one("#qis", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next(qi for qi in self.result.qis if qi.key == key)

    def on_data_table_row_highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        qi = self._current()
        evaluation = self.session.evaluation
        shown_key, shown_evaluation = self._detailed
        if qi is None or (qi.key == shown_key and evaluation is shown_evaluation):
            return  # (by identity: a changed evaluation is a new object; == compares fields)
        self._detailed = (qi.key, evaluation)
        scale = self.session.scale
        text = Text()
        text.append(f"\n{qi.heading}\n", style="bold")
        for said in self.query_one("#feedback", FeedbackNote).on_qi(qi.key):
            text.append_text(plain(f"{said}\n", style="bold"))
        if context := qi_context(qi):
            text.append(f"{context}\n", style="italic")
        text.append("Ratings: ", style="italic")
        text.append(f"{spread(qi.counts, scale)}\n")
        text.append(f"{qi.why}\n")
        if qi.without_evidence:
            text.append(f"{no_evidence(qi.without_evidence)}.\n", style="italic")
        if qi.narrative:  # empty where the reason gives the share good or better already
            text.append(f"{qi.narrative}\n")
        judgement = evaluation.qi.get(qi.key)
        target = evaluation.targets.get(qi.key)
        if target is not None:
            by = f" by {day_text(target.by)}" if target.by else ""
            text.append("Our target: ", style="italic")
            text.append(f"{scale.label(target.level)}{by}\n")
        if judgement and judgement.reason:
            text.append("Why we chose our level: ", style="italic")
            text.append_text(plain(judgement.reason))
            text.append("\n")
        text.append("\nStrengths\n", style="bold underline")
        if not qi.strengths:
            text.append("  None rated very good or better yet.\n")
        for strength in qi.strengths:
            text.append(f"  • ({strength.word}) ", style="bold")
            text.append(f"{strength.text}\n")
            if strength.evidence.strip():
                text.append("    How we know: ", style="italic")
                text.append_text(plain(strength.evidence.strip()))
                text.append("\n")
        text.append("\nNext steps (a: put them in our action plan)\n", style="bold underline")
        if not qi.next_steps:
            text.append("  None offered: nothing is rated low enough to need one.\n")
        adopted = {a.source for a in evaluation.actions if a.qi == qi.key}
        for step in qi.next_steps:
            text.append("  ✓ " if step.action_id in adopted else "  • ", style="bold")
            if step.urgent:
                text.append("URGENT, act now: ", style="bold reverse")
            text.append(f"{step.text}\n")
            if step.action_id in adopted:
                text.append("    in our action plan\n", style="bold")
            text.append(f"    why: {step_reason(step, scale)}\n", style="italic")
        self.query_one("#qi-detail", Static).update(text)

    def _judge(self, level: int) -> None:
        qi = self._current()
        if qi is None:
            return
        scale = self.session.scale
        if level not in scale.by_value:
            self.notify(f"Choose a level from 1 to {scale.highest}.", severity="warning")
            return

        def save(reason: str | None) -> None:
            try:
                self.session.confirm_level(qi.key, qi.suggested, level, reason or "")
            except SelfevalError as exc:
                self.query_one("#status", SaveStatus).failed(exc)
            else:
                self.query_one("#status", SaveStatus).report(self.session)
                self._warn_unagreed(qi)
            self._fill()

        if qi.suggested is not None and level != qi.suggested:
            suggested = scale.label(qi.suggested)
            warning = (
                "A safeguarding statement here is rated weak or unsatisfactory: an inspector "
                f"would not accept more than {suggested} until it is put right."
                if qi.urgent and level > qi.suggested
                else ""
            )
            self.app.push_screen(ReasonScreen(scale.label(level), suggested, warning), save)
        else:
            save("")

    def _warn_unagreed(self, qi: QIResult) -> None:
        """Say where the level just agreed rests on ratings nobody agreed in moderation."""
        from selfeval.moderation.agree import still_to_agree

        if n := still_to_agree(self.session.evaluation, qi.statement_ids):
            rated = "1 of its ratings is" if n == 1 else f"{n} of its ratings are"
            self.notify(
                f"Agreed for {qi.heading}, but {rated} still to agree in moderation (they "
                "were typed into the team's file): the level rests on them.",
                severity="warning",
                timeout=15,
                markup=False,
            )

    def action_set_level(self, level: int) -> None:
        self._judge(level)

    def action_confirm(self) -> None:
        qi = self._current()
        if qi is None:
            return
        if qi.suggested is None:
            scale = self.session.scale
            self.notify(
                f"No suggestion to agree with yet. {qi.why} Or choose your own level with "
                f"{scale.lowest} to {scale.highest}.",
                severity="warning",
            )
            return
        self._judge(qi.suggested)

    def action_next_steps(self) -> None:
        qi = self._current()
        if qi is not None:
            self.app.push_screen(NextStepsScreen(self.session, qi))

    def action_target(self) -> None:
        qi = self._current()
        if qi is None:
            return
        scale = self.session.scale
        if qi.confirmed is not None:
            now_words = f"agreed {scale.label(qi.confirmed)}"
        elif qi.suggested is not None:
            now_words = f"suggested {scale.label(qi.suggested)}, not yet agreed"
        else:
            now_words = "no level yet"
        self.app.push_screen(TargetScreen(self.session, qi, now_words))

    def action_action_plan(self) -> None:
        self.app.push_screen(ActionPlanScreen(self.session, self.action_export))

    def action_history(self) -> None:
        self.app.push_screen(HistoryScreen(self.session.evaluation))

    def action_undo(self) -> None:
        """Undo the last change made in this window, and highlight the QI it changed back."""
        undone = undo_said(self, self.session)
        self._fill()
        table = self.query_one("#qis", DataTable)
        qi = undone.qi if undone else None
        if qi is not None and qi in table.rows:
            table.move_cursor(row=table.get_row_index(qi))

    def on_screen_resume(self) -> None:
        self.query_one("#feedback", FeedbackNote).look(self.session.evaluation)  # new since?
        if self.session.evaluation is not self._filled:  # changed by a form or plan opened here
            self._fill()
            self.query_one("#status", SaveStatus).resumed(self.session)

    def action_export(self) -> None:
        """Write the plan beside the evaluation, off the event loop (drawing its chart and
        writing Word takes a second or two): the screen goes on answering meanwhile."""
        self.notify("Writing the improvement plan…", timeout=3)
        self.run_worker(self._export, thread=True, group="export", exclusive=True)

    def _export(self) -> None:
        from selfeval.report.plan import export_plan  # loads the charts only when asked

        session = self.session
        try:
            written = export_plan(self.result, session.evaluation, session.framework, session.path)
        except (OSError, SelfevalError) as exc:
            self.app.call_from_thread(self._not_exported, exc)
            return
        self.app.call_from_thread(self._exported, written)

    def _not_exported(self, exc: OSError | SelfevalError) -> None:
        """Say why the plan was not written, a path it names on a line of its own (whole,
        or its end), not broken across lines."""
        if isinstance(exc, OSError) and exc.filename:
            said = f"{exc.strerror or exc}: {exc.filename}"
        else:
            said = str(exc)
        room = toast_room(self.app.size.width)
        folder = re.escape(str(self.session.path.parent))
        said = re.sub(rf"{folder}[^\s'\"]*", lambda found: f"\n{shortened(found[0], room)}\n", said)
        lines = (line.strip() for line in f"Could not write the plan: {said}".splitlines())
        self.notify("\n".join(filter(None, lines)), severity="error", timeout=12, markup=False)

    def _exported(self, written: list[Path]) -> None:
        """Say where the plan is: its folder and the Word file's name each on a line of its
        own, whole or its end (wrapped as words, the path broke mid-name at 80 columns; one
        line shortened, only the name was left), in the notice and, once that has gone, the
        whole path in the status line (unless that says a save is failing)."""
        if self.app.is_web:
            self.app.deliver_binary(written[0])
        room = toast_room(self.app.size.width)
        word = written[0]
        self.notify(
            "Improvement plan written for Word, as Markdown with its chart and as a "
            "spreadsheet tracker of its actions, beside the evaluation, in the folder\n"
            f"{shortened(str(word.parent), room)}\nThe Word file:\n{shortened(word.name, room)}"
            + ("\nYour browser is downloading the Word file." if self.app.is_web else ""),
            timeout=10,
            markup=False,
        )
        status = self.query_one("#status", SaveStatus)
        if not status.has_class("-failed"):
            status.show_path(Text("✓ Plan written: ", style="bold"), str(written[0]))

    def action_complete(self) -> None:
        """Ask who is completing the evaluation (optional), then mark it complete."""
        self.app.push_screen(
            CompleteScreen(self.session.evaluation.completed_by, self._complete), self._completed
        )

    def _complete(self, completed_by: str | None) -> None:
        """Mark the evaluation complete (ValueError: the name cannot be kept; the form says
        why). A save that fails is said in the status line, as every other."""
        status = self.query_one("#status", SaveStatus)
        try:
            self.session.complete(completed_by)
        except SelfevalError as exc:
            status.failed(exc)
        else:
            status.report(self.session)

    def _completed(self, completed_by: str | None) -> None:
        if completed_by is None or self.session.pending:  # Esc, or the status says NOT SAVED
            return
        by = self.session.evaluation.completed_by
        self.notify(
            f"Marked as complete{f', by {by}' if by else ''}. You can still change answers at "
            "any time.",
            markup=False,
        )

    def on_feedback_note_read(self) -> None:
        self._detailed = ("", None)  # the QI's details again, with what was said of it
        self._show_detail()

    def action_hand_in(self) -> None:
        offer_hand_in(self, self.session, self._handed_in)

    def _handed_in(self, handed: HandedIn | None) -> None:
        """Say where the hand-in went and which version, or that it is not yet recorded."""
        if handed is None:
            return
        status = self.query_one("#status", SaveStatus)
        status.report(self.session)
        said = handed_in_said(handed, self.session.pending, toast_room(self.app.size.width))
        self.notify(said, timeout=15, markup=False)
        if not self.session.pending:
            status.show_path(Text("✓ Handed in: ", style="bold"), str(handed.path))
        self.query_one("#feedback", FeedbackNote).look(self.session.evaluation)

    def action_close(self) -> None:
        self.dismiss(None)
