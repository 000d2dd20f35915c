"""A compiled copy of each framework the app opens, so that starting it does not parse,
validate and cross-check the same TOML every time (about 35 ms of a 0.6 s start).

The copy is JSON in the user's cache folder, never pickle: a file there is input like any
other, validated on reading (the framework by its models, what is derived from it by
`selfeval.files.plaindata`), and only read from a folder this user alone can write
(`selfeval.files.private`). It is used only while it provably matches: the
bytes of the framework file and of every file it includes (by SHA-256), and the code that
built it (selfeval's version, Python's and pydantic's versions, and the size and modification
time of the framework package's modules, so an edited checkout never reads a stale model).
Anything else (no copy, another key, a damaged or unreadable file, a cache folder that cannot
be written) falls back to loading the TOML, which also reports every problem with its line.
Only frameworks that loaded without error are ever stored.

Beside each copy, plain data derived from it can be kept the same way (`load_derived`): a warm
comparison reads what it needs of the framework from there without importing pydantic.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from selfeval import __version__
from selfeval.errors import FrameworkError, SelfevalError
from selfeval.files.atomic import atomic_write_bytes
from selfeval.files.plaindata import from_plain, to_plain
from selfeval.files.private import make_private_folder, trusted
from selfeval.files.toml import MAX_BYTES, read_regular, read_toml
from selfeval.framework.includes import include_target

if TYPE_CHECKING:
    from selfeval.framework.model import Framework

__all__ = ["load_compiled", "load_derived"]

_FORMAT = 4
T = TypeVar("T")


def load_compiled(path: Path) -> Framework:
    """The framework at *path*, from its compiled copy where that matches, else loaded from
    its TOML (and then stored for next time)."""
    from selfeval.framework.loader import load_framework
    from selfeval.framework.model import Framework

    def build() -> Framework:
        return load_framework(path)

    def dump(framework: Framework) -> object:
        # its hash is kept too: working it out serialises the whole framework, and building
        # pydantic's serialiser for that was 30 ms of opening an evaluation
        return {"model": framework.model_dump(mode="json"), "hash": framework.content_hash}

    def restore(data: object) -> Framework:
        if not isinstance(data, dict) or not isinstance(data.get("hash"), str):
            raise ValueError("not a compiled framework")
        framework = Framework.model_validate(data["model"])
        framework.__dict__["content_hash"] = data["hash"]  # the cached property, kept
        return framework

    return _stored(path, "", _Codec(build, dump, restore))


def load_derived(path: Path, name: str, kind: type[T], derive: Callable[[Framework], T]) -> T:
    """*derive* applied to the framework at *path*, kept beside its compiled copy under the
    same key (and the code of the package *derive* is in, whose classes the value is made of):
    what a command needs of a framework, as plain data, without loading the framework (or
    pydantic) while the files are unchanged. *kind* is a frozen dataclass."""
    module = sys.modules[derive.__module__].__file__

    def build() -> T:
        return derive(load_compiled(path))

    def restore(data: object) -> T:
        return from_plain(kind, data)

    codec = _Codec(build, to_plain, restore)
    return _stored(path, name, codec, Path(module).parent if module else None)


class _Codec(Generic[T]):
    """How a stored value is made afresh, written as JSON-ready data, and read back (raising
    ValueError or TypeError for anything that is not such a value)."""

    def __init__(
        self,
        build: Callable[[], T],
        dump: Callable[[T], object],
        restore: Callable[[object], T],
    ) -> None:
        self.build, self.dump, self.restore = build, dump, restore


def _stored(path: Path, name: str, codec: _Codec[T], code: Path | None = None) -> T:
    """The value stored for *path* under *name* while its key matches, else built afresh
    (then stored). *code*: a package folder whose edits also make the stored value stale."""
    try:
        resolved = path.resolve()
        suffix = f".{name}" if name else ""
        store = cache_file(f"{_digest(str(resolved).encode())[:24]}{suffix}.json")
        found = _read(store, codec)
        if found is not None and found[0] == _plain_key(_key(resolved, found[1], code)):
            return found[2]
    except (OSError, ValueError):
        return codec.build()
    value = codec.build()
    try:
        names = _include_names(resolved)
        entry = {
            "format": _FORMAT,
            "key": _plain_key(_key(resolved, names, code)),
            "includes": names,
            "value": codec.dump(value),
        }
        _write(store, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
    except (OSError, ValueError, TypeError, SelfevalError):
        pass  # a read-only, full or shared cache folder, or a pipe or link there, costs time
    return value


def _write(store: Path, data: bytes) -> None:
    """Write a cache file, only into folders this user alone can write."""
    for folder in (store.parent.parent, store.parent):
        make_private_folder(folder)
        if not trusted(folder):
            raise ValueError(f"{folder} is not this user's own")
    atomic_write_bytes(store, data)


def cache_file(name: str) -> Path:
    """Where a compiled copy called *name* is kept."""
    from selfeval.paths import cache_dir

    return cache_dir() / "frameworks" / name


def _read(store: Path, codec: _Codec[T]) -> tuple[object, list[str], T] | None:
    """The stored (key, include names, value), or None where there is none, it is not one of
    ours, or it is in a folder (or a file) that someone else could have written."""
    if not all(trusted(p) for p in (store.parent.parent, store.parent, store)):
        return None
    try:  # only a regular file of bounded size: a pipe or /dev/zero must not hang the start
        raw = read_regular(store, FrameworkError, "compiled framework", MAX_BYTES)
    except FrameworkError:
        return None
    try:
        entry = json.loads(raw)
        if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
            return None
        names = entry["includes"]
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            return None
        return entry["key"], names, codec.restore(entry["value"])
    except (ValueError, TypeError, KeyError, RecursionError):  # damaged, truncated, foreign
        return None


def _plain_key(key: tuple[object, ...]) -> object:
    """*key* as it reads back from JSON (tuples as lists)."""
    return json.loads(json.dumps(key))


def _include_names(path: Path) -> list[str]:
    names = read_toml(path, FrameworkError, "framework", fast=True).data.get("include", [])
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _key(path: Path, names: list[str], code: Path | None) -> tuple[object, ...]:
    """What a compiled copy must match: the bytes of the framework and of the files its
    includes name (found afresh: a local file may now stand where a bundled one did), and
    the code that read them (the framework package, pydantic, and the package *code*)."""
    files = [path, *(target for n in names if (target := include_target(path, n)[0]))]
    here = Path(__file__).parent
    modules = [*sorted(here.glob("*.py")), *(sorted(code.glob("*.py")) if code else [])]
    return (
        _FORMAT,
        __version__,
        sys.version,
        _pydantic_stamp(),
        tuple((p.name, *_stamp(p)) for p in modules),
        tuple((str(p), _digest(p.read_bytes())) for p in files),
    )


def _pydantic_stamp() -> tuple[int, int] | None:
    """Which pydantic is installed, told without importing it (its version file's size and
    time: an upgrade rewrites it)."""
    spec = importlib.util.find_spec("pydantic")  # a top-level name: found, not imported
    return _stamp(Path(spec.origin).parent / "version.py") if spec and spec.origin else None


def _stamp(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
