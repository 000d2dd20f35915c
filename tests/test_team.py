"""Self-evaluation as a team: colleagues give their own views in their own files, the team
sees them side by side and agrees; comparisons count each setting once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfeval.cli import main
from selfeval.evaluation import EvaluationSession, EvaluationStore, Setting, load_evaluation
from selfeval.evaluation.model import Contributor
from selfeval.evaluation.opening import open_setting
from selfeval.framework import Framework, load_framework
from selfeval.moderation.agree import with_views
from selfeval.moderation.gather import gather
from selfeval.moderation.table import moderation_table
from selfeval.tui.app import SelfevalApp

from .conftest import REPO

SETTING = Setting(name="Kilbride Primary", stage="primary")
P5 = Contributor(role="P5 teacher", name="Ms Rahman")
LEARNER = Contributor(role="learner")


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _first_ids(stem: Framework, n: int = 6) -> list[str]:
    return [s.id for s in stem.statements_for("primary")[:n]]


def _view(
    store: EvaluationStore, stem: Framework, who: Contributor | None, ratings: list[int | None]
) -> Path:
    session = EvaluationSession.start(store, stem, SETTING, who)
    for sid, rating in zip(_first_ids(stem), ratings, strict=False):
        if rating is not None:
            session.rate(sid, rating)
    session.close()
    return session.path


def test_each_view_has_its_own_file_and_anonymous_ones_are_never_resumed(
    tmp_path: Path, stem: Framework
) -> None:
    store = EvaluationStore(tmp_path)
    named = _view(store, stem, P5, [4])
    first = _view(store, stem, LEARNER, [2])
    second = _view(store, stem, LEARNER, [5])
    assert named.name.startswith("kilbride-primary.stem.")
    assert named.name.endswith(".p5-teacher-ms-rahman.toml")
    assert first != second and second.name.endswith(".learner-2.toml")
    assert load_evaluation(first).answers[_first_ids(stem)[0]].rating == 2  # not overwritten
    again = open_setting(store, stem, "Kilbride Primary", None, P5)  # a named view resumes
    assert again.path == named
    again.close()
    saved = load_evaluation(first).contributor
    assert saved is not None and saved.name is None  # role only: no name is added
    assert saved.role == LEARNER.role and saved.id  # and an id of its own


def test_a_colleague_needs_no_stage_when_the_setting_has_begun(
    tmp_path: Path, stem: Framework
) -> None:
    store = EvaluationStore(tmp_path)
    with pytest.raises(Exception, match="add --stage"):
        open_setting(store, stem, "Kilbride Primary", None, P5)
    EvaluationSession.start(store, stem, SETTING).close()
    session = open_setting(store, stem, "Kilbride Primary", None, LEARNER)
    assert session.evaluation.setting.stage == "primary"
    session.close()


def _team(tmp_path: Path, stem: Framework) -> Path:
    store = EvaluationStore(tmp_path / "r")
    _view(store, stem, P5, [4, 2, 3, 4, 4, 4])
    _view(store, stem, LEARNER, [3, 5, None, 4, 4, 4])
    _view(store, stem, LEARNER, [3, 6, 3, 4, 4, 5])
    return tmp_path / "r"


def test_moderate_json_shows_every_view_where_they_differ_most_first(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _team(tmp_path, stem)
    assert main(["moderate", str(folder), "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    keys = {c["key"]: Path(c["file"]).name for c in group["contributors"]}
    assert keys["learner"].endswith(".learner.toml")  # numbered as their files are
    assert keys["learner 2"].endswith(".learner-2.toml")
    assert set(keys) == {"P5 teacher (Ms Rahman)", "learner", "learner 2"}
    assert {c.get("name") for c in group["contributors"]} == {"Ms Rahman", None}
    first = group["statements"][0]
    assert first["statement"] == _first_ids(stem)[1] and first["spread"] == 4
    assert first["views"]["learner 2"] == {"rating": 6, "not_applicable": False}
    assert first["median"] == 5 and first["agreed"] is None
    spreads = [s["spread"] for s in group["statements"]]
    assert spreads == sorted(spreads, reverse=True)
    qi = group["qis"][0]
    assert set(qi["levels"]) == {"P5 teacher (Ms Rahman)", "learner", "learner 2"}
    assert group["agreed_file"] is None


def test_agreeing_the_median_keeps_every_view_and_every_agreed_rating(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _team(tmp_path, stem)
    ids = _first_ids(stem)
    session = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    session.rate(ids[0], 6)  # the team already agreed this one
    session.close()
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    assert "agreed 5 statements at the median" in capsys.readouterr().out
    agreed = load_evaluation(session.path)
    assert agreed.answers[ids[0]].rating == 6
    assert agreed.answers[ids[1]].rating == 5  # the median of 2, 5, 6
    # how it was agreed is said where the plan says "We agreed": a command took the median
    assert "--agree-median" in agreed.answers[ids[1]].moderation
    assert agreed.answers[ids[0]].moderation == ""  # the team's own agreement, as it was
    assert agreed.answers[ids[0]].views["learner"].rating == 3
    assert {c.key for c in agreed.contributors} == {"P5 teacher (Ms Rahman)", "learner"}
    assert main(["moderate", str(folder), "--agree-median"]) == 0  # again: nothing changes
    assert "agreed 0 statements" in capsys.readouterr().out
    assert load_evaluation(session.path).answers == agreed.answers
    (logged,) = load_evaluation(session.path).history  # the second run agreed nothing
    assert (
        logged.kind == "moderation"
        and logged.what == "5 statements agreed at the median of 3 views"
    )
    assert main(["score", str(session.path)]) == 0
    assert "Views brought together: 3: P5 teacher (Ms Rahman), 2 learners" in (
        capsys.readouterr().out
    )


def _team_and_another_setting(tmp_path: Path, stem: Framework) -> Path:
    """Kilbride's three views (nothing agreed yet) and Oak's own evaluation, in one folder."""
    folder = _team(tmp_path, stem)
    other = EvaluationSession.start(
        EvaluationStore(folder), stem, Setting(name="Oak", stage="primary")
    )
    for sid in _first_ids(stem):
        other.rate(sid, 4)
    other.close()
    return folder


def test_compare_counts_a_setting_once_and_says_which_are_in_moderation(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _team_and_another_setting(tmp_path, stem)
    assert main(["compare", str(folder), "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["comparisons"][0]["settings"] == 1
    assert data["in_moderation"] == ["Kilbride Primary"]
    assert "in moderation (views given, no agreed evaluation yet): Kilbride Primary" in (
        captured.err
    )


def test_charts_say_how_many_settings_are_in_moderation(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """A committee paper's charts show agreed evaluations only; the settings still agreeing
    theirs are said at the foot of the self-evaluation charts, not silently missing."""
    folder = _team_and_another_setting(tmp_path, stem)
    out = tmp_path / "charts"
    args = ["compare", str(folder), "-o", str(out), "--chart-format", "svg", "--no-cache"]
    assert main(args) == 0
    capsys.readouterr()
    words = {}
    for chart in ("distribution", "heatmap", "small-multiples"):
        svg = (out / f"{chart}-self-evaluation.svg").read_text(encoding="utf-8")
        words[chart] = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
        assert "Not shown: 1 setting in moderation (colleagues' views given" in words[chart]
    title = r"Levels per quality indicator: 1 self-evaluation, school year \d{4}-\d{2} Source"
    assert re.search(title, words["distribution"])  # the one agreed, not the one in moderation


def test_sync_copies_are_left_out_and_said(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _team(tmp_path, stem)
    store = EvaluationStore(folder)
    agreed = _view(store, stem, None, [4, 4, 4, 4])
    copy = agreed.with_name(agreed.stem + "-DESKTOP-1A2B3C4.toml")
    copy.write_bytes(agreed.read_bytes())
    windows = agreed.with_name(agreed.stem + " (1).toml")
    windows.write_bytes(agreed.read_bytes())
    assert main(["compare", str(folder), "--format", "json", "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["comparisons"][0]["settings"] == 1
    for name in (copy.name, windows.name):
        assert f"{name}: looks like a copy of {agreed.name} made by a sync" in captured.err


@settings(max_examples=40, deadline=None)
@given(
    views=st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 6)), min_size=6, max_size=6),
        min_size=1,
        max_size=4,
    )
)
def test_agreed_ratings_are_levels_and_every_view_is_kept(
    tmp_path_factory: pytest.TempPathFactory, views: list[list[int | None]]
) -> None:
    stem = load_framework(REPO / "frameworks" / "stem.toml")
    folder = tmp_path_factory.mktemp("team")
    store = EvaluationStore(folder)
    for n, ratings in enumerate(views):
        _view(store, stem, Contributor(role=f"role {n}"), ratings)
    (group,) = gather([folder], stem).groups
    table = moderation_table(group, stem)
    base = EvaluationSession.start(store, stem, SETTING)
    agreed = with_views(base.evaluation, table, agree=True).evaluation
    base.close()
    for n, ratings in enumerate(views):
        for sid, rating in zip(_first_ids(stem), ratings, strict=True):
            answer = agreed.answer(sid)
            if rating is not None:
                assert answer.views[f"role {n}"].rating == rating
            if answer.rating is not None:
                assert answer.rating in stem.rating_scale.by_value
                given_ratings = [r[_first_ids(stem).index(sid)] for r in views]
                assert min(r for r in given_ratings if r) <= answer.rating


def test_two_views_meet_in_the_middle(tmp_path: Path, stem: Framework) -> None:
    """A teacher's 5 and a learner's 3 offer 4 as the median, not the worse view (as a QI's
    balance is found); 4 and 5 offer 4 (rounded down)."""
    store = EvaluationStore(tmp_path)
    _view(store, stem, P5, [5, 5])
    _view(store, stem, LEARNER, [3, 4])
    (group,) = gather([tmp_path], stem).groups
    medians = {row.statement_id: row.median for row in moderation_table(group, stem).statements}
    first, second = _first_ids(stem, 2)
    assert (medians[first], medians[second]) == (4, 4)


def _moderation_app(folder: Path, stem: Framework) -> tuple[EvaluationSession, SelfevalApp]:
    """The agreed evaluation of the team's views in *folder*, open in the moderation screen."""
    from selfeval.moderation.agree import open_agreed
    from selfeval.tui import make_app

    (group,) = gather([folder], stem).groups
    table = moderation_table(group, stem)
    session = open_agreed(table, stem)
    return session, make_app(stem, session.store, session, table)


