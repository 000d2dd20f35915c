"""Shared by the benchmark scripts: best-of-N timing and one table format for every figure."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


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
    if seconds >= 1:
        return f"{seconds:8.2f} s "
    return f"{seconds * 1000:8.1f} ms" if seconds >= 0.001 else f"{seconds * 1e6:8.0f} us"


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


_PEAK_WRAPPER = """
import atexit, runpy, sys

def _report():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                sys.stderr.write("PEAK_KB " + line.split()[1] + "\\n")

atexit.register(_report)
mode, target, *rest = sys.argv[1:]
sys.argv = [target, *rest]
if mode == "-m":
    runpy.run_module(target, run_name="__main__", alter_sys=True)
else:
    exec(compile(target, "<bench>", "exec"), {"__name__": "__main__"})
"""


@functools.cache
def compile_selfeval() -> None:
    """Write selfeval's bytecode once, before any process is timed.

    pip compiles a package when it installs it, so a user's selfeval never compiles its
    modules at start-up; a checkout run with PYTHONDONTWRITEBYTECODE would compile every
    module in every measured process (about 30 ms of a start), which Textual and the other
    installed libraries the baselines use never pay.
    """
    import compileall

    import selfeval

    compileall.compile_dir(Path(selfeval.__file__).parent, quiet=1)


def run_measured(argv: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of ``python ARGV`` in a fresh process, with selfeval
    compiled as an install has it (see `compile_selfeval`).

    The peak is read inside the child (VmHWM) because a forked child's rusage also counts the
    parent's memory from before exec. Worker processes the child starts are not included.
    """
    import subprocess
    import sys

    compile_selfeval()
    mode, target, *rest = argv
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_WRAPPER, mode, target, *rest],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-500:]}")
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KB")]
    return seconds, (int(peaks[-1]) / 1024 if peaks else float("nan"))
