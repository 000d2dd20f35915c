"""Special schools say which ages they serve: one of primary age is never asked about the
senior phase; one that has not said (an older file) is asked everything, as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.errors import FrameworkError
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.opening import open_setting
from selfeval.framework import Framework, load_framework
from selfeval.scoring import score

from .conftest import REPO
from .evaluation_helpers import refused_setting_line
from .plain_helpers import talk
from .tui_helpers import notifications, until

SENIOR_PHASE = {"stem-2.2-06", "stem-2.6-05", "stem-2.6-06", "stem-3.2-08"}


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _asked(stem: Framework, audience: str) -> set[str]:
    return {s.id for s in stem.statements_for(audience)}


def test_the_senior_phase_goes_only_to_special_schools_that_have_one(stem: Framework) -> None:
    everything = _asked(stem, "asn")
    assert everything >= SENIOR_PHASE  # not said: asked everything, as before
    assert _asked(stem, "asn:primary-age") == everything - SENIOR_PHASE
    assert _asked(stem, "asn:secondary-age") == everything
    assert _asked(stem, "asn:all-through") == everything
    assert _asked(stem, "secondary") >= SENIOR_PHASE  # other stages unchanged
    assert not SENIOR_PHASE & _asked(stem, "primary")
    assert [a.id for a in stem.stage("asn").age_ranges] == [
        "primary-age",
        "secondary-age",
        "all-through",
    ]


def test_scores_and_progress_count_only_what_the_ages_are_asked(
    tmp_path: Path, stem: Framework
) -> None:
    store = EvaluationStore(tmp_path)
    setting = Setting(name="Burnside School", stage="asn", age_range="primary-age")
    session = EvaluationSession.start(store, stem, setting)
    session.close()
    result = score(load_evaluation(session.path), stem)
    assert result.asked == len(_asked(stem, "asn")) - len(SENIOR_PHASE)
    qi_32 = next(qi for qi in result.qis if qi.key == "attainment-and-progress")
    assert "stem-3.2-08" not in qi_32.statement_ids
    from selfeval.report.result import setting_line

    assert setting_line(load_evaluation(session.path), stem) == (
        "Burnside School, Additional support needs (special school or provision): "
        "Primary-age children and young people"
    )


def test_the_command_line_asks_for_the_ages_of_a_new_special_school(
    tmp_path: Path, stem: Framework
) -> None:
    store = EvaluationStore(tmp_path)
    with pytest.raises(Exception, match="add --ages with one of: primary-age, secondary-age"):
        open_setting(store, stem, "Burnside School", "asn", None)
    with pytest.raises(Exception, match="'junior' is not an age range of the asn stage"):
        open_setting(store, stem, "Burnside School", "asn", None, "junior")
    with pytest.raises(Exception, match="leave out --ages: the primary stage does not ask it"):
        open_setting(store, stem, "Oakfield", "primary", None, "primary-age")
    session = open_setting(store, stem, "Burnside School", "asn", None, "all-through")
    assert session.evaluation.setting.audience == "asn:all-through"
    session.close()
    again = open_setting(store, stem, "Burnside School", None, None)  # resumes, no flags needed
    assert again.path == session.path
    again.close()


def test_an_age_range_the_stage_does_not_offer_is_named_with_its_line(
    tmp_path: Path, stem: Framework
) -> None:
    message = refused_setting_line(tmp_path, stem, "primary", 'age_range = "primary-age"')
    assert "age range `primary-age` is not one of the primary stage's" in message
    assert "remove `age_range`" in message


def test_a_statement_naming_an_unknown_age_range_is_a_framework_error(tmp_path: Path) -> None:
    text = (REPO / "frameworks" / "stem.toml").read_text(encoding="utf-8")
    broken = tmp_path / "stem.toml"
    broken.write_text(
        text.replace('age_ranges = ["secondary-age", "all-through"]', 'age_ranges = ["senior"]', 1),
        encoding="utf-8",
    )
    (tmp_path / "common").symlink_to(REPO / "frameworks" / "common")
    with pytest.raises(FrameworkError) as caught:
        load_framework(broken)
    assert "unknown age range `senior`" in str(caught.value)
    assert "primary-age" in str(caught.value)


async def test_the_start_screen_asks_a_special_school_its_ages(
    tmp_path: Path, stem: Framework
) -> None:
    from textual.widgets import Button, RadioSet

    from selfeval.tui import make_app
    from selfeval.tui.screens.statement import StatementScreen

    store = EvaluationStore(tmp_path / "responses")
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press(*"Burnside School", "tab", "down", "down", "down", "enter")
        await pilot.pause()
        ages = app.screen.query_one("#ages-asn", RadioSet)
        assert ages.parent is not None and ages.parent.display
        assert app.screen.focused is ages  # the next thing to answer
        app.screen.query_one("#begin", Button).press()
        await pilot.pause()
        assert "Choose the ages you serve" in notifications(app)
        assert await until(pilot, lambda: app.screen.focused is ages)  # sent back to answer it
        await pilot.press("enter")  # the first: primary age; then focus moves on to Start
        begin = app.screen.query_one("#begin", Button)
        assert await until(pilot, lambda: app.screen.focused is begin)
        # Textual ignores a second press of a button within 0.2 s of the first (its "active"
        # effect); a person cannot answer the ages that fast, a test can
        assert await until(pilot, lambda: not begin.has_class("-active"))
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        assert isinstance(app.screen, StatementScreen)
        assert not SENIOR_PHASE & set(app.screen.ids)
        await pilot.press("ctrl+q")
    (path,) = store.folder.glob("*.toml")
    assert load_evaluation(path).setting.age_range == "primary-age"


def test_plain_mode_asks_the_ages_too(tmp_path: Path) -> None:
    code, said = talk(tmp_path, ["Burnside School", "4", "3", "q"])
    assert code == 0, said
    assert "The ages you serve" in said
    (path,) = tmp_path.glob("*.toml")
    assert load_evaluation(path).setting.age_range == "all-through"
