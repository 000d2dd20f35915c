"""Opening an evaluation with a newer framework: renamed answers move, removed ones are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.evaluation import (
    EvaluationSession,
    EvaluationStore,
    Setting,
    load_evaluation,
)
from selfeval.evaluation.reconcile import reconcile
from selfeval.framework import load_framework

from .strategies import evaluations


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


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_answers_with_nothing_to_move_are_kept_as_moving_each_would(
    minimal_framework_path: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """The shortcut for a file whose answers all belong to the framework (nearly every file a
    comparison reads) gives what moving answer by answer gives, on every kind of file."""
    from selfeval.evaluation.reconcile import _moved, _moved_each

    framework = load_framework(_newer(minimal_framework_path, tmp_path_factory.mktemp("v2")))
    ids = ["mini-01", "mini-02", "mini-02b", "mini-03", "mini-04", "gone"]
    evaluation = data.draw(evaluations(ids, [1, 2, 3]))
    if data.draw(st.booleans()):
        evaluation = evaluation.model_copy(update={"orphans": {}})
    assert _moved(evaluation, framework) == _moved_each(evaluation, framework)
