"""Batch radar export and `compare` at authority scale, each against a same-run baseline.

Run: python benchmarks/bench_charts.py [CHARTS] [EVALUATIONS]   (defaults 200 and 5000)
1. Per-chart time of the batch radar export (one reused figure, only the outline moves) against
   a naive loop that builds, draws and saves a new figure for every chart. PNG, same records.
2. `selfeval compare DIR --format json` over EVALUATIONS synthetic evaluations: wall time and
   peak memory, against a process that only parses the same files with tomllib.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selfeval.charts.describe import profile_of, source_note
from selfeval.charts.export import figure_bytes
from selfeval.charts.radar import RadarBatch, radar_figure
from selfeval.comparison import collect
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework


def _charts(count: int, folder: Path) -> None:
    _, framework = find_framework("stem")
    make_demo(folder, framework, DemoPlan(settings=count))
    collection = collect([folder])
    records = collection.records[:count]
    columns, scale = collection.columns, framework.rating_scale

    start = time.perf_counter()
    for record in records:
        figure = radar_figure(columns, scale, [profile_of(record, columns)], record.name,
                              source_note([record]), record.synthetic)  # fmt: skip
        figure_bytes(figure, "png")
    naive = (time.perf_counter() - start) / len(records)

    start = time.perf_counter()
    batch = RadarBatch(columns, scale)
    for record in records:
        batch.png(profile_of(record, columns), record.name, source_note([record]),
                  record.synthetic)  # fmt: skip
    reused = (time.perf_counter() - start) / len(records)
    print(
        f"radar PNG per chart ({len(records)} charts): batch {reused * 1000:.1f} ms, naive "
        f"create-draw-save {naive * 1000:.1f} ms, ratio {reused / naive:.2f}"
    )
    print(f"  so all 2,439 schools: batch ~{reused * 2439:.0f} s, naive ~{naive * 2439:.0f} s")


PARSE_ONLY = """
import sys, tomllib
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.toml")):
    tomllib.loads(path.read_text(encoding="utf-8"))
"""


def _child(argv: list[str]) -> tuple[float, float]:
    """Wall time and peak memory (MB) of a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def _compare(count: int, folder: Path) -> None:
    _, framework = find_framework("stem")
    make_demo(folder, framework, DemoPlan(settings=count))
    floor, floor_mb = _child([sys.executable, "-c", PARSE_ONLY, str(folder)])
    ours, ours_mb = _child(
        [sys.executable, "-m", "selfeval", "compare", str(folder), "--format", "json"]
    )
    print(
        f"compare over {count} evaluations: {ours:.1f} s, tomllib parse only {floor:.1f} s, "
        f"ratio {ours / floor:.2f}; peak memory {ours_mb:.0f} MB (parse only {floor_mb:.0f} MB; "
        "peak of the largest child so far)"
    )


def main() -> None:
    charts = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    evaluations = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        _charts(charts, Path(tmp) / "charts")
        _compare(evaluations, Path(tmp) / "compare")


if __name__ == "__main__":
    main()
