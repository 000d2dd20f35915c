"""What the improvement plan says about each QI the team has rated or judged.

The largest part of the plan's content (`content`): a QI's level and why, its journey, strengths,
notes, next steps and where colleagues' views differed. Kept in one module so the Markdown and
Word plans take every one of these phrases from the same place.
"""

from __future__ import annotations

from dataclasses import dataclass

from selfeval.evaluation.actions import day_text
from selfeval.evaluation.model import Answer, Evaluation
from selfeval.framework.model import Framework, Scale
from selfeval.moderation.differed import where_views_differed
from selfeval.report.result import agreed_said, judged_scale, level_text, views_text
from selfeval.report.sentences import before_aside, lead_in, sentence
from selfeval.scoring import QIResult, spread
from selfeval.scoring.words import no_evidence, qi_context, step_reason

__all__ = [
    "DROPPED",
    "IN_PLAN",
    "NOT_AGREED",
    "URGENT",
    "DifferedLine",
    "NoteLine",
    "QISection",
    "StepLine",
    "StrengthLine",
    "qi_section",
    "target_text",
]

NOT_AGREED = "not yet agreed"


@dataclass(frozen=True)
class StrengthLine:
    """A statement rated very good or better, with the evidence for it."""

    text: str
    word: str
    evidence: str

    @property
    def parts(self) -> tuple[str, str]:
        """The statement and the full stop its level goes before: "…tracking information
        (very good).", not "…tracking information. (very good)."."""
        return before_aside(self.text)


@dataclass(frozen=True)
class NoteLine:
    """What the team typed under "What are we going to do now?" for one statement."""

    statement: str
    note: str

    @property
    def lead_in(self) -> str:
        """The statement as the lead-in to what was written: "We plan STEM together:", not
        "We plan STEM together.:" (see `sentences.lead_in`)."""
        return lead_in(self.statement)


@dataclass(frozen=True)
class DifferedLine:
    """A statement where colleagues' views were far apart, and what the team agreed."""

    statement: str
    views: str
    """E.g. "P5 teacher (Ms Rahman): 2 weak; learner: 5 very good"."""
    agreed: str
    reason: str


URGENT = "Urgent: act now."
"""How the plan marks a next step for a critical statement rated as a weakness."""
IN_PLAN = "In our action plan."
"""How it marks a next step an action the team pursues (planned, under way or done) came from."""
DROPPED = "Dropped from our action plan."
"""How it marks one whose action the team dropped ("no longer pursued")."""


@dataclass(frozen=True)
class StepLine:
    """A next step selfeval suggests, and whether the team put it in its action plan."""

    text: str
    why: str
    adopted: bool
    """Whether an action the team still pursues (planned, under way or done) came from it."""
    urgent: bool = False
    """For a critical statement rated as a weakness: act now (`NextStep.urgent`)."""
    dropped: bool = False
    """Whether the team adopted it and then dropped it (and pursues no other action from it)."""

    @property
    def mark(self) -> str:
        """What the plan says after it about the action plan: in it, dropped from it, or
        nothing."""
        return IN_PLAN if self.adopted else DROPPED if self.dropped else ""


@dataclass(frozen=True)
class QISection:
    """Everything the plan says about one QI the team has rated or judged."""

    heading: str
    context: str
    """Which STEM areas feed a broad QI and which inspectorate leads on it; empty for a QI
    with one section and no lead."""
    journey: list[str]
    """The journey each of its sections follows, from starting out to sustained improvement
    (named by section where several feed the QI)."""
    agreed: bool
    level_label: str
    """"Our evaluation" where the team agreed a level, otherwise "Suggested level"."""
    level: str
    reason: str
    target: str
    ratings: str
    why: str
    without_evidence: str
    summary: str
    """What the ratings add to `why`: how many are good or better where `why` does not say
    so already, and how many statements did not apply or are not yet answered."""
    strengths: list[StrengthLine]
    notes: list[NoteLine]
    not_applicable: list[NoteLine]
    """The statements marked not applicable, each with why (or that no reason was given)."""
    next_steps: list[StepLine]
    differed: list[DifferedLine]


def target_text(qi: QIResult, evaluation: Evaluation, framework: Framework) -> str:
    """The level the team aims for on *qi*, and by when; empty where it has set none."""
    target = evaluation.targets.get(qi.key)
    if target is None:
        return ""
    by = f" by {day_text(target.by)}" if target.by else ""
    return f"{level_text(target.level, judged_scale(evaluation, framework))}{by}"


