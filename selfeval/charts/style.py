"""Colours and line styles that stay distinguishable without colour vision and in greyscale.

Level colours come from the framework's scale, not from a fixed list: levels below the scale's
"good" are reds, levels from "good" up are blues, both darker towards the ends of the scale. A
plain diverging ramp folds over when printed in grey: its two ends are both dark and its two
middles both pale, so "weak" and "good" (or "unsatisfactory" and "excellent") print as nearly
the same grey, and a committee paper on a grey printer loses the reading that matters. So every
level gets a grey of its own (evenly spaced), given out from the darkest to the
ends of the scale alternately: the lowest level darkest, then the highest, then the next lowest,
and so on, the two middle levels lightest. Any two levels differ in lightness as well as hue,
and neighbours mostly by twice the step. The step is even in the grey a printer makes
(0-255, as a grey printer or `convert("L")` makes them), from 34 to 226: up to six levels
print at least 35 greys apart, however the scale divides at "good" (spread evenly in CIELAB
L*, as before, "weak" and "very good" of a scale good from 2 printed 33 apart, and eight
levels as little as 15). Seven or more levels cannot all be 35 apart in a printer's greys
(192 / 35: six steps at most), so they share the range evenly, each two at least 192 / (n -
1) apart, the widest spacing there is; bars and keys keep the levels in order and the
heatmap prints each cell's number, so grey is never the only cue.
"""

from __future__ import annotations

from matplotlib import colormaps
from matplotlib.colors import to_hex, to_rgb

from selfeval.framework.model import Scale

__all__ = [
    "DARKEST",
    "LATEST",
    "LIGHTEST",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "level_colours",
    "lightness",
    "luminance",
    "printed_grey",
    "text_colour",
    "year_shades",
]

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
"""Okabe and Ito's colour-blind-safe palette (blue, orange, green, purple, sky blue, vermilion)."""

LINESTYLES: list[str | tuple[int, tuple[int, ...]]] = [
    "-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)),
]  # fmt: skip
MARKERS = ["o", "s", "^", "D", "v", "P"]

DARKEST, LIGHTEST = 34.0, 226.0
"""The printed grey (0-255, `printed_grey`) of the darkest and lightest level colours (about
CIELAB L* 20 and 90): dark enough to read as a colour at the ends, light enough for black
text at the middle, and short of paper white ("no level")."""


def level_colours(scale: Scale) -> dict[int, str]:
    """A colour per level of *scale*, diverging at its "good" boundary, each of a lightness of
    its own (see the module's note). Charts also print numbers or words, so colour is never the
    only cue."""
    low = sorted(v for v in scale.values if v < scale.good_from)
    high = sorted((v for v in scale.values if v >= scale.good_from), reverse=True)
    ends = [side.pop(0) for _ in range(len(low) + len(high)) for side in (low, high) if side]
    step = (LIGHTEST - DARKEST) / max(1, len(ends) - 1)
    return {
        value: _rdbu_at(DARKEST + step * n, red=value < scale.good_from)
        for n, value in enumerate(ends)
    }


def _rdbu_at(target: float, red: bool) -> str:
    """The colour of ColorBrewer's RdBu, on its red half or its blue one, that prints as the
    grey *target* (`printed_grey`): grey runs one way along each half, so it is found by
    bisection."""
    ramp = colormaps["RdBu"].resampled(4096)  # 256 colours: greys up to 3 off their place
    lo, hi = (0.0, 0.5) if red else (0.5, 1.0)  # red: dark to white; blue: white to dark
    for _ in range(40):
        mid = (lo + hi) / 2
        lighter = printed_grey(to_hex(ramp(mid))) < target
        if lighter == red:
            lo = mid
        else:
            hi = mid
    return to_hex(ramp((lo + hi) / 2))


def lightness(colour: str) -> float:
    """CIELAB L* of *colour*: its grey as the eye sees it, 0 black to 100 white."""
    y = luminance(colour)
    return 116 * y ** (1 / 3) - 16 if y > 216 / 24389 else y * 24389 / 27


def luminance(colour: str) -> float:
    """Relative luminance (WCAG): what a colour becomes when printed in grey, 0 black to 1 white."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def printed_grey(colour: str) -> float:
    """The grey (0 black to 255 white) a grey printer or a greyscale conversion makes of
    *colour*: ITU-R BT.601 luma of its gamma-encoded channels, as PIL's `convert("L")`."""
    r, g, b = to_rgb(colour)
    return 255 * (0.299 * r + 0.587 * g + 0.114 * b)


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on *background*."""
    return "white" if luminance(background) < 0.18 else "black"


LATEST = "#053061"
"""The latest year of a setting over time: RdBu's darkest blue."""


def year_shades(count: int) -> list[str]:
    """A colour per year, oldest first: earlier years in greys, lighter the older (so two
    earlier years still read apart), the latest dark blue, darker than any of them."""
    earlier = count - 1
    greys = [f"{0.78 - 0.3 * n / max(1, earlier - 1):.2f}" for n in range(earlier)]
    return [*greys, LATEST]
