"""Evaluations on disk: one readable TOML file per setting, framework and school year.

Every save is atomic (see `selfeval.files.atomic`), so a crash leaves the old file or the new one.
A file that cannot be read is never overwritten: the error names the file, line and key, and the
user decides what to do with it.
"""

from __future__ import annotations

import errno
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from selfeval.errors import EvaluationError, SelfevalError
from selfeval.evaluation.folder import SUFFIX, evaluation_files
from selfeval.evaluation.model import (
    HISTORY_VERSION,
    SCHEMA_VERSION,
    Answer,
    Contributor,
    Evaluation,
    FrameworkStamp,
    Setting,
    now,
    school_year,
)
from selfeval.files.atomic import atomic_write_bytes
from selfeval.files.explain import locator, problems_from_validation
from selfeval.files.locate import LineIndex
from selfeval.files.toml import FileKind, TomlText, read_toml, refuse_foreign

__all__ = [
    "EvaluationStore",
    "SaveFailed",
    "Stored",
    "dump_evaluation",
    "load_evaluation",
    "new_evaluation",
    "parse_evaluation",
    "school_year",
    "slugify",
]

HEADER = (
    "# A selfeval evaluation. selfeval saves this file after every change; it is plain text\n"
    "# so that it can be read, backed up and compared. Edit it by hand only with care.\n"
)
_SLUG_LENGTH = 60


