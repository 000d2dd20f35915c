"""A scored evaluation as plain text for the terminal and as JSON for other tools."""

from __future__ import annotations

import json
from typing import Any

from selfeval.evaluation.actions import ACTION_STATUSES
from selfeval.evaluation.model import Answer, Contributor, Evaluation, View
from selfeval.framework.model import Framework, Scale
from selfeval.moderation.differed import where_views_differed
from selfeval.report.feedback import (
    feedback_heading,
    feedback_json,
    feedback_received,
    feedback_sentences,
)
from selfeval.report.history import history_rows, history_text
from selfeval.scoring import QIResult, Result, spread
from selfeval.scoring.words import NO_LEVEL, no_evidence

__all__ = [
    "NOT_ENOUGH",
    "judged_scale",
    "level_text",
    "one_line",
    "result_json",
    "result_text",
    "said_text",
    "setting_line",
    "views_text",
    "who_took_part",
    "whose_view",
]

NOT_ENOUGH = NO_LEVEL


def judged_scale(evaluation: Evaluation, framework: Framework) -> Scale:
    """The scale in the words of the reference framework the setting is judged against
    ("3 adequate" for a nursery judged against the 2025 ELC framework)."""
    setting = evaluation.setting
    if all(stage.id != setting.stage for stage in framework.stages):
        return framework.rating_scale
    return framework.scale_judged(setting.audience, setting.qi_framework)


def level_text(value: int | None, scale: Scale) -> str:
    """A level in words for people, e.g. \"4 good\"; \"no level yet\" for none."""
    if value is None:
        return NOT_ENOUGH
    return scale.label(value)


def said_text(answer: Answer | View, scale: Scale, unrated: str = "not rated") -> str:
    """What one answer or view said, in words: "2 weak", "not applicable", or *unrated*."""
    if answer.not_applicable:
        return "not applicable"
    return scale.label(answer.rating) if answer.rating is not None else unrated


def agreed_said(answer: Answer, scale: Scale) -> str:
    """What the team agreed for one statement: "4 good", "not yet agreed", or, for a rating
    typed into the team's file that nobody agreed in moderation, "not yet agreed (the team's
    file says 4 good)": one person's rating is never reported as the team's."""
    if answer.is_agreed:
        return said_text(answer, scale)
    if answer.is_answered:
        return f"not yet agreed (the team's file says {said_text(answer, scale)})"
    return "not yet agreed"


def views_text(views: dict[str, View], scale: Scale) -> str:
    """Each colleague's view of one statement, e.g. "P5 teacher: 2 weak; learner: 5 very good"
    (names only where the contributor gave one)."""
    return "; ".join(f"{key}: {said_text(view, scale)}" for key, view in views.items())


def setting_line(evaluation: Evaluation, framework: Framework) -> str:
    """The setting's name and stage in words, flagged when it is demonstration data."""
    setting = evaluation.setting
    known = setting.stage in {s.id for s in framework.stages}
    stage = framework.stage(setting.stage).label if known else setting.stage
    ages = framework.stage(setting.stage).age_ranges if known else ()
    age = next((a.label for a in ages if a.id == setting.age_range), None)
    extra = " (synthetic demonstration data)" if setting.synthetic else ""
    return f"{setting.name}{extra}, {stage}" + (f": {age}" if age else "")


def whose_view(evaluation: Evaluation) -> str | None:
    """For a colleague's contribution, whose view it is and whose evaluation it is for ("The
    view of a learner, a contribution to Oakfield Primary's evaluation"); None for the
    setting's own, so that nobody reads one person's view as the setting's plan."""
    who = evaluation.contributor
    if who is None:
        return None
    person = (
        who.key if who.name else f"{'an' if who.role[:1].lower() in 'aeiou' else 'a'} {who.role}"
    )
    return f"The view of {person}, a contribution to {evaluation.setting.name}'s evaluation"


