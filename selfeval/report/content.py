"""What the improvement plan says, decided once and rendered as Markdown or Word.

Every fact and every phrase of the plan is chosen here, in plain words, so the two documents
cannot drift apart: a level nobody agreed is never "our evaluation" in one and agreed in the
other. Text stays plain here; each renderer escapes it for its own format. What the plan says
about each QI is decided in `qi_content`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from selfeval.evaluation.actions import ACTION_STATUSES, Action, day_text
from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.framework.reference import ReferenceFramework
from selfeval.framework.tagnames import DRIVER_GROUP, PRIORITY_GROUP
from selfeval.report.feedback import feedback_heading, feedback_received, feedback_sentences
from selfeval.report.history import HistoryRow, history_rows
from selfeval.report.priorities import ActionGroup, action_groups, with_priorities
from selfeval.report.qi_content import NOT_AGREED, QISection, qi_section, target_text
from selfeval.report.result import judged_scale, level_text, setting_line, who_took_part, whose_view
from selfeval.scoring import WORDS_FROM, QIResult, Result, proportion_word
from selfeval.scoring.results import TagProfile

__all__ = [
    "ACTION_HEADER",
    "BY_PRIORITY",
    "GONE",
    "NOT_OWN_QI",
    "ActionGroup",
    "ActionRow",
    "Fact",
    "PlanContent",
    "SummaryRow",
    "ThemeRow",
    "ordered_actions",
    "plan_content",
]


@dataclass(frozen=True)
class Fact:
    """One line of the plan's header: who, what, when."""

    label: str
    value: str


@dataclass(frozen=True)
class SummaryRow:
    """One QI in the summary table."""

    qi: str
    title: str
    suggested: str
    ours: str
    """The agreed level, or "not yet agreed"."""
    target: str
    rated: str
    target_level: str = ""
    """The target's level alone ("5 very good"), for a spreadsheet's column of its own."""
    target_by: date | None = None
    """By when, as a date (a spreadsheet's date cell)."""


@dataclass(frozen=True)
class ThemeRow:
    """Ratings gathered under one theme or programme: counts, never a grade."""

    label: str
    rated: int
    good_or_better: str


ACTION_HEADER = (
    "QI",
    "What we will do",
    "Outcome sought",
    "Lead",
    "By when",
    "How we will know",
    "Progress",
)
"""The action plan table's columns, in Word and in Markdown."""


@dataclass(frozen=True)
class ActionRow:
    """One action of the plan, every field in words."""

    qi: str
    """The QI it was recorded against: "QI 1.3", or its title where QIs have no number; for a
    QI no longer in the plan, what the file says with that marked (`GONE`)."""
    what: str
    origin: str
    outcome: str
    lead: str
    due: str
    measure: str
    status: str
    review_date: str
    review: str
    heading: str
    """Its QI's number and title ("QI 1.3 Leadership of change"), or `qi` where that is gone."""
    due_on: date | None
    """`due` as a date (a spreadsheet's date cell)."""
    review_on: date | None
    """`review_date` as a date."""
    carried: str = ""
    """ "carried over from 2025-26" for an action carried from last year's plan, else ""."""
    carried_from: str = ""
    """The school year it was carried over from ("2025-26"), else ""."""
    overdue: str = ""
    """ "overdue (due 12 March 2026)" for an action still to do past its date, else ""."""
    qi_gone: bool = False
    """Whether its QI is no longer one of the plan's (`qi` then says so in words)."""
    priority: str = ""
    """The NIF priority it serves first (its group in the plan), or "" for none."""
    also: str = ""
    """Its other NIF priorities and its drivers, in a sentence ("" for none)."""

    @property
    def standing(self) -> str:
        """Its status, and that it is overdue where it is: "under way, overdue (due 6 May
        2026)"."""
        return f"{self.status}, {self.overdue}" if self.overdue else self.status


@dataclass(frozen=True)
class PlanContent:
    """The whole plan, in order."""

    title: str
    facts: list[Fact]
    about: str
    summary: list[SummaryRow]
    qi_header: str
    """The summary's first column: "QI" (numbers), or "Area" where QIs have none."""
    not_started: list[str]
    themes: list[ThemeRow]
    sections: list[QISection]
    actions: list[ActionRow]
    chart_alt: str
    action_groups: list[ActionGroup]
    """`actions` grouped by the NIF priority each serves first, in the NIF's order."""
    feedback_heading: str = ""
    """What the authority's feedback is on ("" where the plan was never handed in)."""
    feedback: tuple[str, ...] = ()
    """The authority's feedback, a sentence each."""
    history: tuple[HistoryRow, ...] = ()
    """What matters to an authority, oldest first: levels agreed, hand-ins, feedback."""


