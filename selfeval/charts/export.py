"""Save a figure as PNG, SVG or PDF, chosen by the file's suffix, atomically."""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from selfeval.errors import SelfevalError
from selfeval.files.atomic import atomic_write_bytes

__all__ = ["FORMATS", "check_output", "figure_bytes", "save_figure"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DPI = 150
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def check_output(path: Path) -> str:
    """The format for *path*, or a clear error for an unknown suffix or a missing folder."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SelfevalError(
            f"{path}: cannot tell the chart format from {path.suffix or 'no suffix'!r}",
            "end the file name in .png (for Word), .svg (for the web) or .pdf (for print)",
        )
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SelfevalError(f"{folder}: no such folder", "create it first, or write elsewhere")
    return fmt


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure rendered in *fmt* (png, svg or pdf)."""
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = dict(_METADATA[fmt])
    title = figure.get_suptitle()
    if fmt in ("svg", "pdf") and title:
        metadata["Title"] = title
    with rc_context(
        {
            "svg.hashsalt": "selfeval",  # the same chart gives the same bytes
            "svg.fonttype": "none",  # SVG text stays text: searchable, read aloud, smaller
            "pdf.fonttype": 42,  # TrueType in PDFs, not Type 3: sharp and searchable in print
        }
    ):
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    data = buffer.getvalue()
    return smaller_png(data) if fmt == "png" else data


def smaller_png(data: bytes) -> bytes:
    """*data* as a 256-colour PNG when that is smaller (charts have few colours; the RGBA file
    matplotlib writes is often three times the size), else unchanged."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        flat = image.convert("RGB").quantize(colors=256, dither=Image.Dither.NONE)
        out = io.BytesIO()
        flat.save(out, format="PNG", optimize=True)
    packed = out.getvalue()
    return packed if len(packed) < len(data) else data


def save_figure(figure: Figure, path: Path) -> Path:
    """Write *figure* to *path*; the format follows the suffix."""
    fmt = check_output(path)
    try:
        atomic_write_bytes(path, figure_bytes(figure, fmt))
    except OSError as exc:
        raise SelfevalError(
            f"could not write {path} ({exc.strerror or exc})",
            "check that you can write to that folder",
        ) from None
    return path
