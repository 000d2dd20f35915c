"""A file never chooses what else is opened: an evaluation names its framework by id, found
only among the known frameworks; a path (or a Windows share) in it is refused, never opened.
A local framework that stands in for a bundled one is said wherever it is used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.model import FrameworkStamp

from .conftest import DATA, REPO

GOLDEN = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"


@pytest.mark.parametrize(
    "named",
    [
        str(REPO / "frameworks" / "stem.toml"),  # a real framework, so opening it would work
        "\\\\server\\share\\stem.toml",  # a Windows share: opening sends the user's credentials
        "../frameworks/stem.toml",
        "stem.toml",
    ],
)
def test_an_evaluation_naming_a_path_as_its_framework_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], named: str
) -> None:
    evaluation = load_evaluation(GOLDEN)
    stamp = FrameworkStamp(id=named, version="1.2.0", content_hash="sha256:0")
    path = tmp_path / "planted.toml"
    path.write_text(dump_evaluation(evaluation.model_copy(update={"framework": stamp})), "utf-8")
    for command in (["score", str(path)], ["plan", str(path), "-o", str(tmp_path / "p.md")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "is not a framework id; a path in a file is never opened" in err
        assert "hint: open it with --framework" in err
    assert not (tmp_path / "p.md").exists()
    assert main(["compare", str(tmp_path), "--format", "json", "--no-cache"]) == 2  # nothing else
    assert "not a framework id: a path in a file is never opened" in capsys.readouterr().err


def test_a_local_framework_standing_in_for_a_bundled_one_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(REPO / "frameworks", tmp_path / "frameworks")
    monkeypatch.chdir(tmp_path)
    assert main(["score", str(GOLDEN)]) == 0
    said = "selfeval: using frameworks/stem.toml instead of the bundled framework"
    assert said in capsys.readouterr().err.replace(str(tmp_path) + "/", "")
    assert main(["frameworks"]) == 0
    out = capsys.readouterr().out
    assert "stem.toml: used instead of the bundled stem.toml" in out