async def test_moderation_screen_agrees_the_median_or_a_level_with_a_reason(
    tmp_path: Path, stem: Framework
) -> None:
    from textual.widgets import DataTable

    from selfeval.tui.screens.moderation import ModerationScreen
    from selfeval.tui.screens.results import ReasonScreen, ResultsScreen

    from .tui_helpers import screen_text

    folder = _team(tmp_path, stem)
    session, app = _moderation_app(folder, stem)
    ids = _first_ids(stem)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ModerationScreen)
        assert "learner 2" in screen_text(app) and "Spread" in screen_text(app)
        await pilot.press("m")  # the most divided statement first: median 5
        await pilot.pause()
        assert load_evaluation(session.path).answers[ids[1]].rating == 5
        views = app.screen.query_one("#views-table", DataTable)
        assert views.cursor_row == 1  # moved on to the next one to agree
        await pilot.press("2")  # not the median: asks why
        await pilot.pause()
        assert isinstance(app.screen, ReasonScreen)
        await pilot.press(*"cluster [moderation]", "enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ResultsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ModerationScreen)
        await pilot.press("r")  # the app's one results screen of this evaluation, again
        await pilot.pause()
        assert app.screen_stack[-1] is results
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    second = next(a for a in saved.answers.values() if a.moderation)
    assert second.rating == 2 and second.moderation == "cluster [moderation]"
    assert saved.answers[ids[1]].views["learner 2"].rating == 6

    session.close()  # the team comes back another day: both agreements are there, and the
    session, app = _moderation_app(folder, stem)  # the cursor waits on the next to agree
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ModerationScreen)
        views = app.screen.query_one("#views-table", DataTable)
        assert views.cursor_row == 2
        assert "5 very good" in screen_text(app) and "2 weak" in screen_text(app)
        await pilot.press("ctrl+q")
    session.close()


