"""Shared by the benchmark scripts: best-of-N timing and one table format for every figure."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """One figure and the baseline it is compared with, both measured in the same run."""

    figure: str
    seconds: float
    baseline: str
    baseline_seconds: float
    note: str = ""

    @property
    def ratio(self) -> float:
        """Figure over baseline: below 1 is faster than the baseline."""
        return self.seconds / self.baseline_seconds if self.baseline_seconds else float("nan")


def best_of(func: Callable[[], object], repeat: int = 7, number: int = 1) -> float:
    """The fastest of *repeat* runs of *number* calls, in seconds per call (least noisy)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def _duration(seconds: float) -> str:
    return f"{seconds:8.2f} s " if seconds >= 1 else f"{seconds * 1000:8.1f} ms"


def print_table(rows: Sequence[Row]) -> None:
    """Print *rows* as one table: figure, time, ratio, baseline, notes."""
    width = max(len(r.figure) for r in rows)
    base = max(len(r.baseline) for r in rows)
    print(f"{'figure':<{width}}  {'time':>11}  {'ratio':>6}  {'baseline':<{base}}  {'time':>11}")
    for r in rows:
        print(
            f"{r.figure:<{width}}  {_duration(r.seconds)}  {r.ratio:6.2f}  {r.baseline:<{base}}  "
            f"{_duration(r.baseline_seconds)}  {r.note}"
        )
