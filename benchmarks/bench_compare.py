"""`selfeval compare` over many evaluation files: cold, parallel and warm, against floors.

Run: python benchmarks/bench_compare.py [N ...]   (default: 5000 30000)
For each N it makes N synthetic evaluations, then times, each in a fresh process with its peak
memory: the floors (reading the bytes; parsing the same data as JSON; a bare tomllib parse) and
`compare --format json` cold on one core (no cache), cold on every core, and warm (cache filled).
Every row but the bare tomllib parse (a scale for reading alone) is the best of three runs,
as the other benchmarks' start-up figures are: on this shared machine one run of a third of a
second varies by a tenth, one of two seconds by a fifth.
Each cold run with a cache fills an empty one of its own, as a first comparison does.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import tomllib
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table, run_measured

from selfeval.compare.parallel import default_jobs
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


def rows(count: int, work: Path) -> list[Row]:
    """compare over *count* files, cold/parallel/warm, against reading, JSON and tomllib floors."""
    folder = work / f"evaluations-{count}"
    json_folder = work / f"json-{count}"
    _, framework = find_framework("stem")
    paths = make_demo(folder, framework, DemoPlan(settings=count))
    json_folder.mkdir()
    for n, path in enumerate(paths):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        (json_folder / f"{n}.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    env = {**os.environ, "SELFEVAL_CACHE": str(work / f"cache-{count}")}
    fresh = [{**os.environ, "SELFEVAL_CACHE": str(work / f"cache-{count}-{n}")} for n in range(3)]
    compare = ["-m", "selfeval", "compare", str(folder), "--format", "json"]
    read, read_mb = _best(["-c", READ, str(folder)])
    as_json, json_mb = _best(["-c", JSON, str(json_folder)])
    bare, bare_mb = run_measured(["-c", TOMLLIB, str(folder)])
    one, one_mb = _best([*compare, "--no-cache", "--jobs", "1"], env)
    many, many_mb = _best_of_each(compare, fresh)  # each run fills a cache of its own
    warm, warm_mb = _best([*compare], fresh[0])
    jobs = default_jobs()
    tag = f"{count} files"
    return [
        Row(f"{tag}: read the bytes (floor)", read, "bare tomllib parse", bare,
            f"{read_mb:.0f} MB"),
        Row(f"{tag}: parse as JSON (floor)", as_json, "bare tomllib parse", bare,
            f"{json_mb:.0f} MB"),
        Row(f"{tag}: compare, cold, 1 process", one, "bare tomllib parse", bare,
            f"{one_mb:.0f} MB (tomllib {bare_mb:.0f} MB)"),
        Row(f"{tag}: compare, cold, {jobs} processes", many, "compare, cold, 1 process", one,
            f"{many_mb:.0f} MB in the main process"),
        Row(f"{tag}: compare, cold, {jobs} processes", many, "parse as JSON (floor)", as_json,
            "target: 4x or less (filling the cache on the way)"),
        Row(f"{tag}: compare, warm (cache)", warm, "parse as JSON (floor)", as_json,
            f"{warm_mb:.0f} MB"),
    ]  # fmt: skip


def _best(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """The fastest of three fresh runs, and the largest peak memory among them."""
    return _best_of_each(argv, [env] * 3)


def _best_of_each(argv: list[str], envs: Sequence[dict[str, str] | None]) -> tuple[float, float]:
    """The fastest of a fresh run in each of *envs*, and the largest peak memory among them."""
    runs = [run_measured(argv, env) for env in envs]
    return min(s for s, _ in runs), max(mb for _, mb in runs)


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [5000, 30000]
    table = []
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            table += rows(count, Path(tmp))
    print_table(table)


if __name__ == "__main__":
    main()
