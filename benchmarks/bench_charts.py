"""Batch radar export: per-chart time against a naive create-draw-save loop, same records;
and a comparison's charts written as PNG compressed once against compressed twice.

Run: python benchmarks/bench_charts.py [CHARTS]   (default 200)
The batch keeps one figure whose fixed frame is pre-rendered (blitting); the naive loop builds,
draws and saves a new figure per chart. Both write PNG at the same size and resolution.
A comparison's charts (distribution, heatmap, small multiples) were saved as matplotlib's PNG,
read back and packed again as a 256-colour PNG (`_twice`, as selfeval did); now they are drawn
to raw pixels and packed once (`figure_bytes`). Same figures, same run.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import Row, best_of, print_table, run_measured
from matplotlib.figure import Figure
from PIL import Image

from selfeval.charts.describe import profile_of, source_note
from selfeval.charts.distribution import distribution_figure
from selfeval.charts.export import DPI, figure_bytes
from selfeval.charts.frame import Caption
from selfeval.charts.heatmap import heatmap_pages
from selfeval.charts.multiples import small_multiples_pages
from selfeval.charts.radar import RadarBatch, radar_figure
from selfeval.compare.collect import collect
from selfeval.compare.records import Collection, distributions, group_records
from selfeval.demo import DemoPlan, make_demo
from selfeval.framework.catalog import find_framework
from selfeval.framework.model import Scale


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
        *_compressed_once(collection, framework.rating_scale),
    ]  # fmt: skip


def _twice(figure: Figure) -> bytes:
    """The PNG as selfeval wrote it before: matplotlib's PNG, read back, packed again."""
    drawn = io.BytesIO()
    figure.savefig(drawn, format="png", dpi=DPI)
    with Image.open(drawn) as image:
        flat = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        out = io.BytesIO()
        flat.save(out, format="PNG")
    return min(out.getvalue(), drawn.getvalue(), key=len)


def _compressed_once(collection: Collection, scale: Scale) -> list[Row]:
    """Each comparison chart of the first set of QIs as PNG: once against twice."""
    part = collection.parts(collection.records)[0]
    records, columns = part.records, part.columns
    caption = Caption("Bench", "Source: bench")
    groups = group_records(records, "cluster", collection.framework)
    figures = {
        "distribution": distribution_figure(
            distributions(records, columns, scale, 5), scale, caption
        ),
        "heatmap": heatmap_pages(records, columns, scale, caption, None, collection.framework, 5)[
            0
        ],
        "small multiples": small_multiples_pages(groups, columns, scale, caption, 5)[0],
    }
    rows = []
    for name, figure in figures.items():
        once = best_of(partial(figure_bytes, figure, "png"), repeat=3)
        twice = best_of(partial(_twice, figure), repeat=3)
        size = f"{len(figure_bytes(figure, 'png')) // 1024} KB vs {len(_twice(figure)) // 1024} KB"
        rows.append(Row(f"{name} PNG, compressed once", once, "compressed twice (before)",
                        twice, size))  # fmt: skip
    return rows


def main() -> None:
    print_table(rows(int(sys.argv[1]) if len(sys.argv) > 1 else 200))


if __name__ == "__main__":
    main()
