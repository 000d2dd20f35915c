"""Frozen dataclasses to JSON-ready plain data and back, checked against their annotations.

Caches keep what the start screen and comparisons need of a framework as such dataclasses. A
cache file is input like any other (anyone who can write the cache folder can plant one), so
it is kept as JSON, never pickle, and rebuilt only where every value has the type its field
declares: anything else is refused with `ValueError`, which a cache treats as a miss. It
needs no pydantic, so the first screen can read it before the models load.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

__all__ = ["from_plain", "to_plain"]

T = TypeVar("T")
_DEPTH = 32
"""Nesting beyond which a value is refused (ours are a few levels deep)."""


def to_plain(value: object) -> object:
    """*value* (a dataclass, tuple, frozenset, dict, str, int, float, bool or None, nested)
    as JSON-ready data: dataclasses as objects, tuples and sets as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_plain(item) for item in value]
    if isinstance(value, frozenset):
        return sorted(to_plain(item) for item in value)  # type: ignore[type-var]
    if isinstance(value, dict):
        return {str(key): to_plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"{type(value).__name__} is not plain data")


def from_plain(kind: type[T], data: object) -> T:
    """*data* (as `to_plain` made it) as a *kind*, checked all the way down."""
    found: T = _build(kind, data, 0)
    return found


def _build(kind: Any, data: object, depth: int) -> Any:
    if depth > _DEPTH:
        raise ValueError("nested too deeply")
    origin, args = typing.get_origin(kind), typing.get_args(kind)
    if origin in (Union, types.UnionType):
        for option in args:
            try:
                return _build(option, data, depth + 1)
            except ValueError:
                continue
        raise ValueError(f"{data!r:.40} is none of {kind}")
    if dataclasses.is_dataclass(kind):
        return _dataclass(kind, data, depth)
    if origin is tuple:
        return _tuple(args, data, depth)
    if origin is frozenset:
        return frozenset(_build(args[0], item, depth + 1) for item in _list(data))
    if origin is dict:
        if not isinstance(data, dict):
            raise ValueError("expected an object")
        return {
            _build(args[0], k, depth + 1): _build(args[1], v, depth + 1) for k, v in data.items()
        }
    return _scalar(kind, data)


def _dataclass(kind: Any, data: object, depth: int) -> Any:
    if not isinstance(data, dict):
        raise ValueError(f"expected an object for {kind.__name__}")
    hints = _hints(kind)
    names = [f.name for f in dataclasses.fields(kind) if f.init]
    if set(data) != set(names):
        raise ValueError(f"{kind.__name__} has other fields")
    return kind(**{name: _build(hints[name], data[name], depth + 1) for name in names})


def _tuple(args: tuple[Any, ...], data: object, depth: int) -> tuple[Any, ...]:
    items = _list(data)
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_build(args[0], item, depth + 1) for item in items)
    if len(items) != len(args):
        raise ValueError("a tuple of another length")
    return tuple(_build(arg, item, depth + 1) for arg, item in zip(args, items, strict=True))


def _list(data: object) -> list[object]:
    if not isinstance(data, list):
        raise ValueError("expected a list")
    return data


def _scalar(kind: Any, data: object) -> object:
    if kind is type(None):
        if data is not None:
            raise ValueError("expected null")
        return None
    if kind is bool:
        if not isinstance(data, bool):
            raise ValueError("expected true or false")
        return data
    if kind is int:
        if isinstance(data, bool) or not isinstance(data, int):
            raise ValueError("expected an integer")
        return data
    if kind is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise ValueError("expected a number")
        return float(data)
    if kind is str:
        if not isinstance(data, str):
            raise ValueError("expected a string")
        return data
    raise ValueError(f"{kind} is not plain data")


@cache
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)
