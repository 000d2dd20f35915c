"""Colours and line styles that stay distinguishable without colour vision and in greyscale.

Level colours come from the framework's scale, not from a fixed list: a sequential ramp
(ColorBrewer's YlGnBu, safe for colour-blind readers), the lowest level lightest and the
highest darkest, so that printed in grey the order of the greys is the order of the levels.
A diverging ramp (reds below "good", blues from it) folds over in grey: its two ends both dark
and its two middles both pale, so "1 unsatisfactory" and "6 excellent" printed 23 and 72 and
"weak" and "excellent" looked alike; a committee paper on a grey printer lost the reading that
matters. The levels are spaced evenly in the grey a printer makes (0-255), from 224 down to
34, as two common conversions make it: BT.601 luma (a grey printer, PIL's `convert("L")`) and
Rec. 709 luma (ImageMagick's `-colorspace Gray`), weighed 4 to 1 (`BLEND`: the weighting that
keeps the least gap in either widest); so up to six levels print at least 35 greys apart in
either. Seven or more levels cannot all
be 35 apart (190 / 35: six steps at most), so they share the range evenly, each two about
190 / (n - 1) apart, the widest spacing there is; bars and keys keep the levels in order and
the heatmap prints each cell's number, so grey is never the only cue.
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
    "grey_709",
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

DARKEST, LIGHTEST = 34.0, 224.0
"""The printed grey (0-255, `printed_grey`) of the darkest and lightest level colours (about
CIELAB L* 20 and 90): dark enough to read as a colour at the ends, light enough for black
text at the middle, and short of paper white ("no level")."""


BLEND = 0.8
"""The weight of BT.601's grey against Rec. 709's in spacing the levels: the two conversions
part by up to 9 greys along YlGnBu, and this weighting leaves the least gap between two
levels, in either, 1 to 2 greys short of an even share (an equal weighting, 3)."""


def level_colours(scale: Scale) -> dict[int, str]:
    """A colour per level of *scale*, lightest for the lowest and darkest for the highest,
    evenly spaced in printed grey (see the module's note). Charts also print numbers or
    words, so colour is never the only cue."""
    values = sorted(scale.values)
    step = (LIGHTEST - DARKEST) / max(1, len(values) - 1)
    return {value: _ramp_at(LIGHTEST - step * n) for n, value in enumerate(values)}


def _ramp_at(target: float) -> str:
    """The colour of ColorBrewer's YlGnBu that prints as the grey *target* (`printed_grey`
    and `grey_709` weighed by `BLEND`): grey falls along the whole ramp, so it is found by
    bisection."""
    ramp = colormaps["YlGnBu"].resampled(4096)  # 256 colours: greys up to 3 off their place
    lo, hi = 0.0, 1.0  # pale yellow to dark blue
    for _ in range(40):
        mid = (lo + hi) / 2
        colour = to_hex(ramp(mid))
        if BLEND * printed_grey(colour) + (1 - BLEND) * grey_709(colour) > target:
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


def grey_709(colour: str) -> float:
    """The grey (0 black to 255 white) ImageMagick's `-colorspace Gray` makes of *colour*:
    ITU-R BT.709 luma of its gamma-encoded channels (greener, less blue than BT.601)."""
    r, g, b = to_rgb(colour)
    return 255 * (0.2126 * r + 0.7152 * g + 0.0722 * b)


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


ON_HATCH = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}
"""The ground of a count written over hatching (a side of good counted together), so the
hatch's lines never cross its digits."""
