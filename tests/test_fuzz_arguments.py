"""Hostile command lines: whatever words a user or a script types after `selfeval`, the answer
is a result or a specific message with exit status 2, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selfeval.cli import main

from .conftest import DATA

EVALUATION = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"

COMMANDS = [
    "validate", "score", "plan", "frameworks", "schema", "chart", "compare", "moderate",
    "import-inspections", "demo", "schools",
]  # fmt: skip
"""Every command that runs without a terminal (not the app, not `serve`, which would wait)."""

WORDS = [
    "-o", "--output", "--format", "json", "text", "markdown", "--framework", "stem", "nonesuch",
    "--by", "stage", "cluster", "--min-group", "0", "-1", "99999999999999999999", "--jobs",
    "--check", "--each", "--anonymise", "--all-years", "--inspected-since", "March 2020",
    "soon", "--settings", "--years", "--agree-median", "--chart-format", "svg", "--stage",
    "--setting", "²", "\x1b]0;title\x07", "Oak\nPrimary", "", "-", "--", "=", "--help-me",
    "x" * 300,
]  # fmt: skip


@st.composite
def command_lines(draw: st.DrawFn, tmp: Path) -> list[str]:
    """A command, then words and paths in any order: real options, wrong values, files that
    are missing, folders, text that is not TOML, a real evaluation, an output in a folder
    that does not exist."""
    paths = [
        str(EVALUATION), str(tmp / "missing.toml"), str(tmp), str(tmp / "notes.txt"),
        str(tmp / "out"), str(tmp / "no" / "such" / "plan.docx"), str(tmp / "plan.docx"),
        str(tmp / "chart.png"), str(tmp / "bytes.toml"),
    ]  # fmt: skip
    words = draw(st.lists(st.sampled_from(WORDS + paths), max_size=6))
    return [draw(st.sampled_from(COMMANDS)), *words]


@pytest.fixture
def hostile_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # anything written by default lands here
    monkeypatch.setenv("SELFEVAL_CACHE", str(tmp_path / "cache"))
    (tmp_path / "notes.txt").write_text("not = [toml", encoding="utf-8")
    (tmp_path / "bytes.toml").write_bytes(b"\xff\xfe\x00[[]]\x00")
    return tmp_path


@pytest.mark.slow
@settings(
    max_examples=int(os.environ.get("SELFEVAL_FUZZ_EXAMPLES", "60")),  # more for a long run
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_command_line_gets_a_result_or_a_plain_message(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str], data: st.DataObject
) -> None:
    argv = data.draw(command_lines(hostile_folder))
    try:
        code = main(argv)
    except SystemExit as exit_:  # argparse's own refusals and --help
        code = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    assert code in (0, 2), (argv, captured.err[-500:])
    assert "Traceback" not in captured.err and "Traceback" not in captured.out, argv
    if code == 2:
        assert (captured.err + captured.out).strip(), argv  # a refusal always says what
    assert "\x1b]" not in captured.err, argv  # a typed escape never reaches the terminal


def test_a_number_too_long_for_python_is_a_located_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rating 5,000 digits long (Python reads at most 4,300 into a number): `score` says
    where it is, and `compare` leaves that one file out, on one line, and compares the rest."""
    text = EVALUATION.read_text(encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    big = folder / "big.toml"
    big.write_text(text.replace("rating = 4", "rating = " + "9" * 5000, 1), encoding="utf-8")
    odd = folder / "odd\nname.toml"  # a name with a line break: never a line of its own
    odd.write_text("not = [toml", encoding="utf-8")
    (folder / EVALUATION.name).write_text(text, encoding="utf-8")
    assert main(["score", str(big)]) == 2
    said = capsys.readouterr().err
    assert "big.toml:" in said and "a number here is 5000 digits long" in said
    assert main(["compare", str(folder), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"settings": 1' in captured.out
    lines = captured.err.splitlines()
    assert any("big.toml" in line and "5000 digits" in line for line in lines)
    assert any("odd\\nname.toml" in line and "not valid TOML" in line for line in lines)


APP_WORDS = [
    "--setting", "--stage", "--ages", "--as", "--as-name", "--plain", "--framework",
    "--responses", "--resp", "--s", "--a", "--pl", "--version", "--ver", "-h", "--help", "--",
    "-", "=", "Oakfield", "primary", "stem", "score", "x.toml", "--setting=Oak", "²", "",
]  # fmt: skip


@settings(max_examples=300)
@given(st.lists(st.sampled_from(APP_WORDS), max_size=6))
def test_the_quick_reading_of_the_apps_options_is_the_whole_parsers(words: list[str]) -> None:
    """Where the app's options alone read the words (most starts), they read them as the
    whole parser would; anything else goes to the whole parser."""
    import argparse
    import contextlib
    import io

    from selfeval.cli import _parsed, _parser

    def outcome(read: object) -> object:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                return vars(read())  # type: ignore[operator]
            except SystemExit as exc:
                return ("exit", exc.code)
            except argparse.ArgumentError as exc:  # pragma: no cover (never expected)
                return ("error", str(exc))

    assert outcome(lambda: _parsed(list(words))) == outcome(lambda: _parser().parse_args(words))


def test_a_key_thousands_of_characters_long_is_named_short(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A message says which key, as it says which value (at most 60 characters of it); a key
    of 4,000 digits (a number that long is refused as a number first) or 5,000 letters was
    printed whole, in the key path and in the message, once each."""
    text = EVALUATION.read_text(encoding="utf-8")
    digits, letters = "7" * 4000, "k" * 5000
    unknown = tmp_path / "unknown.toml"
    unknown.write_text(f"{digits} = 1\n{text}", encoding="utf-8")
    answer = tmp_path / "answer.toml"
    answer.write_text(f"{text}\n[answers.{letters}]\nrating = 4\n", encoding="utf-8")
    framework = tmp_path / "framework.toml"
    minimal = (DATA / "valid" / "minimal.toml").read_text(encoding="utf-8")
    framework.write_text(f"{letters} = 1\n{minimal}", encoding="utf-8")
    for argv in (["score", str(unknown)], ["score", str(answer)], ["validate", str(framework)]):
        assert main(argv) == 2
        captured = capsys.readouterr()  # validate lists its problems on stdout
        said = captured.err + captured.out
        assert "Traceback" not in said and "should have" not in said  # pydantic's words
        assert "characters)" in said and max(map(len, said.splitlines())) < 300, said[:400]
