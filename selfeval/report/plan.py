"""Write an improvement plan, as Word or Markdown by the file's suffix: used by `selfeval plan`
and the app's export. The Word file carries its radar chart inside; Markdown gets it beside."""

from __future__ import annotations

from pathlib import Path

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.files.atomic import atomic_write_bytes, atomic_write_text, check_target
from selfeval.framework.model import Framework
from selfeval.report.content import plan_content
from selfeval.report.markdown import plan_markdown
from selfeval.scoring import Result

__all__ = ["PLAN_SUFFIXES", "check_plan_name", "write_plan"]

PLAN_SUFFIXES = (".docx", ".md")


def check_plan_name(path: Path) -> None:
    """Refuse, before any work, an output name that is not a Word or Markdown file."""
    if path.suffix.lower() not in PLAN_SUFFIXES:
        raise SelfevalError(
            f"{path.name}: a plan is written as a Word document (.docx) or as Markdown (.md)",
            f"name the output e.g. {path.stem or 'plan'}.docx",
        )


def write_plan(
    result: Result, evaluation: Evaluation, framework: Framework, path: Path
) -> list[Path]:
    """Write the plan to *path* (.docx or .md); returns every file written, the plan first."""
    from selfeval.charts.describe import evaluation_radar
    from selfeval.charts.export import figure_bytes

    check_plan_name(path)
    check_target(path)  # before the chart, so a refused plan leaves nothing behind
    content = plan_content(result, evaluation, framework)
    chart = figure_bytes(evaluation_radar(result, evaluation, framework), "png")
    if path.suffix.lower() == ".docx":
        from selfeval.report.word import plan_docx

        atomic_write_bytes(path, plan_docx(content, chart))
        return [path]
    chart_path = path.with_name(f"{path.stem}-radar.png")
    atomic_write_bytes(chart_path, chart)
    atomic_write_text(path, plan_markdown(content, chart=chart_path.name))
    return [path, chart_path]
