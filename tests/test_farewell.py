"""Leaving the app: the exit code says whether it stopped cleanly, and the last words never
claim a save that did not happen (an earlier release printed "Your answers are saved" and
exited 0 after a crash)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.framework import load_framework
from selfeval.tui.app import SIGNAL_EXIT, SelfevalApp
from selfeval.tui.launch import farewell, run_app


@pytest.fixture
def session(minimal_framework_path: Path, tmp_path: Path) -> EvaluationSession:
    store = EvaluationStore(tmp_path / "responses")
    framework = load_framework(minimal_framework_path)
    opened = EvaluationSession.start(store, framework, Setting(name="Oakfield", stage="school"))
    opened.close()
    return opened


def test_words_and_codes(session: EvaluationSession) -> None:
    assert farewell(None, 0) == ("", 0)
    said, code = farewell(session, 0)
    assert (said, code) == (f"Your answers are saved in {session.path}", 0)
    said, code = farewell(session, SIGNAL_EXIT)
    assert said.startswith("Your answers are saved") and code == SIGNAL_EXIT
    said, code = farewell(session, 1)
    assert "stopped because of an error" in said and "saved in" not in said and code == 1
    session.pending = True
    said, code = farewell(session, 0)
    assert said.startswith("NOT SAVED") and code == 1


def test_a_crash_in_the_app_exits_non_zero_without_claiming_a_save(
    minimal_framework_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from selfeval.tui.screens import statement

    def broken(self: Any) -> None:
        raise RuntimeError("a bug")

    original_run = App.run
    monkeypatch.setattr(SelfevalApp, "run", lambda self: original_run(self, headless=True))
    monkeypatch.setattr("selfeval.tui.launch.has_terminal", lambda: True)
    monkeypatch.setattr(statement.StatementScreen, "on_mount", broken)
    out = io.StringIO()
    code = run_app(str(minimal_framework_path), tmp_path / "r", "Oakfield", "school", None, out)
    assert code == 1
    said = out.getvalue()
    assert "stopped because of an error" in said
    assert "Your answers are saved" not in said
    (saved,) = (tmp_path / "r").glob("*.toml")
    assert load_evaluation(saved).setting.name == "Oakfield"
