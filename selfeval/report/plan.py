"""Write an improvement plan with its radar chart beside it: used by `selfeval plan` and the app."""

from __future__ import annotations

from pathlib import Path

from selfeval.evaluation.model import Evaluation
from selfeval.files.atomic import atomic_write_text, check_target
from selfeval.framework.model import Framework
from selfeval.report.markdown import result_markdown
from selfeval.scoring import Result

__all__ = ["write_plan"]


def write_plan(
    result: Result, evaluation: Evaluation, framework: Framework, path: Path
) -> tuple[Path, Path]:
    """Write the plan to *path* and its radar chart to ``<name>-radar.png`` beside it."""
    from selfeval.charts.describe import evaluation_radar
    from selfeval.charts.export import save_figure

    check_target(path)  # before the chart, so a refused plan leaves nothing behind
    chart = path.with_name(f"{path.stem}-radar.png")
    save_figure(evaluation_radar(result, evaluation, framework), chart)
    text = result_markdown(result, evaluation, framework, chart=chart.name)
    atomic_write_text(path, text)
    return path, chart
