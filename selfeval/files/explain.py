"""Say what pydantic found wrong in TOML words: key paths, TOML type names, "did you mean".

Framework files and evaluation files share this, so both read the same way to the people who edit
them by hand.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from selfeval.errors import Problem
from selfeval.files.docstrings import field_docs
from selfeval.files.locate import KeyPath, LineIndex, shown_key, toml_path

__all__ = ["ProblemAt", "did_you_mean", "locator", "problems_from_validation"]

ProblemAt = Callable[[KeyPath, str, str | None, bool], Problem]
"""Builds a located problem: (key path, message, hint, exact line or nearest table)."""


def locator(file: Path | None, index: LineIndex | None) -> ProblemAt:
    """A `ProblemAt` for one file: the exact line of a key, or its nearest table's if asked.

    Without an *index* (data that did not come from a file's text) problems carry no line.
    """

    def problem_at(path: KeyPath, message: str, hint: str | None, exact: bool) -> Problem:
        line = index.line_of(path) if index is not None else None
        if line is None and not exact and index is not None:
            found = index.nearest(path)
            if found:
                path, line = found
        return Problem(message, file, line, toml_path(path) or None, hint)

    return problem_at


def did_you_mean(word: str, choices: Iterable[str], fallback: str | None = None) -> str | None:
    """A "Did you mean …?" hint for a misspelt *word*, else *fallback*."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    if close:
        return f"did you mean `{close[0]}`?"
    return fallback


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
    problem_at: ProblemAt,
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
        return f"unknown key `{shown_key(name)}`", hint, loc, True
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_toml_type(value)}", None, loc, True
    if kind == "string_pattern_mismatch":
        pattern = str((error.get("ctx") or {}).get("pattern", ""))
        if "x00" in pattern:
            kind_of = (
                "text may have line breaks, but no other control codes"
                if "x0b" in pattern
                else "names are plain text on one line"
            )
            return (
                "contains a control character (such as an escape or a bell)",
                f"{kind_of}; retype it without pasted control codes",
                loc,
                True,
            )
        if loc[-1] == "version" and len(loc) == 1:
            return f"{_quoted(value)} is not a version number", 'write it like "1.0.0"', loc, True
        return (
            f"{_quoted(value)} is not a valid id",
            "ids use lower-case letters, digits, '.', '_' and '-', e.g. \"stem-1.3-vision-01\"",
            loc,
            True,
        )
    if kind == "string_too_short":
        return "must not be empty", None, loc, True
    if kind == "string_too_long":
        most = (error.get("ctx") or {}).get("max_length")
        return f"is {len(str(value)):,} characters long: at most {most} here", None, loc, True
    if kind == "too_short":
        minimum = (error.get("ctx") or {}).get("min_length", 1)
        return f"needs at least {minimum} entr{'y' if minimum == 1 else 'ies'}", None, loc, True
    if kind == "int_parsing" and len(loc) >= 2 and loc[-2] == "anchors":
        return (
            f"anchor key {_quoted(loc[-1])} is not a level number",
            'key anchors by the scale value they describe, e.g. { 2 = "...", 4 = "..." }',
            loc,
            True,
        )
    bounds = {
        "greater_than_equal": ("small", "at least", "ge"),
        "greater_than": ("small", "more than", "gt"),
        "less_than_equal": ("large", "at most", "le"),
        "less_than": ("large", "less than", "lt"),
    }
    if kind in bounds:
        size, words, key = bounds[kind]
        limit = (error.get("ctx") or {}).get(key)
        return f"{_quoted(value)} is too {size}: it must be {words} {limit}", None, loc, True
    if kind == "value_error":  # our own check's sentence, without pydantic's "Value error, "
        return str((error.get("ctx") or {}).get("error", error["msg"])), None, loc, True
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
    name = str(loc[-1])
    doc = model.model_fields[name].description or field_docs(model).get(name)
    return f"`{loc[-1]}`: {doc}" if doc else None


def _quoted(value: object, most: int = 60) -> str:
    """*value* as a message quotes it, cut to *most* characters: a message says which value,
    it need not repeat a thousand digits of it."""
    shown = repr(value)
    return shown if len(shown) <= most else f"{shown[: most - 1]}… ({len(shown):,} characters)"
