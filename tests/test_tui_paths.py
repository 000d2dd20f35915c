"""Paths in the app (issue 32): whole where they fit, else shortened from the left ("…/responses/
oakfield.stem.2026-27.toml"), never broken over two lines: the start screen's folder
(test_tui_start), the save status, and where the exported plan was written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult

from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting
from selfeval.framework import Framework, load_framework
from selfeval.tui import make_app
from selfeval.tui.screens.results import ResultsScreen
from selfeval.tui.text import toast_room as _toast_room
from selfeval.tui.widgets.path_line import shortened
from selfeval.tui.widgets.save_status import SaveStatus

from .conftest import REPO
from .tui_helpers import notifications, until

LONG = "/srv/Shared drive/Quality improvement/responses/oakfield.stem.2026-27.toml"


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


@pytest.mark.parametrize(
    ("width", "shown"),
    [
        (len(LONG), LONG),
        (60, "…/Quality improvement/responses/oakfield.stem.2026-27.toml"),
        (40, "…/responses/oakfield.stem.2026-27.toml"),
        (30, "…/oakfield.stem.2026-27.toml"),
        (20, "…d.stem.2026-27.toml"),
    ],
)
def test_a_path_is_whole_or_its_end(width: int, shown: str) -> None:
    assert shortened(LONG, width) == shown


@given(st.text(alphabet="ab /\\界.", max_size=60), st.integers(min_value=1, max_value=70))
def test_a_shortened_path_fits_and_ends_as_the_path_does(path: str, width: int) -> None:
    short = shortened(path, width)
    assert cell_len(short) <= width or short == path == ""
    assert short == path or (short.startswith("…") and path.endswith(short[1:]))


class _Status(App[None]):
    def compose(self) -> ComposeResult:
        yield SaveStatus(id="status")


async def test_the_save_status_shortens_a_long_file_name_from_the_left() -> None:
    name = "st-marys-episcopal-primary-school-and-nursery-class-of-the-parish.stem.2026-27.toml"
    app = _Status()
    async with app.run_test(size=(80, 10)) as pilot:
        status = app.query_one(SaveStatus)
        status.saved(Path("/r") / name, None)
        await pilot.pause()
        line = str(status.render())
        assert line.startswith("✓ Saved  in …") and line.endswith("of-the-parish.stem.2026-27.toml")
        assert cell_len(line) <= status.content_size.width
        await pilot.resize_terminal(120, 10)
        assert await until(pilot, lambda: str(status.render()).endswith(f" in {name}"))


@pytest.mark.parametrize("width", [60, 79, 80, 100, 160])
async def test_the_notice_room_is_what_a_notice_has(width: int) -> None:
    """The export notice shortens the plan's path to what a notice holds: measured here, so
    a Textual that draws notices otherwise fails this, not the user's screen."""

    class Notices(App[None]):
        def on_mount(self) -> None:
            self.notify("word " * 100)

    app = Notices()
    async with app.run_test(size=(width, 30), notifications=True) as pilot:
        assert await until(pilot, lambda: bool(app.screen.query("Toast")))
        await pilot.pause()
        toast = app.screen.query("Toast").first()
        assert toast.content_size.width == _toast_room(width)


async def test_the_exported_plan_path_is_shown_whole_or_from_the_left(
    tmp_path: Path, stem: Framework
) -> None:
    """At 80 columns the notice broke the path mid-name ("response" / "s/oakfield…"); now
    the Word file's path is a line of its own, shortened from the left, and the status line
    keeps it (whole where it fits) once the notice has gone."""
    folder = tmp_path / "Shared drive" / "Quality improvement" / "self-evaluation" / "responses"
    store = EvaluationStore(folder)
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    for statement in stem.statements_for("primary")[:8]:
        session.rate(statement.id, 4)
    docx = str(session.path.with_suffix(".plan.docx"))
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("x")
        assert await until(pilot, lambda: "Improvement plan written" in notifications(app), 60)
        where = shortened(str(Path(docx).parent), _toast_room(80))
        assert where == "…/self-evaluation/responses"  # the folder, not only the name
        lines = notifications(app).splitlines()
        assert where in lines and "oakfield.stem.2026-27.plan.docx" in lines  # each whole
        toast = app.screen.query("Toast").last()
        assert await until(pilot, lambda: toast.content_size.width > 0)
        assert cell_len(where) <= toast.content_size.width  # so never wrapped
        status = app.screen.query_one("#status", SaveStatus)
        line = str(status.render())
        assert line.startswith("✓ Plan written: …/") and line.endswith(
            "oakfield.stem.2026-27.plan.docx"
        )
        assert cell_len(line) <= status.content_size.width
        await pilot.press("ctrl+q")


async def test_a_plan_not_written_names_its_path_on_a_line_of_its_own(
    tmp_path: Path, stem: Framework
) -> None:
    folder = tmp_path / "Shared drive" / "Quality improvement" / "self-evaluation" / "responses"
    store = EvaluationStore(folder)
    session = EvaluationSession.start(store, stem, Setting(name="Oakfield", stage="primary"))
    session.path.with_suffix(".plan.docx").mkdir()  # in the way of the Word file
    app = make_app(stem, store, session)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        await pilot.press("x")
        assert await until(pilot, lambda: "Could not write the plan" in notifications(app), 60)
        said = notifications(app).splitlines()
        assert "…/oakfield.stem.2026-27.plan.docx" in said  # whole: it fits the notice
        assert all(str(folder) not in line for line in said)
        await pilot.press("ctrl+q")
