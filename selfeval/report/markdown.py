"""The improvement plan as Markdown: the STEM section a school pastes into its plan.

Everything a user or a framework author wrote passes through `md_text` or `md_cell` before it
reaches Markdown, so it reads as written and cannot break the document's structure.
"""

from __future__ import annotations

from selfeval.evaluation.model import Evaluation
from selfeval.framework.model import Framework
from selfeval.report.content import ACTION_HEADER, BY_PRIORITY, ActionRow, PlanContent, plan_content
from selfeval.report.history import HISTORY_HEADER
from selfeval.report.mdescape import md_cell, md_table, md_text
from selfeval.report.qi_content import URGENT, QISection
from selfeval.scoring import Result

__all__ = ["md_cell", "md_text", "plan_markdown", "result_markdown"]


def result_markdown(
    result: Result, evaluation: Evaluation, framework: Framework, chart: str | None = None
) -> str:
    """The improvement plan of a scored evaluation, with *chart* (a file name) shown if given."""
    return plan_markdown(plan_content(result, evaluation, framework), chart)


def plan_markdown(plan: PlanContent, chart: str | None = None) -> str:
    """*plan* as a Markdown document."""
    out = [f"# {md_text(plan.title)}", ""]
    out += [f"**{fact.label}:** {md_text(fact.value)}  " for fact in plan.facts]
    out += ["", md_text(plan.about), ""]
    if chart:
        out += [f"![{md_text(plan.chart_alt)}]({chart.replace(' ', '%20')})", ""]
    out += _summary(plan)
    if plan.feedback_heading:
        out += [f"## {md_text(plan.feedback_heading)}", ""]
        out += [*(f"- {md_text(line)}" for line in plan.feedback), ""]
    out += _themes(plan)
    for section in plan.sections:
        out += _section(section)
    out += _action_plan(plan)
    out += _history(plan)
    return "\n".join(out) + "\n"


def _history(plan: PlanContent) -> list[str]:
    """The history, last: a short table of what matters to an authority."""
    if not plan.history:
        return []
    return ["## History", "", *md_table(HISTORY_HEADER, [row.cells for row in plan.history])]


def _summary(plan: PlanContent) -> list[str]:
    out = ["## Summary", ""]
    if plan.summary:
        out += [
            f"| {plan.qi_header} | Title | Suggested | Our evaluation | Target | Rated |",
            "|---|---|---|---|---|---|",
        ]
        out += [
            f"| {md_cell(row.qi)} | {md_cell(row.title)} | {row.suggested} | {md_cell(row.ours)} | "
            f"{md_cell(row.target)} | {row.rated} |"
            for row in plan.summary
        ]
        out.append("")
    if plan.not_started:
        out += [f"Not yet rated: {md_text('; '.join(plan.not_started))}.", ""]
    return out


def _themes(plan: PlanContent) -> list[str]:
    if not plan.themes:
        return []
    return [
        "## Across the framework's themes and programmes",
        "",
        "Statements are tagged with the themes they serve; these counts are not grades.",
        "",
        "| Theme or programme | Statements rated | Good or better |",
        "|---|---|---|",
        *(f"| {md_cell(t.label)} | {t.rated} | {t.good_or_better} |" for t in plan.themes),
        "",
    ]


def _section(section: QISection) -> list[str]:
    out = [f"## {md_text(section.heading)}", ""]
    if section.context:
        out += [md_text(section.context), ""]
    out += [f"*The journey:* {md_text(journey)}  " for journey in section.journey]
    if section.journey:
        out.append("")
    out.append(f"**{section.level_label}:** {md_text(section.level)}  ")
    if section.reason:
        out.append(f"**Why we chose this level:** {md_text(section.reason)}  ")
    if section.target:
        out.append(f"**Our target:** {md_text(section.target)}  ")
    out.append(f"**Ratings:** {md_text(section.ratings)}  ")
    out.append(f"**Why selfeval suggested this level:** {md_text(section.why)}  ")
    if section.without_evidence:
        out.append(f"{md_text(section.without_evidence)}.  ")
    if section.summary:
        out.append(md_text(section.summary))
    out += ["", "### Strengths", ""]
    if section.strengths:
        for s in section.strengths:
            evidence = f" How we know: {md_text(s.evidence)}" if s.evidence else ""
            text, stop = s.parts
            out.append(f"- {md_text(text)} (*{md_text(s.word)}*){stop}{evidence}")
    else:
        out.append("None rated very good or better yet.")
    if section.notes:
        out += ["", "### What we are going to do now: our notes", ""]
        out += [f"- {md_text(n.lead_in)} {md_text(n.note)}" for n in section.notes]
    if section.not_applicable:
        out += ["", "### What we marked not applicable, and why", ""]
        out += [f"- {md_text(n.lead_in)} {md_text(n.note)}" for n in section.not_applicable]
    if section.differed:
        out += ["", "### Where our views differed", ""]
        for d in section.differed:
            why = f" Why: {md_text(d.reason)}" if d.reason else ""
            out.append(
                f"- {md_text(d.statement)} Views: {md_text(d.views)}. **{md_text(d.agreed)}.**{why}"
            )
    out += ["", "### Next steps selfeval suggests", ""]
    if section.next_steps:
        for step in section.next_steps:
            mark = f" **{step.mark}**" if step.mark else ""
            urgent = f"**{URGENT}** " if step.urgent else ""
            out.append(f"- {urgent}{md_text(step.text)} *Why: {md_text(step.why)}.*{mark}")
    else:
        out.append("None: nothing rated here is low enough to need one.")
    out.append("")
    return out


def _action_plan(plan: PlanContent) -> list[str]:
    out = ["## Action plan", ""]
    if not plan.actions:
        return [
            *out,
            "No actions yet. In selfeval, press a on the results screen to adopt a next step "
            "or write your own.",
            "",
        ]
    if any(group.heading for group in plan.action_groups):
        out += [BY_PRIORITY, ""]
    for group in plan.action_groups:
        if group.heading:
            out += [f"### {md_text(group.heading)}", ""]
        out += _action_table(group.actions)
    return out


def _action_table(actions: list[ActionRow]) -> list[str]:
    return md_table(ACTION_HEADER, [_action_cells(a) for a in actions])


def _action_cells(a: ActionRow) -> tuple[str, ...]:
    """An action's cells, in `ACTION_HEADER`'s order."""
    progress = a.standing + (f", review {a.review_date}" if a.review_date else "")
    progress += f": {a.review}" if a.review else ""
    what = f"{a.what} ({a.also})" if a.also else a.what
    what += f" ({a.carried})" if a.carried else ""
    return (a.qi, what, a.outcome, a.lead, a.due, a.measure, progress)
