"""Score thousands of evaluations, against a bare tomllib load of the same files.

Run: python benchmarks/bench_score.py [N]   (default 5,000 synthetic evaluations from `demo`)
Prints per-file times and ratios: tomllib parse (the floor for reading TOML), parse + validate,
and parse + validate + score.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tomllib
from pathlib import Path

from selfeval.demo import DemoPlan, make_demo
from selfeval.evaluation.store import load_evaluation_bytes
from selfeval.framework.catalog import find_framework
from selfeval.scoring import score


def _timed(label: str, func: object) -> float:
    start = time.perf_counter()
    func()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"  {label:<34} {seconds:7.2f} s", flush=True)
    return seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    _, framework = find_framework("stem")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"making {count} synthetic evaluations ...", flush=True)
        paths = make_demo(folder, framework, DemoPlan(settings=count))
        blobs = [(p, p.read_bytes()) for p in paths]

        def bare() -> None:
            for _, raw in blobs:
                tomllib.loads(raw.decode("utf-8"))

        def validated() -> None:
            for path, raw in blobs:
                load_evaluation_bytes(path, raw)

        def scored() -> None:
            for path, raw in blobs:
                score(load_evaluation_bytes(path, raw), framework)

        floor = _timed("tomllib parse (baseline)", bare)
        loaded = _timed("parse + validate", validated)
        total = _timed("parse + validate + score", scored)
    per = 1000 / count
    print(
        f"per evaluation: baseline {floor * per:.2f} ms, load {loaded * per:.2f} ms, "
        f"load+score {total * per:.2f} ms"
    )
    print(
        f"ratios: load {loaded / floor:.2f} x tomllib; load+score {total / floor:.2f} x tomllib; "
        f"scoring alone {(total - loaded) / floor:.2f} x tomllib"
    )


if __name__ == "__main__":
    main()
