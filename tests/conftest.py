"""Shared fixtures: tests never touch a user's files, and the golden corpus becomes test cases."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from selfeval.evaluation import EvaluationSession
    from selfeval.tui.app import SelfevalApp

os.environ.setdefault("MPLBACKEND", "Agg")

# Tests wait on conditions, never on time: hypothesis's per-example deadline failed a property
# test whose first example loaded the framework on a busy machine (509 ms against 200 ms).
settings.register_profile("selfeval", deadline=None)
settings.load_profile("selfeval")

DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"
REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SELFEVAL_SHARED_DATA") or REPO.parent / "shared" / "data")
"""The published spreadsheets, beside the repository (or where SELFEVAL_SHARED_DATA says: a
worktree kept elsewhere); the tests that need them are skipped where they are not."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each ``tests/data/invalid/NAME.toml`` is one case: adding a bad file needs no test code."""
    if "invalid_case" in metafunc.fixturenames:
        cases = sorted(INVALID.glob("*.toml"))
        metafunc.parametrize("invalid_case", cases, ids=[case.stem for case in cases])


@pytest.fixture(autouse=True)
def _isolated_responses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the default responses and cache folders, and the settings file, at temporary
    ones for every test."""
    folder = tmp_path / "responses"
    monkeypatch.setenv("SELFEVAL_RESPONSES", str(folder))
    monkeypatch.setenv("SELFEVAL_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SELFEVAL_CONFIG", str(tmp_path / "config" / "config.toml"))
    return folder


TODAY = date(2026, 11, 2)
"""The day every test runs on, as far as actions' due dates go: a plan's "overdue" must not
change with the day the tests are run."""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Today is `TODAY`, for an action's being overdue."""
    monkeypatch.setattr("selfeval.evaluation.actions.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the bundled frameworks folder, so its files can be edited."""
    folder = tmp_path / "frameworks"
    shutil.copytree(REPO / "frameworks", folder)
    return folder / "stem.toml"


@pytest.fixture
def minimal_framework_path() -> Path:
    """The small valid framework every feature is tried on."""
    return DATA / "valid" / "minimal.toml"


@pytest.fixture
def stem_path() -> Path:
    """The bundled STEM framework in this checkout."""
    return REPO / "frameworks" / "stem.toml"


@pytest.fixture
def oakfield(stem_path: Path, tmp_path: Path) -> EvaluationSession:
    """A new evaluation of a primary school on the bundled STEM framework, open."""
    from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
    from selfeval.framework import load_framework

    store = EvaluationStore(tmp_path / "responses")
    setting = Setting(name="Oakfield", stage="primary")
    return EvaluationSession.start(store, load_framework(stem_path), setting)


@pytest.fixture
def ran_headless(monkeypatch: pytest.MonkeyPatch) -> list[SelfevalApp]:
    """`selfeval`'s app run headless, as far as its first frame and what follows it (a
    reopened evaluation's session opens then), and recorded."""
    from textual.pilot import Pilot

    from selfeval.tui.app import SelfevalApp

    apps: list[SelfevalApp] = []
    run = SelfevalApp.run

    def first_frame(self: SelfevalApp, *args: object, **kwargs: object) -> None:
        apps.append(self)

        async def pause_then_exit(pilot: Pilot[object]) -> None:
            await pilot.pause()
            await pilot.pause()
            pilot.app.exit()

        run(self, headless=True, auto_pilot=pause_then_exit)

    monkeypatch.setattr(SelfevalApp, "run", first_frame)
    monkeypatch.setattr("selfeval.tui.launch.has_terminal", lambda: True)
    return apps


@pytest.fixture(scope="session")
def demo40(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demonstration authority of 40 settings (schools and nurseries), made once a worker:
    read, never written."""
    from selfeval.demo import DemoPlan, make_demo
    from selfeval.framework.catalog import find_framework

    folder = tmp_path_factory.mktemp("demo40")
    make_demo(folder, find_framework("stem")[1], DemoPlan(settings=40))
    return folder
