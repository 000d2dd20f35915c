"""`selfeval compare` over many evaluation files: cold, parallel and warm, against floors.

Run: python benchmarks/bench_compare.py [N ...]   (default: 5000 30000)
For each N it makes N synthetic evaluations, then times, each in a fresh process with its peak
memory: the floors (reading the bytes; parsing the same data as JSON; a bare tomllib parse) and
`compare --format json` cold on one core (no cache), cold on every core, and warm (cache filled).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from selfeval.bulk import default_jobs
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework

READ = """
import sys
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob("*.toml")):
    p.read_bytes()
"""
JSON = """
import json, sys
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob("*.json")):
    json.loads(p.read_bytes())
"""
TOMLLIB = """
import sys, tomllib
from pathlib import Path
for p in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(p.read_text(encoding="utf-8"))
"""


def _run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one child process (its workers not included)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{argv} failed with {child.returncode}")
    return seconds, usage.ru_maxrss / 1024


def bench(count: int, work: Path) -> None:
    folder = work / f"evaluations-{count}"
    json_folder = work / f"json-{count}"
    _, framework = find_framework("stem")
    started = time.perf_counter()
    paths = make_demo(folder, framework, DemoPlan(settings=count))
    print(f"\n{count} evaluations (made in {time.perf_counter() - started:.0f} s)")
    json_folder.mkdir()
    for n, path in enumerate(paths):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        (json_folder / f"{n}.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    env = {**os.environ, "SELFEVAL_CACHE": str(work / f"cache-{count}")}
    compare = ["-m", "selfeval", "compare", str(folder), "--format", "json"]
    rows = [
        ("read the bytes (floor)", _run(["-c", READ, str(folder)])),
        ("parse equivalent JSON (floor)", _run(["-c", JSON, str(json_folder)])),
        ("bare tomllib parse", _run(["-c", TOMLLIB, str(folder)])),
        ("compare, cold, 1 process", _run([*compare, "--no-cache", "--jobs", "1"], env)),
        (f"compare, cold, {default_jobs()} processes", _run([*compare], env)),
        ("compare, warm (cache)", _run([*compare], env)),
    ]
    tomllib_time = rows[2][1][0]
    json_time = rows[1][1][0]
    for name, (seconds, peak) in rows:
        print(
            f"  {name:<32} {seconds:7.2f} s  {seconds / tomllib_time:5.2f} x tomllib  "
            f"{seconds / json_time:6.2f} x JSON   peak memory {peak:5.0f} MB"
        )


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [5000, 30000]
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            bench(count, Path(tmp))


if __name__ == "__main__":
    main()
