"""Helpers for tests that edit evaluation files as a person would in a text editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.errors import EvaluationError
from selfeval.evaluation import Answer, Setting
from selfeval.evaluation.reading import open_for_reading
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework import Framework


def refused_setting_line(folder: Path, framework: Framework, stage: str, line: str) -> str:
    """The error a saved evaluation at *stage* gets once *line* is added under its stage (as
    someone might type it), with the file's name checked to be in it."""
    store = EvaluationStore(folder)
    session = EvaluationSession.start(store, framework, Setting(name="Oakfield", stage=stage))
    session.close()
    text = session.path.read_text(encoding="utf-8")
    here = f'stage = "{stage}"\n'
    session.path.write_text(text.replace(here, here + line + "\n"), encoding="utf-8")
    with pytest.raises(EvaluationError) as caught:
        open_for_reading(session.path)
    message = str(caught.value)
    assert f"{session.path.name}:" in message
    return message


EVIDENCE = "Learners' work, minutes of the STEM group and a learner focus group."
"""Evidence for tests that rate through a session: a rating without it is an assertion, and a
QI of assertions is not yet evaluated."""


def answers_of(
    ids: list[str], values: list[int | str | None], evidence: str = EVIDENCE
) -> dict[str, Answer]:
    """Answers to *ids*: a rating (with *evidence*), "na" for not applicable, None for none."""
    out = {}
    for sid, value in zip(ids, values, strict=True):
        if value == "na":
            out[sid] = Answer(not_applicable=True)
        elif isinstance(value, int):
            out[sid] = Answer(rating=value, evidence=evidence)
    return out


def rate_with_evidence(session: EvaluationSession, statement_id: str, value: int) -> None:
    """Rate *statement_id* and say how we know, as a team would."""
    session.rate(statement_id, value)
    session.set_evidence(statement_id, EVIDENCE)
