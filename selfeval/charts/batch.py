"""One radar chart per setting, for a whole authority or every school, reusing one figure.

Each worker process keeps one `RadarBatch` (frame drawn once, outline moved per chart); with
several cores the records are shared out in chunks. Settings with no level at all get no chart
(there is nothing to draw) and are counted instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from selfeval.charts.describe import profile_of, source_note
from selfeval.charts.export import figure_bytes
from selfeval.charts.radar import RadarBatch
from selfeval.compare.parallel import chunked, map_chunks
from selfeval.compare.records import INSPECTION, Collection, Record
from selfeval.digest.framework import QIColumn
from selfeval.evaluation.store import slugify
from selfeval.files.atomic import atomic_write_bytes
from selfeval.framework.model import Scale

__all__ = ["EachReport", "chart_name", "export_each"]

PARALLEL_FROM = 100
"""Below this many charts, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class EachReport:
    """What `export_each` wrote and skipped."""

    written: list[Path]
    without_level: int


def chart_name(record: Record, fmt: str, taken: set[str]) -> str:
    """A readable, unique file name for *record*'s chart."""
    parts = [slugify(record.name) or "setting"]
    if record.seed_code:
        parts.append(record.seed_code)
    if record.when:
        parts.append(f"{record.when:%Y-%m-%d}")
    parts.append(record.kind)
    base = "-".join(parts)
    name, n = f"{base}.{fmt}", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}.{fmt}"
    taken.add(name)
    return name


def _columns_for(records: Sequence[Record], columns: Sequence[QIColumn]) -> list[QIColumn]:
    present = {qi for r in records for qi in (*r.suggested, *r.confirmed)}
    return [c for c in columns if c.id in present]


Job = tuple[list[tuple[Record, Path]], list[QIColumn], Scale, str]


def _draw(job: Job) -> list[Path]:
    """Draw and write one chunk of charts with one reused figure."""
    items, columns, scale, fmt = job
    batch = RadarBatch(columns, scale, keyed=any(r.kind != INSPECTION for r, _ in items))
    written = []
    for record, path in items:
        args = (profile_of(record, columns), record.name, source_note([record]), record.synthetic)
        data = batch.png(*args) if fmt == "png" else figure_bytes(batch.render(*args), fmt)
        atomic_write_bytes(path, data)
        written.append(path)
    return written


def export_each(
    collection: Collection, folder: Path, fmt: str, scale: Scale, jobs: int = 1
) -> EachReport:
    """Write a radar for every record with a level into *folder*; spokes are its kind's QIs."""
    folder.mkdir(parents=True, exist_ok=True)
    work: list[Job] = []
    taken: set[str] = set()
    skipped = 0
    groups = sorted({(r.kind, r.stage or "", r.against) for r in collection.records})
    for kind, stage, against in groups:
        records = [
            r for r in collection.of_kind(kind) if (r.stage or "") == stage and r.against == against
        ]
        own = [c for c in collection.columns_for(stage) if c.framework == against]
        columns = _columns_for(records, own)
        if len(columns) < 3:
            continue  # a radar needs three spokes to mean anything
        items = []
        for record in records:
            if all(record.level(c.id) is None for c in columns):
                skipped += 1
                continue
            items.append((record, folder / chart_name(record, fmt, taken)))
        size = -(-len(items) // max(1, jobs))  # one chunk per worker
        work += [(list(chunk), columns, scale, fmt) for chunk in chunked(items, size)]
    total = sum(len(job[0]) for job in work)
    written = map_chunks(_draw, work, jobs, parallel=total >= PARALLEL_FROM)
    return EachReport(written, skipped)
