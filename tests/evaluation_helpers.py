"""Helpers for tests that edit evaluation files as a person would in a text editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.errors import EvaluationError
from selfeval.evaluation import Setting
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
