"""Write an improvement plan, as Word, Markdown or a spreadsheet tracker by the file's suffix:
used by `selfeval plan` and the app's export. The Word file carries its radar chart inside;
Markdown gets it beside; the tracker (the action plan and the levels) needs none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from selfeval.errors import SelfevalError
from selfeval.evaluation.model import Evaluation
from selfeval.files.atomic import atomic_write_bytes, atomic_write_text, check_target
from selfeval.framework.model import Framework
from selfeval.report.content import PlanContent, plan_content
from selfeval.report.markdown import plan_markdown
from selfeval.scoring import Result

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from selfeval.report.wordtemplate import WordTemplate

__all__ = [
    "EXPORTED",
    "PLAN_SUFFIXES",
    "chart_png",
    "check_plan_name",
    "configured_word_template",
    "export_plan",
    "write_plan",
]

PLAN_SUFFIXES = (".docx", ".md", ".xlsx")


def check_plan_name(path: Path) -> None:
    """Refuse, before any work, an output name that is not a Word, Markdown or Excel file."""
    if path.suffix.lower() not in PLAN_SUFFIXES:
        raise SelfevalError(
            f"{path.name}: a plan is written as a Word document (.docx), as Markdown (.md) "
            "or as a spreadsheet tracker of its actions (.xlsx)",
            f"name the output e.g. {path.stem or 'plan'}.docx",
        )


def write_plan(
    result: Result,
    evaluation: Evaluation,
    framework: Framework,
    path: Path,
    template: WordTemplate | None = None,
) -> list[Path]:
    """Write the plan to *path* (.docx, .md or .xlsx), a Word plan on the authority's
    *template* if given; returns every file written, the plan first."""
    check_plan_name(path)
    check_target(path)  # before the chart, so a refused plan leaves nothing behind
    if path.suffix.lower() == ".xlsx":  # a tracker has no chart: none is drawn
        return _write(path, plan_content(result, evaluation, framework), b"")
    return _write(path, *_drawn(result, evaluation, framework), template)


def export_plan(
    result: Result, evaluation: Evaluation, framework: Framework, saved: Path
) -> list[Path]:
    """Write the plan of the evaluation saved at *saved* beside it, for Word
    (NAME.plan.docx, on the template the settings file names, if it names one), as Markdown
    (NAME.plan.md, its chart beside it) and as a spreadsheet tracker (NAME.plan.xlsx): the
    app's and `--plain`'s export. Returns every file written, the Word file first."""
    paths = [saved.with_suffix(suffix) for suffix in EXPORTED]
    for path in paths:
        check_target(path)
    template = configured_word_template()  # refused before any work, like a target
    drawn = _drawn(result, evaluation, framework)  # once for all
    return [written for path in paths for written in _write(path, *drawn, template)]


def configured_word_template(what: str = "plan") -> WordTemplate | None:
    """The Word template the settings file names, checked; None where it names none. *what*
    ("plan", "report") is what it is for, as a problem's hint says."""
    from selfeval.files.settings import configured_template
    from selfeval.report.wordtemplate import read_template

    found = configured_template()
    return read_template(found.path, found.settings, what) if found else None


EXPORTED = (".plan.docx", ".plan.md", ".plan.xlsx")
"""What the app's export writes beside an evaluation, the Word file first."""


def _drawn(
    result: Result, evaluation: Evaluation, framework: Framework
) -> tuple[PlanContent, bytes]:
    """The plan's content and its radar chart as PNG."""
    from selfeval.charts.describe import evaluation_radar

    content = plan_content(result, evaluation, framework)
    return content, chart_png(evaluation_radar(result, evaluation, framework))


def chart_png(figure: Figure) -> bytes:
    """*figure* as the 256-colour PNG every chart is written as (compressed once)."""
    from selfeval.charts.export import png_bytes

    return png_bytes(figure)


def _write(
    path: Path, content: PlanContent, chart: bytes, template: WordTemplate | None = None
) -> list[Path]:
    if path.suffix.lower() == ".xlsx":
        from selfeval.report.tracker import plan_xlsx

        atomic_write_bytes(path, plan_xlsx(content))
        return [path]
    if path.suffix.lower() == ".docx":
        from selfeval.report.word import plan_docx

        atomic_write_bytes(path, plan_docx(content, chart, template))
        return [path]
    chart_path = path.with_name(f"{path.stem}-radar.png")
    atomic_write_bytes(chart_path, chart)
    atomic_write_text(path, plan_markdown(content, chart=chart_path.name))
    return [path, chart_path]
