"""A nursery manager's journey: every screen an ELC setting sees, every statement, the results,
the help, the plan and `selfeval score`, read as the manager reads them, holds no school-only
words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Collapsible

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import Framework, load_framework
from selfeval.report.markdown import result_markdown
from selfeval.report.result import result_text
from selfeval.scoring import score
from selfeval.tui import make_app

from .conftest import REPO
from .tui_helpers import screen_text

SCHOOL_WORDS = re.compile(
    r"\b(pupils?|lessons?|teachers?|subject choices?|assembl(y|ies)|department|"
    r"attainment data|timetable|benchmarks|learners?|classroom|through the school)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


async def test_every_screen_a_nursery_sees_speaks_nursery(stem: Framework, tmp_path: Path) -> None:
    store = EvaluationStore(tmp_path)
    session = EvaluationSession.start(store, stem, Setting(name="Wee Acorns", stage="elc"))
    asked = stem.statements_for("elc")
    app = make_app(stem, store, session)
    found: list[tuple[str, str]] = []
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        for n in range(len(asked)):
            if app.screen.query_one("#challenge", Collapsible).collapsed:
                await pilot.press("c")  # what the QI asks, its journey and challenge questions
                await pilot.pause()
            text = screen_text(app)
            assert "What it asks:" in text and "The journey:" in text
            found += [(asked[n].id, m.group(0)) for m in SCHOOL_WORDS.finditer(text)]
            await pilot.press(str(1 + n % 4), "right")  # rate low: next steps
            await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        for _ in range(len(stem.sections)):
            found += [("results", m.group(0)) for m in SCHOOL_WORDS.finditer(screen_text(app))]
            await pilot.press("down")
            await pilot.pause()
        await pilot.press("ctrl+q")
    assert len(session.evaluation.answers) == len(asked)  # every statement was seen
    result = score(session.evaluation, stem)
    plan = result_markdown(result, session.evaluation, stem)
    said = result_text(result, session.evaluation, stem)  # what `selfeval score` prints
    found += [("score", m.group(0)) for m in SCHOOL_WORDS.finditer(said)]
    # the STEM Nation Award's own criterion name is a proper name, quoted as published
    plan = plan.replace("STEM curriculum and learner pathways", "")
    found += [("plan", m.group(0)) for m in SCHOOL_WORDS.finditer(plan)]
    assert not found, sorted(set(found))
