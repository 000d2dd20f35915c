"""A table or key made twice is said in TOML's words, with the line that made it first.

tomllib says "Cannot declare ('qi', 'self-evaluation') twice": Python's spelling, and no word
of where the first one is or what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from selfeval.cli import main
from selfeval.errors import EvaluationError
from selfeval.files.toml import parse_toml

from .conftest import DATA


@pytest.mark.parametrize(
    ("text", "line", "said", "hint"),
    [
        ("[a]\nx = 1\n[a]\ny = 2\n", 3, "the table [a] is written twice (first on line 1)",
         "move the keys under this [a] up under the one on line 1"),
        ('["q r".s]\nx = 1\n["q r".s]\n', 3, 'the table ["q r".s] is written twice (first on '
         "line 1)", "delete this line"),
        ("[[a]]\n[a.b]\n[[a]]\n[a.b]\nk = 1\n[a.b]\n", 6,  # within the latest [[a]]
         "the table [a.b] is written twice (first on line 4)", "line 4"),
        ('x = """\n[a]\n"""\n[a]\n[a]\n', 5,  # a header inside a text is not one
         "the table [a] is written twice (first on line 4)", "line 4"),
        ("[[a]]\nx = 1\n[a]\n", 3, "a is a list of tables ([[a]] on line 1), and [a] would "
         "make it one table", "write [[a]], with two brackets"),
        ("[a]\n[[a]]\n", 2, "a is one table ([a] on line 1), and [[a]] would make it a list",
         "keep one [a]"),
        ("a.b = 1\n[a]\n", 2, "the table [a] is defined twice: the dotted key a.b on line 1 "
         "made it already", "write that key under [a] as b = …"),
        ("a = 1\n[a]\n", 2, "[a] cannot be made: a is already given a value on line 1",
         "another name"),
        ("[t]\nx = 1\ny = 2\nx = 3\n", 4, "t.x is given a value twice (first on line 2)",
         "delete this line or line 2"),
        ("a = {x = 1}\na.y = 2\n", 2, "a.y cannot be added: a is already a value, written "
         "whole on line 1", "add y inside it on line 1"),
        ("a.b = 1\na = 2\n", 2, "a is already a table (made by a.b on line 1)", "another name"),
    ],
)  # fmt: skip
def test_made_twice_is_said_with_where_first_and_what_to_do(
    text: str, line: int, said: str, hint: str
) -> None:
    with pytest.raises(EvaluationError) as caught:
        parse_toml(Path("made-twice.toml"), text.encode(), EvaluationError, "evaluation")
    [problem] = caught.value.problems
    assert problem.line == line
    assert problem.message.startswith(f"this is not valid TOML: {said}")
    assert problem.hint is not None and hint in problem.hint
    assert "Cannot" not in str(problem)  # tomllib's own words


def test_a_long_table_name_made_twice_is_named_short() -> None:
    name = "k" * 5000
    text = f"[{name}]\n[{name}]\n"
    with pytest.raises(EvaluationError) as caught:
        parse_toml(Path("long.toml"), text.encode(), EvaluationError, "evaluation")
    assert len(str(caught.value)) < 400
    assert "(5,000 characters)] is written twice (first on line 1)" in str(caught.value)


def test_an_evaluation_with_a_table_written_twice_says_file_line_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As a person merging two copies by hand would leave it."""
    source = DATA / "golden" / "evaluations" / "balmuir-primary-school.stem.2026-27.toml"
    text = source.read_text(encoding="utf-8")
    header = next(line for line in text.splitlines() if line.startswith("[qi."))
    path = tmp_path / source.name
    path.write_text(f'{text}\n{header}\nreason = "Agreed again."\n', encoding="utf-8")
    first = text.splitlines().index(header) + 1
    again = len(text.splitlines()) + 2
    assert main(["score", str(path)]) == 2
    said = capsys.readouterr().err
    assert f"{path}:{again}: this is not valid TOML: the table {header} is written twice " in said
    assert f"(first on line {first})" in said
    assert f"hint: write each table once: move the keys under this {header} up" in said
