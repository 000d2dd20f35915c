"""Turn a framework file and its includes into a checked `Framework`, or say exactly why not.

The loader reads TOML, merges included catalogues, validates with pydantic, runs the whole-file
checks and translates every failure into TOML words with file, line and key path. Problems are
collected, so an author fixes a file in one round rather than one error per run.
"""

from __future__ import annotations

import os
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from selfeval.errors import FrameworkError, Problem
from selfeval.framework.checks import check_framework, did_you_mean
from selfeval.framework.model import Framework
from selfeval.locate import KeyPath, LineIndex, toml_path
from selfeval.tomlfile import TomlText, read_toml

__all__ = ["INCLUDABLE", "load_framework", "problems_from_validation"]

INCLUDABLE = ("scales", "reference_frameworks", "stages", "tags")
"""The tables an included file may hold: shared vocabulary, never sections."""


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
        index = self.index(doc)
        line = index.line_of(local)
        if line is None and not exact:
            found = index.nearest(local)
            if found:
                local, line = found
        return Problem(message, doc.path, line, toml_path(local) or None, hint)


def load_framework(path: Path | str) -> Framework:
    """Load, merge, validate and cross-check the framework at *path*.

    Raises `FrameworkError` listing every problem found, each with file, line and key path.
    """
    main = read_toml(Path(path), FrameworkError, "framework")
    _refuse_foreign(main)
    origin = _Origin(main)
    merged = _merge_includes(main, origin)
    try:
        framework = Framework.model_validate(merged)
    except ValidationError as exc:
        raise FrameworkError(problems_from_validation(exc, origin.problem, Framework)) from None
    findings = check_framework(framework)
    if findings:
        raise FrameworkError(origin.problem(f.path, f.message, f.hint) for f in findings)
    return framework


def _refuse_foreign(doc: TomlText) -> None:
    data = doc.data
    if "sections" in data or "id" in data:
        return
    if "answers" in data or "setting" in data:
        message = "this is an evaluation (a setting's answers), not a framework"
        hint = "use `selfeval score` on evaluations; `selfeval validate` checks framework files"
    else:
        keys = ", ".join(sorted(data)[:5]) or "nothing"
        message = f"this TOML file is not a framework (its top-level keys are: {keys})"
        hint = "a framework has `id`, `version`, `title`, `scale` and [[sections]]"
    raise FrameworkError([Problem(message, doc.path, hint=hint)])


def _merge_includes(main: TomlText, origin: _Origin) -> dict[str, Any]:
    """The framework's data with each included file's entries placed before its own."""
    problems: list[Problem] = []
    includes = main.data.get("include", [])
    docs = []
    for n, name in enumerate(includes if isinstance(includes, list) else []):
        if isinstance(name, str):
            included = _read_include(main, name, ("include", n), origin, problems)
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
    return merged


def _read_include(
    main: TomlText, name: str, at: KeyPath, origin: _Origin, problems: list[Problem]
) -> TomlText | None:
    target = Path(os.path.normpath(main.path.parent / name))
    try:
        included = read_toml(target, FrameworkError, "framework")
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
    extra = sorted(set(included.data) - set(INCLUDABLE))
    for key in extra:
        index = LineIndex(included.text)
        problems.append(
            Problem(
                f"an included file may not define `{key}`",
                included.path,
                index.line_of((key,)),
                key,
                f"included files hold only {', '.join(INCLUDABLE)}; move `{key}` to the framework",
            )
        )
    for key in INCLUDABLE:
        if key in included.data and not isinstance(included.data[key], list):
            extra.append(key)
            problems.append(
                Problem(
                    f"`{key}` must be an array of tables, e.g. [[{key}]]",
                    included.path,
                    LineIndex(included.text).line_of((key,)),
                    key,
                )
            )
    return None if extra else included


_TOML_TYPES: dict[type, str] = {
    str: "text",
    bool: "true/false",
    int: "a whole number",
    float: "a decimal number",
    dict: "a table",
    list: "an array",
}

_EXPECTED = {
    "string_type": "text in quotes",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "tuple_type": 'an array, e.g. ["a", "b"]',
    "list_type": 'an array, e.g. ["a", "b"]',
    "model_type": "a table",
    "dict_type": "a table",
    "model_attributes_type": "a table",
}


def _toml_type(value: object) -> str:
    for kind, word in _TOML_TYPES.items():
        if type(value) is kind:
            return word
    return type(value).__name__.replace("datetime", "a date and time").replace("date", "a date")


def problems_from_validation(
    exc: ValidationError,
    problem_at: typing.Callable[..., Problem],
    root: type[BaseModel],
) -> list[Problem]:
    """Translate pydantic's errors into TOML words, each at its own key path."""
    problems = []
    errors = exc.errors(include_url=False)
    failed = [tuple(error["loc"]) for error in errors if error["type"] != "too_short"]
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "too_short" and any(f[: len(loc)] == loc for f in failed):
            continue  # pydantic counts only the valid entries; the real error is inside
        if loc and loc[-1] == "[key]":
            loc = loc[:-1]
        message, hint, at, exact = _explain(error, loc, root)
        problems.append(problem_at(at, message, hint, exact))
    return problems


def _explain(
    error: ErrorDetails, loc: KeyPath, root: type[BaseModel]
) -> tuple[str, str | None, KeyPath, bool]:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        name = str(loc[-1])
        doc = _field_doc(root, loc)
        return f"missing required key `{name}`", doc, loc[:-1], False
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(root, loc[:-1])
        hint = did_you_mean(name, allowed, "allowed keys here: " + ", ".join(sorted(allowed)))
        return f"unknown key `{name}`", hint, loc, True
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_toml_type(value)}", None, loc, True
    if kind == "string_pattern_mismatch":
        if loc[-1] == "version" and len(loc) == 1:
            return f"{value!r} is not a version number", 'write it like "1.0.0"', loc, True
        return (
            f"{value!r} is not a valid id",
            "ids use lower-case letters, digits, '.', '_' and '-', e.g. \"stem-1.3-vision-01\"",
            loc,
            True,
        )
    if kind == "string_too_short":
        return "must not be empty", None, loc, True
    if kind == "too_short":
        minimum = (error.get("ctx") or {}).get("min_length", 1)
        return f"needs at least {minimum} entr{'y' if minimum == 1 else 'ies'}", None, loc, True
    if kind == "int_parsing" and len(loc) >= 2 and loc[-2] == "anchors":
        return (
            f"anchor key {loc[-1]!r} is not a level number",
            'key anchors by the scale value they describe, e.g. { 2 = "...", 4 = "..." }',
            loc,
            True,
        )
    return error["msg"], None, loc, True


def _model_at(root: type[BaseModel], path: KeyPath) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (tuple, list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found:
                return found
    return None


def _allowed_keys(root: type[BaseModel], path: KeyPath) -> list[str]:
    model = _model_at(root, path)
    return list(model.model_fields) if model else []


def _field_doc(root: type[BaseModel], loc: KeyPath) -> str | None:
    model = _model_at(root, loc[:-1])
    if model is None or loc[-1] not in model.model_fields:
        return None
    doc = model.model_fields[str(loc[-1])].description
    return f"`{loc[-1]}`: {doc}" if doc else None
