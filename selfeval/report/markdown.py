"""A scored evaluation as Markdown: the improvement-plan section a school puts in its plan.

Everything a user typed (evidence, notes, setting names) passes through `md_text` or `md_cell`
before it reaches Markdown, so it reads as written and cannot break the document's structure.
"""

from __future__ import annotations

from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.report.result import level_text, setting_line
from selfeval.scoring import QIResult, Result, proportion_word, spread
from selfeval.scoring.words import no_evidence

__all__ = ["md_cell", "md_text", "result_markdown"]

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
        f"**Setting:** {md_text(setting_line(evaluation, framework))}  ",
        f"**Framework:** {md_text(framework.title)} {framework.version}  ",
        f"**Last updated:** {evaluation.updated:%d %B %Y}  ",
        f"**Progress:** {result.answered} of {result.asked} statements answered"
        f"{' (complete)' if evaluation.status == 'complete' else ''}",
        "",
        f"Levels use the {md_text(framework.rating_scale.title)}. The *suggested* level weighs "
        "the statement ratings against the scale's level definitions (each QI says why); "
        "*our evaluation* is the level we agreed as a team.",
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
        confirmed = level_text(qi.confirmed, framework) if qi.confirmed is not None else "to agree"
        out.append(
            f"| {qi.qi_id} | {md_cell(qi.title)} | {level_text(qi.suggested, framework)} | "
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
    level = level_text(qi.level, framework)
    out += [f"**Our evaluation:** {level}  "]
    out += [f"**Ratings:** {md_text(spread(qi.counts, framework.rating_scale))}  "]
    out += [f"**Why this level was suggested:** {md_text(qi.why)}  "]
    if qi.without_evidence:
        out += [f"{md_text(no_evidence(qi.without_evidence))}.  "]
    out += [f"{md_text(qi.narrative)}", ""]
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
