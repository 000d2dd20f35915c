"""The selfeval app: routes between screens and owns the open evaluation session.

It holds no scoring or storage logic of its own: screens call the session, and the session
saves. It is built one way, from an `Opening`: `selfeval.tui.factory` makes one for the CLI
and the tests, on the start screen, a reopened evaluation or an open session.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from selfeval.errors import SelfevalError
from selfeval.evaluation.folder import has_evaluations
from selfeval.settling import settle
from selfeval.tui.keyorder import handle_keys_typed_before, queue_edit
from selfeval.tui.opening import Opening, Reopening, begun, tell_opened

if TYPE_CHECKING:  # the start screen is drawn before these load (they need pydantic)
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import EvaluationStore
    from selfeval.framework.model import Framework
    from selfeval.moderation.table import Table
    from selfeval.tui.screens.moderation import ModerationScreen
    from selfeval.tui.screens.results import ResultsScreen
    from selfeval.tui.screens.start import StartScreen
    from selfeval.tui.screens.statement import StatementScreen

__all__ = ["SIGNAL_EXIT", "SelfevalApp"]

QUIT_PATIENCE = 1.0
"""Seconds quitting waits for a widget to handle the keys typed before Ctrl+Q."""

SIGNAL_EXIT = 143
"""The exit code after SIGTERM or SIGHUP: a clean stop, with everything saved."""


class SelfevalApp(App[None]):
    """Walks a setting through a framework, statement by statement."""

    CSS_PATH = "selfeval.tcss"
    TITLE = "selfeval"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # Tab moves focus as the key arrives, before the keys typed after it are handed to the
        # field in focus: as a screen binding it ran after them ("outcome<Tab>lead" typed fast,
        # pasted, or sent by a browser filled one field with both)
        Binding("tab", "focus_next", "Next field", show=False, priority=True),
        Binding("shift+tab", "focus_previous", "Previous field", show=False, priority=True),
    ]

    def __init__(self, opening: Opening) -> None:
        """The app on what *opening* says (the framework and the store are loaded when
        first used)."""
        super().__init__()
        self._opening = opening
        self._framework: Framework | None = None
        self._store = opening.store
        self.session = opening.session
        self.moderation = opening.moderation
        self.statements: StatementScreen | None = None
        self._results: ResultsScreen | None = None
        self._reopening: Reopening | None = None
        self.failure: SelfevalError | OSError | None = None
        """Why the app stopped without opening the evaluation it was asked to reopen."""

    @property
    def framework(self) -> Framework:
        """The framework, loaded on first use."""
        if self._framework is None:
            self._framework = self._opening.framework()
        return self._framework

    @property
    def reopened(self) -> bool:
        """Whether the app opened on a saved evaluation drawn from a first look at its file
        (its statement screen's facts are kept, then)."""
        return self._opening.reopen is not None

    @property
    def store(self) -> EvaluationStore:
        """The folder of evaluations, as a store (its module loads on first use)."""
        if self._store is None:
            from selfeval.evaluation.store import EvaluationStore

            self._store = EvaluationStore(self._opening.responses)
        return self._store

    def on_mount(self) -> None:
        self._save_on_signals()
        self.sub_title = self._opening.facts.title
        if self._opening.reopen is not None and self.session is None:
            self._preview(self._opening.reopen)  # settles once the session is open
            return
        if self.session is not None:
            self._work_on(self.session)
        else:
            from selfeval.tui.screens.start import StartScreen  # not on a reopening's way

            responses = self._opening.responses
            saved = self._saved if has_evaluations(responses) else None
            self.push_screen(StartScreen(self._opening.facts, str(responses), saved, self._loaded))
        self.call_after_refresh(settle)  # what the first frame needed stays: see settling

    def _loaded(self) -> Framework:
        return self.framework

    def _saved(self) -> EvaluationStore:
        """The folder's store (it, and what reads evaluations, load here: the start screen
        calls this once it is drawn)."""
        return self.store

    # --- opening an evaluation ------------------------------------------------------------

    def _preview(self, reopen: Reopening) -> None:
        """Show the statement the saved evaluation stopped at, from the first look at its
        file, and open the session as soon as that is on screen."""
        from selfeval.tui.screens.statement import StatementScreen  # off the start path

        self._reopening = reopen
        self.statements = StatementScreen.previewing(reopen.facts, reopen.glance)
        self.push_screen(self.statements)
        self.sub_title = f"{reopen.facts.title}: {reopen.glance.name}"
        # after the first frame, behind whatever was already waiting for it
        self.call_after_refresh(self.call_later, self._finish_opening)

    def _finish_opening(self) -> None:
        """Open the previewed evaluation in full and hand it to the statement screen; if it
        cannot be opened, stop, and say why on leaving (as if it had failed before the start)."""
        reopen, self._reopening = self._reopening, None
        if reopen is None:
            return
        try:
            session = reopen.open()
        except (SelfevalError, OSError) as exc:  # said as they are when the app cannot start
            self.failure = exc
            self.exit(return_code=1)
            return
        finally:
            settle()
        self.session = session
        self._framework, self._store = session.framework, session.store
        assert self.statements is not None
        self.statements.attach(session)
        tell_opened(self, session)

    async def on_event(self, event: events.Event) -> None:
        """Open a previewed evaluation in full before the first key or click is handled: the
        screen saves through the session."""
        if self._reopening is not None and isinstance(event, (events.InputEvent, events.Paste)):
            self._finish_opening()
            if self.failure is not None:
                return
        if isinstance(event, events.Key) and not event.is_forwarded and queue_edit(self, event):
            return
        await super().on_event(event)

    def exit(
        self, result: None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Stop; an evaluation still being previewed is then never opened."""
        self._reopening = None
        super().exit(result, return_code, message)

    def on_start_screen_begin(self, message: StartScreen.Begin) -> None:
        from selfeval.evaluation.session import EvaluationSession

        try:
            setting, contributor = begun(message)
        except ValueError:
            if start := self._start_screen():
                start.show_error("Type names and roles as plain words on one line.")
            return

        def opened() -> EvaluationSession:
            from selfeval.evaluation.opening import year_to_start

            year = year_to_start(self.store, self.framework, setting.name, contributor)
            return EvaluationSession.start(self.store, self.framework, setting, contributor, year)

        self._open(opened)

    def on_start_screen_moderate(self, message: StartScreen.Moderate) -> None:
        """Read the setting's views off the event loop (a shared folder can be slow), then
        open their moderation."""
        setting, year = message.setting, message.year
        self.run_worker(
            lambda: self._views_of(setting, year), thread=True, group="open", exclusive=True
        )

    def _views_of(self, setting: str, year: str) -> None:
        """In a worker thread: the views of *setting* in the school *year*, as a moderation
        table."""
        from selfeval.moderation.gather import group_of
        from selfeval.moderation.table import moderation_table

        group = group_of(self.store.folder, self.framework, setting, year)
        try:
            table = moderation_table(group, self.framework) if group else None
        except SelfevalError as exc:
            self.call_from_thread(self._refused, exc)
            return
        if table is not None:
            self.call_from_thread(self._moderate, table)

    def _refused(self, problem: SelfevalError) -> None:
        """Say on the start screen why the views could not be opened."""
        if start := self._start_screen():
            start.show_error(str(problem))

    def _moderate(self, table: Table) -> None:
        from selfeval.moderation.agree import open_agreed

        self.moderation = table
        self._open(lambda: open_agreed(table, self.framework))

    def on_start_screen_resume(self, message: StartScreen.Resume) -> None:
        from selfeval.evaluation.session import EvaluationSession

        path = message.stored.path
        self._open(lambda: EvaluationSession.open(self.store, self.framework, path))

    def _start_screen(self) -> StartScreen | None:
        """The start screen, if it is the one shown."""
        from selfeval.tui.screens.start import StartScreen

        return self.screen if isinstance(self.screen, StartScreen) else None

    def _open(self, opener: Callable[[], EvaluationSession]) -> None:
        try:
            session = opener()
        except SelfevalError as exc:
            if start := self._start_screen():
                start.show_error(str(exc))
            return
        self.session = session
        self._work_on(session)

    def _work_on(self, session: EvaluationSession) -> None:
        """Show the statements of *session* and, when moderating, the views above them."""
        self._show_session(session)
        if self.moderation is not None:
            from selfeval.tui.screens.moderation import ModerationScreen

            self.push_screen(ModerationScreen(self.moderation, session))

    def _show_session(self, session: EvaluationSession) -> None:
        from selfeval.tui.screens.statement import StatementScreen  # off the start path

        self.statements = StatementScreen.on(session)
        if self._start_screen():
            self.clear_notifications()  # "type the name first" and the like: answered now
            self.switch_screen(self.statements)
        else:
            self.push_screen(self.statements)
        self.sub_title = f"{self.framework.title}: {session.evaluation.setting.name}"
        tell_opened(self, session)

    # --- moving around --------------------------------------------------------------------

    def on_moderation_screen_show_results(self, message: ModerationScreen.ShowResults) -> None:
        self.push_screen(self._results_of(message.session))

    def on_statement_screen_leave(self, message: StatementScreen.Leave) -> None:
        {"overview": self.action_overview, "review": self.action_review,
         "results": self.action_results}[message.to]()  # fmt: skip

    def action_help(self) -> None:
        from selfeval.tui.screens.help import HelpScreen  # loaded when first asked for

        if not isinstance(self.screen, HelpScreen):
            scale = self.session.scale if self.session else self.framework.rating_scale
            rows, intro = getattr(self.screen, "KEY_HELP", (None, None))  # a screen's own keys
            self.push_screen(HelpScreen(scale, rows, intro))

    def _leave_statement(self) -> bool:
        if self.session is None or self.statements is None:
            self.notify("Start or choose an evaluation first.")
            return False
        self.statements.flush_text()
        return True

    def action_overview(self) -> None:
        # the overview and review screens (and the scoring they show) load when first asked
        # for: they are not on the way to the first statement
        from selfeval.tui.screens.overview import OverviewScreen

        if not self._leave_statement() or isinstance(self.screen, OverviewScreen):
            return
        assert self.session is not None
        assert self.statements is not None
        self._go_back_to_statements()
        self.push_screen(OverviewScreen(self.session, self.statements.statement_id), self._jump_to)

    def action_review(self) -> None:
        from selfeval.tui.screens.review import ReviewScreen

        if not self._leave_statement() or isinstance(self.screen, ReviewScreen):
            return
        assert self.session is not None
        self._go_back_to_statements()
        self.push_screen(ReviewScreen(self.session), self._after_review)

    def action_results(self) -> None:
        # loaded when first asked for: with its plan and action forms it is a tenth of start-up
        from selfeval.tui.screens.results import ResultsScreen

        if not self._leave_statement() or isinstance(self.screen, ResultsScreen):
            return
        assert self.session is not None
        self._go_back_to_statements()
        self.push_screen(self._results_of(self.session))

    def _results_of(self, session: EvaluationSession) -> ResultsScreen:
        """The results screen of *session*, kept between openings: built once (a table,
        details, chart and footer: most of the time it takes to open), then brought back
        and refilled only where the evaluation changed (a third of the time)."""
        from selfeval.tui.screens.results import ResultsScreen

        kept = self._results
        if kept is not None and kept.session is session:
            return kept
        if kept is not None:  # another evaluation's: let it go
            self.uninstall_screen(kept)
            kept.remove()
        self._results = ResultsScreen(session)
        self.install_screen(self._results, "results")
        return self._results

    def _go_back_to_statements(self) -> None:
        while len(self.screen_stack) > 1 and self.screen is not self.statements:
            self.pop_screen()

    def _jump_to(self, statement_id: str | None) -> None:
        if statement_id and self.statements is not None:
            self.statements.go_to(statement_id)

    def _after_review(self, choice: str | None) -> None:
        from selfeval.tui.screens.review import RESULTS

        if choice == RESULTS:
            self.action_results()
        else:
            self._jump_to(choice)

    # --- closing --------------------------------------------------------------------------

    async def action_quit(self) -> None:
        await handle_keys_typed_before(self.screen, QUIT_PATIENCE)
        self._close_session()
        self.exit()

    def _close_session(self) -> None:
        if self.statements is not None:
            self.statements.flush_text()
        if self.session is not None:
            self.session.close()

    def on_unmount(self) -> None:
        self._close_session()

    def _save_on_signals(self) -> None:
        """Closing the terminal window (SIGHUP) or being told to stop (SIGTERM) saves what was
        typed and quits cleanly. The handler runs on the event loop, between two events, so it
        never interrupts a save. (Windows has neither signal; its console closes the process.)"""
        loop = asyncio.get_running_loop()
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self._stop_on_signal)

    def _stop_on_signal(self) -> None:
        self._close_session()
        self.exit(return_code=SIGNAL_EXIT)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and the rating scale", self.action_help)
        if self.session is not None:
            yield SystemCommand("Overview", "Progress per quality indicator", self.action_overview)
            yield SystemCommand("Unanswered", "Review what is not answered", self.action_review)
            yield SystemCommand(
                "Results", "Suggested levels, strengths, next steps", self.action_results
            )
