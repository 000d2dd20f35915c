"""Save a figure as PNG, SVG or PDF, chosen by the file's suffix, atomically."""

from __future__ import annotations

import io
import re
import weakref
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from matplotlib import rc_context
from matplotlib.figure import Figure

from selfeval.errors import SelfevalError
from selfeval.files.atomic import atomic_write_bytes

__all__ = [
    "FORMATS",
    "check_output",
    "figure_bytes",
    "page_paths",
    "pdf_pages_bytes",
    "png_bytes",
    "save_figure",
    "save_pages",
    "set_alt",
    "stale_pages",
    "with_title",
]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
DPI = 150
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "Creator": None, "Producer": None},
}


def _settings() -> AbstractContextManager[None]:
    """What every saved chart is written with."""
    return rc_context(
        {
            "svg.hashsalt": "selfeval",  # the same chart gives the same bytes
            "svg.fonttype": "none",  # SVG text stays text: searchable, read aloud, smaller
            "pdf.fonttype": 42,  # TrueType in PDFs, not Type 3: sharp and searchable in print
        }
    )


_ALT: weakref.WeakKeyDictionary[Figure, str] = weakref.WeakKeyDictionary()


def set_alt(figure: Figure, alt: str) -> None:
    """*figure*'s alt text: what it shows in words (a radar's every level), put first in the
    SVG's `<desc>`, which a screen reader says of the picture."""
    _ALT[figure] = alt


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
    if fmt == "png":
        return png_bytes(figure)
    buffer = io.BytesIO()
    metadata: dict[str, str | None] = dict(_METADATA[fmt])
    title = figure.get_suptitle()
    if fmt in ("svg", "pdf") and title:
        metadata["Title"] = title
    with _settings():
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    data = buffer.getvalue()
    if fmt == "svg":
        return with_title(data, title, _described(figure, title))
    return data


def _described(figure: Figure, title: str) -> str:
    """The figure's alt text, then what it says beside its title (its notes, its source),
    for a screen reader."""
    said = (" ".join(t.get_text().split()) for t in figure.texts)
    notes = [text for text in said if text and text != " ".join(title.split())]
    return " ".join([_ALT[figure], *notes] if figure in _ALT else notes)


def with_title(svg: bytes, title: str, description: str) -> bytes:
    """*svg* with `<title>` and `<desc>` as the first things in it: what a screen reader says
    of the image, and what a web page shows when the picture cannot be drawn."""
    from xml.sax.saxutils import escape

    start = svg.find(b"<svg")
    end = svg.find(b">", start) + 1
    if start < 0 or end <= 0:
        return svg
    said = f"<desc>{escape(description)}</desc>".encode()
    titled = svg.find(b"</title>", end, end + 4096)  # matplotlib writes one from the metadata
    if titled >= 0:
        at = titled + len(b"</title>")
        return svg[:at] + b"\n " + said + svg[at:]
    named = f"<title>{escape(' '.join(title.split()))}</title>".encode()
    return svg[:end] + b"\n " + named + said + svg[end:]


def png_bytes(figure: Figure) -> bytes:
    """*figure* as a 256-colour PNG, compressed once: drawn to raw pixels, reduced to a
    palette and packed by Pillow. Charts have few colours, and the palette file is a third
    of the size of the RGBA one matplotlib writes; but writing that one, reading it back and
    packing again (as selfeval did) compressed every chart twice, the first pass thrown away:
    about half the time of writing a comparison's charts (benchmarks/bench_charts.py)."""
    from PIL import Image

    raw = io.BytesIO()
    with _settings():
        figure.savefig(raw, format="rgba", dpi=DPI)
    width, height = (int(inches * DPI) for inches in figure.get_size_inches())
    pixels = raw.getvalue()
    if len(pixels) == width * height * 4:
        image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
    else:  # not as Agg sizes its canvas: let matplotlib say
        drawn = io.BytesIO()
        with _settings():
            figure.savefig(drawn, format="png", dpi=DPI, metadata=_METADATA["png"])
        image = Image.open(drawn)
    flat = image.convert("RGB").quantize(256, Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    packed = io.BytesIO()
    flat.save(packed, format="PNG", dpi=(DPI, DPI))  # printed at its size, not the viewer's guess
    return packed.getvalue()


def pdf_pages_bytes(figures: Sequence[Figure]) -> bytes:
    """*figures* as one PDF, a page each, titled by the first page's title."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    metadata: dict[str, str | None] = dict(_METADATA["pdf"])
    title = figures[0].get_suptitle() if figures else ""
    if title:
        metadata["Title"] = " ".join(title.split())
    with _settings(), PdfPages(buffer, metadata=metadata) as pdf:
        for figure in figures:
            pdf.savefig(figure)
    return buffer.getvalue()


def page_paths(path: Path, pages: int) -> list[Path]:
    """Where the pages of a chart go as PNG or SVG: *path* for one page, else a file a page
    ("heatmap-page1.png", "heatmap-page2.png", ...)."""
    if pages <= 1:
        return [path]
    return [path.with_name(f"{path.stem}-page{n}{path.suffix}") for n in range(1, pages + 1)]


def save_pages(figures: Sequence[Figure], path: Path) -> list[Path]:
    """Write a chart of one or more pages: a PDF of pages, or a PNG or SVG file a page (see
    `page_paths`); returns the files written."""
    fmt = check_output(path)
    if fmt == "pdf" and len(figures) > 1:
        _write(path, pdf_pages_bytes(figures))
        return [path]
    paths = page_paths(path, len(figures))
    for figure, where in zip(figures, paths, strict=True):
        _write(where, figure_bytes(figure, fmt))
    for stale in stale_pages(path, paths) if fmt != "pdf" else []:  # a PDF is never paged
        stale.unlink(missing_ok=True)
    return paths


def stale_pages(path: Path, written: Sequence[Path]) -> list[Path]:
    """The files an earlier run wrote for the chart *path* that this run, writing *written*,
    did not: "NAME-page3.png" when there are two pages now, every "NAME-pageN.png" when there
    is one, "NAME.png" when there are pages. Left, they would be read as part of this chart.
    Only files named exactly as `page_paths` names them (and regular files, not links) are
    ever picked: "NAME-page2-notes.png" or "NAME-page2.png.bak" are somebody else's."""
    pattern = re.compile(re.escape(path.stem) + r"-page[1-9][0-9]*" + re.escape(path.suffix))
    kept = {where.name for where in written}
    candidates = [path] if len(written) > 1 else []
    try:
        candidates += [p for p in path.parent.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return []
    return [p for p in candidates if p.name not in kept and p.is_file() and not p.is_symlink()]


def save_figure(figure: Figure, path: Path) -> Path:
    """Write *figure* to *path*; the format follows the suffix."""
    _write(path, figure_bytes(figure, check_output(path)))
    return path


def _write(path: Path, data: bytes) -> None:
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise SelfevalError(
            f"could not write {path} ({exc.strerror or exc})",
            "check that you can write to that folder",
        ) from None
