"""Score one evaluation in full: levels, strengths, next steps and profiles, for a plan."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from selfeval.evaluation.model import Answer, Evaluation
from selfeval.evaluation.progress import progress
from selfeval.framework.groups import QIGroup
from selfeval.framework.model import Framework, Scale
from selfeval.framework.sections import ImprovementAction, Section, Statement, Theme
from selfeval.scoring.counting import Counted, count, ratings_of
from selfeval.scoring.levels import confirmed_level, decide
from selfeval.scoring.results import (
    WHOLE_QI,
    NextStep,
    QIResult,
    Result,
    Strength,
    TagProfile,
    ThemeProfile,
)
from selfeval.scoring.why import Named, explain
from selfeval.scoring.words import narrative

__all__ = ["score", "score_group", "score_section"]


def score(evaluation: Evaluation, framework: Framework) -> Result:
    """Score *evaluation* against *framework* (which it must have been reconciled with), one
    result per QI of the reference framework the setting is judged against."""
    setting = evaluation.setting
    stage = setting.audience
    answers = evaluation.answers
    qis = [
        score_group(framework, group, stage, answers, confirmed_level(evaluation, group))
        for group in framework.groups(stage, setting.qi_framework)
    ]
    asked = framework.statements_for(stage)
    done = progress(evaluation, asked)
    return Result(qis, _tag_profiles(framework, asked, answers), done.asked, done.answered)


def score_section(
    framework: Framework,
    section: Section,
    stage: str,
    answers: dict[str, Answer],
    confirmed: int | None = None,
) -> QIResult:
    """Score one section on its own (its HGIOS4 or HGIOELC QI) for a setting at *stage*."""
    return score_group(
        framework, framework.section_group(section, stage), stage, answers, confirmed
    )


def score_group(
    framework: Framework,
    group: QIGroup,
    stage: str,
    answers: dict[str, Answer],
    confirmed: int | None = None,
) -> QIResult:
    """Score one QI for a setting at *stage* from its *answers* to the group's statements."""
    reference = framework.reference(group.ref.framework)
    scale = framework.scale_for(group.ref.framework)
    statements = framework.statements
    asked = [statements[sid] for sid in group.asked]
    counted = count(group, framework, answers)
    ratings, facts = counted.ratings, counted.facts
    decision = decide(facts, scale)
    suggested = decision.level
    level = confirmed if confirmed is not None else suggested
    good = sum(1 for r in ratings.values() if r >= scale.good_from)
    elc = framework.stage(stage).elc_wording
    names = Named(
        {s.id: s.wording(elc) for s in asked if s.id in ratings},
        {theme.id: theme.heading(elc) for theme, _ in group.themes},
        {sid: statements[sid].wording(elc) for sid in group.critical},
    )
    urgent = _urgent(counted, scale)
    why = explain(decision, counted, names, scale)
    only = group.sections[0] if len(group.sections) == 1 else None
    return QIResult(
        key=group.key,
        qi_id=group.ref.id,
        qi_framework=group.ref.framework,
        title=(only.title if only and only.title else None) or group.indicator.title,
        asked=len(asked),
        rated=len(ratings),
        not_applicable=facts.not_applicable,
        counts=_counts(ratings.values(), scale),
        suggested=suggested,
        confirmed=confirmed,
        level_word=scale.word(level) if level is not None else None,
        good_or_better=good,
        strengths=_strengths(asked, answers, scale, stage, framework),
        next_steps=[
            step
            for section in group.sections
            for step in _next_steps(section, stage, ratings, level, scale, framework, urgent)
        ],
        themes=[
            profile
            for section in group.sections
            for profile in _theme_profiles(section, stage, answers, scale, elc)
        ],
        narrative=narrative(len(ratings), good, len(asked), facts.not_applicable, scale, why),
        why=why,
        without_evidence=len(ratings) - facts.evidenced,
        statement_ids=group.asked,
        label=reference.label(group.ref.id),
        lead=group.indicator.lead,
        category=group.indicator.category,
        sections=tuple(
            (section.id, framework.section_title(section, stage)) for section in group.sections
        ),
    )


def _counts(ratings: Iterable[int], scale: Scale) -> dict[int, int]:
    tally = Counter(ratings)
    return {value: tally.get(value, 0) for value in scale.values}


