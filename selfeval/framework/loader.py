"""Turn a framework file and its includes into a checked `Framework`, or say exactly why not.

The loader reads TOML, merges included catalogues, validates with pydantic, runs the whole-file
checks and translates every failure into TOML words with file, line and key path. Problems are
collected, so an author fixes a file in one round rather than one error per run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from selfeval.errors import FrameworkError, Problem
from selfeval.files.explain import locator, problems_from_validation
from selfeval.files.locate import KeyPath, LineIndex, toml_path
from selfeval.files.toml import FileKind, TomlText, read_toml, refuse_foreign
from selfeval.framework.includes import include_target
from selfeval.framework.model import Framework

__all__ = ["INCLUDABLE", "INCLUDABLE_TABLES", "load_framework"]

INCLUDABLE = ("scales", "reference_frameworks", "stages", "tags", "school_words")
"""What an included file may hold: shared vocabulary, never sections."""
INCLUDABLE_TABLES = ("renamed_tags",)
"""Tables an included file may hold, merged key by key (the framework's own keys win)."""


class _Origin:
    """Where each part of the merged data came from, to send problems to the right file and line."""

    def __init__(self, main: TomlText) -> None:
        self.main = main
        self.items: dict[str, list[tuple[TomlText, int]]] = {key: [] for key in INCLUDABLE}
        self._indexes: dict[int, LineIndex] = {}

    def locate(self, path: KeyPath) -> tuple[TomlText, KeyPath]:
        if len(path) >= 2 and path[0] in self.items and isinstance(path[1], int):
            items = self.items[str(path[0])]
            if path[1] < len(items):
                doc, index = items[path[1]]
                return doc, (path[0], index, *path[2:])
        return self.main, path

    def index(self, doc: TomlText) -> LineIndex:
        key = id(doc)
        if key not in self._indexes:
            self._indexes[key] = LineIndex(doc.text)
        return self._indexes[key]

    def problem(self, path: KeyPath, message: str, hint: str | None, exact: bool = True) -> Problem:
        """A problem at *path*; with exact=False the line is the nearest enclosing table's."""
        doc, local = self.locate(path)
        return locator(doc.path, self.index(doc))(local, message, hint, exact)


def load_framework(path: Path | str) -> Framework:
    """Load, merge, validate and cross-check the framework at *path*.

    Raises `FrameworkError` listing every problem found, each with file, line and key path.
    """
    main = read_toml(Path(path), FrameworkError, "framework", fast=True)
    refuse_foreign(main, FrameworkError, FRAMEWORK_FILE)
    origin = _Origin(main)
    merged = _merge_includes(main, origin)
    try:
        framework = Framework.model_validate(merged)
    except ValidationError as exc:
        raise FrameworkError(problems_from_validation(exc, origin.problem, Framework)) from None
    from selfeval.framework.checks import check_framework  # not needed for a compiled copy

    findings = check_framework(framework)
    if findings:
        raise FrameworkError(origin.problem(f.path, f.message, f.hint) for f in findings)
    return framework


FRAMEWORK_FILE = FileKind(
    name="a framework",
    matches=lambda data: "sections" in data or "id" in data,
    hint="a framework has `id`, `version`, `title`, `scale` and [[sections]]",
    mix_up=lambda data: "answers" in data or "setting" in data,
    mix_up_message="this is an evaluation (a setting's answers), not a framework",
    mix_up_hint="use `selfeval score` on evaluations; `selfeval validate` checks framework files",
)


def _merge_includes(main: TomlText, origin: _Origin) -> dict[str, Any]:
    """The framework's data with each included file's entries placed before its own."""
    problems: list[Problem] = []
    includes = main.data.get("include", [])
    docs = []
    seen: set[Path] = set()
    repeated: set[Path] = set()  # said once, however often a file is repeated
    for n, name in enumerate(includes if isinstance(includes, list) else []):
        if not isinstance(name, str):
            continue
        at: KeyPath = ("include", n)
        target, refusal = include_target(main.path, name)
        if target in seen and target not in repeated:
            repeated.add(target)
            refusal = (f"{name!r} is included more than once", "list each file once in `include`")
        if refusal:
            line = origin.index(main).line_of(at)
            problems.append(Problem(refusal[0], main.path, line, toml_path(at), refusal[1]))
        if target is None or target in seen:
            continue
        seen.add(target)
        included = _read_include(main, name, target, at, origin, problems)
        if included is not None:
            docs.append(included)
    if problems:
        raise FrameworkError(problems)
    merged = dict(main.data)
    for key in INCLUDABLE:
        own = main.data.get(key)
        if own is not None and not isinstance(own, list):
            continue  # pydantic reports the wrong type at its own line
        entries: list[Any] = []
        for doc in [*docs, main]:
            items = doc.data.get(key, [])
            entries += items
            origin.items[key] += [(doc, i) for i in range(len(items))]
        if entries or key in main.data:
            merged[key] = entries
    for key in INCLUDABLE_TABLES:
        tables = [doc.data.get(key) for doc in [*docs, main]]
        if any(isinstance(table, dict) for table in tables[:-1]) and isinstance(
            tables[-1], dict | None
        ):
            merged[key] = {
                k: v for table in tables if isinstance(table, dict) for k, v in table.items()
            }
    return merged


def _read_include(
    main: TomlText,
    name: str,
    target: Path,
    at: KeyPath,
    origin: _Origin,
    problems: list[Problem],
) -> TomlText | None:
    try:
        included = read_toml(target, FrameworkError, "framework", fast=True)
    except FrameworkError as exc:
        line = origin.index(main).line_of(at)
        problems.append(
            Problem(
                f"the included file {name!r} cannot be used",
                main.path,
                line,
                toml_path(at),
                "paths in `include` are relative to this file",
            )
        )
        problems.extend(exc.problems)
        return None
    extra = sorted(set(included.data) - {*INCLUDABLE, *INCLUDABLE_TABLES})
    for key in extra:
        index = LineIndex(included.text)
        problems.append(
            Problem(
                f"an included file may not define `{key}`",
                included.path,
                index.line_of((key,)),
                key,
                f"included files hold only {', '.join((*INCLUDABLE, *INCLUDABLE_TABLES))}; "
                f"move `{key}` to the framework",
            )
        )
    for key in INCLUDABLE:
        if key in included.data and not isinstance(included.data[key], list):
            extra.append(key)
            problems.append(
                Problem(
                    f'`{key}` must be a list of words, e.g. {key} = ["pupil", "lesson"]'
                    if key == "school_words"
                    else f"`{key}` must be an array of tables, e.g. [[{key}]]",
                    included.path,
                    LineIndex(included.text).line_of((key,)),
                    key,
                )
            )
    for key in INCLUDABLE_TABLES:
        if key in included.data and not isinstance(included.data[key], dict):
            extra.append(key)
            problems.append(
                Problem(
                    f'`{key}` must be a table, e.g. [{key}] with lines old = "new"',
                    included.path,
                    LineIndex(included.text).line_of((key,)),
                    key,
                )
            )
    return None if extra else included
