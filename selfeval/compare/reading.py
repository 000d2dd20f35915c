"""What one evaluation file contributes to a comparison, read, checked and scored.

Apart from `selfeval.compare.bulk` because it needs the models (and pydantic): a warm
comparison, whose files the cache holds, never loads this module. The results it gives are
typed in `selfeval.compare.results`.
"""

from __future__ import annotations

from pathlib import Path

from selfeval.compare.inspections import KIND, load_inspections
from selfeval.compare.records import SELF, Record
from selfeval.compare.results import (
    Contribution,
    FileResult,
    Inspections,
    OtherFramework,
    Scored,
    Unreadable,
)
from selfeval.errors import EvaluationError, SelfevalError, first_line
from selfeval.evaluation.reconcile import check_against, reconcile
from selfeval.evaluation.store import parse_evaluation
from selfeval.files.toml import parse_toml, refuse_too_deep
from selfeval.framework.catalog import cached_framework, is_framework_id
from selfeval.scoring import suggest_levels

__all__ = ["read_one"]


def read_one(path: Path, raw: bytes, spec: str | None) -> FileResult:
    """What one file contributes: an evaluation's record, inspection grades, or why not."""
    try:
        doc = parse_toml(path, raw, EvaluationError, "evaluation", fast=True, depth_later=True)
        try:
            if doc.data.get("kind") == KIND:
                return Inspections(load_inspections(doc))
            evaluation = parse_evaluation(doc)
        except (SelfevalError, RecursionError) as refused:  # "too deep" says more
            refuse_too_deep(doc, EvaluationError, "evaluation")
            if isinstance(refused, RecursionError):
                return Unreadable("its data is nested too deeply to read")
            raise
    except SelfevalError as exc:
        return Unreadable(first_line(exc))
    framework_id = evaluation.framework.id
    if evaluation.contributor is not None:
        return Contribution(evaluation.setting.name, framework_id)
    if not spec and not is_framework_id(framework_id):
        return Unreadable(
            f"names its framework as {framework_id!r}, not a framework id: a path in a file is "
            "never opened",
            cacheable=False,
        )
    try:
        framework = cached_framework(spec or framework_id)
    except SelfevalError as exc:
        return Unreadable(first_line(exc), cacheable=False)
    if framework.id != framework_id:
        return OtherFramework(framework_id)
    try:
        check_against(evaluation, framework, None)
    except SelfevalError as exc:
        return Unreadable(first_line(exc), framework_hash=framework.content_hash)
    evaluation, _ = reconcile(evaluation, framework)
    levels = suggest_levels(evaluation, framework)
    setting = evaluation.setting
    record = Record(
        name=setting.name,
        kind=SELF,
        source=path,
        stage=setting.stage,
        seed_code=setting.seed_code,
        authority=setting.local_authority,
        cluster=setting.cluster,
        when=evaluation.updated.date(),
        year=evaluation.year,
        framework=f"{framework.title} {framework.version}",
        against=framework.judged_against(setting.stage, setting.qi_framework) or "",
        synthetic=setting.synthetic,
        complete=evaluation.status == "complete",
        suggested={level.qi: level.suggested for level in levels},
        confirmed={level.qi: level.confirmed for level in levels},
    )
    return Scored(record, framework.id, framework.content_hash)
