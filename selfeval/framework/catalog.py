"""Find a framework by id or path among the bundled and local ones."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from selfeval.errors import FrameworkError, SelfevalError
from selfeval.framework.compiled import load_compiled, load_derived
from selfeval.paths import framework_files, shadowed

if TYPE_CHECKING:
    from selfeval.framework.model import Framework

__all__ = [
    "DEFAULT_FRAMEWORK",
    "Listed",
    "cached_derived",
    "cached_framework",
    "describe_frameworks",
    "find_framework",
    "framework_by_id",
    "is_framework_id",
    "list_frameworks",
]

DEFAULT_FRAMEWORK = "stem"
T = TypeVar("T")


@dataclass(frozen=True)
class Listed:
    """A framework file found on disk, loaded or with the reason it could not be."""

    path: Path
    framework: Framework | None
    error: FrameworkError | None


def list_frameworks() -> list[Listed]:
    """Every framework file in the local and bundled folders, each loaded or with its error."""
    from selfeval.framework.loader import load_framework

    listed = []
    for path in framework_files():
        try:
            listed.append(Listed(path, load_framework(path), None))
        except FrameworkError as exc:
            listed.append(Listed(path, None, exc))
    return listed


def find_framework(spec: str | None = None) -> tuple[Path, Framework]:
    """The framework named by *spec*: a path to a TOML file, or the id of a known framework.

    Without *spec*, the default framework (STEM).
    """
    named = _named_file(spec)
    if named is not None:
        return named, load_compiled(named)
    spec = spec or DEFAULT_FRAMEWORK
    for listed in list_frameworks():
        if listed.framework is not None and listed.framework.id == spec:
            return listed.path, listed.framework
    known = ", ".join(sorted(p.stem for p in framework_files())) or "none"
    raise SelfevalError(
        f"no framework called {spec!r}",
        f"give the path of a .toml file, or one of the known frameworks: {known}",
    )


_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*$")
"""A framework id as frameworks give them ("stem", "hgios4-core"), never a path."""


def framework_by_id(framework_id: str) -> tuple[Path, Framework]:
    """The framework an evaluation file names by *framework_id*, found only among the known
    frameworks (the local and bundled folders): a file never chooses what else is opened, so
    an id that looks like a path (or a Windows share, which would send the user's network
    credentials to it) is refused, not opened."""
    if not is_framework_id(framework_id):
        raise SelfevalError(
            f"the file names its framework as {framework_id!r}, which is not a framework id; "
            "a path in a file is never opened",
            "open it with --framework and the framework's id or file",
        )
    return find_framework(framework_id)


def is_framework_id(text: str) -> bool:
    """Whether *text* is a framework id, not a path (nor anything a path could be made of)."""
    return bool(_ID.match(text)) and not text.endswith(".toml")


def _named_file(spec: str | None) -> Path | None:
    """The file *spec* names, found without loading a framework: a path, or a framework file
    named after the id (None: only loading the frameworks can tell which has that id)."""
    spec = spec or DEFAULT_FRAMEWORK
    if spec.endswith(".toml") or "/" in spec or "\\" in spec:
        return Path(spec)
    return next((path for path in framework_files() if path.stem == spec), None)


@cache
def cached_derived(spec: str, name: str, kind: type[T], derive: Callable[[Framework], T]) -> T:
    """*derive* of the framework *spec* names, remembered per process and kept beside its
    compiled copy (see `selfeval.framework.compiled.load_derived`)."""
    path = _named_file(spec) or find_framework(spec)[0]
    return load_derived(path, name, kind, derive)


@cache
def cached_framework(spec: str) -> Framework:
    """`find_framework` remembered per process: bulk readers look one up per file."""
    return find_framework(spec)[1]


def describe_frameworks() -> list[str]:
    """Lines for `selfeval frameworks`: each framework's id, version, title, size and file,
    and any local file that stands in for a bundled one."""
    lines = [
        f"{local}: used instead of the bundled {bundled.name} (remove it to use the bundled one)"
        for local, bundled in shadowed()
    ]
    for item in list_frameworks():
        fw = item.framework
        if fw is None:
            count = len(item.error.problems) if item.error else 0
            lines.append(f"{item.path}: cannot be loaded ({count} problems; run selfeval validate)")
            continue
        stages = ", ".join(stage.id for stage in fw.stages)
        lines.append(
            f"{fw.id:<12} {fw.version:<8} {fw.title}\n"
            f"{'':<21} {len(fw.sections)} sections, {len(fw.statements)} statements; "
            f"stages: {stages}\n"
            + "".join(f"{'':<21} {line}\n" for line in _judged_against(fw))
            + f"{'':<21} {item.path}"
        )
    return lines


def _judged_against(fw: Framework) -> list[str]:
    """Which published quality indicators each stage's sections are keyed to, e.g.
    "elc: HGIOELC, How good is our early learning and childcare? (2016)"."""
    by_reference: dict[str, list[str]] = {}
    for stage in fw.stages:
        by_reference.setdefault(stage.qi_framework, []).append(stage.id)
    lines = []
    for reference, stages in by_reference.items():
        lines.append(f"{', '.join(stages)}: quality indicators of {_name(fw, reference)}")
        for stage_id in stages:
            others = fw.stage(stage_id).other_qi_frameworks
            if others:
                listed = "; ".join(_name(fw, other) for other in others)
                lines.append(f"{'':<4}({stage_id} settings may choose instead: {listed})")
    return lines


def _name(fw: Framework, reference: str) -> str:
    """E.g. "HGIOELC, How good is our early learning and childcare? (2016)", with when it was
    published where the framework says."""
    known = next((r for r in fw.reference_frameworks if r.id == reference), None)
    if known is None:
        return reference
    when = f", published {known.published}" if known.published else ""
    return f"{known.short_title}, {known.title}{when}"
