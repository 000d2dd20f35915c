"""The app on a 300-statement framework: first screen, rating, overview and results.

Run: python benchmarks/bench_tui_large.py [STATEMENTS]   (default 300)
Every figure is driven in-process by Textual's Pilot and printed as a ratio against the same
step on a bare Textual app measured in the same run. Pilot waits for the app to be idle in
20 ms slices, so times move in steps of about 20 ms.

Baselines: a bare app's first key (issue 15 set its targets against it; its app is still
settling after start, so it takes over twice a settled key), a settled key, and the bare app
opening a screen, of one line or of the results screen's widgets: what Textual itself takes
to open such a screen, which no screen of ours can beat.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

import tomli_w

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static, TextArea

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import load_framework
from selfeval.paths import bundled_frameworks_dir
from selfeval.tui import make_app
from selfeval.tui.screens.overview import OverviewScreen
from selfeval.tui.screens.results import ResultsScreen

QIS = ["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7",
       "3.1", "3.2", "3.3"]  # fmt: skip


def large_framework(folder: Path, statements: int) -> Path:
    """A framework of *statements* statements over the 15 QIs, using the bundled catalogue."""
    per_section = max(1, statements // len(QIS))
    sections = []
    for n, qi in enumerate(QIS):
        themes = []
        for t in range(4):
            count = per_section // 4 + (1 if t < per_section % 4 else 0)
            themes.append({
                "id": f"s{n}-t{t}",
                "title": f"Theme {t + 1}",
                "statements": [
                    {"id": f"s{n}-t{t}-{k}", "text": f"We do thing {k} of theme {t} well.",
                     "evidence_prompts": ["What shows it"]}
                    for k in range(count)
                ],
            })  # fmt: skip
        sections.append({
            "id": f"section-{n}",
            "qi": [{"framework": "hgios4", "id": qi}],
            "themes": [t for t in themes if t["statements"]],
            "improvement_actions": [{"id": f"a{n}", "text": "Do better.", "when_at_most": 3}],
        })  # fmt: skip
    data = {
        "id": "large", "version": "1.0", "title": "Large", "based_on": "a benchmark",
        "scale": "hgios-six-point",
        "include": [str(bundled_frameworks_dir() / "common" / name)
                    for name in ("hgios.toml", "elc-qif.toml", "stages.toml")],
        "sections": sections,
    }  # fmt: skip
    path = folder / "large.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


class Shown(Screen[None]):
    """A screen a bare app opens: one line, or (*like_results*) the results screen's widgets:
    a heading, a table of 15 rows beside a scrolling detail and chart, a status line and keys."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back"),
                *(Binding(k, "app.bell", k) for k in "catpx")]  # fmt: skip

    def __init__(self, like_results: bool) -> None:
        super().__init__()
        self.like_results = like_results

    def compose(self) -> ComposeResult:
        yield Static("Results: " + "words " * 40)
        if not self.like_results:
            return
        with Horizontal():
            yield DataTable(cursor_type="row", zebra_stripes=True)
            with VerticalScroll():
                yield Static("detail\n" * 30)
                yield Static("Profile")
                yield Static("chart\n" * 15)
        yield Static("status")
        yield Footer()

    def on_mount(self) -> None:
        if self.like_results:
            table = self.query_one(DataTable)
            table.add_columns("QI", "Rated", "Suggested", "Our evaluation")
            for n in range(15):
                table.add_row(f"1.{n}", "20/20", "very good", "to agree")
            table.focus()


class Bare(App[None]):
    """A bare app with about as many widgets as the statement screen; o and r open a screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "show(False)"),
        Binding("r", "show(True)"),
    ]

    def compose(self) -> ComposeResult:
        yield Static("heading")
        with VerticalScroll():
            for n in range(16):
                yield Static(f"line {n}")
            yield TextArea()
            yield TextArea()
        yield Static("status")
        yield Footer()

    def action_show(self, like_results: bool) -> None:
        self.push_screen(Shown(like_results))


async def _timed(step: object) -> float:
    start = time.perf_counter()
    await step  # type: ignore[misc]
    return time.perf_counter() - start


def _median(times: list[float]) -> float:
    return sorted(times)[len(times) // 2]


async def _opened(pilot: Pilot[None], key: str, times: int, between: tuple[str, ...] = ()) -> float:
    """The median time *key* takes to open a screen (Esc closes it; *between* is pressed
    before each opening but the first)."""
    found = []
    for n in range(times):
        if n and between:
            await pilot.press(*between)
        found.append(await _timed(pilot.press(key)))
        await pilot.press("escape")
    return _median(found)


async def _bare() -> dict[str, float]:
    """A bare app's figures: its start, its first key (start-up still settling, the issue's
    baseline), a settled key, and opening a one-line screen and one like the results."""
    bare = Bare()
    start = time.perf_counter()
    async with bare.run_test() as pilot:
        found = {"start": time.perf_counter() - start}
        found["first key"] = await _timed(pilot.press("x"))
        found["key"] = _median([await _timed(pilot.press("x")) for _ in range(9)])
        found["empty screen"] = await _opened(pilot, "o", 5)
        found["results-like screen"] = await _opened(pilot, "r", 5)
    return found


async def measure(statements: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        framework = load_framework(large_framework(folder, statements))
        store = EvaluationStore(folder / "responses")
        bare = await _bare()
        session = EvaluationSession.start(store, framework, Setting(name="B", stage="primary"))
        app = make_app(framework, store, session)
        start = time.perf_counter()
        async with app.run_test() as pilot:
            first = time.perf_counter() - start
            ratings = []
            for n in range(min(100, len(framework.statements) - 1)):  # never past the last
                ratings.append(await _timed(pilot.press(str(1 + n % 6))))
                await pilot.press("enter")
            rating = _median(ratings)
            await pilot.press("o")
            assert isinstance(app.screen, OverviewScreen)
            await pilot.press("escape")
            overview = await _opened(pilot, "o", 5)  # built anew each time
            results = await _timed(pilot.press("r"))  # built: once a session
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("escape")
            again = await _opened(pilot, "r", 5, between=("4", "enter"))
            await pilot.press("ctrl+q")
    n = len(framework.statements)
    first_key = "the bare app's first key (the issue's baseline)"
    return [
        Row(f"{n} statements: first interactive screen", first, "bare app, similar widgets",
            bare["start"]),
        Row(f"{n} statements: rating saved (median)", rating, "a settled key on the bare app",
            bare["key"]),
        Row(f"{n} statements: overview open (median)", overview, first_key, bare["first key"]),
        Row(f"{n} statements: overview open (median)", overview, "bare app opens a one-line screen",
            bare["empty screen"]),
        Row(f"{n} statements: results open", results, first_key, bare["first key"]),
        Row(f"{n} statements: results open", results, "bare app opens a results-like screen",
            bare["results-like screen"]),
        Row(f"{n} statements: results again, after a rating (median)", again,
            "bare app opens a one-line screen", bare["empty screen"]),
        Row("bare app: a settled key", bare["key"], first_key, bare["first key"]),
    ]  # fmt: skip


def rows(statements: int = 300) -> list[Row]:
    """The app on a large framework, each step against a bare app (Pilot, in-process)."""
    return asyncio.run(measure(statements))


if __name__ == "__main__":
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
