"""Driving `selfeval --plain` as a screen reader user or a script does: lines in, lines out."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from selfeval.evaluation import dump_evaluation, load_evaluation
from selfeval.evaluation.model import Contributor, Evaluation
from selfeval.plain.journey import run_plain

from .conftest import REPO

STEM = str(REPO / "frameworks" / "stem.toml")


def talk(
    responses: Path,
    lines: list[str],
    setting: str | None = None,
    contributor: Contributor | None = None,
) -> tuple[int, str]:
    """The exit code and everything said, with *lines* typed (then the input ends)."""
    out = io.StringIO()
    into = io.StringIO("\n".join(lines) + "\n")
    code = run_plain(STEM, responses, setting, None, None, into, out, contributor)
    return code, out.getvalue()


def only(responses: Path) -> Path:
    """The one evaluation file in *responses*."""
    (found,) = responses.glob("*.toml")
    return found


class ColleagueSaves(io.StringIO):
    """Typed lines; before line *at* is read, a colleague's window saves *change* to the
    evaluation file in *folder* (as another computer on the same OneDrive folder would)."""

    def __init__(
        self, lines: list[str], at: int, folder: Path, change: Callable[[Evaluation], Evaluation]
    ) -> None:
        super().__init__("\n".join(lines) + "\n")
        self.count, self.at, self.folder, self.change = 0, at, folder, change

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        self.count += 1
        if self.count == self.at:
            path = only(self.folder)
            path.write_text(dump_evaluation(self.change(load_evaluation(path))), "utf-8")
        return super().readline(size)
