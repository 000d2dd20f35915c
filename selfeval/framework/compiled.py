"""A compiled copy of each framework the app opens, so that starting it does not parse,
validate and cross-check the same TOML every time (about 35 ms of a 0.6 s start).

The copy is a pickle in the user's cache folder, used only while it provably matches: the
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
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from selfeval import __version__
from selfeval.errors import FrameworkError, SelfevalError
from selfeval.files.atomic import atomic_write_bytes
from selfeval.files.toml import MAX_BYTES, read_regular, read_toml
from selfeval.framework.includes import include_target

if TYPE_CHECKING:
    from selfeval.framework.model import Framework

__all__ = ["load_compiled", "load_derived"]

_FORMAT = 3
T = TypeVar("T")


def load_compiled(path: Path) -> Framework:
    """The framework at *path*, from its compiled copy where that matches, else loaded from
    its TOML (and then stored for next time)."""
    from selfeval.framework.loader import load_framework
    from selfeval.framework.model import Framework

    def build() -> Framework:
        framework = load_framework(path)
        # kept in the copy: working it out serialises the whole framework, and building
        # pydantic's serialiser for that was 30 ms of opening an evaluation
        _ = framework.content_hash
        return framework

    return _stored(path, "", Framework, build)


def load_derived(path: Path, name: str, kind: type[T], derive: Callable[[Framework], T]) -> T:
    """*derive* applied to the framework at *path*, kept beside its compiled copy under the
    same key (and the code of the package *derive* is in, whose classes the value is made of):
    what a command needs of a framework, as plain data, without loading the framework (or
    pydantic) while the files are unchanged."""
    module = sys.modules[derive.__module__].__file__

    def build() -> T:
        return derive(load_compiled(path))

    return _stored(path, name, kind, build, Path(module).parent if module else None)


def _stored(
    path: Path, name: str, kind: type[T], build: Callable[[], T], code: Path | None = None
) -> T:
    """The value stored for *path* under *name* while its key matches, else *build*'s (then
    stored). *code*: a package folder whose edits also make the stored value stale."""
    try:
        resolved = path.resolve()
        suffix = f".{name}" if name else ""
        store = cache_file(f"{_digest(str(resolved).encode())[:24]}{suffix}.pickle")
        found = _read(store, kind)
        if found is not None and found[0] == _key(resolved, found[1], code):
            return found[2]
    except (OSError, ValueError):
        return build()
    value = build()
    try:
        names = _include_names(resolved)
        entry = (_key(resolved, names, code), names, value)
        store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(store, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, ValueError, SelfevalError, pickle.PicklingError):
        pass  # a read-only or full cache folder, or a pipe or link there, costs only time
    return value


def cache_file(name: str) -> Path:
    """Where a compiled copy called *name* is kept."""
    from selfeval.paths import cache_dir

    return cache_dir() / "frameworks" / name


def _read(store: Path, kind: type[T]) -> tuple[object, list[str], T] | None:
    """The stored (key, include names, value), or None where there is none or it is not one
    of ours."""
    try:  # only a regular file of bounded size: a pipe or /dev/zero must not hang the start
        raw = read_regular(store, FrameworkError, "compiled framework", MAX_BYTES)
    except FrameworkError:
        return None
    try:
        key, names, value = pickle.loads(raw)
    except Exception:  # a damaged, truncated or foreign file is only a cache miss
        return None
    if not isinstance(value, kind) or not isinstance(names, list):
        return None
    return key, names, value


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