def result_text(result: Result, evaluation: Evaluation, framework: Framework) -> str:
    """A plain summary for the terminal."""
    scale = judged_scale(evaluation, framework)
    lines = [
        *filter(None, [whose_view(evaluation)]),
        setting_line(evaluation, framework),
        f"{framework.title} {framework.version}: {result.answered} of {result.asked} "
        "statements answered",
        "",
    ]
    if evaluation.contributors:
        lines.insert(2, f"Views brought together: {who_took_part(evaluation.contributors)}")
    if (got := feedback_received(evaluation)) is not None:
        lines += [f"{feedback_heading(got)}:", *(f"  {s}" for s in feedback_sentences(got)), ""]
    for qi in result.qis:
        level = f"suggested {level_text(qi.suggested, scale)}" if qi.suggested else NO_LEVEL
        agreed = (
            f"; agreed {level_text(qi.confirmed, scale)}"
            if qi.confirmed is not None
            else "; not yet agreed"
        )
        lines.append(f"{qi.heading}: {level}{agreed}")
        judgement = evaluation.qi.get(qi.key)
        if judgement is not None and judgement.reason.strip():
            lines.append(f"    why we chose our level: {one_line(judgement.reason)}")
        target = evaluation.targets.get(qi.key)
        if target is not None:
            by = f" by {target.by.isoformat()}" if target.by else ""
            lines.append(f"    target: {level_text(target.level, scale)}{by}")
        lines.append(f"    ratings: {spread(qi.counts, scale)}")
        lines.append(f"    why: {qi.why}")
        if qi.without_evidence:
            lines.append(f"    {no_evidence(qi.without_evidence)}")
        if qi.narrative:  # empty where the reason gives the share good or better already
            lines.append(f"    {qi.narrative}")
        for strength in qi.strengths[:3]:
            lines.append(f"    strength ({strength.word}): {strength.text}")
        for step in qi.next_steps[:3]:
            lines.append(f"    next step{' (urgent: act now)' if step.urgent else ''}: {step.text}")
        for statement_id, notes in _notes(qi, evaluation):
            lines.append(f"    our notes ({statement_id}): {one_line(notes)}")
        for d in where_views_differed(evaluation, qi.statement_ids):
            why = f"; why: {one_line(d.agreed.moderation)}" if d.agreed.moderation.strip() else ""
            agreed = agreed_said(d.agreed, scale)
            lines.append(
                f"    views differed ({d.statement_id}): {views_text(d.views, scale)}; "
                f"{'agreed ' if d.agreed.is_agreed else ''}{agreed}{why}"
            )
    lines += _actions_text(result, evaluation)
    if history := history_rows(evaluation, got):
        lines += ["", "History:", *(f"  {line}" for line in history_text(history))]
    return "\n".join(lines) + "\n"


def who_took_part(contributors: list[Contributor]) -> str:
    """E.g. "4: P5 teacher (Ms Rahman), 2 learners, parent": named people as they gave their
    names, anonymous views counted by role, never named."""
    named = [c.key for c in contributors if c.name]
    roles: dict[str, int] = {}
    for c in contributors:
        if not c.name:
            roles[c.role] = roles.get(c.role, 0) + 1
    counted = [f"{n} {role}s" if n > 1 else role for role, n in roles.items()]
    return f"{len(contributors)}: {', '.join(named + counted)}"


def one_line(text: str) -> str:
    """Typed text on one line, for a terminal summary."""
    return " ".join(text.split())


def _notes(qi: QIResult, evaluation: Evaluation) -> list[tuple[str, str]]:
    """The notes typed under this QI's statements, by statement id, in the file's order."""
    found = ((sid, evaluation.answers.get(sid)) for sid in qi.statement_ids)
    return [(sid, answer.notes) for sid, answer in found if answer and answer.notes.strip()]


def _actions_text(result: Result, evaluation: Evaluation) -> list[str]:
    if not evaluation.actions:
        return ["", "Action plan: no actions yet."]
    labels = {qi.key: qi.short for qi in result.qis}
    order = {qi.key: n for n, qi in enumerate(result.qis)}
    lines = ["", "Action plan:"]
    for action in sorted(evaluation.actions, key=lambda a: order.get(a.qi, len(order))):
        details = [ACTION_STATUSES[action.status]]
        if action.lead:
            details.append(f"lead {action.lead}")
        if action.due:
            details.append(f"by {action.due.isoformat()}")
        lines.append(
            f"  {labels.get(action.qi, action.qi)}: {one_line(action.text)} ({', '.join(details)})"
        )
        if action.measure.strip():
            lines.append(f"      how we will know: {one_line(action.measure)}")
    return lines


