"""A compiled copy of each framework the app opens, so that starting it does not parse,
validate and cross-check the same TOML every time (about 35 ms of a 0.6 s start).

The copy is a pickle in the user's cache folder, used only while it provably matches: the
bytes of the framework file and of every file it includes (by SHA-256), and the code that
built it (selfeval's version, Python's and pydantic's versions, and the size and modification
time of the framework package's modules, so an edited checkout never reads a stale model).
Anything else (no copy, another key, a damaged or unreadable file, a cache folder that cannot
be written) falls back to loading the TOML, which also reports every problem with its line.
Only frameworks that loaded without error are ever stored.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path

from selfeval import __version__
from selfeval.errors import FrameworkError, SelfevalError
from selfeval.files.atomic import atomic_write_bytes
from selfeval.files.toml import MAX_BYTES, read_regular, read_toml
from selfeval.framework.loader import include_target, load_framework
from selfeval.framework.model import Framework

__all__ = ["load_compiled"]

_FORMAT = 1


def load_compiled(path: Path) -> Framework:
    """The framework at *path*, from its compiled copy where that matches, else loaded from
    its TOML (and then stored for next time)."""
    from selfeval.paths import cache_dir

    try:
        resolved = path.resolve()
        store = cache_dir() / "frameworks" / f"{_digest(str(resolved).encode())[:24]}.pickle"
        found = _read(store)
        if found is not None and found[0] == _key(resolved, found[1]):
            return found[2]
    except (OSError, ValueError):
        return load_framework(path)
    framework = load_framework(path)
    try:
        names = _include_names(resolved)
        entry = (_key(resolved, names), names, framework)
        store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(store, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, ValueError, SelfevalError, pickle.PicklingError):
        pass  # a read-only or full cache folder, or a pipe or link there, costs only time
    return framework


def _read(store: Path) -> tuple[object, list[str], Framework] | None:
    """The stored (key, include names, framework), or None where there is none or it is not
    one of ours."""
    try:  # only a regular file of bounded size: a pipe or /dev/zero must not hang the start
        raw = read_regular(store, FrameworkError, "compiled framework", MAX_BYTES)
    except FrameworkError:
        return None
    try:
        key, names, framework = pickle.loads(raw)
    except Exception:  # a damaged, truncated or foreign file is only a cache miss
        return None
    if not isinstance(framework, Framework) or not isinstance(names, list):
        return None
    return key, names, framework


def _include_names(path: Path) -> list[str]:
    names = read_toml(path, FrameworkError, "framework", fast=True).data.get("include", [])
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


def _key(path: Path, names: list[str]) -> tuple[object, ...]:
    """What a compiled copy must match: the bytes of the framework and of the files its
    includes name (found afresh: a local file may now stand where a bundled one did), and
    the code that read them."""
    import pydantic

    files = [path, *(target for n in names if (target := include_target(path, n)[0]))]
    here = Path(__file__).parent
    code = [(p.name, *_stamp(p)) for p in sorted(here.glob("*.py"))]
    return (
        _FORMAT,
        __version__,
        sys.version,
        pydantic.VERSION,
        tuple(code),
        tuple((str(p), _digest(p.read_bytes())) for p in files),
    )


def _stamp(path: Path) -> tuple[int, int]:
    found = path.stat()
    return found.st_size, found.st_mtime_ns


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