def plan_content(result: Result, evaluation: Evaluation, framework: Framework) -> PlanContent:
    """The plan for a scored *evaluation*."""
    asked = [qi for qi in result.qis if qi.asked]
    started = [qi for qi in asked if qi.rated or qi.confirmed is not None]
    return PlanContent(
        title=(
            f"{framework.title}: {whose[0].lower()}{whose[1:]}"
            if (whose := whose_view(evaluation))
            else f"{framework.title}: improvement plan"
        ),
        facts=_facts(result, evaluation, framework),
        about=_about(evaluation, framework),
        summary=[_summary_row(qi, evaluation, framework) for qi in started],
        qi_header="QI" if all(qi.label for qi in asked) else "Area",  # not rated yet too
        not_started=[qi.heading for qi in asked if qi not in started],
        themes=[_theme_row(tag) for tag in result.tags if tag.rated],
        sections=[qi_section(qi, evaluation, framework) for qi in started],
        actions=(actions := _actions(evaluation, result, framework)),
        chart_alt=_chart_alt(asked, evaluation, framework),
        action_groups=action_groups(actions, framework),
        **_feedback(evaluation),
    )


def _feedback(evaluation: Evaluation) -> dict[str, Any]:
    """The authority's feedback, for an evaluation that was handed in, and the history."""
    got = feedback_received(evaluation)
    history = tuple(history_rows(evaluation, got))
    if got is None:
        return {"history": history}
    return {
        "feedback_heading": feedback_heading(got),
        "feedback": tuple(feedback_sentences(got)),
        "history": history,
    }


GROUP_WORDS = {PRIORITY_GROUP: "NIF priority", DRIVER_GROUP: "NIF driver"}
"""What a tag of these groups is called before its name, where it stands among other tags."""


def _theme_row(tag: TagProfile) -> ThemeRow:
    good = str(tag.good_or_better)
    if tag.rated >= WORDS_FROM:  # "1 (the majority)" of two ratings says more than they can
        good += f" ({proportion_word(tag.good_or_better, tag.rated)})"
    kind = GROUP_WORDS.get(tag.group)
    label = f"{kind}: {tag.label}" if kind else tag.label
    return ThemeRow(label, tag.rated, good)


def _about(evaluation: Evaluation, framework: Framework) -> str:
    """How the levels were reached, and against which quality indicators."""
    scale = judged_scale(evaluation, framework)
    against = _reference(evaluation, framework)
    words = ""
    if against is not None and against.level_words:
        changed = ", ".join(f"“{scale.label(v)}”" for v in sorted(against.level_words))
        words = f" in the words of the {against.short_title} ({changed})"
    qis = f" The quality indicators are those of {against.title}." if against else ""
    return (
        f"Levels use the {scale.title}{words}.{qis} selfeval suggests a level for each quality "
        "indicator by weighing the statement ratings against the scale's level definitions, "
        "and says why. Our evaluation is the level the team agreed; a level marked “not yet "
        "agreed” is only a suggestion."
    )


def _reference(evaluation: Evaluation, framework: Framework) -> ReferenceFramework | None:
    setting = evaluation.setting
    if all(stage.id != setting.stage for stage in framework.stages):
        return None
    judged = framework.judged_against(setting.audience, setting.qi_framework)
    return framework.reference(judged) if judged else None


def _facts(result: Result, evaluation: Evaluation, framework: Framework) -> list[Fact]:
    done = " (marked complete)" if evaluation.status == "complete" else ""
    facts = [Fact("Setting", setting_line(evaluation, framework))]
    if evaluation.setting.local_authority:
        facts.append(Fact("Local authority", evaluation.setting.local_authority))
    if evaluation.contributors:
        facts.append(Fact("Views brought together", who_took_part(evaluation.contributors)))
    facts += [
        Fact("School year", evaluation.year),
        Fact("Framework", f"{framework.title}, version {framework.version}"),
    ]
    if evaluation.completed_by:  # left out where nobody said who: "not recorded" says nothing
        facts.append(Fact("Completed by", evaluation.completed_by))
    return [
        *facts,
        Fact("Last updated", day_text(evaluation.updated.date())),
        Fact("Progress", f"{result.answered} of {result.asked} statements answered{done}"),
    ]


