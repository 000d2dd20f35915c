"""What the STEM section of the Standards and Quality Report says, decided once and rendered as
Markdown or Word (`standards_render`).

A school's year ends with the report: what came of last year's priorities, how each QI stands
now beside last year, the strengths it can show evidence for, and what comes next. It is built
from the improvement plans of the two years (`plan_content`), so a level nobody agreed is said
to be only suggested here as it is in the plan, and an action's status reads the same in both.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from selfeval.evaluation.actions import ACTION_STATUSES
from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.framework.scale import Scale
from selfeval.report.content import ActionRow, Fact, PlanContent, plan_content
from selfeval.report.result import judged_scale
from selfeval.report.standards_actions import actions_told
from selfeval.report.standards_strengths import QIStrengths, qi_strengths
from selfeval.report.standards_why import level_why
from selfeval.scoring import QIResult, Result

__all__ = [
    "LevelChange",
    "StandardsContent",
    "standards_content",
]

_TO_DO = {ACTION_STATUSES["planned"], ACTION_STATUSES["under-way"]}
"""How a plan's row says an action is still to do (rows carry the status in words)."""
FIRST_EVALUATED = "first evaluated this year"
NOT_EVALUATED = "not evaluated this year"
"""The change of a QI with a level in one year only: said, not left blank."""


@dataclass(frozen=True)
class LevelChange:
    """One QI's level last year beside this year, each said as agreed or only suggested."""

    qi: str
    title: str
    last_year: str
    this_year: str
    change: str
    """"higher", "the same" or "lower"; where only one year has a level, which
    (`FIRST_EVALUATED`, `NOT_EVALUATED`)."""
    why: str = ""
    """Why this year's level is what it is, in a sentence, where it is higher or lower: the
    team's reason where it agreed a level other than the suggestion, else selfeval's."""


@dataclass(frozen=True)
class StandardsContent:
    """The whole report, in order."""

    title: str
    facts: list[Fact]
    qi_header: str
    """The first column of the levels table: "QI" (numbers), or "Area" where QIs have none."""
    titled: bool
    """Whether the action tables' QI column holds titles (QIs without numbers, or one no
    longer in the framework) rather than "QI 1.3": it must then be wide enough for them."""
    previous: str
    """Which evaluation last year's figures come from, or that there was none."""
    looked_back: bool
    """Whether there was last year's evaluation to look back on."""
    progress: list[tuple[str, list[ActionRow]]]
    """Last year's actions by where they stand now ("Completed", …), a carried one as this
    year's file says; empty without last year's evaluation."""
    completed: list[ActionRow]
    """This year's actions completed that `progress` does not tell."""
    cautions: list[str]
    """What a reader must know before the figures: an evaluation not finished, a
    safeguarding QI whose next steps must not wait."""
    levels: list[LevelChange]
    no_level: list[str]
    """QIs with no level in either year: named in a line, not given a row."""
    strengths: list[QIStrengths]
    """Statements rated very good or better with evidence, each QI's strongest few: a
    strength the report can show."""
    unevidenced: int
    """Those rated so with nothing under "How do we know?": counted, not shown as strengths."""
    priorities: list[tuple[str, list[ActionRow]]]
    """Next year's actions (this year's not done or dropped), by NIF priority."""


def standards_content(
    this: tuple[Result, Evaluation],
    last: tuple[Result, Evaluation] | None,
    framework: Framework,
    last_name: str = "",
) -> StandardsContent:
    """The report for *this* year's scored evaluation, beside *last* year's (named
    *last_name*) where there is one."""
    result, evaluation = this
    plan = plan_content(result, evaluation, framework)
    strengths, unevidenced = qi_strengths(result)
    before = plan_content(*last, framework) if last else None
    told = actions_told((result, evaluation, plan), (*last, before) if last and before else None)
    rows = plan.actions + (before.actions if before else [])
    levels, no_level = _levels(result, last[0] if last else None, evaluation, framework)
    return StandardsContent(
        title=f"Standards and quality report: {framework.title}, {evaluation.year}",
        facts=[fact for fact in plan.facts if fact.label != "Last updated"],
        qi_header=plan.qi_header,
        titled=plan.qi_header != "QI" or any(row.qi_gone for row in rows),
        previous=(
            f"Last year's figures come from our self-evaluation of {last[1].year} (the file "
            f"{last_name})."
            if last
            else "There is no evaluation of last school year beside this one, so this report "
            "has no progress with last year's actions and no levels to compare."
        ),
        looked_back=before is not None,
        progress=told.progress,
        completed=told.completed,
        cautions=_cautions(result),
        levels=levels,
        no_level=no_level,
        strengths=strengths,
        unevidenced=unevidenced,
        priorities=_priorities(plan),
    )


