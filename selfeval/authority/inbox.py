"""What an authority's inbox holds: each setting's submissions, latest first, with the
feedback given and whether they were validated; and every file that could not be read as one
(half synced, a placeholder, not an evaluation), said, never read as data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from selfeval.authority.feedback import Feedback, read_feedback
from selfeval.errors import EvaluationError, SelfevalError, first_line
from selfeval.evaluation.store import parse_evaluation
from selfeval.files.submitted import feedback_of, handed_in_at, submission_version
from selfeval.files.toml import TomlText, parse_toml
from selfeval.files.walk import toml_files_in

__all__ = ["Inbox", "Problem", "Submitted", "read_inbox"]


@dataclass(frozen=True)
class Problem:
    """A file in the inbox that could not be read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Submitted:
    """One submission in the inbox."""

    path: Path
    setting: str
    seed_code: str | None
    year: str
    framework: str
    version: int | None
    """Its number (None for an evaluation put in the inbox by hand, not handed in)."""
    handed_in: datetime | None
    feedback: list[Feedback] = field(default_factory=list)

    @property
    def validated(self) -> bool:
        """Whether an officer validated it."""
        return any(f.validated for f in self.feedback)


@dataclass(frozen=True)
class Inbox:
    """The inbox's submissions, each setting's together and latest first, and its problems."""

    folder: Path
    submissions: list[Submitted]
    problems: list[Problem]
    elsewhere: frozenset[Path] = frozenset()
    """Submissions found outside the folder that holds most of their setting's (another
    setting's folder, or the inbox's top folder: handed in to the wrong place)."""

    def where(self, s: Submitted) -> str:
        """The folder *s* is in, from the inbox ("balmuir/", or "the top folder")."""
        inside = s.path.parent.relative_to(self.folder)
        return "the top folder" if inside == Path() else f"{inside.as_posix()}/"


def read_inbox(folder: Path) -> Inbox:
    """Read every file in *folder* and its subfolders (a folder per setting)."""
    if not folder.is_dir():
        what = "a file, not a folder" if folder.exists() else "not there"
        raise SelfevalError(f"the inbox {folder} is {what}", "name the authority's inbox folder")
    submissions: list[Submitted] = []
    problems: list[Problem] = []
    feedback: dict[Path, list[Feedback]] = {}
    for path, _ in toml_files_in(folder):
        about = feedback_of(path)
        if about is not None:
            try:
                feedback.setdefault(path.with_name(about), []).append(read_feedback(path))
            except (SelfevalError, OSError) as exc:
                problems.append(Problem(path, f"feedback that cannot be read: {_said(exc)}"))
            continue
        try:
            submissions.append(_submitted(path))
        except (SelfevalError, OSError) as exc:
            problems.append(Problem(path, _said(exc)))
    given = [Submitted(**{**s.__dict__, "feedback": feedback.get(s.path, [])}) for s in submissions]
    given.sort(key=_order)
    return Inbox(folder, given, problems, _elsewhere(folder, given))


def _elsewhere(top: Path, submissions: list[Submitted]) -> frozenset[Path]:
    """The submissions outside their setting's usual folder (another setting's folder, or
    the inbox's top folder: handed in to the wrong place)."""
    settings: dict[tuple[str, str], list[Submitted]] = {}
    for s in submissions:
        settings.setdefault(_setting_of(s), []).append(s)
    usual = {key: _usual(top, group) for key, group in settings.items()}
    return frozenset(s.path for s in submissions if s.path.parent != usual[_setting_of(s)])


def _usual(top: Path, group: list[Submitted]) -> Path:
    """The folder holding most of one setting's *group* (latest first); of a tie, a folder of
    its own before the inbox's top folder, then the one handed in to first: one stray
    hand-in after never makes the setting's own folder the odd one."""
    counted = Counter(s.path.parent for s in group)
    earliest = {s.path.parent: at for at, s in enumerate(group)}  # the last seen is earliest
    return max(counted, key=lambda f: (counted[f], f != top, earliest[f]))


def _setting_of(s: Submitted) -> tuple[str, str]:
    return (s.setting.casefold(), s.seed_code or "")


def _submitted(path: Path) -> Submitted:
    data = path.read_bytes()
    version = submission_version(path)
    at = handed_in_at(data)
    if version is not None and at is None:
        raise SelfevalError(
            "not whole: still syncing, a cloud placeholder, or cut short or changed since it "
            "was handed in; not read"
        )
    doc: TomlText = parse_toml(path, data, EvaluationError, "evaluation")
    evaluation = parse_evaluation(doc)
    if evaluation.contributor is not None:
        raise SelfevalError("a colleague's view, not a setting's evaluation: not listed")
    setting = evaluation.setting
    return Submitted(
        path,
        setting.name,
        setting.seed_code,
        evaluation.year,
        evaluation.framework.id,
        version,
        at,
    )


def _order(s: Submitted) -> tuple[str, str, str, int, float]:
    when = s.handed_in.timestamp() if s.handed_in else 0.0
    return (s.setting.casefold(), s.seed_code or "", _desc(s.year), -(s.version or 0), -when)


def _desc(year: str) -> str:
    """*year* ("2026-27") sorting later years first."""
    return "".join(chr(0x10FFFF - ord(c)) for c in year)


def _said(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"could not be read ({exc.strerror or exc})"
    return first_line(exc)
