"""`selfeval --plain` offers what the app's results screen offers (issue 32): a QI's level agreed
(c) or chosen, its next steps adopted into the action plan with a lead, a date and a measure,
the team's own actions, every field of an action, a target, the whole plan listed, and the
plan exported with all of it. Driven by lines on standard input, as a screen reader user or a
script drives it; assertions read the saved evaluation and the exported plan."""

from __future__ import annotations

import errno
import io
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.evaluation import load_evaluation
from selfeval.evaluation.actions import Action
from selfeval.evaluation.model import Contributor, Evaluation
from selfeval.evaluation.store import EvaluationStore, SaveFailed
from selfeval.framework import load_framework
from selfeval.plain.journey import run_plain
from selfeval.scoring import score

from .plain_helpers import STEM, ColleagueSaves, only, talk

FRAMEWORK = load_framework(STEM)
FIRST_QI = list(FRAMEWORK.statements_for("primary"))[:8]
"""QI 1.1's statements, the first a primary school is asked."""
assert {FRAMEWORK.section_of[s.id].id for s in FIRST_QI} == {"self-evaluation"}
RATINGS = [4, 2, 3, 2, 3, 4, 5, 3]
"""Suggests 3 satisfactory, with next steps to adopt."""


def rated(name: str = "Action Primary") -> list[str]:
    """A new primary school, QI 1.1 rated with evidence for every statement, then the results."""
    lines = [name, "2"]
    for n, rating in enumerate(RATINGS, 1):
        lines += ["e", f"Evidence {n}", str(rating)]
    return [*lines, "r"]


def started(tmp_path: Path) -> Path:
    """The responses folder, holding the evaluation `rated` makes (input ends at the results)."""
    responses = tmp_path / "r"
    code, said = talk(responses, rated())
    assert code == 0, said
    return responses


ADOPT_TWO = [
    "1",  # QI 1.1
    "c",  # agree with the suggestion
    "a",  # its next steps
    "1",  # adopt the first: its details open
    "3",
    "Depute head",
    "4",
    "30/6/2027",
    "5",
    "One change recorded from each review",
    "",  # done: back to the next steps
    "2",  # adopt the second
    "3 Ms Rahman",  # a field's number and its words on one line
    "4 June 2027",
    "5 Every class uses the evidence set",
    "",
    "",  # back to the QI
    "t",
    "5",
    "31 March 2028",
    "",  # back to the results
    "x",
    "q",
]


def _check_plan(responses: Path) -> None:
    saved = load_evaluation(only(responses))
    judgement = saved.qi["self-evaluation"]
    assert judgement.confirmed == judgement.suggested == 3
    steps = score(saved, FRAMEWORK).qis[0].next_steps
    first, second = saved.actions
    assert (first.source, second.source) == (steps[0].action_id, steps[1].action_id)
    assert (first.text, first.lead, first.due) == (steps[0].text, "Depute head", date(2027, 6, 30))
    assert first.measure == "One change recorded from each review"
    assert (second.lead, second.due) == ("Ms Rahman", date(2027, 6, 30))
    assert second.measure == "Every class uses the evidence set"
    assert (saved.targets["self-evaluation"].level, saved.targets["self-evaluation"].by) == (
        5,
        date(2028, 3, 31),
    )
    plan = only(responses).with_suffix(".plan.md").read_text("utf-8")
    assert "**Our target:** 5 very good by 31 March 2028" in plan
    table = plan.split("## Action plan")[1]
    assert "| Depute head | 30 June 2027 | One change recorded from each review |" in table
    assert "| Ms Rahman | 30 June 2027 | Every class uses the evidence set |" in table
    assert steps[0].text in table and steps[1].text in table


def test_rate_agree_adopt_two_steps_set_a_target_and_export(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    code, said = talk(responses, [*rated(), *ADOPT_TWO])
    assert code == 0, said
    assert "Saved: QI 1.1 agreed at 3 satisfactory." in said
    assert said.count("Saved: in the action plan.") == 2
    assert "Saved: who leads it: Depute head." in said
    assert "Saved: by when: 30 June 2027." in said
    assert "Saved: target 5 very good by 31 March 2028." in said
    assert "Improvement plan written:" in said
    assert said.count("15. QI 3.3") == 1  # coming back, only what changed is read out again
    assert (
        "Back at the results.\n1. QI 1.1 Self-evaluation for self-improvement: suggested 3" in said
    )
    _check_plan(responses)


def test_the_same_from_a_pipe(tmp_path: Path) -> None:
    """As a script would: every answer in a file piped to the command."""
    responses = tmp_path / "r"
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "--plain", "--responses", str(responses)],
        input="\n".join([*rated(), *ADOPT_TWO]) + "\n",
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    _check_plan(responses)


