"""One radar chart per setting, for a whole authority or every school, reusing one figure."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from selfeval.charts.describe import profile_of, source_note
from selfeval.charts.export import figure_bytes
from selfeval.charts.radar import RadarBatch
from selfeval.comparison import Collection, QIColumn, Record
from selfeval.evaluation.store import slugify
from selfeval.framework.model import Scale
from selfeval.storage import atomic_write_bytes

__all__ = ["chart_name", "export_each"]


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


def export_each(collection: Collection, folder: Path, fmt: str, scale: Scale) -> list[Path]:
    """Write a radar for every record into *folder*; spokes are the QIs its kind has."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    taken: set[str] = set()
    kinds = sorted({r.kind for r in collection.records})
    for kind in kinds:
        records = collection.of_kind(kind)
        columns = _columns_for(records, collection.columns)
        if len(columns) < 3:
            continue  # a radar needs three spokes to mean anything
        batch = RadarBatch(columns, scale)
        for record in records:
            args = (profile_of(record, columns), record.name, source_note([record]))
            if fmt == "png":
                data = batch.png(*args, record.synthetic)
            else:
                data = figure_bytes(batch.render(*args, record.synthetic), fmt)
            path = folder / chart_name(record, fmt, taken)
            atomic_write_bytes(path, data)
            written.append(path)
    return written
