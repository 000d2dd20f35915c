"""Colours and line styles that stay distinguishable without colour vision and in greyscale.

Level colours come from the framework's scale, not from a fixed list: levels below the scale's
"good" are reds, darker the lower; levels from "good" up are blues, darker the higher. The HGIOS
six-point scale gets ColorBrewer's six-class RdBu exactly; other scales sample the same ramp.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex, to_rgb

from selfeval.framework.model import Scale

__all__ = ["LINESTYLES", "MARKERS", "PALETTE", "level_colours", "text_colour"]

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
"""Okabe and Ito's colour-blind-safe palette (blue, orange, green, purple, sky blue, vermilion)."""

LINESTYLES: list[str | tuple[int, tuple[int, ...]]] = [
    "-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)),
]  # fmt: skip
MARKERS = ["o", "s", "^", "D", "v", "P"]

_REDS = ["#b2182b", "#ef8a62", "#fddbc7"]
"""ColorBrewer RdBu (6 classes), the red half: darkest (lowest level) first."""
_BLUES = ["#d1e5f0", "#67a9cf", "#2166ac"]
"""The blue half: lightest (just good) first."""


def level_colours(scale: Scale) -> dict[int, str]:
    """A colour per level of *scale*, diverging at its "good" boundary.

    Charts also print numbers or words, so colour is never the only cue.
    """
    low = sorted(v for v in scale.values if v < scale.good_from)
    high = sorted(v for v in scale.values if v >= scale.good_from)
    return dict(zip(low, _half(len(low), _REDS, 0.0, 0.4), strict=True)) | dict(
        zip(high, _half(len(high), _BLUES, 0.6, 1.0), strict=True)
    )


def _half(count: int, brewer: list[str], start: float, stop: float) -> list[str]:
    """*count* colours of one half of the ramp: ColorBrewer's own for up to three."""
    if count <= len(brewer):
        return brewer[:count] if start == 0.0 else brewer[len(brewer) - count :]
    ramp = colormaps["RdBu"]
    step = (stop - start) / (count - 1)
    return [to_hex(ramp(start + i * step)) for i in range(count)]


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on *background*."""
    r, g, b = to_rgb(background)
    return "white" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4 else "black"
