"""How far an evaluation has got: statements answered (rated or not applicable) of those asked.

The start screen, the statement screen, the review of unanswered statements, the overview and
scoring all count progress; they count it here, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.framework.sections import Statement

__all__ = ["Progress", "asked_of", "progress", "unanswered"]


@dataclass(frozen=True)
class Progress:
    """Answered of asked."""

    answered: int
    asked: int

    @property
    def complete(self) -> bool:
        """Whether every statement asked has an answer."""
        return self.answered >= self.asked

    def __str__(self) -> str:
        return f"{self.answered} of {self.asked} answered"


def asked_of(evaluation: Evaluation, framework: Framework) -> list[Statement]:
    """The statements asked of the setting (none if its stage is not one of the framework's)."""
    stage = evaluation.setting.stage
    if all(s.id != stage for s in framework.stages):
        return []
    return framework.statements_for(evaluation.setting.audience)


def unanswered(evaluation: Evaluation, statements: Iterable[Statement]) -> list[Statement]:
    """The *statements* neither rated nor marked not applicable, in order."""
    return [s for s in statements if not evaluation.answer(s.id).is_answered]


def progress(evaluation: Evaluation, statements: Iterable[Statement]) -> Progress:
    """How many of *statements* are answered."""
    asked = list(statements)
    return Progress(len(asked) - len(unanswered(evaluation, asked)), len(asked))
