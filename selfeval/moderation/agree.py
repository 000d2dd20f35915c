"""Bring the views into the setting's own evaluation: each contributor's answer is kept beside
the statement's agreed one, and statements not yet agreed take the median as a starting point.

A statement the team has already agreed keeps its agreed rating: new views are added beside it,
never over it. The write goes through an `EvaluationSession`, so it takes the file's lock, is
atomic, and merges with changes made elsewhere like every other save.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from selfeval.evaluation.history import HistoryEntry
from selfeval.evaluation.model import Contributor, Evaluation, View, now
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import EvaluationStore
from selfeval.framework.model import Framework
from selfeval.moderation.table import NOT_APPLICABLE, Table

__all__ = [
    "AT_THE_MEDIAN",
    "Brought",
    "agree_medians",
    "open_agreed",
    "still_to_agree",
    "with_views",
]

AT_THE_MEDIAN = "set to the median of the views by `selfeval moderate --agree-median`"
"""Why a statement agreed at the median was agreed, as the plan and the screen say it: the
median was taken by a command, not talked over, and the plan must not hide that."""


class Brought(NamedTuple):
    """The setting's evaluation with the views brought in, and what that agreed."""

    evaluation: Evaluation
    agreed: int
    """Statements newly agreed at the median."""
    unagreed: int
    """Statements left with a rating typed into the team's file that nobody agreed in
    moderation: the median never overwrites it; the team agrees it on the screen."""


def with_views(evaluation: Evaluation, table: Table, agree: bool) -> Brought:
    """*evaluation* with every view recorded and (if *agree*) statements without a rating set
    to the median and marked agreed."""
    agreed = unagreed = 0
    for row in table.statements:
        existing = evaluation.answer(row.statement_id)
        views = {
            key: View(rating=a.rating, not_applicable=a.not_applicable)
            for key, a in row.views.items()
        }
        update: dict[str, object] = {"views": {**existing.views, **views}}
        if agree and existing.is_answered and not existing.is_agreed:
            unagreed += 1
        elif agree and not existing.is_answered and row.proposal is not None:
            agreed += 1
            update["moderated"] = True
            update["moderation"] = existing.moderation or AT_THE_MEDIAN
            if row.proposal == NOT_APPLICABLE:
                update["not_applicable"] = True
            else:
                update["rating"] = row.proposal
        if update["views"] != existing.views or len(update) > 1:
            evaluation = evaluation.with_answer(
                row.statement_id, existing.model_copy(update=update)
            )
    added = _joined(evaluation.contributors, table)
    if added:
        evaluation = evaluation.model_copy(
            update={"contributors": [*evaluation.contributors, *added]}
        )
    return Brought(evaluation, agreed, unagreed)


def still_to_agree(evaluation: Evaluation, statement_ids: Iterable[str]) -> int:
    """How many of *statement_ids* the team's evaluation rates without having agreed them in
    moderation (0 where it brought no colleagues' views together): a level agreed for the QI
    rests on them, and the team should know."""
    if not evaluation.contributors:
        return 0
    answers = (evaluation.answer(sid) for sid in statement_ids)
    return sum(1 for answer in answers if answer.is_answered and not answer.is_agreed)


def _joined(before: list[Contributor], table: Table) -> list[Contributor]:
    """The table's contributors not yet in the team's list *before*, each with the label its
    answers are kept under: one entry per view (known by its id, or, for views from before
    ids, by its label), so the list counts people, not files or runs."""
    ids = {c.id for c in before if c.id}
    labels = {c.label or c.key for c in before}
    return [
        v.contributor.model_copy(update={"label": v.key})
        for v in table.group.views
        if not (v.contributor.id in ids if v.contributor.id else v.key in labels)
    ]


def _logged(brought: Brought, views: int, by: str | None) -> Evaluation:
    """The evaluation *brought* with what the median agreed in its history (if anything)."""
    if not brought.agreed:
        return brought.evaluation
    statements = f"{brought.agreed} statement{'' if brought.agreed == 1 else 's'}"
    entry = HistoryEntry(
        at=now(),
        kind="moderation",
        what=f"{statements} agreed at the median of {views} views",
        by=by,
        why=AT_THE_MEDIAN,
    )
    return brought.evaluation.with_entry(entry)


def open_agreed(table: Table, framework: Framework) -> EvaluationSession:
    """The session of the setting's own evaluation (created beside the contributions if there
    is none yet), with every view recorded in it: what the moderation screen works on."""
    group = table.group
    first = group.views[0]
    folder = group.agreed_path.parent if group.agreed_path else first.path.parent
    store = EvaluationStore(folder)
    if group.agreed_path is not None:
        session = EvaluationSession.open(store, framework, group.agreed_path)
    else:
        session = EvaluationSession.start(
            store, framework, first.evaluation.setting, year=group.year
        )
    try:
        session.apply(lambda evaluation: with_views(evaluation, table, agree=False)[0])
    except BaseException:
        session.close()
        raise
    return session


def agree_medians(table: Table, framework: Framework) -> tuple[Path, Brought]:
    """Write the views (and medians for statements without a rating) into the setting's
    evaluation, creating it beside the contributions if there is none yet. Returns its path
    and what was agreed."""
    group = table.group
    first = group.views[0]
    store = EvaluationStore(group.agreed_path.parent if group.agreed_path else first.path.parent)
    if group.agreed_path is not None:
        session = EvaluationSession.open(store, framework, group.agreed_path)
    else:
        setting = first.evaluation.setting
        session = EvaluationSession.start(store, framework, setting, year=group.year)
    counted: list[Brought] = []

    def change(evaluation: Evaluation) -> Evaluation:
        counted[:] = [with_views(evaluation, table, agree=True)]
        return _logged(counted[0], len(group.views), session.who)

    try:
        session.apply(change)
    finally:
        session.close()
    return session.path, counted[-1]
