"""What each screen looks like at 80x24 (a small laptop terminal) and 160x45, as SVG snapshots.

pytest-textual-snapshot keeps the accepted pictures under ``tests/__snapshots__/``. After an
intended change to a screen, rewrite them with ``python -m pytest tests/test_snapshots.py
--snapshot-update`` and look at the new SVGs (a browser shows them) before committing.
The clock, the time zone and the folder are fixed so that pictures compare across machines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app

from .conftest import REPO
from .tui_helpers import listed

FIXED = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
SIZES = {"80x24": (80, 24), "160x45": (160, 45)}
SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EvaluationStore:
    """A store in a folder that reads "responses" everywhere, on a stopped clock in UTC."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    for module in ("model", "session", "store"):
        monkeypatch.setattr(f"selfeval.evaluation.{module}.now", lambda: FIXED)
    return EvaluationStore(Path("responses"))


def _session(stem: Framework, store: EvaluationStore, name: str = "Oakfield Primary") -> None:
    """An evaluation with the first QI half answered, closed again (the app reopens it)."""
    session = EvaluationSession.start(store, stem, Setting(name=name, stage="primary"))
    asked = [s.id for s in stem.sections[0].statements if s.applies_to("primary")]
    for n, sid in enumerate(asked[:4]):
        session.rate(sid, 3 + n % 3)
    session.set_evidence(asked[0], "Pupil focus group in May; parent survey (62 replies).")
    session.move_to(asked[1])
    session.close()


def _opened(stem: Framework, store: EvaluationStore) -> EvaluationSession:
    _session(stem, store)
    [stored] = store.list()
    return EvaluationSession.open(store, stem, stored.path)


@pytest.mark.parametrize("size", SIZES)
def test_start_screen_first_time(
    size: str, snap_compare: SnapCompare, stem: Framework, store: EvaluationStore
) -> None:
    assert snap_compare(make_app(stem, store), terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES)
def test_start_screen_with_an_evaluation_to_resume(
    size: str, snap_compare: SnapCompare, stem: Framework, store: EvaluationStore
) -> None:
    _session(stem, store)
    assert snap_compare(make_app(stem, store), terminal_size=SIZES[size], run_before=listed)


@pytest.mark.parametrize("keys", ["", "o", "u", "r", "question_mark"], ids=[
    "statement", "overview", "unanswered", "results", "help",
])  # fmt: skip
@pytest.mark.parametrize("size", SIZES)
def test_evaluation_screens(
    keys: str, size: str, snap_compare: SnapCompare, stem: Framework, store: EvaluationStore
) -> None:
    session = _opened(stem, store)

    async def settle(pilot: Pilot[None]) -> None:
        await pilot.pause()

    try:
        app = make_app(stem, store, session)
        assert snap_compare(
            app, press=[keys] if keys else [], terminal_size=SIZES[size], run_before=settle
        )
    finally:
        session.close()


ACTION_KEYS = {
    "next-steps": ["r", "a"],
    "action-editor": ["r", "a", "space", "d"],
    "target": ["r", "t"],
    "action-plan": ["r", "p"],
}


@pytest.mark.parametrize("keys", list(ACTION_KEYS.values()), ids=list(ACTION_KEYS))
@pytest.mark.parametrize("size", SIZES)
def test_action_plan_screens(
    keys: list[str], size: str, snap_compare: SnapCompare, stem: Framework, store: EvaluationStore
) -> None:
    session = _opened(stem, store)
    qi = stem.sections[0]
    for statement in qi.statements:
        if statement.applies_to("primary"):
            session.rate(statement.id, 2)  # weak, so next steps are offered

    async def settle(pilot: Pilot[None]) -> None:
        await pilot.pause()

    try:
        app = make_app(stem, store, session)
        assert snap_compare(app, press=keys, terminal_size=SIZES[size], run_before=settle)
    finally:
        session.close()
