"""Nurseries are judged against the 2025 ELC quality improvement framework by default: its 11
unnumbered QIs, each fed by one or more STEM sections, with the Care Inspectorate's "adequate";
HGIOELC stays for settings that choose it, and for older evaluations agreed against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.errors import FrameworkError
from selfeval.evaluation import Answer, Evaluation, FrameworkStamp, Setting
from selfeval.evaluation.actions import Action
from selfeval.evaluation.model import QIJudgement, now
from selfeval.evaluation.reconcile import reconcile
from selfeval.evaluation.store import EvaluationStore, load_evaluation
from selfeval.framework import Framework, load_framework
from selfeval.report.content import plan_content
from selfeval.report.markdown import result_markdown
from selfeval.scoring import score, suggest_levels

from .conftest import REPO
from .evaluation_helpers import refused_setting_line
from .plain_helpers import talk
from .tui_helpers import until


@pytest.fixture(scope="module")
def stem() -> Framework:
    return load_framework(REPO / "frameworks" / "stem.toml")


def _nursery(stem: Framework, answers: dict[str, Answer], against: str | None = None) -> Evaluation:
    moment = now()
    return Evaluation(
        setting=Setting(name="Craigbrae Nursery", stage="elc", qi_framework=against),
        framework=FrameworkStamp(id="stem", version=stem.version, content_hash=stem.content_hash),
        created=moment,
        updated=moment,
        answers=answers,
    )


def test_the_2025_framework_is_bundled_with_its_headings_and_leads(stem: Framework) -> None:
    qif = stem.reference("elc-qif")
    assert len(qif.indicators) == 11 and not qif.numbered and qif.broad
    assert {qi.category for qi in qif.indicators} == {
        "Leadership",
        "Children thrive and develop in quality spaces",
        "Children play and learn",
        "Children are supported to achieve",
    }
    assert all(qi.lead for qi in qif.indicators)
    assert qif.source and qif.published
    elc = stem.stage("elc")
    assert (elc.qi_framework, elc.other_qi_frameworks) == ("elc-qif", ("hgioelc",))


def test_sections_feed_the_broader_2025_qis(stem: Framework) -> None:
    groups = {g.ref.id: g for g in stem.groups("elc")}
    assert [s.id for s in groups["continuous-improvement"].sections] == [
        "self-evaluation",
        "leadership-of-learning",
        "leadership-of-change",
    ]
    assert groups["continuous-improvement"].key == "elc-qif:continuous-improvement"
    assert groups["safeguarding"].key == "safe-stem"  # one section: its id, as before
    spaces = groups["quality-spaces"]  # QI 1.5's theme on spaces feeds it; the rest of 1.5
    assert [t.id for t, _ in spaces.themes] == ["stem-1.5-resources"]  # feeds staff and resources
    assert spaces.key == "elc-qif:quality-spaces" != groups["staff-and-resources"].key
    every = [sid for g in groups.values() for sid in g.asked]
    assert sorted(every) == sorted(s.id for s in stem.statements_for("elc"))  # each once
    # schools, and a nursery that chose HGIOELC, see one QI per section
    assert len(stem.groups("primary")) == len(stem.groups("elc", "hgioelc")) == 15


def test_a_nursery_is_scored_per_2025_qi_in_its_inspectorate_words(stem: Framework) -> None:
    group = next(g for g in stem.groups("elc") if g.ref.id == "continuous-improvement")
    answers = {sid: Answer(rating=3, evidence="floorbook") for sid in group.asked}
    result = score(_nursery(stem, answers), stem)
    qi = next(q for q in result.qis if q.qi_id == "continuous-improvement")
    assert (qi.suggested, qi.level_word, qi.label, qi.heading) == (
        3,
        "adequate",
        "",
        "Leadership of continuous improvement",
    )
    assert qi.lead == "Education Scotland (HM Inspectors)"
    assert next(title for _, title in qi.sections) == "Self-evaluation for self-improvement"
    levels = {level.qi: level.suggested for level in suggest_levels(_nursery(stem, answers), stem)}
    assert levels["continuous-improvement"] == 3  # the fast path agrees


def test_a_nursery_that_chose_hgioelc_keeps_its_numbers_and_words(stem: Framework) -> None:
    section = next(s for s in stem.sections if s.id == "attainment-and-progress")
    answers = {s.id: Answer(rating=3, evidence="x") for s in section.statements}
    result = score(_nursery(stem, answers, "hgioelc"), stem)
    qi = next(q for q in result.qis if q.qi_id == "3.2")
    assert (qi.heading, qi.level_word) == ("QI 3.2 Securing children's progress", "satisfactory")


def test_the_plan_says_which_qis_and_words_and_what_feeds_each(stem: Framework) -> None:
    group = next(g for g in stem.groups("elc") if g.ref.id == "curriculum")
    answers = {sid: Answer(rating=3, evidence="x") for sid in group.asked}
    evaluation = _nursery(stem, answers, "elc-qif")
    plan = plan_content(score(evaluation, stem), evaluation, stem)
    assert "in the words of the ELC quality framework 2025 (“3 adequate”)" in plan.about
    assert "Quality improvement framework for the early learning and childcare" in plan.about
    (section,) = plan.sections
    assert section.heading == "Curriculum" and section.level.startswith("3 adequate")
    assert section.context == (
        "Brings together our STEM work on Curriculum, Transitions and Partnerships. "
        "Lead inspectorate: Education Scotland (HM Inspectors)."
    )
    assert plan.qi_header == "Area" and plan.summary[0].qi == "Children play and learn"
    markdown = result_markdown(score(evaluation, stem), evaluation, stem)
    assert "| Area | Title |" in markdown and "satisfactory" not in markdown


def test_an_older_nursery_evaluation_keeps_the_qis_its_levels_were_agreed_against(
    stem: Framework,
) -> None:
    agreed = _nursery(stem, {}).model_copy(
        update={"qi": {"self-evaluation": QIJudgement(suggested=4, confirmed=4)}}
    )
    kept, changes = reconcile(agreed, stem)
    assert kept.setting.qi_framework == "hgioelc"
    assert any("keeps them" in line for line in changes.describe())
    assert next(q for q in score(kept, stem).qis if q.key == "self-evaluation").confirmed == 4
    # nothing agreed, or only levels of QIs a single section still feeds: the 2025 QIs
    moved, changes = reconcile(_nursery(stem, {}), stem)
    assert moved.setting.qi_framework is None and changes.kept_on is None
    safe = _nursery(stem, {}).model_copy(
        update={"qi": {"safe-stem": QIJudgement(suggested=4, confirmed=4)}}
    )
    assert reconcile(safe, stem)[0].setting.qi_framework is None


def test_one_action_left_behind_never_moves_a_2025_evaluation_to_hgioelc(
    stem: Framework,
) -> None:
    """A nursery's levels agreed on the 2025 QIs, and one action whose QI is in no framework
    any more: it stays on the 2025 framework (moved, every one of its levels lost its QI)."""
    agreed = {
        "elc-qif:curriculum": QIJudgement(suggested=4, confirmed=4),
        "elc-qif:quality-spaces": QIJudgement(suggested=3, confirmed=3),
    }
    left = Action(id="a1", qi="enterprise-and-employability", text="Visit the garden centre")
    nursery = _nursery(stem, {}).model_copy(update={"qi": agreed, "actions": [left]})
    kept, changes = reconcile(nursery, stem)
    assert kept.setting.qi_framework is None and changes.kept_on is None
    levels = {q.key: q.confirmed for q in score(kept, stem).qis}
    assert levels["elc-qif:curriculum"] == 4 and levels["elc-qif:quality-spaces"] == 3


def test_qis_the_stage_does_not_offer_are_named_with_their_line(
    tmp_path: Path, stem: Framework
) -> None:
    message = refused_setting_line(tmp_path, stem, "primary", 'qi_framework = "elc-qif"')
    assert "`elc-qif` is not a set of quality indicators the primary stage" in message
    assert "use one of: hgios4, or delete the line to use hgios4" in message


def _broken(tmp_path: Path, old: str, new: str) -> str:
    text = (REPO / "frameworks" / "stem.toml").read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "stem.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp_path / "common").mkdir()
    for part in (REPO / "frameworks" / "common").glob("*.toml"):
        body = part.read_text(encoding="utf-8")
        if part.name == "elc-qif.toml":
            body = body.replace("level_words = { 3 = ", "level_words = { 9 = ")
        (tmp_path / "common" / part.name).write_text(body, encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(tmp_path / "stem.toml")
    return str(caught.value)


def test_two_sections_on_one_numbered_qi_and_a_word_off_the_scale_are_errors(
    tmp_path: Path,
) -> None:
    message = _broken(
        tmp_path,
        '{ framework = "hgios4", id = "1.2" }',
        '{ framework = "hgios4", id = "1.1" }',
    )
    assert "QI hgios4 1.1 is already evaluated by section `self-evaluation`" in message
    assert "9 is not a level of the scale" in message and "elc-qif.toml" in message


@pytest.mark.parametrize(("keys", "chosen"), [((), "elc-qif"), (("down",), "hgioelc")])
async def test_the_start_screen_offers_a_nursery_its_qis(
    tmp_path: Path, stem: Framework, keys: tuple[str, ...], chosen: str
) -> None:
    from textual.widgets import Button, RadioSet

    from selfeval.tui import make_app
    from selfeval.tui.screens.statement import StatementScreen

    store = EvaluationStore(tmp_path / "responses")
    app = make_app(stem, store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Craigbrae Nursery", "tab", "enter")  # ELC is the first stage
        begin = app.screen.query_one("#begin", Button)
        assert await until(pilot, lambda: app.screen.focused is begin)
        choice = app.screen.query_one("#qis-elc", RadioSet)
        assert choice.parent is not None and choice.parent.display
        assert choice.pressed_button is not None  # the 2025 framework, already chosen
        if keys:  # as the screen says: Tab to the list (it comes after Start: optional)
            await pilot.press("tab")
            assert await until(pilot, lambda: app.screen.focused is choice)
            await pilot.press(*keys, "enter")
            assert await until(pilot, lambda: app.screen.focused is begin)
        assert await until(pilot, lambda: not begin.has_class("-active"))
        await pilot.press("enter")
        assert await until(pilot, lambda: isinstance(app.screen, StatementScreen))
        await pilot.press("ctrl+q")
    (path,) = store.folder.glob("*.toml")
    assert load_evaluation(path).setting.qi_framework == chosen


def test_plain_mode_offers_the_choice_and_enter_keeps_the_2025_qis(tmp_path: Path) -> None:
    code, said = talk(tmp_path, ["Craigbrae Nursery", "1", "", "q"])
    assert code == 0, said
    assert "The quality indicators your levels are given against" in said
    (path,) = tmp_path.glob("*.toml")
    assert load_evaluation(path).setting.qi_framework == "elc-qif"


def test_each_quality_indicator_shows_its_journey_first_and_in_the_plan(
    stem: Framework, tmp_path: Path
) -> None:
    assert all(section.journey for section in stem.sections)
    curriculum = next(s for s in stem.sections if s.id == "curriculum")
    assert curriculum.path(True) != curriculum.path(False)  # nurseries read their own
    code, said = talk(tmp_path, ["Craigbrae Nursery", "1", "", "4", "", "q"])
    assert code == 0
    first = next(s for s in stem.sections if s.id == "self-evaluation")
    assert said.count(f"The journey: {first.path(True)}") == 1  # before the first statement only
    assert first.about(True) != first.about(False)  # what it asks, in a nursery's words
    assert said.count(f"What it asks: {first.about(True)}") == 1
    group = next(g for g in stem.groups("elc") if g.ref.id == "curriculum")
    evaluation = _nursery(stem, {sid: Answer(rating=4) for sid in group.asked})
    (section,) = plan_content(score(evaluation, stem), evaluation, stem).sections
    assert [line.split(":")[0] for line in section.journey] == [
        "Curriculum",
        "Transitions",
        "Partnerships",
    ]
    assert str(curriculum.path(True)) in section.journey[0]


def test_a_comparison_speaks_the_words_of_every_setting_in_it(
    stem: Framework, tmp_path: Path
) -> None:
    """A nursery on the 2025 framework is "3 adequate", a school "3 satisfactory": a chart of
    both says both, and a chart of one kind says only its own."""
    from selfeval.compare.collect import collect_cached, comparison_scale

    store = EvaluationStore(tmp_path)
    rated = {sid: Answer(rating=3) for sid in stem.statements}

    def saved(evaluation: Evaluation) -> Path:
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.toml"
        store.save(evaluation, path)
        return path

    nursery = saved(_nursery(stem, rated))
    on_hgioelc = saved(_nursery(stem, rated, "hgioelc"))
    school = saved(
        _nursery(stem, rated).model_copy(update={"setting": Setting(name="Oak", stage="primary")})
    )

    def word(*paths: Path) -> str:
        collection = collect_cached(paths, None, use_cache=False, jobs=1, all_years=True)
        return comparison_scale(collection).word(3)

    assert word(nursery) == "adequate"
    assert word(school) == word(on_hgioelc) == word(school, on_hgioelc) == "satisfactory"
    assert word(school, nursery) == "satisfactory / adequate"


def test_a_statement_whose_theme_feeds_its_own_qi_is_placed_under_it(stem: Framework) -> None:
    from selfeval.digest.wording import wording_of

    facts = wording_of(stem, "elc")
    spaces = next(s for s in facts.statements if s.id == "stem-1.5-02")
    funding = next(s for s in facts.statements if s.section == spaces.section and not s.place)
    assert spaces.place.startswith("Children experience high quality spaces: ")
    assert facts.sections[funding.section].place.startswith("Leadership and management of staff")
    assert not any(s.place for s in wording_of(stem, "primary").statements)