@pytest.mark.parametrize(
    ("before", "where"),
    [
        ([], "the name"),
        (["Stop Primary"], "the stage"),
        (["Stop Primary", "2"], "a statement"),
        (["Stop Primary", "2", "e"], "the evidence"),
        (["Stop Primary", "2", "r"], "the results"),
        (["Stop Primary", "2", "r", "1"], "the level prompt"),
        (["Stop Primary", "2", "r", "1", "5"], "the reason for a level"),
        (["Stop Primary", "2", "r", "1", "t"], "the target"),
        (["Stop Primary", "2", "r", "1", "t", "5"], "the target's date"),
        (["Stop Primary", "2", "r", "1", "a"], "the next steps"),
        (["Stop Primary", "2", "r", "1", "a", "o"], "an own action's words"),
        (["Stop Primary", "2", "r", "1", "a", "o", "Visit", "3"], "a field"),
        (["Stop Primary", "2", "r", "1", "a", "o", "Visit", "6"], "the status"),
        (["Stop Primary", "2", "r", "p"], "the action plan"),
    ],
)
@pytest.mark.parametrize("q", ["q", "Q", "quit"])
def test_q_stops_at_every_question(tmp_path: Path, before: list[str], where: str, q: str) -> None:
    """Whatever is asked, q stops there: nothing typed after it is read, and what was
    answered before it is kept."""
    responses = tmp_path / "r"
    code, said = talk(responses, [*before, q, "Not to be read", "2", "4", "x"])
    assert code == 0, (where, said)
    out = said.splitlines()
    assert out[out.index(f"> {q}") + 1] == "Stopped.", (where, said)
    assert "Not to be read" not in said and "is not" not in said, (where, said)
    for path in responses.glob("*.toml"):
        saved = load_evaluation(path)
        assert not any(a.rating for a in saved.answers.values())
        assert not any(a.evidence for a in saved.answers.values())
    assert not list(responses.glob("*.plan.md"))


def test_q_at_the_level_prompt_stops_and_keeps_what_was_agreed(tmp_path: Path) -> None:
    responses = started(tmp_path)
    code, said = talk(responses, ["1", "r", "1", "c", "q", "5", "x"])
    assert code == 0, said
    assert "not a level" not in said and "Stopped." in said
    judgement = load_evaluation(only(responses)).qi["self-evaluation"]
    assert judgement.confirmed == 3  # c agreed; the 5 after q was never read


def test_c_agrees_and_a_level_of_our_own_asks_why(tmp_path: Path) -> None:
    responses = started(tmp_path)
    code, said = talk(responses, ["1", "r", "1", "c", "4", "Moderated with our cluster", "q"])
    assert code == 0, said
    assert "c to agree with 3 satisfactory" in said
    assert "Saved: QI 1.1 agreed at 3 satisfactory." in said
    assert "Saved: QI 1.1 agreed at 4 good." in said
    assert "You chose 4 good where selfeval suggested 3 satisfactory" in said
    judgement = load_evaluation(only(responses)).qi["self-evaluation"]
    assert (judgement.suggested, judgement.confirmed) == (3, 4)
    assert judgement.reason == "Moderated with our cluster"


def test_c_with_nothing_to_agree_with_says_why(tmp_path: Path) -> None:
    code, said = talk(tmp_path, ["Empty Primary", "2", "r", "2", "c", "q"])
    assert code == 0, said
    assert "No suggestion to agree with yet. Not enough evidence yet" in said
    assert not load_evaluation(only(tmp_path)).qi


def test_a_bad_date_is_refused_and_nothing_is_lost(tmp_path: Path) -> None:
    responses = started(tmp_path)
    lines = ["1", "r", "1", "a", "1", "3 Depute head", "4 30/6/2027", "4 31/2/2027"]
    lines += ["next summer", "", "7 someday", "30 May 2027", "", "", "t", "5 Jun 27", "", "q"]
    code, said = talk(responses, lines)
    assert code == 0, said
    refused = "'31/2/2027' is not a date: type it like 30/6/2027 or June 2027."
    assert refused in said
    assert "'next summer' is not a date" in said and "'someday' is not a date" in said
    assert said.count("Nothing changed: it is still 30 June 2027.") == 2
    assert "Saved: next review: 30 May 2027." in said
    (action,) = load_evaluation(only(responses)).actions
    assert action.lead == "Depute head"  # typed before the mistakes: still there
    assert (action.due, action.review_date) == (date(2027, 6, 30), date(2027, 5, 30))
    assert "'Jun 27' is not a date" in said  # the target's level was saved before its date
    target = load_evaluation(only(responses)).targets["self-evaluation"]
    assert (target.level, target.by) == (5, None)


