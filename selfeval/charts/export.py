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
    with rc_context({"svg.hashsalt": "selfeval"}):  # the same chart gives the same bytes
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
    return buffer.getvalue()


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
