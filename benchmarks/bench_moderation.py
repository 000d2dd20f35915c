"""Moderation of many colleagues' views against the results screen of one evaluation.

Run: python benchmarks/bench_moderation.py [VIEWS]   (default 30)
Both are measured in the same run, in a running app (Textual's Pilot, in-process): the time
from asking for moderation (reading every contribution, building the table, opening the
setting's evaluation, drawing the screen) against the time to open the results screen of one
evaluation. The target is under 2x.
"""

from __future__ import annotations

import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.evaluation.model import Contributor, Evaluation
from selfeval.framework.catalog import find_framework
from selfeval.tui import make_app
from selfeval.tui.screens.moderation import ModerationScreen
from selfeval.tui.screens.results import ResultsScreen

SETTING = Setting(name="Bench Primary", stage="primary")


def _views(store: EvaluationStore, count: int) -> None:
    """*count* colleagues' views, each rating every statement asked of a primary school."""
    _, framework = find_framework()
    rng = random.Random(3)
    asked = framework.statements_for("primary")
    for n in range(count):
        who = Contributor(role="teacher", name=f"Teacher {n}")
        session = EvaluationSession.start(store, framework, SETTING, who)
        ratings = {statement.id: rng.randint(2, 6) for statement in asked}

        def rate_all(evaluation: Evaluation, ratings: dict[str, int] = ratings) -> Evaluation:
            for sid, rating in ratings.items():
                answer = evaluation.answer(sid).model_copy(update={"rating": rating})
                evaluation = evaluation.with_answer(sid, answer)
            return evaluation

        session.apply(rate_all)  # one save per view
        session.close()


async def measure(count: int) -> list[Row]:
    from selfeval.moderation.agree import open_agreed
    from selfeval.moderation.gather import gather
    from selfeval.moderation.table import moderation_table

    _, framework = find_framework()
    with tempfile.TemporaryDirectory() as tmp:
        store = EvaluationStore(Path(tmp))
        _views(store, count)
        other = Setting(name="Results Primary", stage="primary")  # not the one moderated
        one = EvaluationSession.start(store, framework, other)
        for statement in framework.statements_for("primary")[:40]:
            one.rate(statement.id, 4)
        app = make_app(framework, store, one)
        async with app.run_test() as pilot:
            await pilot.pause()
            results = []
            for _ in range(5):
                start = time.perf_counter()
                app.push_screen(ResultsScreen(one))
                await pilot.pause()
                results.append(time.perf_counter() - start)
                assert isinstance(app.screen, ResultsScreen)
                await pilot.press("escape")
                await pilot.pause()
            moderations = []
            for _ in range(3):
                start = time.perf_counter()
                (group,) = gather([store.folder], framework).groups
                table = moderation_table(group, framework)
                session = open_agreed(table, framework)
                app.push_screen(ModerationScreen(table, session))
                await pilot.pause()
                moderations.append(time.perf_counter() - start)
                assert isinstance(app.screen, ModerationScreen)
                await pilot.press("escape")
                await pilot.pause()
                session.close()
            await pilot.press("ctrl+q")
    return [
        Row(
            f"moderation of {count} views opens",
            min(moderations),
            "results screen of one evaluation",
            min(results),
        )
    ]


def rows(count: int = 30) -> list[Row]:
    """Moderation against the results screen, measured in the same run."""
    return asyncio.run(measure(count))


if __name__ == "__main__":
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 30))
