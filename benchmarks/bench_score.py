"""Load and score thousands of evaluations, against a bare tomllib parse of the same files.

Run: python benchmarks/bench_score.py [N]   (default 5,000 synthetic evaluations from `demo`)
`score` is the full result a headteacher sees (strengths, next steps, profiles); comparisons use
the lighter `suggest_levels`. Both are measured after a full tomllib parse and validation.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table

from selfeval.demo import DemoPlan, make_demo
from selfeval.errors import EvaluationError
from selfeval.evaluation.store import parse_evaluation
from selfeval.files.toml import parse_toml
from selfeval.framework.catalog import find_framework
from selfeval.scoring import score, suggest_levels


def _timed(func: Callable[[], object]) -> float:
    """The best of three runs (as timeit does): the least disturbed by other work."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def rows(count: int = 5000) -> list[Row]:
    """Per-evaluation times of parse+validate, +score, +suggest_levels, against tomllib."""
    _, framework = find_framework("stem")
    with tempfile.TemporaryDirectory() as tmp:
        paths = make_demo(Path(tmp), framework, DemoPlan(settings=count))
        blobs = [(p, p.read_bytes()) for p in paths]
    evaluations = [
        parse_evaluation(parse_toml(p, raw, EvaluationError, "evaluation")) for p, raw in blobs
    ]
    floor = _timed(lambda: [tomllib.loads(raw.decode("utf-8")) for _, raw in blobs]) / count
    loaded = (
        _timed(
            lambda: [
                parse_evaluation(parse_toml(p, raw, EvaluationError, "evaluation"))
                for p, raw in blobs
            ]
        )
        / count
    )
    scored = _timed(lambda: [score(e, framework) for e in evaluations]) / count
    levels = _timed(lambda: [suggest_levels(e, framework) for e in evaluations]) / count
    base = "tomllib parse, per file"
    return [
        Row(f"parse + validate one evaluation ({count})", loaded, base, floor),
        Row("score one evaluation (full result)", scored, base, floor),
        Row("suggest levels only (comparisons)", levels, base, floor),
    ]


def main() -> None:
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 5000))


if __name__ == "__main__":
    main()
