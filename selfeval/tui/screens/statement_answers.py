"""Where the statement screen reads answers from, as one interface: a session's answers, or,
while a reopened evaluation's session is still loading, the first look at its file
(`selfeval.digest.glance.Glance`, which has the same shape)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # a reopened evaluation's first statement is drawn before it loads
    from selfeval.evaluation.session import EvaluationSession

__all__ = ["Answers", "SessionAnswers", "Shown", "resume_at"]


class Shown(Protocol):
    """An answer as the screen shows it: saved in the session, or in the file at first look."""

    @property
    def rating(self) -> int | None: ...
    @property
    def not_applicable(self) -> bool: ...
    @property
    def evidence(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def why_not_applicable(self) -> str: ...
    @property
    def is_answered(self) -> bool: ...


class Answers(Protocol):
    """Where the screen reads answers from: a session (`SessionAnswers`), or before it has
    opened, the first look at its file (`Glance`)."""

    @property
    def position(self) -> str | None:
        """The statement to resume at, where one was saved."""

    @property
    def whose(self) -> str:
        """Whose evaluation it is, as the heading names it."""

    def answer(self, statement_id: str) -> Shown:
        """The answer to *statement_id* (empty where there is none)."""


class SessionAnswers:
    """A session's answers, as the screen reads them."""

    def __init__(self, session: EvaluationSession) -> None:
        self.session = session

    @property
    def position(self) -> str | None:
        return self.session.evaluation.position

    @property
    def whose(self) -> str:
        evaluation = self.session.evaluation
        name = evaluation.setting.name
        if evaluation.contributor is not None:  # a colleague sees whose view they give
            name += f", your view as {evaluation.contributor.key}"
        return name

    def answer(self, statement_id: str) -> Shown:
        return self.session.answer(statement_id)

    def last_year(self, statement_id: str) -> str:
        """Last year's answer to *statement_id* ("Last year: 4 good"), where the setting's
        evaluation of last school year is beside this one; else ""."""
        last = self.session.last_year
        return last.said(statement_id, self.session.scale) if last is not None else ""


def resume_at(answers: Answers, ids: list[str]) -> int:
    """Where to resume among the statements *ids*: where the answers were left, else the
    first unanswered statement, else the first."""
    if answers.position in ids:
        return ids.index(answers.position)
    return next((n for n, sid in enumerate(ids) if not answers.answer(sid).is_answered), 0)
