"""Every benchmark in one run, printed as one table of figures against same-run baselines.

Run: python benchmarks/run.py            (quick: 1,000 files, 100 charts; about 3 minutes)
     python benchmarks/run.py --full     (5,000 and 30,000 files, 300 charts; about 20 minutes)
Machines here are noisy, so read the ratio column; the absolute times are for orientation.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_charts
import bench_compare
import bench_load
import bench_moderation
import bench_plan
import bench_report
import bench_score
import bench_tui
import bench_tui_large
from _timing import Row, print_table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="authority-scale sizes (slow)")
    args = parser.parse_args()
    files = [5000, 30000] if args.full else [1000]
    table: list[Row] = []
    steps = [
        ("framework load", bench_load.rows),
        ("scoring", lambda: bench_score.rows(5000 if args.full else 1000)),
        ("TUI start and rating", bench_tui.rows),
        ("TUI on a large framework", lambda: bench_tui_large.rows(300)),
        ("moderation of 30 views", lambda: bench_moderation.rows(30)),
        ("batch radar export", lambda: bench_charts.rows(300 if args.full else 100)),
        ("the Word plan of a full secondary", lambda: bench_plan.rows(7 if args.full else 3)),
        ("the report of two years", lambda: bench_report.rows(7 if args.full else 3)),
    ]
    for name, step in steps:
        print(f"... {name}", file=sys.stderr, flush=True)
        table += step()
    with tempfile.TemporaryDirectory() as tmp:
        for count in files:
            print(f"... compare over {count} files", file=sys.stderr, flush=True)
            table += bench_compare.rows(count, Path(tmp))
    print_table(table)


if __name__ == "__main__":
    main()
