"""The moderation table: every contributor's rating of every statement side by side, where
views differ most first, and each contributor's suggested level per QI.

Disagreement is the spread of the ratings (highest minus lowest): a statement rated 2 and 5
needs the team's conversation more than one rated 4 and 4. The median offered as a starting
point is found as a QI's balance is (`median_level`): halfway between two camps, rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from selfeval.evaluation.model import Answer
from selfeval.framework.groups import QIGroup
from selfeval.framework.model import Framework
from selfeval.framework.reference import QIHeaded
from selfeval.scoring import median_level, suggest_levels

if TYPE_CHECKING:  # the app imports this module; gathering files (and compare) only when used
    from selfeval.moderation.gather import Group

__all__ = ["QIViews", "StatementViews", "Table", "moderation_table"]

NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class StatementViews:
    """One statement: what each contributor said, how far apart, and what the team agreed."""

    statement_id: str
    text: str
    qi: str
    views: dict[str, Answer]
    """By contributor key; only those who answered it."""
    spread: int
    median: int | None
    """The median of the ratings given, as a level (`median_level`); None if nobody rated it."""
    agreed: Answer | None

    @property
    def ratings(self) -> list[int]:
        """The ratings given, in contributor order."""
        return [a.rating for a in self.views.values() if a.rating is not None]

    @property
    def proposal(self) -> int | str | None:
        """What "accept the median" records: the median, "n/a" if most said not applicable."""
        marked = sum(1 for a in self.views.values() if a.not_applicable)
        if marked > len(self.ratings):
            return NOT_APPLICABLE
        return self.median


@dataclass(frozen=True)
class QIViews(QIHeaded):
    """One QI: the level selfeval suggests from each contributor's ratings alone."""

    label: str
    title: str
    levels: dict[str, int | None]
    spread: int


@dataclass(frozen=True)
class Table:
    """The whole table for one group."""

    group: Group
    statements: list[StatementViews]
    """Where views differ most first; ties in the framework's order."""
    qis: list[QIViews]


def moderation_table(group: Group, framework: Framework) -> Table:
    """Build the moderation table of *group* against *framework* (refused where two files
    are each the setting's own evaluation: `Group.check`)."""
    group.check()
    stage, against = _stage(group)
    elc = framework.stage(stage).elc_wording
    rows = []
    order: dict[str, int] = {}
    for qi_group in framework.groups(stage, against):
        qi = _short(framework, qi_group)
        for sid in qi_group.asked:
            statement = framework.statements[sid]
            order[statement.id] = len(order)
            views = {
                v.key: v.evaluation.answers[statement.id]
                for v in group.views
                if statement.id in v.evaluation.answers
                and v.evaluation.answers[statement.id].is_answered
            }
            ratings = [a.rating for a in views.values() if a.rating is not None]
            agreed = group.agreed.answers.get(statement.id) if group.agreed else None
            rows.append(
                StatementViews(
                    statement.id,
                    statement.wording(elc),
                    qi,
                    views,
                    max(ratings) - min(ratings) if ratings else 0,
                    median_level(sorted(ratings)) if ratings else None,
                    agreed,
                )
            )
    rows.sort(key=lambda row: (-row.spread, order[row.statement_id]))
    return Table(group, rows, _qi_levels(group, framework, stage, against))


def _stage(group: Group) -> tuple[str, str | None]:
    """Who the group's statements are for, and the QIs it is judged against."""
    setting = (group.agreed or group.views[0].evaluation).setting
    return setting.audience, setting.qi_framework


def _short(framework: Framework, qi_group: QIGroup) -> str:
    """How a table names a QI: "QI 1.3", or its title where QIs have no number."""
    label = framework.reference(qi_group.ref.framework).label(qi_group.ref.id)
    return label or qi_group.indicator.title


def _qi_levels(
    group: Group, framework: Framework, stage: str, against: str | None
) -> list[QIViews]:
    """Each view's suggested level per QI, by the fast levels-only path comparisons use (the
    same rule as `score`, held together by a property test)."""
    by_view = {
        v.key: {
            level.qi: level.suggested for level in suggest_levels(v.evaluation, framework, against)
        }
        for v in group.views
    }
    found = []
    for qi_group in framework.groups(stage, against):
        if not qi_group.asked:
            continue
        qi = qi_group.ref.id
        levels = {key: levels_of.get(qi) for key, levels_of in by_view.items()}
        given = [level for level in levels.values() if level is not None]
        label = framework.reference(qi_group.ref.framework).label(qi)
        found.append(
            QIViews(
                label,
                _group_title(framework, qi_group, stage),
                levels,
                max(given) - min(given) if given else 0,
            )
        )
    return found


def _group_title(framework: Framework, qi_group: QIGroup, stage: str) -> str:
    only = qi_group.sections[0] if len(qi_group.sections) == 1 else None
    return framework.section_title(only, stage) if only else qi_group.indicator.title