async def test_moderation_from_the_start_screen(tmp_path: Path, stem: Framework) -> None:
    """A headteacher who never typed a command sees the team's views on the start screen and
    moderates them from there."""
    from textual.widgets import OptionList

    from selfeval.tui import make_app
    from selfeval.tui.screens.moderation import ModerationScreen

    from .tui_helpers import listed, screen_text, until

    folder = _team(tmp_path, stem)
    app = make_app(stem, EvaluationStore(folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await listed(pilot)
        assert f"Kilbride Primary, {_this_year()}: 3 views" in screen_text(app)
        app.screen.query_one("#moderate", OptionList).focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ModerationScreen), 30)
        await pilot.press("m")
        await pilot.press("ctrl+q")
    (agreed,) = [p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None]
    assert sum(1 for a in load_evaluation(agreed).answers.values() if a.rating) == 1


async def test_a_view_changed_while_moderating_is_read_again(
    tmp_path: Path, stem: Framework
) -> None:
    from selfeval.tui.screens.moderation import ModerationScreen

    from .tui_helpers import notifications

    folder = _team(tmp_path, stem)
    session, app = _moderation_app(folder, stem)
    ids = _first_ids(stem)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ModerationScreen)
        _view(EvaluationStore(folder), stem, Contributor(role="parent", name="Mr Ali"), [1])
        await screen._recheck().wait()  # what the screen does every few seconds
        await pilot.pause()
        assert "A colleague's view changed or arrived" in notifications(app)
        assert "parent (Mr Ali)" in {v.key for v in screen.table.group.views}
        await pilot.press("ctrl+q")
    saved = load_evaluation(session.path)
    assert saved.answers[ids[0]].views["parent (Mr Ali)"].rating == 1


