"""Open an evaluation file for reading: parsed, checked against its framework, reconciled.

`selfeval score`, `plan` and `chart` read evaluations this way, and so does
`EvaluationSession.open` (which also takes the file's lock), so every reader sees the same
answers, moved to renamed statements and with orphans kept, whichever way it opens the file.
"""

from __future__ import annotations

from pathlib import Path

from selfeval.errors import EvaluationError
from selfeval.evaluation.model import Evaluation
from selfeval.evaluation.reconcile import Changes, check_against, reconcile
from selfeval.evaluation.store import parse_evaluation
from selfeval.files.toml import read_toml
from selfeval.framework.model import Framework

__all__ = ["open_for_reading", "read_reconciled"]


def read_reconciled(
    path: Path, framework: Framework, fast: bool = False
) -> tuple[Evaluation, Changes]:
    """The evaluation at *path* against *framework*, and what reconciling it changed (*fast*:
    the compiled TOML parser, for reading many files)."""
    doc = read_toml(path, EvaluationError, "evaluation", fast=fast)
    evaluation = parse_evaluation(doc)
    check_against(evaluation, framework, doc)
    return reconcile(evaluation, framework)


def open_for_reading(path: Path, framework_spec: str | None = None) -> tuple[Evaluation, Framework]:
    """The evaluation at *path* and its framework (*framework_spec*, else the one it names)."""
    from selfeval.framework.catalog import find_framework, framework_by_id

    doc = read_toml(path, EvaluationError, "evaluation")
    evaluation = parse_evaluation(doc)
    if framework_spec:
        _, framework = find_framework(framework_spec)
    else:
        _, framework = framework_by_id(evaluation.framework.id)
    check_against(evaluation, framework, doc)
    evaluation, _ = reconcile(evaluation, framework)
    return evaluation, framework
