"""Evaluations: a setting's answers to one framework, their files, and the open session."""

from selfeval.evaluation.lock import EvaluationLocked, FileLock
from selfeval.evaluation.model import (
    SCHEMA_VERSION,
    Answer,
    Evaluation,
    FrameworkStamp,
    QIJudgement,
    Setting,
)
from selfeval.evaluation.reconcile import Changes, check_against, reconcile, stamp
from selfeval.evaluation.session import EvaluationSession
from selfeval.evaluation.store import (
    EvaluationStore,
    SaveFailed,
    dump_evaluation,
    load_evaluation,
    new_evaluation,
    slugify,
)

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "Changes",
    "Evaluation",
    "EvaluationLocked",
    "EvaluationSession",
    "EvaluationStore",
    "FileLock",
    "FrameworkStamp",
    "QIJudgement",
    "SaveFailed",
    "Setting",
    "check_against",
    "dump_evaluation",
    "load_evaluation",
    "new_evaluation",
    "reconcile",
    "slugify",
    "stamp",
]
