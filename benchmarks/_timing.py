"""Timing helpers shared by the benchmark scripts: best-of-N wall time, printed as ratios."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of(func: Callable[[], object], repeat: int = 7, number: int = 1) -> float:
    """The fastest of *repeat* runs of *number* calls, in seconds per call (least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def report(rows: list[tuple[str, float, str, float]]) -> None:
    """Print one line per figure: what, its time, its baseline and their ratio."""
    width = max(len(row[0]) for row in rows)
    for name, seconds, baseline_name, baseline in rows:
        print(
            f"{name:<{width}}  {seconds * 1000:9.2f} ms   "
            f"{seconds / baseline:6.2f} x {baseline_name} ({baseline * 1000:.2f} ms)"
        )
