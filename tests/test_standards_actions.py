"""The report tells every action of the two years' plans where it stands now: a carried action
as this year's file says (newer status and review winning over last year's), one left out of
this year's plan said to be so, and every action completed this year told as an achievement."""

from __future__ import annotations

from datetime import date

import pytest

from selfeval.cli import main
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.actions import Action, ActionStatus

_OLD = "Reviewed last year: started in two classes."
_NEW = "Reviewed in November: now in every class"


def _action(n: int, qi: str, status: ActionStatus, review: str, **more: object) -> Action:
    fields: dict[str, object] = {"due": date(2026, 5, 6), **more}
    return Action(
        id=f"a{n}",
        qi=qi,
        text=f"Action {n} {status}",
        measure=f"Measure {n}",
        status=status,
        review=review,
        **fields,
    )


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Last year's plan: one done, one dropped, four under way (carried); this year's: the
    carried ones now done, still under way (reviewed again), dropped, and one taken out; this
    year's own: one done, one under way."""
    folder = tmp_path_factory.mktemp("years")
    assert main(["demo", str(folder), "--settings", "1", "--years", "2"]) == 0
    this = next(folder.glob("*.2026-27.toml"))
    last = next(folder.glob("*.2025-26.toml"))
    qi = next(iter(load_evaluation(this).qi))
    before = [
        _action(1, qi, "done", "Done last year."),
        _action(2, qi, "dropped", "Dropped last year."),
        *(_action(n, qi, "under-way", _OLD) for n in (3, 4, 5, 6)),
    ]
    carried = {"carried_from": "2025-26"}
    now = [
        _action(3, qi, "done", _NEW, **carried),
        _action(4, qi, "under-way", _NEW + " (4)", due=date(2030, 1, 1), **carried),
        _action(5, qi, "dropped", "Dropped this year.", **carried),
        # a6 was carried, then taken out of this year's plan
        _action(7, qi, "done", "Ours, finished.").model_copy(update={"text": "New 7 done"}),
        _action(8, qi, "under-way", "").model_copy(update={"text": "New 8 under way"}),
    ]
    for path, actions in ((last, before), (this, now)):
        evaluation = load_evaluation(path).model_copy(update={"actions": actions})
        path.write_text(dump_evaluation(evaluation), encoding="utf-8")
    out = folder / "report.md"
    assert main(["report", str(this), "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _part(text: str, start: str, end: str = "\n## ") -> str:
    assert start in text, start
    return text.split(start, 1)[1].split(end, 1)[0]


def _group(report: str, title: str) -> str:
    progress = _part(report, "## Progress with last year's actions\n")
    return _part(progress, f"### {title}\n", "###")


def test_a_carried_action_done_this_year_is_an_achievement_with_this_years_review(
    report: str,
) -> None:
    done = _group(report, "Completed this year")
    assert "Action 3 done" in done and _NEW in done and "Measure 3" in done
    assert _OLD not in report.split("Action 3", 1)[1].split("\n", 1)[0]
    assert "Action 1 done" in _group(report, "Completed last year") and "Done last year." in report


def test_a_carried_action_still_under_way_shows_this_years_review_and_date(report: str) -> None:
    under_way = _group(report, "Under way")
    assert "Action 4 under-way" in under_way and _NEW + " (4)" in under_way
    assert "overdue" not in under_way  # due in 2030 in this year's file
    assert _OLD not in under_way


def test_dropped_this_year_or_last_and_one_left_out_of_this_years_plan(report: str) -> None:
    dropped = _group(report, "No longer pursued")
    assert "Action 2 dropped" in dropped and "Action 5 dropped" in dropped
    assert "Dropped this year." in dropped
    left_out = _group(report, "Not in this year's plan")
    assert "Action 6 under-way" in left_out and _OLD in left_out


def test_this_years_own_completed_action_is_told_once(report: str) -> None:
    completed = _part(report, "\n## New actions completed this year\n")
    assert "New 7 done" in completed and "Ours, finished." in completed
    assert "Action 3" not in completed  # told with last year's, not twice
    assert report.count("New 7 done") == 1
    priorities = _part(report, "## Our priorities for next year")
    assert "New 8 under way" in priorities and "Action 4 under-way" in priorities
    assert "New 7 done" not in priorities and "Action 3 done" not in priorities
