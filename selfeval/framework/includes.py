"""Where a framework's `include` entries point, and which of them may be read.

Apart from the loader so that checking whether a compiled copy is current needs no pydantic.
"""

from __future__ import annotations

from pathlib import Path

from selfeval.paths import bundled_frameworks_dir

__all__ = ["include_target"]


def include_target(framework: Path, name: str) -> tuple[Path | None, tuple[str, str] | None]:
    """The file an `include` entry names, or None and why it may not be read.

    Includes stay inside the framework's own folder or selfeval's bundled ``common/`` (which a
    framework anywhere can name as "common/…"): a framework dropped in a shared folder must not
    make selfeval read, and echo, files from elsewhere. Links are followed before the check.
    """
    home = framework.parent.resolve()
    bundled = bundled_frameworks_dir().resolve()
    target = (home / name).resolve()
    if not target.exists() and Path(name).parts[:1] == ("common",):
        target = (bundled / name).resolve()
    if target == framework.resolve():
        return None, (
            f"the framework includes itself ({name!r})",
            'remove it from `include`: list only shared files such as "common/hgios.toml"',
        )
    if not (target.is_relative_to(home) or target.is_relative_to(bundled / "common")):
        return None, (
            f"the included file {name!r} is outside this framework's folder",
            "include files from the framework's own folder, or selfeval's shared ones such as "
            '"common/hgios.toml"; copy any other file beside the framework',
        )
    return target, None