def _cautions(result: Result) -> list[str]:
    said = []
    if not result.answered:
        said.append(
            "This year's evaluation has not started: no statement is answered yet, so this "
            "year has no levels to report."
        )
    elif not result.complete:
        said.append(
            f"This year's evaluation is not finished: {result.answered} of {result.asked} "
            "statements are answered, so its levels rest on part of the picture."
        )
    said += [
        f"Urgent: in {qi.heading} a safeguarding statement is rated as a weakness; its next "
        "steps must not wait, whether or not they are in the action plan yet."
        for qi in result.qis
        if qi.asked and qi.urgent
    ]
    return said


def _levels(
    result: Result, before: Result | None, evaluation: Evaluation, framework: Framework
) -> tuple[list[LevelChange], list[str]]:
    """A row for each QI with a level in either year (last year's QIs that this year does not
    evaluate at all last); the headings of those with none."""
    scale = judged_scale(evaluation, framework)
    last = {qi.key: qi for qi in before.qis if qi.asked} if before else {}
    asked = [q for q in result.qis if q.asked]
    rows, none = [], []
    for qi in asked:
        old = last.pop(qi.key, None)
        if _value(qi) is None and (old is None or _value(old) is None):
            none.append(qi.heading)
            continue
        row = _level_change(qi, old, qi, scale)
        if row.change in ("higher", "lower") and old is not None:
            row = replace(row, why=level_why(qi, old, evaluation, scale))
        rows.append(row)
    rows += [_level_change(qi, qi, None, scale) for qi in last.values() if _value(qi) is not None]
    return rows, none


def _level_change(
    qi: QIResult, old: QIResult | None, now: QIResult | None, scale: Scale
) -> LevelChange:
    """*qi*'s row: its level last year (*old*) beside this year's (*now*), either missing."""
    old_value, now_value = _value(old), _value(now)
    if old_value is None:
        change = FIRST_EVALUATED
    elif now_value is None:
        change = NOT_EVALUATED
    else:
        change = "higher" if now_value > old_value else "lower" if now_value < old_value else ""
        change = change or "the same"
    return LevelChange(
        qi=qi.label or qi.category,
        title=qi.title,
        last_year=_said(old, scale),
        this_year=_said(now, scale),
        change=change,
    )


def _value(qi: QIResult | None) -> int | None:
    if qi is None:
        return None
    return qi.confirmed if qi.confirmed is not None else qi.suggested


def _said(qi: QIResult | None, scale: Scale) -> str:
    """A year's level in words, and whether the team agreed it or selfeval only suggested it."""
    if qi is None:
        return "not evaluated"
    if qi.confirmed is not None:
        return f"{scale.label(qi.confirmed)} (agreed)"
    if qi.suggested is not None:
        return f"{scale.label(qi.suggested)} (suggested, not agreed)"
    return "no level"


def _priorities(plan: PlanContent) -> list[tuple[str, list[ActionRow]]]:
    """This year's actions still to do, grouped as the plan groups them: under the first NIF
    priority each serves, in the NIF's order, those linked to none last."""
    groups = []
    for group in plan.action_groups:
        to_do = [row for row in group.actions if row.status in _TO_DO]
        if to_do:
            groups.append((group.heading.removeprefix("NIF priority: ") or "Our actions", to_do))
    return groups