def _strengths(
    asked: list[Statement],
    answers: dict[str, Answer],
    scale: Scale,
    stage: str,
    framework: Framework,
) -> list[Strength]:
    elc = framework.stage(stage).elc_wording
    found = []
    for statement in asked:
        answer = answers.get(statement.id)
        if answer is None or answer.rating is None or answer.rating < scale.strength_from:
            continue
        found.append(
            Strength(
                statement.id,
                statement.wording(elc),
                answer.rating,
                scale.word(answer.rating),
                answer.evidence,
            )
        )
    return sorted(found, key=lambda s: -s.rating)


def _urgent(counted: Counted, scale: Scale) -> frozenset[str]:
    """The critical statements rated as weaknesses: their next steps cannot wait."""
    return frozenset(sid for sid in counted.critical if counted.ratings[sid] <= scale.weakness_at)


def _next_steps(
    section: Section,
    stage: str,
    ratings: dict[str, int],
    level: int | None,
    scale: Scale,
    framework: Framework,
    urgent: frozenset[str] = frozenset(),
) -> list[NextStep]:
    """The section's improvement actions set off by its ratings (or its QI's level), urgent
    ones first, then the furthest below good."""
    elc = framework.stage(stage).elc_wording
    themes = {theme.id: theme for theme in section.themes}
    statements = {s.id: s for s in section.statements}
    steps = []
    for order, action in enumerate(section.improvement_actions):
        if not action.suits(stage):
            continue
        trigger = _trigger(action, ratings, level, themes, statements, elc)
        if trigger is None:
            continue
        rating, because = trigger
        pressing = _touches(action, urgent, themes)
        below = max(0, scale.good_from - rating)
        steps.append(
            (
                (not pressing, -(scale.good_from - rating), order),
                NextStep(action.id, action.wording(elc), because, rating, below, pressing),
            )
        )
    return [step for _, step in sorted(steps, key=lambda item: item[0])]


def _touches(action: ImprovementAction, ids: frozenset[str], themes: dict[str, Theme]) -> bool:
    """Whether *action* is for one of the statements *ids*, or for a theme holding one."""
    if not ids:
        return False
    return any(
        target in ids or (target in themes and any(s.id in ids for s in themes[target].statements))
        for target in action.applies_to
    )


def _trigger(
    action: ImprovementAction,
    ratings: dict[str, int],
    level: int | None,
    themes: dict[str, Theme],
    statements: dict[str, Statement],
    elc: bool,
) -> tuple[int, str] | None:
    """The lowest rating that sets *action* off, and what it belongs to; None if nothing does."""
    if not action.applies_to:
        if level is not None and level <= action.when_at_most:
            return level, WHOLE_QI
        return None
    worst: tuple[int, str] | None = None
    for target in action.applies_to:
        if target in statements:
            candidates = (
                [(ratings[target], f"“{statements[target].wording(elc)}”")]
                if target in ratings
                else []
            )
        else:
            theme = themes[target]
            candidates = [
                (ratings[s.id], f"a statement in the theme “{theme.heading(elc)}”")
                for s in theme.statements
                if s.id in ratings
            ]
        for rating, because in candidates:
            if rating <= action.when_at_most and (worst is None or rating < worst[0]):
                worst = (rating, because)
    return worst


def _theme_profiles(
    section: Section, stage: str, answers: dict[str, Answer], scale: Scale, elc: bool
) -> list[ThemeProfile]:
    profiles = []
    for theme in section.themes:
        asked = [s for s in theme.statements if s.applies_to(stage)]
        if not asked:
            continue
        ratings = ratings_of(asked, answers)
        na = sum(1 for s in asked if s.id in answers and answers[s.id].not_applicable)
        profiles.append(
            ThemeProfile(
                theme.id,
                theme.heading(elc),
                _counts(ratings.values(), scale),
                len(ratings),
                na,
                len(asked),
            )
        )
    return profiles


def _tag_profiles(
    framework: Framework, asked: list[Statement], answers: dict[str, Answer]
) -> list[TagProfile]:
    scale = framework.rating_scale
    rated = ratings_of(asked, answers)
    by_tag: dict[str, list[int]] = {tag.id: [] for tag in framework.tags}
    for statement in asked:
        if statement.id in rated:
            for tag_id in statement.tags:
                by_tag[tag_id].append(rated[statement.id])
    profiles = []
    for tag in framework.tags:
        ratings = by_tag[tag.id]
        good = sum(1 for r in ratings if r >= scale.good_from)
        profiles.append(
            TagProfile(tag.id, tag.label, tag.group, _counts(ratings, scale), len(ratings), good)
        )
    return profiles
