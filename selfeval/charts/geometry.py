"""Pure geometry for radar charts: where each spoke points and where each level sits on it.

Spoke 0 points straight up and the spokes run clockwise, as people read a clock. A level's
distance from the centre is proportional to its value, so 6 (excellent) is the outer ring and
the centre is "no rating". A missing level (not enough evidence) is NaN, which matplotlib
draws as a gap, never as a zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["polygon_xy", "ring_label_xy", "ring_xy", "spoke_angles", "spoke_end", "to_xy"]


def spoke_angles(count: int) -> list[float]:
    """Angle of each spoke in radians, clockwise from straight up."""
    if count < 1:
        raise ValueError("a radar chart needs at least one spoke")
    return [2 * math.pi * i / count for i in range(count)]


def to_xy(angle: float, radius: float) -> tuple[float, float]:
    """Cartesian position of *radius* along the spoke at *angle*."""
    return radius * math.sin(angle), radius * math.cos(angle)


def spoke_end(angle: float, radius: float) -> tuple[float, float, str, str]:
    """Where a spoke's label goes, with horizontal and vertical alignment facing outwards."""
    x, y = to_xy(angle, radius)
    horizontal = (
        "center" if abs(x) < 1e-9 * radius + 0.05 * radius else ("left" if x > 0 else "right")
    )
    vertical = "center" if abs(y) < 0.3 * radius else ("bottom" if y > 0 else "top")
    return x, y, horizontal, vertical


def polygon_xy(
    levels: Sequence[int | None], angles: Sequence[float]
) -> tuple[list[float], list[float]]:
    """The closed outline through each level (NaN at missing ones, so they show as gaps)."""
    if len(levels) != len(angles):
        raise ValueError("one level per spoke")
    xs: list[float] = []
    ys: list[float] = []
    for level, angle in zip([*levels, levels[0]], [*angles, angles[0]], strict=True):
        if level is None:
            xs.append(math.nan)
            ys.append(math.nan)
        else:
            x, y = to_xy(angle, level)
            xs.append(x)
            ys.append(y)
    return xs, ys


def ring_xy(radius: float, angles: Sequence[float]) -> tuple[list[float], list[float]]:
    """The closed web-shaped ring through every spoke at *radius*."""
    points = [to_xy(angle, radius) for angle in [*angles, angles[0]]]
    return [x for x, _ in points], [y for _, y in points]


def ring_label_xy(radius: float, spokes: int, gap: int = 0) -> tuple[float, float]:
    """Where a ring's number goes: on the ring, halfway between spoke *gap* and the next.

    Markers sit only on spokes, so a number between two is clear of them (`radar_frame` picks
    a gap with no marker near). Rings are straight-edged: halfway between two spokes a ring of
    radius r is r·cos(π/n) from the centre, and the number sits there, on its ring. With fewer
    than three spokes there is no ring between them, and the number goes on the first spoke.
    """
    if spokes < 3:
        return to_xy(0.0, radius)
    half = math.pi / spokes
    return to_xy((2 * gap + 1) * half, radius * math.cos(half))