def slugify(name: str) -> str:
    """A safe, stable file-name part for a setting name (no slashes, dots or odd characters)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:_SLUG_LENGTH].rstrip("-")


def _name_hash(name: str) -> str:
    return hashlib.sha256(name.casefold().strip().encode()).hexdigest()[:8]


def new_evaluation(
    setting: Setting,
    framework: FrameworkStamp,
    contributor: Contributor | None = None,
    year: str | None = None,
) -> Evaluation:
    """A fresh, empty evaluation of *year* (default: this school year); a contribution, with
    *contributor*."""
    moment = now()
    return Evaluation(
        setting=setting,
        framework=framework,
        created=moment,
        school_year=year or school_year(moment.date()),
        updated=moment,
        contributor=contributor.with_new_id() if contributor else None,
    )


def dump_evaluation(evaluation: Evaluation) -> str:
    """The TOML text of *evaluation*: stable key order, empty fields left out."""
    data: dict[str, Any] = {
        "schema_version": HISTORY_VERSION if evaluation.history else SCHEMA_VERSION,
        "status": evaluation.status,
        "created": evaluation.created,
        "updated": evaluation.updated,
    }
    if evaluation.school_year:
        data["school_year"] = evaluation.school_year
    if evaluation.completed_by:
        data["completed_by"] = evaluation.completed_by
    if evaluation.position:
        data["position"] = evaluation.position
    data["setting"] = evaluation.setting.model_dump(exclude_none=True, exclude_defaults=True)
    data["setting"]["name"] = evaluation.setting.name
    data["setting"]["stage"] = evaluation.setting.stage
    data["framework"] = evaluation.framework.model_dump()
    if evaluation.contributor is not None:
        data["contributor"] = evaluation.contributor.model_dump(exclude_none=True)
    if evaluation.contributors:
        data["contributors"] = [c.model_dump(exclude_none=True) for c in evaluation.contributors]
    for key in ("answers", "orphans"):
        table = {sid: _answer_data(a) for sid, a in getattr(evaluation, key).items()}
        if table:
            data[key] = table
    if evaluation.qi:
        data["qi"] = {
            sid: judgement.model_dump(exclude_none=True, exclude_defaults=True)
            | {"confirmed": judgement.confirmed}
            for sid, judgement in evaluation.qi.items()
        }
    if evaluation.targets:
        data["targets"] = {
            sid: target.model_dump(exclude_none=True) for sid, target in evaluation.targets.items()
        }
    if evaluation.actions:
        data["actions"] = [
            action.model_dump(exclude_none=True, exclude_defaults=True)
            | {"id": action.id, "qi": action.qi, "text": action.text}
            for action in evaluation.actions
        ]
    if evaluation.submissions:
        data["submissions"] = [s.model_dump() for s in evaluation.submissions]
    if evaluation.history:
        data["history"] = [
            entry.model_dump(exclude_none=True, exclude_defaults=True)
            for entry in evaluation.history
        ]
    # Multi-line strings read best, but TOML turns a carriage return before a newline into a
    # plain newline; text with "\r" in it is written escaped so it comes back exactly as typed.
    return HEADER + tomli_w.dumps(data, multiline_strings=not _has_carriage_return(data))


def _has_carriage_return(value: object) -> bool:
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(_has_carriage_return(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_carriage_return(v) for v in value)
    return False


def _answer_data(answer: Answer) -> dict[str, Any]:
    return answer.model_dump(exclude_none=True, exclude_defaults=True)


def parse_evaluation(doc: TomlText) -> Evaluation:
    """Validate the parsed TOML of an evaluation file, with located problems."""
    refuse_foreign(doc, EvaluationError, EVALUATION_FILE)
    try:
        return Evaluation.model_validate(doc.data)
    except ValidationError as exc:
        problem_at = locator(doc.path, LineIndex(doc.text))
        raise EvaluationError(problems_from_validation(exc, problem_at, Evaluation)) from None


def load_evaluation(path: Path) -> Evaluation:
    """Read the evaluation at *path*, raising `EvaluationError` with file, line and key."""
    return parse_evaluation(read_toml(path, EvaluationError, "evaluation"))


EVALUATION_FILE = FileKind(
    name="a selfeval evaluation",
    matches=lambda data: "setting" in data and "framework" in data,
    hint="evaluations are the files selfeval saves under responses/",
    mix_up=lambda data: "sections" in data,
    mix_up_message="this is a framework file, not an evaluation",
    mix_up_hint="evaluations are the files selfeval saves under responses/",
)


@dataclass(frozen=True)
class Stored:
    """An evaluation file found in a folder: loaded, or with the reason it could not be."""

    path: Path
    evaluation: Evaluation | None
    error: SelfevalError | None


class EvaluationStore:
    """The folder of evaluations (``responses/`` by default)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(
        self,
        setting: Setting,
        framework_id: str,
        year: str,
        contributor: Contributor | None = None,
    ) -> Path:
        """Where the evaluation of *setting* for *framework_id* in *year* lives (with
        *contributor*, that person's contribution to it).

        The name is readable (``oakfield-primary.stem.2026-27.toml``, a contribution
        ``oakfield-primary.stem.2026-27.p5-teacher.toml``) and stable. A name that slugs to
        nothing, or to the same slug as another setting or contributor, gets a short hash of
        the full name, so two never share a file.
        """
        slug = slugify(setting.name)
        tail = f".{framework_id}.{year}"
        who = f".{slugify(contributor.key) or 'contributor'}" if contributor else ""
        plain = self.folder / f"{slug}{tail}{who}{SUFFIX}"
        readable = slug and who != ".contributor"
        if readable and not self._belongs_to_other(plain, setting.name, contributor):
            return plain
        identity = setting.name + (f"\n{contributor.key}" if contributor else "")
        base = f"{slug or 'setting'}-{_name_hash(identity)}"
        return self.folder / f"{base}{tail}{who}{SUFFIX}"

    def new_view_path(
        self, setting: Setting, framework_id: str, year: str, contributor: Contributor
    ) -> Path:
        """A file for a new anonymous view: anonymous views are never resumed by role alone
        (the next learner must not open the last learner's answers), so each gets its own,
        numbered after the first: ``….learner.toml``, ``….learner-2.toml``."""
        first = self.path_for(setting, framework_id, year, contributor)
        n = 1
        path = first
        while path.exists():
            n += 1
            path = first.with_name(f"{first.name.removesuffix(SUFFIX)}-{n}{SUFFIX}")
        return path

    def _belongs_to_other(self, path: Path, name: str, contributor: Contributor | None) -> bool:
        """Whether *path* holds another setting's evaluation (or another person's view); an
        unreadable file is an error: it is never silently replaced or sidestepped."""
        if not path.exists():
            return False
        existing = load_evaluation(path)
        same_setting = existing.setting.name.casefold().strip() == name.casefold().strip()
        if contributor is None:
            return not same_setting or existing.contributor is not None
        return not same_setting or not contributor.same_person(existing.contributor)

    def list(self) -> Sequence[Stored]:
        """Every evaluation file in the folder, newest first, each loaded or with its error."""
        return self.read(self.files())

    def files(self) -> Sequence[Path]:
        """The evaluation files in the folder, the most recently written first (told by the
        files' times alone, without reading any)."""
        if not self.folder.is_dir():
            return []
        return [path for _, path in sorted(_by_time(evaluation_files(self.folder)))]

    def read(self, paths: Iterable[Path]) -> Sequence[Stored]:
        """The evaluations in *paths*, newest first (by when they were last changed, as they
        say), each loaded or with its error."""
        found = []
        for path in paths:
            try:
                doc = read_toml(path, EvaluationError, "evaluation", fast=True)
                found.append(Stored(path, parse_evaluation(doc), None))
            except SelfevalError as exc:
                found.append(Stored(path, None, exc))
        return sorted(found, key=_newest_first)

    def save(self, evaluation: Evaluation, path: Path) -> None:
        """Write *evaluation* to *path* atomically, creating the folder if needed."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(path, dump_evaluation(evaluation).encode("utf-8"), evaluation=True)
        except OSError as exc:
            raise SaveFailed(path, exc) from exc


def _by_time(paths: Iterable[Path]) -> Iterator[tuple[float, Path]]:
    """Each of *paths* with its modification time, negated (a file gone meanwhile, last)."""
    for path in paths:
        try:
            yield -path.stat().st_mtime, path
        except OSError:
            yield 0.0, path


def _newest_first(stored: Stored) -> tuple[int, float]:
    if stored.evaluation is None:
        return (1, 0.0)
    return (0, -stored.evaluation.updated.timestamp())


class SaveFailed(SelfevalError):
    """A save did not reach the disk; the previous file is untouched."""

    def __init__(self, path: Path, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        hints = {
            errno.ENOSPC: "the disk is full: free some space, then your answers will save",
            errno.EACCES: "the folder is read-only for you: choose another with --responses",
            errno.EROFS: "the folder is on a read-only drive: choose another with --responses",
        }
        super().__init__(
            f"could not save {path.name} ({reason}); the last saved copy is unchanged",
            hints.get(exc.errno or 0, "check the folder exists and you can write to it"),
        )
        self.path = path
        self.errno = exc.errno