def test_every_field_of_an_action_and_our_own_action(tmp_path: Path) -> None:
    responses = started(tmp_path)
    lines = ["1", "r", "1", "a", "o", "Visit the cluster's STEM fair"]
    lines += ["2", "Learners see STEM beyond the school", "6", "under way", "7 1/12/2026"]
    lines += ["8 Two visits so far", "3 Ms Rahman", "3 -", "1 -", "Visit two STEM fairs", "9"]
    lines += ["QI 1.2 Leadership of learning", "", "", "", "p", "1", "6 done", "", "", "q"]
    code, said = talk(responses, lines)
    assert code == 0, said
    (action,) = load_evaluation(only(responses)).actions
    assert action.is_own and action.text == "Visit two STEM fairs"
    assert action.outcome == "Learners see STEM beyond the school"
    assert (action.status, action.review_date) == ("done", date(2026, 12, 1))
    assert (action.review, action.lead) == ("Two visits so far", "")
    assert action.qi == "leadership-of-learning"
    assert "Saved: quality indicator: QI 1.2 Leadership of learning." in said
    assert "It cannot be empty." in said  # the words of an action are never cleared
    assert "Action plan: 1 action." in said


def test_an_action_is_taken_out_only_when_the_team_says_yes(tmp_path: Path) -> None:
    responses = started(tmp_path)
    lines = ["1", "r", "1", "a", "1", "3 Depute head", "d", "", "d", "y", "", "", "p", "", "q"]
    code, said = talk(responses, lines)
    assert code == 0, said
    assert "Kept in the action plan." in said
    assert "Saved: taken out of the action plan." in said
    assert "Action plan: no actions yet." in said
    assert load_evaluation(only(responses)).actions == []


def test_read_backs_are_one_field_a_line(tmp_path: Path) -> None:
    """A screen reader reads a line as one piece: each field on its own, never two run
    together ("…each term Notes: Add…")."""
    responses = tmp_path / "r"
    lines = ["Lines Primary", "2", "e", "Survey each term", "w", "Add a parent", "4", "b"]
    lines += ["r", "1", "a", "o", "Hold a review", "3 Depute head", "l", "", "", "", "p", "q"]
    code, said = talk(responses, lines)
    assert code == 0, said
    out = said.splitlines()
    assert (out[out.index("So far:", out.index("> b")) :][:4]) == [
        "So far:",
        "Rated 4 good.",
        "Evidence: Survey each term",
        "Notes: Add a parent",
    ]
    labels = ("Rated", "Evidence:", "Notes:", "Who leads it:", "By when:", "How we will know:")
    for line in out:
        assert sum(label in line for label in labels) <= 1, line
    start = out.index("An action of our own, in our action plan.")
    assert [line.split(":")[0] for line in out[start + 1 : start + 10]] == [
        "1. What we will do",
        "2. Outcome sought",
        "3. Who leads it",
        "4. By when",
        "5. How we will know",
        "6. Where it stands",
        "7. Next review",
        "8. Review notes",
        "9. Quality indicator",
    ]
    assert "3. Who leads it: Depute head" in out
    plan = out[out.index("Action plan: 1 action.") :]
    assert plan[1:4] == [
        "1. QI 1.1: Hold a review",
        "Who leads it: Depute head",
        "Where it stands: planned",
    ]


def test_a_colleague_is_told_it_is_their_own_view_and_where_it_goes(tmp_path: Path) -> None:
    responses = started(tmp_path)
    teacher = Contributor(role="P5 teacher", name="Ms Rahman")
    code, said = talk(responses, ["4", "q"], setting="Action Primary", contributor=teacher)
    assert code == 0, said
    (view,) = [p for p in responses.glob("*.toml") if load_evaluation(p).contributor]
    lines = said.splitlines()
    assert lines[1] == (
        "You are giving your own view, as P5 teacher (Ms Rahman), for Action Primary's evaluation."
    )
    assert lines[2] == f"Your answers go in a file of your own: {view}"
    assert "Statement 1 of" in said and said.index(str(view)) < said.index("Statement 1 of")
    _, said = talk(
        responses, ["q"], setting="Action Primary", contributor=Contributor(role="learner")
    )
    assert "as learner, without your name," in said
    _, said = talk(responses, ["q"], setting="Action Primary")
    assert "your own view" not in said  # the setting's own evaluation says nothing of the kind