def test_a_view_given_against_an_earlier_framework_version_is_said(
    minimal_framework_path: Path, tmp_path: Path
) -> None:
    """A colleague who began before the framework was updated: their answers follow renamed
    statements, and the moderation says which version they answered and what moved."""
    from selfeval.report.moderation import moderation_json, moderation_text

    from .test_evaluation_reconcile import _newer

    old = load_framework(minimal_framework_path)
    new = load_framework(_newer(minimal_framework_path, tmp_path))
    store = EvaluationStore(tmp_path / "team")
    setting = Setting(name="Oakfield", stage="school")
    early = EvaluationSession.start(store, old, setting, P5)
    early.rate("mini-02", 2)
    early.rate("mini-03", 3)
    early.close()
    late = EvaluationSession.start(store, new, setting, LEARNER)
    late.rate("mini-02b", 3)
    late.close()

    found = gather([store.folder], new)
    table = moderation_table(found.groups[0], new)
    text = moderation_text(table, new.rating_scale)
    assert (
        "P5 teacher (Ms Rahman) answered version 1.0 of the framework (now 2.0); 1 answer moved "
        "to reworded statements; 1 answer to statements no longer in it not shown."
    ) in text
    assert "learner answered" not in text
    row = next(r for r in table.statements if r.statement_id == "mini-02b")
    assert {k: a.rating for k, a in row.views.items()} == {
        "P5 teacher (Ms Rahman)": 2,
        "learner": 3,
    }
    contributors = json.loads(moderation_json([table], []))["groups"][0]["contributors"]
    by_key = {c["key"]: c for c in contributors}
    assert by_key["P5 teacher (Ms Rahman)"]["framework_version"] == "1.0"
    assert (by_key["learner"]["framework_version"], by_key["learner"]["reconciled"]) == (
        "2.0",
        None,
    )


