"""Where selfeval finds frameworks and keeps evaluations: the one seam tests redirect.

Bundled frameworks live in the installed package (copied in by the wheel build) or, in a source
checkout, in the repository's ``frameworks/`` folder. Evaluations go to ``./responses`` unless the
user (or ``SELFEVAL_RESPONSES``) says otherwise.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import platformdirs

__all__ = [
    "bundled_frameworks_dir",
    "cache_dir",
    "config_file",
    "default_responses_dir",
    "framework_files",
    "local_frameworks_dir",
    "shadow_notice",
    "shadowed",
]

RESPONSES_ENV = "SELFEVAL_RESPONSES"


@cache  # the package does not move while selfeval runs; asked for on every start
def bundled_frameworks_dir() -> Path:
    """The frameworks shipped with selfeval: in the package when installed, else the checkout's."""
    package = Path(__file__).resolve().parent  # a folder: selfeval reads real files only
    packaged = package / "frameworks"
    return packaged if packaged.is_dir() else package.parent / "frameworks"


def local_frameworks_dir() -> Path:
    """Frameworks a user keeps beside their work: ``./frameworks``."""
    return Path.cwd() / "frameworks"


def default_responses_dir() -> Path:
    """Where evaluations are saved unless ``--responses`` says otherwise."""
    configured = os.environ.get(RESPONSES_ENV)
    return Path(configured) if configured else Path.cwd() / "responses"


CACHE_ENV = "SELFEVAL_CACHE"


def cache_dir() -> Path:
    """Where selfeval keeps caches: ``SELFEVAL_CACHE``, else the platform's user cache folder
    (``~/.cache/selfeval`` on Linux, ``%LOCALAPPDATA%\\selfeval\\Cache`` on Windows)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("selfeval", appauthor=False))


CONFIG_ENV = "SELFEVAL_CONFIG"


def config_file() -> Path:
    """selfeval's settings file: ``SELFEVAL_CONFIG``, else ``config.toml`` in the platform's
    user config folder (``~/.config/selfeval`` on Linux, ``%LOCALAPPDATA%\\selfeval`` on
    Windows, ``~/Library/Application Support/selfeval`` on macOS)."""
    configured = os.environ.get(CONFIG_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_config_dir("selfeval", appauthor=False)) / "config.toml"


def framework_files() -> list[Path]:
    """Every framework file in the local and bundled folders, local first, without duplicates.

    Files under ``common/`` are shared vocabulary for ``include``, not frameworks of their own.
    """
    seen: set[Path] = set()
    found: list[Path] = []
    for folder in (local_frameworks_dir(), bundled_frameworks_dir()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                found.append(path)
    return found


def shadowed() -> list[tuple[Path, Path]]:
    """Local framework files (``./frameworks``) that stand in for a bundled one of the same
    name, each with the bundled file: said wherever they are used, so that a copy left in a
    shared folder never replaces the bundled framework unnoticed."""
    local, bundled = local_frameworks_dir(), bundled_frameworks_dir()
    if not local.is_dir() or local.resolve() == bundled.resolve():
        return []
    ours = {p.name: p for p in bundled.glob("*.toml")}
    return [(p, ours[p.name]) for p in sorted(local.glob("*.toml")) if p.name in ours]


def shadow_notice(spec: str | None) -> str | None:
    """ "using ./frameworks/stem.toml instead of the bundled framework", where the framework
    *spec* names (an id) is a local file standing in for a bundled one."""
    wanted = (spec or "stem") + ".toml"
    for local, _ in shadowed():
        if local.name == wanted:
            return f"using {local} instead of the bundled framework of the same name"
    return None
