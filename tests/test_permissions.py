"""Every file selfeval writes gets the permissions the user's umask gives ordinary files, so
colleagues on a shared drive can open an evaluation, a plan or a chart (and a private umask keeps
them private). Still written atomically: no temp file is left beside them."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from selfeval.cli import main

from .conftest import DATA

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no umask")

GOOD = DATA / "golden" / "evaluations" / "balburn-nursery.stem.2026-27.toml"


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_outputs_follow_the_umask(umask: int, tmp_path: Path) -> None:
    evaluation = tmp_path / "e.toml"
    evaluation.write_bytes(GOOD.read_bytes())
    os.chmod(evaluation, 0o666 & ~umask)
    assert main(["plan", str(evaluation), "-o", str(tmp_path / "plan.md")]) == 0
    assert main(["plan", str(evaluation), "-o", str(tmp_path / "plan.docx")]) == 0
    assert main(["chart", str(evaluation), "-o", str(tmp_path / "radar.svg")]) == 0
    assert main(["demo", str(tmp_path / "demo"), "--settings", "2"]) == 0
    written = [
        tmp_path / "plan.md",
        tmp_path / "plan-radar.png",
        tmp_path / "plan.docx",
        tmp_path / "radar.svg",
        *sorted((tmp_path / "demo").glob("*.toml")),
    ]
    for path in written:
        assert _mode(path) == 0o666 & ~umask, path
    assert not list(tmp_path.rglob("*.tmp"))
