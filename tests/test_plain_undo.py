"""`u` in `selfeval --plain` (issue 32): the last change undone and said, at the statements and
at the results' questions, driven through standard input as a screen reader user would."""

from __future__ import annotations

from pathlib import Path

from selfeval.evaluation import load_evaluation
from selfeval.framework import load_framework

from .plain_helpers import STEM, only, talk

PRIMARY = load_framework(STEM).statements_for("primary")


def test_u_undoes_ratings_and_evidence_and_goes_back_to_the_statement(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    lines = ["Undoing Primary", "2", "4", "5"]  # rated 4 and 5: now at the third statement
    lines += ["u"]  # the 5 undone: back at the second statement
    lines += ["e", "Pupil survey", "u"]  # the evidence typed undone
    lines += ["u", "u", "q"]  # the 4, then nothing left
    code, said = talk(responses, lines)
    assert code == 0, said
    first, second = (s.id for s in PRIMARY[:2])
    assert "Undid: rating 5 very good on “" in said and "(now unrated)" in said
    assert "Undid: the evidence on “" in said and "(now empty)" in said
    assert "Undid: rating 4 good on" in said
    assert said.count("Nothing more to undo") == 1
    assert said.count(f"Statement 2 of {len(PRIMARY)}") == 2  # went back to answer it again
    saved = load_evaluation(only(responses))
    assert saved.answer(first).rating is None and saved.answer(second).rating is None
    assert saved.answer(second).evidence == ""


def test_u_at_the_results_undoes_an_agreed_level(tmp_path: Path) -> None:
    responses = tmp_path / "r"
    lines = ["Undoing Primary", "2", "4", "e", "Minutes", "4", "e", "Survey"]
    lines += ["r", "1", "3", "", "u", "", "u", "q"]  # QI 1: level 3 (no reason), undone;
    # then at the results, undo again
    code, said = talk(responses, lines)
    assert code == 0, said
    assert "Undid: the level 3 satisfactory for" in said and "(now not agreed)" in said
    assert "Undid: the evidence on" in said
    saved = load_evaluation(only(responses))
    assert saved.qi == {}
    assert saved.answer(PRIMARY[2].id).evidence == ""  # "Survey", typed last
    assert saved.answer(PRIMARY[1].id).evidence == "Minutes"
