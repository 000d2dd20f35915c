"""TUI responsiveness: start-up against a bare Textual app, and keypress-to-saved-file latency.

Run: python benchmarks/bench_tui.py
1. Start-up: a fresh process that starts the app headless and exits at its first screen, against
   a fresh process doing the same with a bare Textual app of a comparable widget count (~30).
   Both include interpreter start and imports, as a user's start does. Two of ours: the
   `selfeval` command to its start screen (what a user meets first), and `selfeval --setting
   Bench --stage primary` straight onto its first statement (as a headteacher reopens theirs).
   The compiled framework is in a cache of the run's own (the first of the five starts makes
   it, as a user's first start does). A reopened evaluation's statement is drawn before its
   session opens (from a first look at the file); a third row times the start to the open
   session, from when a key is handled.
2. Rating latency: 100 ratings (digit, then →) driven by Pilot; each rating is saved to disk
   before the key handler returns. Baseline: the same keys sent to a bare app that ignores them.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table, run_measured

BARE = """
from textual.app import App
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static, TextArea
class Bare(App):
    def compose(self):
        yield Static("heading")
        with VerticalScroll():
            for n in range(24):
                yield Static(f"line {n}")
            yield TextArea()
            yield TextArea()
        yield Static("status")
        yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.exit)
Bare().run(headless=True)
"""

COMMAND = """
import sys
from textual.app import App
run = App.run
def first_screen(self, *args, **kwargs):
    self.call_later(lambda: self.call_after_refresh(self.exit))
    return run(self, headless=True)
App.run = first_screen
import selfeval.tui.launch as launch
launch.has_terminal = lambda: True  # headless here, where a user has a terminal
from selfeval.cli import main
sys.exit(main(["--responses", *sys.argv[1:]]))
"""
"""The `selfeval` command as a user runs it, exiting at its first screen."""

READY = COMMAND.replace(
    "    self.call_later(lambda: self.call_after_refresh(self.exit))\n",
    "    def ready():\n"
    "        if self.session is None:\n"
    "            return self.set_timer(0.001, ready)\n"
    "        self.exit()\n"
    "    self.call_later(lambda: self.call_after_refresh(ready))\n",
)
"""The same, exiting once its evaluation is open: a reopened evaluation's first statement is
drawn before its session opens, and keys wait for the session."""
assert READY != COMMAND


def _start_time(code: str, *args: str, repeat: int = 5) -> tuple[float, float]:
    """Best wall time of *repeat* fresh processes, and the peak memory (MB) of one of them."""
    import os

    env = {**os.environ, "SELFEVAL_CACHE": str(Path(args[0]) / "cache")} if args else None
    runs = [run_measured(["-c", code, *args], env) for _ in range(repeat)]
    return min(seconds for seconds, _ in runs), max(peak for _, peak in runs)


async def _latency(folder: Path) -> tuple[float, float]:
    from textual.app import App

    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.framework.catalog import find_framework
    from selfeval.tui import make_app

    _, framework = find_framework("stem")
    store = EvaluationStore(folder)
    session = EvaluationSession.start(store, framework, Setting(name="Lat", stage="primary"))
    app = make_app(framework, store, session)
    async with app.run_test() as pilot:
        start = time.perf_counter()
        for n in range(100):
            await pilot.press(str(1 + n % 6), "right")
        ours = (time.perf_counter() - start) / 100
        await pilot.press("ctrl+q")
    answered = sum(1 for a in session.evaluation.answers.values() if a.rating)
    asked = len(framework.statements_for("primary"))
    assert answered == min(100, asked), (answered, asked)  # past the last, keys re-rate it
    bare = App[None]()
    async with bare.run_test() as pilot:
        start = time.perf_counter()
        for n in range(100):
            await pilot.press(str(1 + n % 6), "right")
        baseline = (time.perf_counter() - start) / 100
    return ours, baseline


def rows() -> list[Row]:
    """Cold start of the app (new process) and rating latency, against a bare Textual app."""
    with tempfile.TemporaryDirectory() as tmp:
        bare, bare_mb = _start_time(BARE)
        command, command_mb = _start_time(COMMAND, tmp)
        reopen = [tmp, "--setting", "Bench", "--stage", "primary"]
        ours, ours_mb = _start_time(COMMAND, *reopen)
        ready, _ = _start_time(READY, *reopen)
        latency, baseline = asyncio.run(_latency(Path(tmp) / "lat"))
    return [
        Row(
            "`selfeval`, new process, to the start screen",
            command,
            "bare Textual app, same",
            bare,
            f"peak {command_mb:.0f} MB (bare {bare_mb:.0f} MB)",
        ),
        Row(
            "`selfeval --setting ... --stage ...`, new process, to its first statement",
            ours,
            "bare Textual app, same",
            bare,
            f"peak {ours_mb:.0f} MB (bare {bare_mb:.0f} MB)",
        ),
        Row(
            "the same, until its session is open (a key is handled from then)",
            ready,
            "bare Textual app, same",
            bare,
        ),
        Row("rating (digit + right), saved to disk", latency, "same keys, bare app", baseline),
    ]


def main() -> None:
    print_table(rows())


if __name__ == "__main__":
    main()
