"""Scoring results as text for the terminal, JSON for other tools, and Markdown for a plan.

Everything a user typed (evidence, notes, setting names) passes through `md_text` or `md_cell`
before it reaches Markdown, so it reads as written and cannot break the document's structure.
"""

from __future__ import annotations

import json
from typing import Any

from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.scoring import QIResult, Result, proportion_word

__all__ = ["md_cell", "md_text", "result_json", "result_markdown", "result_text"]

NOT_ENOUGH = "not enough evidence"


def _level(value: int | None, framework: Framework) -> str:
    if value is None:
        return NOT_ENOUGH
    return f"{value} {framework.rating_scale.word(value)}"


def _setting_line(evaluation: Evaluation, framework: Framework) -> str:
    setting = evaluation.setting
    stage = (
        framework.stage(setting.stage).label
        if setting.stage in {s.id for s in framework.stages}
        else setting.stage
    )
    extra = " (synthetic demonstration data)" if setting.synthetic else ""
    return f"{setting.name}{extra}, {stage}"


def result_text(result: Result, evaluation: Evaluation, framework: Framework) -> str:
    """A plain summary for the terminal."""
    lines = [
        _setting_line(evaluation, framework),
        f"{framework.title} {framework.version}: {result.answered} of {result.asked} "
        "statements answered",
        "",
    ]
    for qi in result.qis:
        level = _level(qi.suggested, framework)
        confirmed = (
            f"; confirmed {_level(qi.confirmed, framework)}" if qi.confirmed is not None else ""
        )
        lines.append(f"{qi.label} {qi.title}: suggested {level}{confirmed}")
        lines.append(f"    {qi.narrative}")
        for strength in qi.strengths[:3]:
            lines.append(f"    strength ({strength.word}): {strength.text}")
        for step in qi.next_steps[:3]:
            lines.append(f"    next step: {step.text}")
    return "\n".join(lines) + "\n"


def result_json(result: Result, evaluation: Evaluation, framework: Framework) -> str:
    """A stable JSON document for other tools."""
    scale = framework.rating_scale
    data: dict[str, Any] = {
        "setting": evaluation.setting.model_dump(mode="json", exclude_none=True),
        "framework": evaluation.framework.model_dump(mode="json"),
        "status": evaluation.status,
        "asked": result.asked,
        "answered": result.answered,
        "qis": [
            {
                "section": qi.section_id,
                "qi": qi.qi_id,
                "qi_framework": qi.qi_framework,
                "title": qi.title,
                "suggested_level": qi.suggested,
                "confirmed_level": qi.confirmed,
                "word": qi.level_word,
                "asked": qi.asked,
                "rated": qi.rated,
                "not_applicable": qi.not_applicable,
                "counts": {str(value): count for value, count in qi.counts.items()},
                "good_or_better": qi.good_or_better,
                "narrative": qi.narrative,
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
            for qi in result.qis
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
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|~"})


def md_text(text: str) -> str:
    """User text as literal Markdown (inline): special characters escaped, lines joined."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip()).translate(
        _MD_SPECIAL
    )


def md_cell(text: str) -> str:
    """User text safe inside a Markdown table cell."""
    return md_text(text) or " "


def result_markdown(
    result: Result,
    evaluation: Evaluation,
    framework: Framework,
    chart: str | None = None,
) -> str:
    """The improvement-plan section: evaluations, strengths with evidence, next steps to own."""
    out = [
        f"# {md_text(framework.title)}: improvement plan",
        "",
        f"**Setting:** {md_text(_setting_line(evaluation, framework))}  ",
        f"**Framework:** {md_text(framework.title)} {framework.version}  ",
        f"**Last updated:** {evaluation.updated:%d %B %Y}  ",
        f"**Progress:** {result.answered} of {result.asked} statements answered"
        f"{' (complete)' if evaluation.status == 'complete' else ''}",
        "",
        "Levels use the HGIOS six-point scale. The *suggested* level is the lower median of the "
        "statement ratings; *our evaluation* is the level we agreed as a team.",
        "",
    ]
    if chart:
        out += [f"![Quality indicator profile]({chart})", ""]
    out += [
        "## Summary",
        "",
        "| QI | Title | Suggested | Our evaluation | Rated |",
        "|---|---|---|---|---|",
    ]
    for qi in result.qis:
        confirmed = _level(qi.confirmed, framework) if qi.confirmed is not None else "to agree"
        out.append(
            f"| {qi.qi_id} | {md_cell(qi.title)} | {_level(qi.suggested, framework)} | "
            f"{confirmed} | {qi.rated} of {qi.asked} |"
        )
    out += _tags_markdown(result)
    for qi in result.qis:
        out += _qi_markdown(qi, framework)
    return "\n".join(out) + "\n"


def _tags_markdown(result: Result) -> list[str]:
    """Ratings gathered by tag group (e.g. the STEM strategy's themes): profiles, never grades."""
    rated = [t for t in result.tags if t.rated]
    if not rated:
        return []
    out = ["", "## Across the framework's themes and programmes", ""]
    out += [
        "Statements are tagged with the themes they serve; these counts are not grades.",
        "",
        "| Theme or programme | Statements rated | Good or better |",
        "|---|---|---|",
    ]
    for tag in rated:
        word = proportion_word(tag.good_or_better, tag.rated)
        out.append(f"| {md_cell(tag.label)} | {tag.rated} | {tag.good_or_better} ({word}) |")
    return out


def _qi_markdown(qi: QIResult, framework: Framework) -> list[str]:
    out = ["", f"## {qi.label} {md_text(qi.title)}", ""]
    level = _level(qi.level, framework)
    out += [f"**Our evaluation:** {level}  ", f"{md_text(qi.narrative)}", ""]
    out += ["### Strengths", ""]
    if qi.strengths:
        for s in qi.strengths:
            evidence = f" Evidence: {md_text(s.evidence)}" if s.evidence.strip() else ""
            out.append(f"- {md_text(s.text)} (*{s.word}*).{evidence}")
    else:
        out.append("- None rated very good or better yet.")
    out += ["", "### Next steps", ""]
    if qi.next_steps:
        out += ["| Action | Why (what we rated) | Owner | By when |", "|---|---|---|---|"]
        for n in qi.next_steps:
            word = framework.rating_scale.word(n.rating)
            out.append(f"| {md_cell(n.text)} | {md_cell(n.because)}: {word} |  |  |")
    else:
        out.append("- No next steps offered: nothing is rated at or below an action's threshold.")
    return out
