"""Text from a framework or a user is shown as text, never as Rich or Textual markup.

Every text field of a framework, and the setting's name, evidence and notes, carry ``[/]``,
``[bold]`` and ``[@click=app.quit]``; the app is walked through every screen. Nothing crashes,
nothing vanishes, and the markup is on screen as the characters typed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.actions import Action
from selfeval.framework import load_framework
from selfeval.tui import make_app

from .conftest import DATA
from .tui_helpers import listed, screen_text

MARKUP = " [/] [bold]x[/bold] [@click=app.quit]q[/]"
TEXT_KEYS = {
    "title", "based_on", "short_title", "category", "word", "gloss", "meaning", "label",
    "intro", "text", "text_elc", "challenge_questions", "evidence_prompts", "anchors",
}  # fmt: skip


def _marked(value: Any, key: str | None = None) -> Any:
    """*value* with MARKUP appended to every human text in it (ids and references untouched)."""
    if isinstance(value, dict):
        return {k: _marked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v, key) for v in value]
    if isinstance(value, str) and key in TEXT_KEYS:
        return value + MARKUP
    return value


def _hostile_framework(tmp_path: Path) -> Path:
    data = tomllib.loads((DATA / "valid" / "minimal.toml").read_text(encoding="utf-8"))
    marked = _marked(data)
    marked["sections"] = [
        {**s, "themes": [{**t, "statements": [{**st, "anchors": {k: v + MARKUP for k, v in
          st.get("anchors", {}).items()}} for st in t["statements"]]} for t in s["themes"]]}
        for s in marked["sections"]
    ]  # fmt: skip
    path = tmp_path / "hostile.toml"
    path.write_text(tomli_w.dumps(marked), encoding="utf-8")
    return path


async def test_every_screen_shows_markup_as_typed(tmp_path: Path) -> None:
    framework = load_framework(_hostile_framework(tmp_path))
    assert framework.sections[0].themes[0].statements[0].text.endswith(MARKUP)
    store = EvaluationStore(tmp_path / "responses")
    setting = Setting(name="Oak [bold]field[/] [@click=app.quit]", stage="school")
    session = EvaluationSession.start(store, framework, setting)
    session.set_evidence("mini-01", "Seen [red]in[/red] class [/]")
    session.rate("mini-01", 3)
    session.close()
    reopened = EvaluationSession.open(store, framework, session.path)
    app = make_app(framework, store, reopened)
    seen: dict[str, str] = {}
    async with app.run_test(size=(160, 60)) as pilot:
        for name, key in [("statement", None), ("overview", "o"), ("unanswered", "u"),
                          ("results", "r"), ("help", "question_mark")]:  # fmt: skip
            if key:
                await pilot.press("escape")
                await pilot.press(key)
            await pilot.pause()
            seen[name] = screen_text(app)
        await pilot.press("escape", "ctrl+q")
    assert app.return_code in (0, None)
    assert "[bold]x[/bold]" in seen["statement"]  # the statement's own words
    assert "[@click=app.quit]q[/]" in seen["overview"]
    assert "[@click=app.quit]q[/]" in seen["results"]  # QI titles and statements
    assert "[bold]x[/bold]" in seen["help"]  # the scale's words and meanings
    assert (
        load_evaluation(session.path).answers["mini-01"].evidence == "Seen [red]in[/red] class [/]"
    )


async def test_the_start_screen_lists_a_marked_up_name_as_typed(tmp_path: Path) -> None:
    framework = load_framework(_hostile_framework(tmp_path))
    store = EvaluationStore(tmp_path / "responses")
    name = "Oak [bold]field[/] [@click=app.quit]"
    EvaluationSession.start(store, framework, Setting(name=name, stage="school")).close()
    app = make_app(framework, store)
    async with app.run_test(size=(160, 50)) as pilot:
        await listed(pilot)
        text = screen_text(app)
        await pilot.press("ctrl+q")
    assert name in text
    assert "[bold]x[/bold]" in text  # the framework's title


async def test_the_action_plan_names_an_unnumbered_qi_as_written(tmp_path: Path) -> None:
    """Where QIs have no numbers (as in the ELC frameworks) the plan's QI column shows the
    start of the title: a table reads a string as markup, so it is given as text."""
    data = tomllib.loads((DATA / "valid" / "minimal.toml").read_text(encoding="utf-8"))
    (reference,) = data["reference_frameworks"]
    reference["numbered"] = False
    reference["indicators"][0]["title"] = "[b]Play[/b]"
    path = tmp_path / "unnumbered.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    framework = load_framework(path)
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, framework, Setting(name="Oak", stage="school"))
    session.save_action(Action(id="own-1", qi="first", text="Family STEM morning"))
    app = make_app(framework, store, session)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        text = screen_text(app)
        await pilot.press("ctrl+q")
    assert "[b]Play[/b]" in text and "Family STEM morning" in text