def test_score_and_plan_say_where_views_differed_and_what_the_team_agreed(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """Views two or more levels apart are reported with the agreed rating and the team's
    reason; close views (one level apart) are not: that is ordinary give and take."""
    folder = _team(tmp_path, stem)
    ids = _first_ids(stem)
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    agreed = next(p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None)
    session = EvaluationSession.open(EvaluationStore(folder), stem, agreed)
    session.agree(ids[1], 4, "the learners' work in the floorbook shows more than we thought")
    session.close()
    capsys.readouterr()

    assert main(["score", str(agreed)]) == 0
    text = capsys.readouterr().out
    assert (
        f"views differed ({ids[1]}): P5 teacher (Ms Rahman): 2 weak; learner: 5 very good; "
        "learner 2: 6 excellent; agreed 4 good; why: the learners' work in the floorbook"
    ) in text
    assert f"views differed ({ids[0]})" not in text  # 4, 3, 3: one level apart
    assert main(["score", str(agreed), "--format", "json"]) == 0
    (differed,) = json.loads(capsys.readouterr().out)["qis"][0]["views_differed"]
    assert differed["statement"] == ids[1] and differed["spread"] == 4
    assert differed["views"] == {"P5 teacher (Ms Rahman)": 2, "learner": 5, "learner 2": 6}
    assert differed["agreed"] == 4 and differed["reason"].startswith("the learners' work")

    plan = tmp_path / "plan.md"
    assert main(["plan", str(agreed), "-o", str(plan)]) == 0
    markdown = plan.read_text(encoding="utf-8")
    assert "### Where our views differed" in markdown
    assert "**We agreed: 4 good.** Why: the learners' work in the floorbook" in markdown


async def test_a_colleague_sees_whose_view_they_are_giving(tmp_path: Path, stem: Framework) -> None:
    """Each statement's heading says it is the colleague's own view, not the team's."""
    from selfeval.tui import make_app

    from .tui_helpers import screen_text

    store = EvaluationStore(tmp_path)
    session = EvaluationSession.start(store, stem, SETTING, P5)
    app = make_app(stem, store, session)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Kilbride Primary, your view as P5 teacher (Ms Rahman)" in screen_text(app)
        await pilot.press("ctrl+q")


def test_a_named_view_is_resumed_whatever_the_case_and_spacing_typed(
    tmp_path: Path, stem: Framework
) -> None:
    store = EvaluationStore(tmp_path)
    monday = _view(store, stem, Contributor(role="P5 teacher", name="Ms Reid"), [4])
    again = Contributor(role="p5  teacher", name="ms reid")
    tuesday = EvaluationSession.start(store, stem, SETTING, again)
    tuesday.close()
    assert tuesday.path == monday  # her view, resumed: never a second one beside it
    assert len(list(tmp_path.glob("*.toml"))) == 1


def test_moderate_json_with_agree_median_prints_json_alone(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _team(tmp_path, stem)
    assert main(["moderate", str(folder), "--format", "json", "--agree-median"]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)  # scripts read standard output whole
    assert "agreed 6 statements at the median" in captured.err


def test_a_plan_or_score_of_a_contribution_says_whose_view_it_is(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = _view(EvaluationStore(tmp_path), stem, LEARNER, [4, 5])
    assert main(["score", str(learner)]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "The view of a learner, a contribution to Kilbride Primary's evaluation"
    assert main(["plan", str(learner), "-o", str(tmp_path / "plan.md")]) == 0
    title = (tmp_path / "plan.md").read_text(encoding="utf-8").splitlines()[0]
    assert "the view of a learner, a contribution to Kilbride Primary's evaluation" in title
    capsys.readouterr()
    assert main(["score", str(learner), "--format", "json"]) == 0
    contributor = json.loads(capsys.readouterr().out)["contributor"]
    assert contributor == {"role": "learner", "id": contributor["id"]}


def test_a_rating_nobody_moderated_is_never_called_agreed(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """The headteacher rated in the team's file before anyone moderated: moderation, score and
    the plan say whose it is and that it is still to agree; `--agree-median` leaves it and
    says so; agreeing it on the screen makes it the team's."""
    folder = _team(tmp_path, stem)
    ids = _first_ids(stem)
    session = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    session.rate(ids[1], 3)  # views 2, 5, 6: far apart
    session.close()
    assert main(["moderate", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "median 5 very good; the team's file says 3 satisfactory, not yet agreed." in text
    assert "agreed 3" not in text
    assert main(["moderate", str(folder), "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    row = next(s for s in group["statements"] if s["statement"] == ids[1])
    assert row["agreed"] == {"rating": 3, "not_applicable": False, "moderated": False}

    assert main(["moderate", str(folder), "--agree-median"]) == 0
    said = capsys.readouterr().out
    assert "1 statement already rated in the team's file, not agreed in moderation" in said
    saved = load_evaluation(session.path)
    assert saved.answers[ids[1]].rating == 3 and not saved.answers[ids[1]].is_agreed
    assert saved.answers[ids[0]].is_agreed  # a median the team took

    assert main(["score", str(session.path)]) == 0
    assert (
        f"views differed ({ids[1]}): P5 teacher (Ms Rahman): 2 weak; learner: 5 very good; "
        "learner 2: 6 excellent; not yet agreed (the team's file says 3 satisfactory)"
    ) in capsys.readouterr().out
    assert main(["score", str(session.path), "--format", "json"]) == 0
    (differed,) = json.loads(capsys.readouterr().out)["qis"][0]["views_differed"]
    assert differed["agreed"] is None and differed["in_file"] == 3
    plan = tmp_path / "plan.md"
    assert main(["plan", str(session.path), "-o", str(plan)]) == 0
    assert "**Not yet agreed (the team's file says 3 satisfactory).**" in plan.read_text(
        encoding="utf-8"
    )

    again = EvaluationSession.open(EvaluationStore(folder), stem, session.path)
    again.agree(ids[1], 3, "the floorbook")
    assert again.evaluation.answers[ids[1]].is_agreed
    again.rate(ids[1], 4)  # changed outside moderation: one person's again
    assert not again.evaluation.answers[ids[1]].is_agreed
    again.close()


async def test_the_moderation_screen_shows_a_rating_nobody_moderated_as_to_agree(
    tmp_path: Path, stem: Framework
) -> None:
    from textual.widgets import DataTable

    from selfeval.tui.screens.results import ReasonScreen

    from .tui_helpers import screen_text, until

    folder = _team(tmp_path, stem)
    ids = _first_ids(stem)
    head = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    head.rate(ids[1], 3)
    head.close()
    session, app = _moderation_app(folder, stem)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#views-table", DataTable)
        assert table.cursor_row == 0  # the file's rating waits to be agreed: not skipped
        assert "to agree (3 satisfactory in file)" in screen_text(app)
        assert "Agreed: not yet agreed (the team's file says 3 satisfactory)" in screen_text(app)
        await pilot.press("3")  # the team agrees it, and says why (not the median)
        assert await until(pilot, lambda: isinstance(app.screen, ReasonScreen))
        await pilot.press(*"floorbook", "enter")
        assert await until(pilot, lambda: load_evaluation(session.path).answers[ids[1]].is_agreed)
        await pilot.press("ctrl+q")
    session.close()


def test_two_own_evaluations_of_one_setting_are_refused_and_named(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """A hand backup of the team's evaluation beside it: moderation cannot know which the team
    means, so it writes into neither and names both."""
    folder = _team(tmp_path, stem)
    session = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    session.rate(_first_ids(stem)[0], 4)
    session.close()
    backup = folder / "Kilbride backup.toml"
    backup.write_bytes(session.path.read_bytes())
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["moderate", str(folder), "--agree-median"]) == 2
    err = capsys.readouterr().err
    assert "2 files are each Kilbride Primary's own evaluation for" in err
    assert "Kilbride backup.toml and kilbride-primary.stem." in err
    assert "move the others out of the folder" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing written
    backup.unlink()
    assert main(["moderate", str(folder), "--agree-median"]) == 0


async def test_the_start_screen_says_why_two_own_evaluations_cannot_be_moderated(
    tmp_path: Path, stem: Framework
) -> None:
    from textual.widgets import OptionList

    from selfeval.tui import make_app

    from .tui_helpers import listed, screen_text, until

    folder = _team(tmp_path, stem)
    session = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    session.close()
    (folder / "Kilbride backup.toml").write_bytes(session.path.read_bytes())
    app = make_app(stem, EvaluationStore(folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await listed(pilot)
        app.screen.query_one("#moderate", OptionList).focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: "own evaluation for" in screen_text(app), 30)
        assert "Kilbride backup.toml" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+q")


def test_a_view_from_a_clock_in_the_future_counts_with_this_school_year(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """A learner's laptop says 2031: their view is moderated with this year's, said so, and
    no evaluation for 2031-32 is ever created."""
    from selfeval.evaluation.model import now, school_year

    folder = _team(tmp_path, stem)
    learner = next(folder.glob("*.learner.toml"))
    text = learner.read_text(encoding="utf-8")
    this_year = school_year(now().date())
    assert f'school_year = "{this_year}"' in text
    learner.write_text(text.replace(f'"{this_year}"', '"2031-32"'), encoding="utf-8")
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    said = capsys.readouterr().out
    assert f"Kilbride Primary, {this_year}: 3 views" in said
    assert "learner's file is dated 2031-32, a school year still to come" in said
    (agreed,) = [p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None]
    assert this_year in agreed.name and load_evaluation(agreed).year == this_year


def _this_year() -> str:
    from selfeval.evaluation.model import now, school_year

    return school_year(now().date())


async def test_a_view_left_from_last_year_is_offered_apart_and_this_years_open_first(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen in a trial: with last year's P7 view still in the folder, the start screen offered
    "Kilbride Primary: 5 views" and opened last year's single view (creating last year's team
    file); `moderate FOLDER` did the same. Each school year is offered on its own line, this
    year's first, counted as moderation counts (a hand backup of a view once), and each opens
    its own year's views."""
    from textual.widgets import OptionList

    from selfeval.tui import make_app
    from selfeval.tui.screens.moderation import ModerationScreen

    from .tui_helpers import listed, screen_text, until

    folder = _team(tmp_path, stem)
    old = EvaluationSession.start(EvaluationStore(folder), stem, SETTING, P5, year="2025-26")
    old.rate(_first_ids(stem)[0], 2)
    old.close()
    learner = next(folder.glob("*.learner.toml"))
    (folder / "learner backup.toml").write_bytes(learner.read_bytes())
    this_year = _this_year()
    assert main(["moderate", str(folder), "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)["groups"]
    assert [g["year"] for g in groups] == [this_year, "2025-26"]  # `moderate` opens the first
    app = make_app(stem, EvaluationStore(folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await listed(pilot)
        shown = screen_text(app)
        assert f"Kilbride Primary, {this_year}: 3 views" in shown
        assert "Kilbride Primary, 2025-26: 1 view" in shown
        app.screen.query_one("#moderate", OptionList).focus()
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, ModerationScreen), 30)
        assert "3 views" in screen_text(app)
        await pilot.press("ctrl+q")
    teams = [p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None]
    assert [load_evaluation(p).year for p in teams] == [this_year]


def test_last_years_views_are_moderated_into_last_years_evaluation(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """Views given for 2025-26, moderated in the next school year: the team's evaluation is
    2025-26's, by its name and by what it records, so it stays with those views."""
    store = EvaluationStore(tmp_path)
    for who, rating in ((P5, 4), (LEARNER, 2)):
        view = EvaluationSession.start(store, stem, SETTING, who, year="2025-26")
        view.rate(_first_ids(stem)[0], rating)
        view.close()
    assert main(["moderate", str(tmp_path), "--agree-median"]) == 0
    (agreed,) = [p for p in tmp_path.glob("*.toml") if load_evaluation(p).contributor is None]
    assert ".2025-26." in agreed.name and load_evaluation(agreed).year == "2025-26"
    capsys.readouterr()
    assert main(["moderate", str(tmp_path), "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    assert group["year"] == "2025-26" and group["agreed_file"] == str(agreed)


def test_learners_moderated_in_two_batches_keep_every_view(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """This week's learners are moderated, their files put away; next week's come in. Each
    view keeps its own place in the team's evaluation, and the list counts four learners."""
    ids = _first_ids(stem)
    folder = tmp_path / "r"
    store = EvaluationStore(folder)
    week1 = [_view(store, stem, LEARNER, [2]), _view(store, stem, LEARNER, [3])]
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    for path in week1:
        path.rename(tmp_path / path.name)  # put away
    _view(store, stem, LEARNER, [5])
    _view(store, stem, LEARNER, [6])
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    assert main(["moderate", str(folder), "--agree-median"]) == 0  # once more: nothing moves
    (agreed,) = [p for p in folder.glob("*.toml") if load_evaluation(p).contributor is None]
    team = load_evaluation(agreed)
    views = team.answers[ids[0]].views
    assert sorted((v.rating or 0) for v in views.values()) == [2, 3, 5, 6]
    assert sorted(views) == ["learner", "learner 2", "learner 3", "learner 4"]
    assert len(team.contributors) == 4 and all(c.id and c.label for c in team.contributors)
    capsys.readouterr()
    assert main(["score", str(agreed)]) == 0
    assert "Views brought together: 4: 4 learners" in capsys.readouterr().out


def test_a_copy_of_a_view_under_any_name_counts_once(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """A learner's view copied by a sync under a name no rule foresees is the same view (by
    its id): the median counts it once, and the copy is named as left out."""
    folder = _team(tmp_path, stem)
    learner = next(folder.glob("*.learner-2.toml"))
    (folder / "learner view (asset tag).toml").write_bytes(learner.read_bytes())
    assert main(["moderate", str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    (group,) = json.loads(captured.out)["groups"]
    assert len(group["contributors"]) == 3
    left = json.loads(captured.out)["left_out"]
    assert [Path(x["path"]).name for x in left] == ["learner view (asset tag).toml"]
    assert left[0]["reason"].startswith(f"the same view as {learner.name}")


def test_an_anonymous_colleague_who_comes_back_is_told_a_new_view_was_started(
    tmp_path: Path, stem: Framework
) -> None:
    """Seen in a trial: the same `--as "Support for learning teacher"` a second time started a
    new file at statement 1, and moderation counted two views, with nothing said. A view
    without a name is still never reopened by role (the next learner must not see the last
    one's answers), but the person is told, with what to do."""
    import io

    from selfeval.evaluation.model import Contributor
    from selfeval.plain.journey import run_plain

    folder = tmp_path / "r"
    role = Contributor(role="Support for learning teacher")
    said = []
    for _ in range(2):
        out = io.StringIO()
        code = run_plain(
            None, folder, SETTING.name, "primary", None, io.StringIO("4\nq\n"), out, role
        )
        assert code == 0
        said.append(" ".join(out.getvalue().split()))
    assert "A new view was started" not in said[0]
    assert "A new view was started for 'Support for learning teacher'" in said[1]
    assert "give your name as well next time (--as-name)" in said[1]
    assert len(list(folder.glob("*support-for-learning-teacher*.toml"))) == 2


def test_colleagues_evidence_is_shown_in_moderation_rated_or_not(
    tmp_path: Path, stem: Framework, capsys: pytest.CaptureFixture[str]
) -> None:
    """Seen in a trial: evidence a colleague gave ("STEM week photos"), on a statement they
    did not rate, appeared nowhere in `moderate`. The JSON carries each view's evidence by
    statement, rated or not, and the text says it under the statements that differ."""
    folder = _team(tmp_path, stem)
    ids = _first_ids(stem, 7)
    p5 = next(folder.glob("*.p5-teacher*.toml"))
    session = EvaluationSession.open(EvaluationStore(folder), stem, p5)
    session.set_evidence(ids[1], "Jotters from P5")
    assert len(ids) > 6  # the P5 teacher rated the first six: the last is evidence alone
    session.set_evidence(ids[-1], "STEM week photos")
    session.close()
    assert main(["moderate", str(folder), "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)["groups"]
    evidence = {s["statement"]: s["evidence"] for s in group["statements"]}
    assert evidence[ids[1]] == {"P5 teacher (Ms Rahman)": "Jotters from P5"}
    assert evidence[ids[-1]] == {"P5 teacher (Ms Rahman)": "STEM week photos"}
    assert main(["moderate", str(folder), "--format", "text"]) == 0
    assert "P5 teacher (Ms Rahman), how they know: Jotters from P5" in capsys.readouterr().out


async def test_agreeing_a_level_that_rests_on_unagreed_ratings_says_so(
    tmp_path: Path, stem: Framework
) -> None:
    """Seen in a trial: the team agreed QI 1.1's level although one of its ratings had been
    typed into the team's file and never agreed in moderation; nothing said so."""
    from textual.widgets import DataTable

    from selfeval.moderation.agree import still_to_agree
    from selfeval.tui import make_app
    from selfeval.tui.screens.results import ResultsScreen

    from .tui_helpers import notifications, until

    folder = _team(tmp_path, stem)
    ids = _first_ids(stem)
    head = EvaluationSession.start(EvaluationStore(folder), stem, SETTING)
    head.rate(ids[0], 4)  # typed into the team's file, outside moderation
    head.close()
    assert main(["moderate", str(folder), "--agree-median"]) == 0
    assert still_to_agree(load_evaluation(head.path), ids) == 1
    session = EvaluationSession.open(EvaluationStore(folder), stem, head.path)
    app = make_app(stem, session.store, session)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("r")
        assert await until(pilot, lambda: isinstance(app.screen, ResultsScreen))
        table = app.screen.query_one("#qis", DataTable)
        assert await until(pilot, lambda: table.row_count > 0)  # filled, QI 1.1 highlighted
        await pilot.press("3")  # the team's own level (no evidence yet: no suggestion)

        def said() -> str:
            return " ".join(notifications(app).split())

        assert await until(pilot, lambda: "1 of its ratings is still to agree" in said())
        await pilot.press("ctrl+q")


async def test_help_on_the_moderation_screen_lists_its_own_keys(
    tmp_path: Path, stem: Framework
) -> None:
    """A trial pressed ? while moderating and was shown the statement screen's keys; the
    help and the sentence at the top come from the screen's own table of keys."""
    from selfeval.tui.screens.help import HelpScreen
    from selfeval.tui.screens.moderation import ModerationScreen

    from .tui_helpers import screen_text, until

    session, app = _moderation_app(_team(tmp_path, stem), stem)
    async with app.run_test(size=(100, 40)) as pilot:
        assert await until(pilot, lambda: isinstance(app.screen, ModerationScreen))
        top = " ".join(screen_text(app).split())
        assert "Press m to agree the median; 1 to 6 to agree another level" in top
        await pilot.press("question_mark")
        assert await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        shown = screen_text(app)
        assert "agree the median of the views" in shown and "type evidence" not in shown
        await pilot.press("ctrl+q")
    session.close()
