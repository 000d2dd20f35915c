"""Opening an evaluation with a newer framework: renamed answers move, removed ones are kept."""

from __future__ import annotations

from pathlib import Path

from selfeval.evaluation import (
    EvaluationSession,
    EvaluationStore,
    Setting,
    load_evaluation,
)
from selfeval.evaluation.reconcile import reconcile
from selfeval.framework import load_framework


def _newer(minimal: Path, tmp_path: Path) -> Path:
    """Version 2 of the minimal framework: mini-02 renamed to mini-02b, mini-03 removed, one new."""
    text = minimal.read_text(encoding="utf-8")
    text = text.replace('version = "1.0"', 'version = "2.0"')
    text = text.replace(
        'renamed = { "mini-old" = "mini-01" }', 'renamed = { "mini-02" = "mini-02b" }'
    )
    text = text.replace('id = "mini-02"', 'id = "mini-02b"')
    text = text.replace(
        'id = "mini-03"\ntext = "We do the third thing well."',
        'id = "mini-04"\ntext = "We do a new thing well."\nsince = "2.0"',
    )
    newer = tmp_path / "mini-v2.toml"
    newer.write_text(text, encoding="utf-8")
    return newer


def test_answers_follow_renames_and_orphans_are_kept(
    minimal_framework_path: Path, tmp_path: Path
) -> None:
    old = load_framework(minimal_framework_path)
    new = load_framework(_newer(minimal_framework_path, tmp_path))
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, old, Setting(name="Oakfield", stage="school"))
    session.rate("mini-01", 3)
    session.rate("mini-02", 2)
    session.set_evidence("mini-03", "evidence for a statement about to be removed")
    session.move_to("mini-02")
    session.close()

    reopened = EvaluationSession.open(store, new, session.path)
    changes = reopened.changes
    assert changes is not None
    assert changes.renamed == [("mini-02", "mini-02b")]
    assert changes.orphaned == ["mini-03"]
    assert changes.added == ["mini-04"]
    assert "version 1.0" in changes.describe()[0] and "version 2.0" in changes.describe()[0]
    evaluation = reopened.evaluation
    assert evaluation.answers["mini-02b"].rating == 2
    assert evaluation.orphans["mini-03"].evidence.startswith("evidence for")
    assert evaluation.position == "mini-02b"
    assert evaluation.framework.version == "2.0"
    reopened.close()
    on_disk = load_evaluation(session.path)
    assert "mini-03" in on_disk.orphans  # saved, not dropped


def test_same_version_reports_nothing(minimal_framework_path: Path, tmp_path: Path) -> None:
    framework = load_framework(minimal_framework_path)
    store = EvaluationStore(tmp_path / "responses")
    session = EvaluationSession.start(store, framework, Setting(name="Oakfield", stage="school"))
    session.rate("mini-01", 3)
    _, changes = reconcile(session.evaluation, framework)
    assert not changes.any
    session.close()
