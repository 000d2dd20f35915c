"""The one family of errors selfeval shows to people, each able to say what, where and how to fix.

Everything a user can get wrong (a framework file, an evaluation file, a command-line argument)
ends up as a `SelfevalError`. The CLI prints its `str()` and exits with status 2; nothing else is
allowed to reach the user as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "EvaluationError",
    "FrameworkError",
    "InspectionsError",
    "MustAnswer",
    "Problem",
    "ProblemsError",
    "SelfevalError",
    "SettingsError",
    "SpreadsheetError",
    "TemplateError",
    "first_line",
    "one_line",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, located as precisely as the code really knows."""

    message: str
    """What is wrong, in plain words."""
    path: Path | None = None
    """The file it is in, if it is in a file."""
    line: int | None = None
    """1-based line, only when the parser knows it; never a guess."""
    key: str | None = None
    """The TOML key path in TOML's words, e.g. ``sections[2].themes[0].id``."""
    hint: str | None = None
    """How to fix it."""

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = one_line(str(self.path))
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        text = f"{where}{key}{self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class SelfevalError(Exception):
    """A problem the user can act on; `str()` is the whole user-facing message."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message}\n    hint: {self.hint}"
        return self.message


class MustAnswer(SelfevalError):
    """ "Not applicable" refused: the framework says every setting must answer the statement
    (`Statement.na_allowed`), as an inspector would challenge it there."""

    NOTE = "Every setting must answer this statement: it cannot be marked not applicable."
    """Said with such a statement before anyone tries (under it in the app, after it in
    `--plain`)."""

    def __init__(self) -> None:
        super().__init__(
            "every setting must answer this statement, so it cannot be marked not applicable",
            "rate it on the scale; where it fits poorly, say why in the notes",
        )

    @property
    def sentence(self) -> str:
        """The message and hint as one sentence, for a notice."""
        return f"{self.message[0].upper()}{self.message[1:]}: {self.hint}."


class ProblemsError(SelfevalError):
    """Several located problems found in one pass, reported together rather than one per run."""

    noun = "file"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        count = len(self.problems)
        first = self.problems[0] if self.problems else None
        where = f" in {one_line(str(first.path))}" if first and first.path else ""
        plural = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {plural}{where}")

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


class FrameworkError(ProblemsError):
    """A framework file (or a file it includes) cannot be used as it is."""

    noun = "framework"


class EvaluationError(ProblemsError):
    """An evaluation file under ``responses/`` cannot be read or written as it is."""

    noun = "evaluation"


class InspectionsError(ProblemsError):
    """A file of imported inspection grades cannot be used as it is."""

    noun = "inspection-grades file"


class SpreadsheetError(ProblemsError):
    """A published spreadsheet (.xlsx) cannot be read."""

    noun = "spreadsheet"


class ListError(ProblemsError):
    """An authority's list of the settings it expects (`inbox --expected`) cannot be read."""

    noun = "list of settings"


class SettingsError(ProblemsError):
    """selfeval's settings file (`selfeval.paths.config_file`) cannot be used as it is."""

    noun = "settings file"


class TemplateError(ProblemsError):
    """A Word template to write the plan on cannot be used; nothing is written."""

    noun = "Word template"


def first_line(exc: BaseException) -> str:
    """The error in one line (its first): where a list says why each of many files is
    passed over."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def one_line(text: str) -> str:
    """*text* (a file's name) on one line: a name may hold a line break, which a message must
    not take for the end of the line (the reason after it would be cut off)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")