def test_lists_of_one_never_say_from_1_to_1(tmp_path: Path) -> None:
    responses = started(tmp_path)
    code, said = talk(responses, ["9", "q"])  # one evaluation listed: a wrong number
    assert code == 0, said
    assert not re.search(r"from 1 to 1\b", said)
    assert "Please type 1, Enter to start a new one." in said
    code, said = talk(responses, ["1", "r", "p", "o", "1", "Visit", "", "7", "q"])
    assert code == 0, said
    assert "Action plan: type 1 to open an action;" in said
    assert not re.search(r"from 1 to 1\b", said)


def _their_own_action(theirs: Evaluation) -> Evaluation:
    return theirs.with_action(Action(id="a1", qi="self-evaluation", text="Their own action"))


def test_an_action_adopted_while_a_colleague_adds_one_is_the_one_filled_in(
    tmp_path: Path,
) -> None:
    """Both new actions are kept, numbered apart, and the lead typed next goes in ours, not
    in the colleague's that took its number."""
    responses = started(tmp_path)
    lines = ["1", "r", "1", "a", "1", "3 Depute head", "", "", "", "q"]
    into = ColleagueSaves(
        lines, at=5, folder=responses, change=_their_own_action
    )  # as the step's number is typed
    out = io.StringIO()
    assert run_plain(STEM, responses, None, None, None, into, out) == 0
    said = out.getvalue()
    assert "Saved, merged: at " in said
    actions = {a.id: a for a in load_evaluation(only(responses)).actions}
    assert (actions["a1"].text, actions["a1"].lead) == ("Their own action", "")
    assert actions["a2"].lead == "Depute head" and actions["a2"].source is not None


def test_a_save_that_fails_says_not_saved_and_keeps_the_change_to_retry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk while the plan is filled in: each change says NOT SAVED and why, nothing
    typed is thrown away, and the end says the last change is not saved (exit 1)."""
    responses = started(tmp_path)
    before = only(responses).read_bytes()

    def full(self: EvaluationStore, evaluation: Evaluation, path: Path) -> None:
        raise SaveFailed(path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(EvaluationStore, "save", full)
    code, said = talk(responses, ["1", "r", "1", "a", "1", "3 Depute head", "", "", "t", "5", "q"])
    assert code == 1, said
    assert said.count("NOT SAVED: could not save") >= 3  # the step, its lead, the target
    assert "Saved:" not in said and "the disk is full" in said
    assert "NOT SAVED: the last change could not be written to" in said
    assert only(responses).read_bytes() == before


KEYS = ["1", "2", "9", "a", "c", "t", "o", "d", "y", "l", "p", "b", "", "-", "3 Lead"]
KEYS += ["4 31/2/2027", "4 June 2027", "5 June 2027", "6 done", "6 7", "7 -", "9 2"]
"""What the pages after the statements take, and some they refuse."""


@pytest.fixture(scope="module")
def fuzz_start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An evaluation with QI 1.1 rated (`rated`), to copy for each example."""
    return started(tmp_path_factory.mktemp("start"))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    typed=st.lists(
        st.one_of(
            st.sampled_from(KEYS),
            st.text(max_size=12).filter(lambda t: "\n" not in t and "\r" not in t),
        ),
        max_size=40,
    )
)
def test_any_answers_on_the_results_pages_get_an_answer_never_a_crash(
    tmp_path: Path, fuzz_start: Path, typed: list[str]
) -> None:
    """Whatever is typed from the results on (keys of every page, dates, text), `--plain`
    answers in words, ends with exit 0 and leaves a file that reads back."""
    responses = tmp_path / f"r{len(list(tmp_path.iterdir()))}"
    shutil.copytree(fuzz_start, responses)
    code, said = talk(responses, ["1", "r", "1", *typed])
    assert code == 0, said
    assert "Traceback" not in said
    load_evaluation(only(responses))


def test_a_long_answer_is_quoted_back_short() -> None:
    """A pasted page at a prompt is not read back whole to a screen-reader user."""
    from selfeval.plain.conversation import quoted

    assert quoted("7") == "'7'"
    said = quoted("5" * 100_000)
    assert len(said) < 70 and said.endswith("(100,000 characters)")