def result_json(result: Result, evaluation: Evaluation, framework: Framework) -> str:
    """A stable JSON document for other tools."""
    scale = judged_scale(evaluation, framework)
    data: dict[str, Any] = {
        "setting": evaluation.setting.model_dump(mode="json", exclude_none=True),
        "contributor": (
            evaluation.contributor.model_dump(mode="json", exclude_none=True)
            if evaluation.contributor
            else None
        ),
        "framework": evaluation.framework.model_dump(mode="json"),
        "status": evaluation.status,
        "asked": result.asked,
        "answered": result.answered,
        "qis": [_qi_json(qi, scale, evaluation) for qi in result.qis],
        "actions": [
            action.model_dump(mode="json", exclude_none=True) for action in evaluation.actions
        ],
        "tags": [
            {
                "tag": t.tag_id,
                "label": t.label,
                "group": t.group,
                "rated": t.rated,
                "good_or_better": t.good_or_better,
                "counts": {str(v): c for v, c in t.counts.items()},
            }
            for t in result.tags
        ],
        "scale": {str(level.value): level.word for level in scale.levels},
    }
    if (got := feedback_received(evaluation)) is not None:
        data["feedback"] = feedback_json(got)
    if evaluation.history:
        data["history"] = [entry.model_dump(mode="json") for entry in evaluation.history]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _value(answer: Answer | View) -> int | str | None:
    """A rating as JSON: the number, "n/a", or null."""
    return "n/a" if answer.not_applicable else answer.rating


def _qi_json(qi: QIResult, scale: Scale, evaluation: Evaluation) -> dict[str, Any]:
    """One quality indicator's result for `result_json`."""
    judgement = evaluation.qi.get(qi.key)
    target = evaluation.targets.get(qi.key)
    return {
        "section": qi.key,
        "qi": qi.qi_id,
        "qi_framework": qi.qi_framework,
        "title": qi.title,
        "suggested_level": qi.suggested,
        "confirmed_level": qi.confirmed,
        "word": qi.level_word,
        "agreed": qi.confirmed is not None,
        "reason": judgement.reason if judgement is not None else "",
        "target": target.model_dump(mode="json", exclude_none=True) if target else None,
        "notes": [{"statement": sid, "text": text} for sid, text in _notes(qi, evaluation)],
        "views_differed": [
            {
                "statement": d.statement_id,
                "views": {key: _value(view) for key, view in d.views.items()},
                "spread": d.spread,
                "agreed": _value(d.agreed) if d.agreed.is_agreed else None,
                "in_file": _value(d.agreed),
                "reason": d.agreed.moderation,
            }
            for d in where_views_differed(evaluation, qi.statement_ids)
        ],
        "asked": qi.asked,
        "rated": qi.rated,
        "not_applicable": qi.not_applicable,
        "counts": {str(value): count for value, count in qi.counts.items()},
        "good_or_better": qi.good_or_better,
        "narrative": qi.narrative,
        "spread": spread(qi.counts, scale),
        "why": qi.why,
        "without_evidence": qi.without_evidence,
        "strengths": [
            {
                "statement": s.statement_id,
                "text": s.text,
                "rating": s.rating,
                "evidence": s.evidence,
            }
            for s in qi.strengths
        ],
        "next_steps": [
            {
                "action": n.action_id,
                "text": n.text,
                "because": n.because,
                "rating": n.rating,
                "below_good": n.below_good,
                "urgent": n.urgent,
            }
            for n in qi.next_steps
        ],
        "themes": [
            {
                "theme": t.theme_id,
                "title": t.title,
                "counts": {str(v): c for v, c in t.counts.items()},
                "rated": t.rated,
                "not_applicable": t.not_applicable,
            }
            for t in qi.themes
        ],
    }
