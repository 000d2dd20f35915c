"""Colours and line styles that stay distinguishable without colour vision and in greyscale."""

from __future__ import annotations

__all__ = ["LEVEL_COLOURS", "LINESTYLES", "MARKERS", "PALETTE"]

PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
"""Okabe and Ito's colour-blind-safe palette (blue, orange, green, purple, sky blue, vermilion)."""

LINESTYLES: list[str | tuple[int, tuple[int, ...]]] = [
    "-", "--", "-.", ":", (0, (5, 1)), (0, (3, 1, 1, 1, 1, 1)),
]  # fmt: skip
MARKERS = ["o", "s", "^", "D", "v", "P"]

LEVEL_COLOURS = {
    1: "#b2182b",
    2: "#ef8a62",
    3: "#fddbc7",
    4: "#d1e5f0",
    5: "#67a9cf",
    6: "#2166ac",
}
"""A diverging red-to-blue ramp for levels 1-6 (ColorBrewer RdBu), readable by most colour-blind
viewers; charts also print the numbers or words so colour is never the only cue."""