def _summary_row(qi: QIResult, evaluation: Evaluation, framework: Framework) -> SummaryRow:
    scale = judged_scale(evaluation, framework)
    ours = level_text(qi.confirmed, scale) if qi.confirmed is not None else NOT_AGREED
    target = evaluation.targets.get(qi.key)
    return SummaryRow(
        qi=qi.label or qi.category,
        title=qi.title,
        suggested=level_text(qi.suggested, scale) + (", urgent step" if qi.urgent else ""),
        ours=ours,
        target=target_text(qi, evaluation, framework),
        rated=f"{qi.rated} of {qi.asked}",
        target_level=level_text(target.level, scale) if target else "",
        target_by=target.by if target else None,
    )


BY_PRIORITY = (
    "Our actions are grouped by the National Improvement Framework priority each serves "
    "first; any further priority and the NIF drivers are named with the action."
)
"""What the plan says before its actions where it groups them by NIF priority."""
GONE = "no longer in the framework"
"""How the action plan marks an action whose QI the framework (or the setting's choice of QIs)
no longer has: the team's action stays, under the QI it was recorded against."""
NOT_OWN_QI = "no longer a quality indicator of its own"
"""How it marks an action recorded against a section that now feeds a broader QI."""


def ordered_actions(evaluation: Evaluation, result: Result) -> list[Action]:
    """The actions in the plan's order: the framework's order of QIs, each QI's in the order
    the team made them; those whose QI is gone last."""
    order = {qi.key: n for n, qi in enumerate(result.qis)}
    return sorted(evaluation.actions, key=lambda a: order.get(a.qi, len(order)))


def _actions(evaluation: Evaluation, result: Result, framework: Framework) -> list[ActionRow]:
    """The plan's actions (`ordered_actions`), every field in words."""
    labels = {qi.key: (qi.short, qi.heading) for qi in result.qis}
    ordered = ordered_actions(evaluation, result)
    return [
        with_priorities(
            _action_row(action, *labels[action.qi])
            if action.qi in labels
            else _action_row(action, _gone(action.qi, evaluation, framework), gone=True),
            action,
            framework,
        )
        for action in ordered
    ]


def _gone(key: str, evaluation: Evaluation, framework: Framework) -> str:
    """The QI an action was recorded against that this plan no longer has, in the plainest
    words the framework still has for it, marked as gone: a reference framework's QI ("Outdoor
    play"), a section now part of a broader QI (its title), else the key as the file has it."""
    reference_id, _, qi_id = key.rpartition(":")
    found = [
        f"{reference.label(indicator.id)} {indicator.title}".strip()
        for reference in framework.reference_frameworks
        if reference.id == reference_id
        for indicator in reference.indicators
        if indicator.id == qi_id
    ]
    if found:
        return f"{found[0]} ({GONE})"
    section = next((s for s in framework.sections if s.id == key), None)
    if section is None:
        return f"“{key}” ({GONE})"
    known = any(stage.id == evaluation.setting.stage for stage in framework.stages)
    title = framework.section_title(section, evaluation.setting.audience if known else None)
    return f"{title} ({NOT_OWN_QI})"


def _action_row(action: Action, qi: str, heading: str = "", gone: bool = False) -> ActionRow:
    return ActionRow(
        qi=qi,
        what=action.text,
        origin="our own action" if action.is_own else "a next step selfeval suggested",
        carried=action.carried_said,
        carried_from=action.carried_from or "",
        overdue=action.overdue_said(),
        outcome=action.outcome.strip(),
        lead=action.lead,
        due=day_text(action.due),
        measure=action.measure.strip(),
        status=ACTION_STATUSES[action.status],
        review_date=day_text(action.review_date),
        review=action.review.strip(),
        heading=heading or qi,
        due_on=action.due,
        review_on=action.review_date,
        qi_gone=gone,
    )


def _chart_alt(asked: list[QIResult], evaluation: Evaluation, framework: Framework) -> str:
    """The radar in words, for screen readers and anyone who cannot see the picture."""
    scale = judged_scale(evaluation, framework)
    parts = []
    for qi in asked:
        if qi.confirmed is not None:
            parts.append(f"{qi.heading}: {level_text(qi.confirmed, scale)}, agreed")
        elif qi.suggested is not None:
            parts.append(
                f"{qi.heading}: {level_text(qi.suggested, scale)}, suggested, {NOT_AGREED}"
            )
        else:
            parts.append(f"{qi.heading}: no level yet")
    return (
        f"Radar chart of {evaluation.setting.name}'s quality indicator levels. "
        + "; ".join(parts)
        + "."
    )