def qi_section(qi: QIResult, evaluation: Evaluation, framework: Framework) -> QISection:
    """Everything the plan says about *qi*."""
    scale = judged_scale(evaluation, framework)
    agreed = qi.confirmed is not None
    judgement = evaluation.qi.get(qi.key)
    own = [a for a in evaluation.actions if a.qi == qi.key and a.source is not None]
    adopted = {a.source for a in own if a.status != "dropped"}
    dropped = {a.source for a in own if a.status == "dropped"} - adopted
    return QISection(
        heading=qi.heading,
        context=qi_context(qi),
        journey=_journey(qi, evaluation, framework),
        agreed=agreed,
        level_label="Our evaluation" if agreed else "Suggested level",
        level=(
            level_text(qi.confirmed, scale)
            if agreed
            else f"{level_text(qi.suggested, scale)}, {NOT_AGREED} by the team"
        ),
        reason=judgement.reason.strip() if judgement and agreed else "",
        target=target_text(qi, evaluation, framework),
        ratings=spread(qi.counts, scale),
        why=qi.why,
        without_evidence=no_evidence(qi.without_evidence) if qi.without_evidence else "",
        summary=_summary(qi, scale),
        strengths=[StrengthLine(s.text, s.word, s.evidence.strip()) for s in qi.strengths],
        notes=_notes(qi, evaluation, framework),
        not_applicable=_not_applicable(qi, evaluation, framework),
        differed=_differed(qi, evaluation, framework),
        next_steps=[
            StepLine(
                sentence(step.text),
                step_reason(step, scale),
                step.action_id in adopted,
                step.urgent,
                step.action_id in dropped,
            )
            for step in qi.next_steps
        ],
    )


def _summary(qi: QIResult, scale: Scale) -> str:  # noqa: ARG001 (one shape for the plan's parts)
    """What `QIResult.narrative` says: the share good or better only where the reason for
    the level does not say it already (`selfeval.scoring.words.narrative`)."""
    return qi.narrative


def _statements(count: int) -> str:
    return f"{count} statement{'' if count == 1 else 's'}"


def _journey(qi: QIResult, evaluation: Evaluation, framework: Framework) -> list[str]:
    elc = framework.stage(evaluation.setting.audience).elc_wording
    sections = {section.id: section for section in framework.sections}
    found = [(title, sections[sid].path(elc)) for sid, title in qi.sections if sid in sections]
    named = len(found) > 1
    return [f"{title}: {path}" if named else path for title, path in found if path]


def _notes(qi: QIResult, evaluation: Evaluation, framework: Framework) -> list[NoteLine]:
    elc = framework.stage(evaluation.setting.audience).elc_wording
    notes = []
    for sid in qi.statement_ids:
        answer = evaluation.answers.get(sid)
        if answer is not None and answer.notes.strip():
            notes.append(NoteLine(framework.statements[sid].wording(elc), answer.notes.strip()))
    return notes


NO_REASON = "no reason given"


def _not_applicable(qi: QIResult, evaluation: Evaluation, framework: Framework) -> list[NoteLine]:
    """What the team marked not applicable, with its reason: an inspector asks why, so the
    plan says so."""
    elc = framework.stage(evaluation.setting.audience).elc_wording
    return [
        NoteLine(
            framework.statements[sid].wording(elc), answer.why_not_applicable.strip() or NO_REASON
        )
        for sid in qi.statement_ids
        if (answer := evaluation.answers.get(sid)) is not None and answer.not_applicable
    ]


def _differed(qi: QIResult, evaluation: Evaluation, framework: Framework) -> list[DifferedLine]:
    stage = evaluation.setting.audience
    elc = framework.stage(stage).elc_wording
    wording = {s.id: s.wording(elc) for s in framework.statements_for(stage)}
    return [
        DifferedLine(
            sentence(wording.get(d.statement_id, d.statement_id)),
            views_text(d.views, judged_scale(evaluation, framework)),
            _agreed(d.agreed, judged_scale(evaluation, framework)),
            d.agreed.moderation.strip(),
        )
        for d in where_views_differed(evaluation, qi.statement_ids)
    ]


def _agreed(answer: Answer, scale: Scale) -> str:
    """What the plan says the team agreed, as a sentence of its own."""
    said = agreed_said(answer, scale)
    return f"We agreed: {said}" if answer.is_agreed else said[0].upper() + said[1:]
