"""Evaluations: a setting's answers to one framework, their files, and the open session.

The names below load with their modules when first used (the models need pydantic): the app
draws its start screen before any evaluation is opened. `reconcile` is imported from its module
(`selfeval.evaluation.reconcile`): here the name would be the module once that is loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from selfeval.evaluation.lock import EvaluationLocked, FileLock, FolderNotWritable
    from selfeval.evaluation.model import (
        SCHEMA_VERSION,
        Answer,
        Evaluation,
        FrameworkStamp,
        QIJudgement,
        Setting,
    )
    from selfeval.evaluation.reconcile import Changes, check_against, stamp
    from selfeval.evaluation.session import EvaluationSession
    from selfeval.evaluation.store import (
        EvaluationStore,
        SaveFailed,
        dump_evaluation,
        load_evaluation,
        new_evaluation,
        slugify,
    )

_HOME = {
    "lock": ("EvaluationLocked", "FileLock", "FolderNotWritable"),
    "model": ("SCHEMA_VERSION", "Answer", "Evaluation", "FrameworkStamp", "QIJudgement", "Setting"),
    "reconcile": ("Changes", "check_against", "stamp"),
    "session": ("EvaluationSession",),
    "store": (
        "EvaluationStore",
        "SaveFailed",
        "dump_evaluation",
        "load_evaluation",
        "new_evaluation",
        "slugify",
    ),
}

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "Changes",
    "Evaluation",
    "EvaluationLocked",
    "EvaluationSession",
    "EvaluationStore",
    "FileLock",
    "FolderNotWritable",
    "FrameworkStamp",
    "QIJudgement",
    "SaveFailed",
    "Setting",
    "check_against",
    "dump_evaluation",
    "load_evaluation",
    "new_evaluation",
    "slugify",
    "stamp",
]


def __getattr__(name: str) -> Any:
    """A name of the package, from its module (imported on first use)."""
    for module, names in _HOME.items():
        if name in names:
            return getattr(importlib.import_module(f"selfeval.evaluation.{module}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
