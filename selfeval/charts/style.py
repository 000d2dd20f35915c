"""Colours and line styles that stay distinguishable without colour vision and in greyscale.

Level colours come from the framework's scale, not from a fixed list: levels below the scale's
"good" are reds, darker the lower; levels from "good" up are blues, darker the higher. Printed in
grey, a plain diverging ramp folds over: "satisfactory" and "good" are both its palest shades and
print the same grey, losing the boundary that matters most. So the blues start a step darker
than the reds end (ColorBrewer RdBu's reds with its darker blues): every two neighbouring levels
differ in lightness as well as hue.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex, to_rgb

from selfeval.framework.model import Scale

__all__ = ["LINESTYLES", "MARKERS", "PALETTE", "level_colours", "luminance", "text_colour"]

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
"""Okabe and Ito's colour-blind-safe palette (blue, orange, green, purple, sky blue, vermilion)."""

LINESTYLES: list[str | tuple[int, tuple[int, ...]]] = [
    "-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)),
]  # fmt: skip
MARKERS = ["o", "s", "^", "D", "v", "P"]

_REDS = ["#b2182b", "#ef8a62", "#fddbc7"]
"""ColorBrewer RdBu (6 classes), the red half: darkest (lowest level) first."""
_BLUES = ["#92c5de", "#4393c3", "#053061"]
"""The blue half, lightest (just good) first: a step darker than the palest red."""


def level_colours(scale: Scale) -> dict[int, str]:
    """A colour per level of *scale*, diverging at its "good" boundary.

    Charts also print numbers or words, so colour is never the only cue.
    """
    low = sorted(v for v in scale.values if v < scale.good_from)
    high = sorted(v for v in scale.values if v >= scale.good_from)
    reds = _REDS[len(_REDS) - len(low) :] if len(low) <= len(_REDS) else _even(len(low), 0.0, 0.4)
    blues = _BLUES[: len(high)] if len(high) <= len(_BLUES) else _even(len(high), 0.7, 1.0)
    return dict(zip(low, reds, strict=True)) | dict(zip(high, blues, strict=True))


def _even(count: int, start: float, stop: float) -> list[str]:
    """*count* colours of RdBu between *start* and *stop*, evenly spaced in lightness (so they
    stay apart in grey), in the order start to stop."""
    ramp = colormaps["RdBu"]
    first, last = luminance(to_hex(ramp(start))), luminance(to_hex(ramp(stop)))
    colours = []
    for n in range(count):
        target = first + (last - first) * n / (count - 1)
        lo, hi = start, stop
        for _ in range(40):  # lightness runs one way along each half of the ramp: bisect
            mid = (lo + hi) / 2
            if (luminance(to_hex(ramp(mid))) < target) == (first < last):
                lo = mid
            else:
                hi = mid
        colours.append(to_hex(ramp((lo + hi) / 2)))
    return colours


def luminance(colour: str) -> float:
    """Relative luminance (WCAG): what a colour becomes when printed in grey, 0 black to 1 white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on *background*."""
    return "white" if luminance(background) < 0.18 else "black"
