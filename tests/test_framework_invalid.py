"""Bad framework files: each gets a located, readable error and exit code 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.errors import FrameworkError
from selfeval.framework import load_framework

from .conftest import INVALID


def test_golden_case_reports_every_expected_line(
    invalid_case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(invalid_case.parent)
    code = main(["validate", invalid_case.name])
    captured = capsys.readouterr()
    assert code == 2
    expected = invalid_case.with_suffix(".errors.txt").read_text(encoding="utf-8")
    for line in filter(None, expected.splitlines()):
        assert line in captured.out, f"{line!r} not in:\n{captured.out}"
    assert "Traceback" not in captured.out + captured.err


def test_every_golden_case_has_expected_errors() -> None:
    for case in INVALID.glob("*.toml"):
        assert case.with_suffix(".errors.txt").is_file(), f"{case.name} has no .errors.txt"


def test_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.toml")]) == 2
    assert "nope.toml: no such file" in capsys.readouterr().out


def test_directory_instead_of_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "this is a folder, not a framework file" in capsys.readouterr().out


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(FrameworkError) as caught:
        load_framework(huge)
    assert "50.0 MB, too large to be a framework file" in str(caught.value)


def test_problems_in_a_file_are_all_reported_at_once() -> None:
    with pytest.raises(FrameworkError) as caught:
        load_framework(INVALID / "unknown-refs.toml")
    assert len(caught.value.problems) == 5


def test_validate_reports_each_file_and_fails_if_any_fails(
    minimal_framework_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["validate", str(minimal_framework_path), str(INVALID / "empty.toml")])
    out = capsys.readouterr().out
    assert code == 2
    assert "minimal.toml: ok (mini 1.0: 2 sections, 3 statements)" in out
    assert "empty.toml: 1 problem" in out
