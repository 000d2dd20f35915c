"""The app on a 300-statement framework: first screen, rating, overview and results.

Run: python benchmarks/bench_tui_large.py [STATEMENTS]   (default 300)
Every figure is driven in-process by Textual's Pilot and printed as a ratio against the same
step on a bare Textual app with a comparable widget count, measured in the same run.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static, TextArea

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


class Bare(App[None]):
    """A bare app with about as many widgets as the statement screen."""

    def compose(self) -> ComposeResult:
        yield Static("heading")
        with VerticalScroll():
            for n in range(16):
                yield Static(f"line {n}")
            yield TextArea()
            yield TextArea()
        yield Static("status")
        yield Footer()


async def _timed(step: object) -> float:
    start = time.perf_counter()
    await step  # type: ignore[misc]
    return time.perf_counter() - start


async def measure(statements: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        framework = load_framework(large_framework(folder, statements))
        store = EvaluationStore(folder / "responses")

        bare = Bare()
        start = time.perf_counter()
        async with bare.run_test() as pilot:
            bare_start = time.perf_counter() - start
            bare_key = await _timed(pilot.press("x"))
        session = EvaluationSession.start(store, framework, Setting(name="B", stage="primary"))
        app = make_app(framework, store, session)
        start = time.perf_counter()
        async with app.run_test() as pilot:
            first = time.perf_counter() - start
            ratings = []
            for n in range(min(100, len(framework.statements) - 1)):  # never past the last
                ratings.append(await _timed(pilot.press(str(1 + n % 6))))
                await pilot.press("right")
            rating = sorted(ratings)[len(ratings) // 2]
            overview = await _timed(pilot.press("o"))
            await pilot.pause()
            assert isinstance(app.screen, OverviewScreen)
            await pilot.press("escape")
            results = await _timed(pilot.press("r"))
            await pilot.pause()
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("ctrl+q")
    n = len(framework.statements)
    key = "a keypress on a bare app"
    return [
        Row(f"{n} statements: first interactive screen", first, "bare app, similar widgets",
            bare_start),
        Row(f"{n} statements: rating saved (median)", rating, key, bare_key),
        Row(f"{n} statements: overview open", overview, key, bare_key),
        Row(f"{n} statements: results open", results, key, bare_key),
    ]  # fmt: skip


def rows(statements: int = 300) -> list[Row]:
    """The app on a large framework, each step against a bare app (Pilot, in-process)."""
    return asyncio.run(measure(statements))


if __name__ == "__main__":
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
