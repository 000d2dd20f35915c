"""Batch radar export: per-chart time against a naive create-draw-save loop, same records.

Run: python benchmarks/bench_charts.py [CHARTS]   (default 200)
The batch keeps one figure whose fixed frame is pre-rendered (blitting); the naive loop builds,
draws and saves a new figure per chart. Both write PNG at the same size and resolution.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, print_table, run_measured

from selfeval.charts.describe import profile_of, source_note
from selfeval.charts.export import figure_bytes
from selfeval.charts.radar import RadarBatch, radar_figure
from selfeval.compare.collect import collect
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework


def rows(count: int = 200) -> list[Row]:
    """Per-chart time of the batch export and of the naive loop."""
    _, framework = find_framework("stem")
    with tempfile.TemporaryDirectory() as tmp:
        make_demo(Path(tmp) / "in", framework, DemoPlan(settings=count))
        collection = collect([Path(tmp) / "in"])
        argv = ["-m", "selfeval", "compare", f"{tmp}/in", "-o", f"{tmp}/out", "--each"]
        export, export_mb = run_measured([*argv, "--jobs", "1", "--no-cache"])
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
    note = f"all 2,439 schools: ~{reused * 2439:.0f} s on one core"
    return [
        Row(f"radar PNG per chart, batch ({len(records)})", reused, "naive loop, per chart",
            naive, note),
        Row(f"compare --each, {len(records)} radars, 1 process", export / len(records),
            "naive loop, per chart", naive, f"per chart; peak {export_mb:.0f} MB"),
    ]  # fmt: skip


def main() -> None:
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 200))


if __name__ == "__main__":
    main()
