"""`selfeval --plain`: the evaluation as plain lines, driven here exactly as a screen reader user
or a script drives it, by lines on standard input. Assertions read the saved file."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.evaluation import load_evaluation
from selfeval.evaluation.model import Evaluation
from selfeval.framework import load_framework
from selfeval.plain.journey import run_plain

from .plain_helpers import STEM, ColleagueSaves, only, talk

FRAMEWORK = load_framework(STEM)
PRIMARY = FRAMEWORK.statements_for("primary")
"""The statements a primary school is asked, in the order they are asked."""


def _run(lines: list[str], responses: Path, *, setting: str | None = None) -> tuple[int, str]:
    return talk(responses, lines, setting)


def test_a_whole_qi_then_agree_and_export(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    lines = ["Plainfield [Primary]", "2"]  # name, stage: primary
    lines += ["4", "e", "Pupil survey | May", "5", "n", "4", "w", "Ask the cluster", "4", "3"]
    lines += ["r", "1", "c", "", "x", "m", "", "q"]  # c agrees, Enter goes back to the results
    code, said = _run(lines, responses)
    assert code == 0, said
    saved = load_evaluation(only(responses))
    assert saved.setting.name == "Plainfield [Primary]" and saved.setting.stage == "primary"
    answers = [
        saved.answer(s.id) for s in PRIMARY if FRAMEWORK.section_of[s.id].id == "self-evaluation"
    ]
    assert [a.rating for a in answers][:6] == [4, 5, None, 4, 4, 3]
    assert answers[1].evidence == "Pupil survey | May" and answers[2].not_applicable
    assert answers[4].notes == "Ask the cluster"
    judgement = saved.qi["self-evaluation"]
    assert judgement.confirmed == judgement.suggested is not None
    assert saved.status == "complete"
    assert only(responses).with_suffix(".plan.docx").is_file()
    assert only(responses).with_suffix(".plan.xlsx").is_file()
    assert "Improvement plan written:" in said
    assert f"Your answers are saved in {only(responses)}" in said
    assert "\x1b" not in said  # plain lines: no colour or cursor codes for a reader to stumble on


def test_end_of_input_saves_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    code, said = _run(["Resumed School", "2", "4", "3"], responses)  # input ends mid-way
    assert code == 0 and "End of input." in said
    code, said = _run(["1", "2"], responses)  # carry on with the listed evaluation
    assert f"Resumed School, 2 of {len(PRIMARY)} answered" in said
    assert f"Statement 3 of {len(PRIMARY)}" in said
    ratings = {sid: a.rating for sid, a in load_evaluation(only(responses)).answers.items()}
    assert sorted(r for r in ratings.values() if r) == [2, 3, 4]


def test_wrong_answers_are_explained_and_nothing_changes(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    code, said = _run(["", "Oak", "9", "2", "7", "maybe", "q"], responses)
    assert code == 0
    assert "A name is needed to start" in said
    assert "Please type a number from 1 to 4" in said
    assert "'7' is not one of the choices." in said and "'maybe' is not one" in said
    assert load_evaluation(only(responses)).answers == {}


def test_choices_are_taken_by_name_as_on_the_command_line(tmp_path: Path) -> None:
    """A nursery manager types "ELC" (as in `--stage elc`) and the QI framework's name, not
    their numbers; an empty answer on the results list says what to type."""
    responses = tmp_path / "r"
    code, said = _run(["Wee Acorns", "ELC", "hgioelc", "5", "r", "", "q"], responses)
    assert code == 0, said
    assert "Please type a number" not in said
    assert "Nothing typed." in said
    saved = load_evaluation(only(responses))
    assert (saved.setting.stage, saved.setting.qi_framework) == ("elc", "hgioelc")
    assert sorted(a.rating for a in saved.answers.values() if a.rating) == [5]
    _, said = _run(["Other", "nursery"], tmp_path / "other")
    assert "Please type a number from 1 to 4 or a name (elc, primary, secondary, asn)" in said


def test_the_keys_are_spelt_out_three_times_then_named(tmp_path: Path) -> None:
    """A screen reader reads the question at every statement: its keys in full the first three
    times, then only named, and in full again after a wrong answer."""
    full = "n for not applicable (n and the reason on one line says why), e for evidence, w for"
    short = "How are we doing? (6 to 1, n, e, w, Enter, b, r, u, ? for help, q)"
    code, said = _run(["Reader School", "2", "4", "4", "4", "4", "maybe", "4", "q"], tmp_path)
    assert code == 0, said
    prompts = [line for line in said.splitlines() if line.startswith("How are we doing?")]
    assert [full in p for p in prompts] == [True, True, True, False, False, True, False]
    assert prompts[3] == short


def test_user_text_is_printed_as_text(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    _, said = _run(
        ["Esc \x1b[2J School", "Esc School", "2", "e", "[b]x[/] \x1b]0;t\x07", "q"], responses
    )
    assert "Type the name as plain words on one line" in said
    _, said = _run(["1", "q"], responses)
    assert "\x1b" not in said and "\\x1b" in said
    assert "Evidence: [b]x[/]" in said


def test_plain_mode_from_a_pipe(tmp_path: Path) -> None:
    """As a script would: the answers in a file piped to the command."""
    answers = "\n".join(["Piped Primary", "2", "5", "5", "4", "r", "x", "q"]) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "selfeval", "--plain", "--responses", str(tmp_path / "r")],
        input=answers, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert re.search(r"Saved: 5 very good\.", done.stdout)
    assert "> Piped Primary" in done.stdout  # piped answers are echoed, so the log reads whole
    saved = load_evaluation(only(tmp_path / "r"))
    assert sorted(a.rating for a in saved.answers.values() if a.rating) == [4, 5, 5]
    assert only(tmp_path / "r").with_suffix(".plan.md").is_file()


def test_what_every_setting_must_answer_is_said_and_not_applicable_refused(
    tmp_path: Path,
) -> None:
    responses = tmp_path / "r"
    assert [s.id for s in PRIMARY][6] == "stem-1.1-06"  # not applicable is not allowed there
    code, said = _run(["Must Answer Primary", "2", *["4"] * 6, "n", "5", "q"], responses)
    assert code == 0, said
    assert said.count("Every setting must answer this statement") == 2  # told, then refused
    assert "cannot be marked not applicable: rate it on the scale" in said
    answer = load_evaluation(only(responses)).answer("stem-1.1-06")
    assert answer.rating == 5 and not answer.not_applicable


def test_not_applicable_with_the_reason_on_the_same_line(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    lines = ["Reasons Primary", "2", "4", "5", "n We have no *outdoor* space | yet", "b", "q"]
    code, said = _run(lines, responses)
    assert code == 0, said
    assert "Saved: not applicable, and why." in said
    assert "Why it does not apply: We have no *outdoor* space | yet" in said  # read back
    answer = load_evaluation(only(responses)).answer(PRIMARY[2].id)
    assert answer.not_applicable and answer.why_not_applicable == "We have no *outdoor* space | yet"
    assert answer.evidence == ""  # a reason is not evidence


def test_digits_that_are_not_numbers_and_huge_numbers_are_refused_not_crashed(
    tmp_path: Path,
) -> None:
    responses = tmp_path / "r"
    odd = ["²", "①", "⁵", "٣", "9" * 5000]
    code, said = _run(["Odd Digits", *odd, "2", *odd, "4", "q"], responses)
    assert code == 0, said
    assert said.count("Please type a number from 1 to 4") == len(odd)
    assert said.count("is not one of the choices") == len(odd)
    answers = load_evaluation(only(responses)).answers
    assert [a.rating for a in answers.values()] == [4]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.lists(st.binary(max_size=30).filter(lambda b: b"\n" not in b), max_size=12))
def test_any_bytes_typed_get_an_answer_never_a_crash(tmp_path: Path, typed: list[bytes]) -> None:
    """Whatever arrives on standard input (not UTF-8, control characters, digits of other
    scripts), `--plain` answers in words, saves what it took, and ends with exit 0."""
    responses = tmp_path / f"r{len(list(tmp_path.iterdir()))}"
    raw = b"\n".join([b"Fuzz School", b"2", *typed, b"q"]) + b"\n"
    into = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    out = io.StringIO()
    assert run_plain(STEM, responses, None, None, None, into, out) == 0
    said = out.getvalue()
    assert "Traceback" not in said
    for path in responses.glob("*.toml"):
        load_evaluation(path)  # whatever was saved reads back


def _learning_walk(theirs: Evaluation) -> Evaluation:
    first = PRIMARY[0].id
    answer = theirs.answer(first).model_copy(update={"evidence": "Learning walk"})
    return theirs.with_answer(first, answer)


def test_plain_says_when_a_save_merged_a_colleagues_changes(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    lines = ["Merged Primary", "2", "e", "Pupil survey", "4", "q"]
    into = ColleagueSaves(
        lines, at=4, folder=responses, change=_learning_walk
    )  # while the evidence is typed
    out = io.StringIO()
    assert run_plain(STEM, responses, None, None, None, into, out) == 0
    said = out.getvalue()
    assert "Saved, merged: at " in said
    assert "the evidence was also changed in another window; both are kept" in said
    saved = load_evaluation(only(responses)).answer(PRIMARY[0].id)
    assert saved.evidence.startswith("Learning walk\n\n[Also written in another window")
    assert saved.evidence.endswith("Pupil survey") and saved.rating == 4


def test_x_on_the_action_plan_page_exports_the_plan(tmp_path: Path) -> None:
    """A trial typed x on the action plan page, where the app now exports too, and heard
    "'x' is not one of the choices"."""
    responses = tmp_path / "r"
    lines = ["Plainfield", "2", "4", "r", "p", "x", "", "q"]
    code, said = _run(lines, responses)
    assert code == 0, said
    assert "is not one of the choices" not in said
    assert "Improvement plan written:" in said
    assert only(responses).with_suffix(".plan.docx").is_file()


def test_evidence_and_notes_can_follow_their_key_on_one_line(tmp_path: Path) -> None:
    """As `n` takes its reason: a trial typed "e Jotters" and was refused."""
    responses = tmp_path / "r"
    lines = ["Plainfield", "2", "e Jotters and floorbooks", "w Ask the cluster", "4", "q"]
    code, said = _run(lines, responses)
    assert code == 0, said
    first = load_evaluation(only(responses)).answer(PRIMARY[0].id)
    assert (first.evidence, first.notes, first.rating) == (
        "Jotters and floorbooks",
        "Ask the cluster",
        4,
    )
